"""What a host site must set for Bokrao's pages, said by Django's system checks.

Each hint gives the line docs/extension.md asks for.
"""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.checks import Warning as CheckWarning

import theme

LOCALE_MIDDLEWARE = "django.middleware.locale.LocaleMiddleware"
SESSION_MIDDLEWARE = "django.contrib.sessions.middleware.SessionMiddleware"
COMMON_MIDDLEWARE = "django.middleware.common.CommonMiddleware"
DJANGO_TEMPLATES = "django.template.backends.django.DjangoTemplates"
# The base template reads the request (language links, the cookie banner) and the
# signed-in user (the footer's profile link).
CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.contrib.auth.context_processors.auth",
]


@register(Tags.translation)
def check_locale_middleware(app_configs=None, **kwargs):
    middleware = list(settings.MIDDLEWARE)
    if LOCALE_MIDDLEWARE not in middleware:
        return [
            Error(
                "LocaleMiddleware is not in MIDDLEWARE: /en/ pages are not found and every "
                "page is shown in LANGUAGE_CODE.",
                hint=f'Add "{LOCALE_MIDDLEWARE}" to MIDDLEWARE, after SessionMiddleware '
                "and before CommonMiddleware.",
                id="bokrao_theme.E001",
            )
        ]
    position = middleware.index(LOCALE_MIDDLEWARE)
    after_sessions = SESSION_MIDDLEWARE not in middleware or (
        middleware.index(SESSION_MIDDLEWARE) < position
    )
    before_common = COMMON_MIDDLEWARE not in middleware or (
        position < middleware.index(COMMON_MIDDLEWARE)
    )
    if after_sessions and before_common:
        return []
    return [
        CheckWarning(
            "LocaleMiddleware is not between SessionMiddleware and CommonMiddleware: "
            "addresses without a language prefix may not be redirected to one.",
            hint=f'Move "{LOCALE_MIDDLEWARE}" after SessionMiddleware and before CommonMiddleware.',
            id="bokrao_theme.W001",
        )
    ]


@register(Tags.templates)
def check_context_processors(app_configs=None, **kwargs):
    engines = [engine for engine in settings.TEMPLATES if engine.get("BACKEND") == DJANGO_TEMPLATES]
    if not engines:
        return [
            Error(
                "No DjangoTemplates engine in TEMPLATES: Bokrao's templates use Django's.",
                hint=f'Add {{"BACKEND": "{DJANGO_TEMPLATES}", "APP_DIRS": True}} to TEMPLATES.',
                id="bokrao_theme.E002",
            )
        ]
    processors = engines[0].get("OPTIONS", {}).get("context_processors", [])
    return [
        Error(
            f"{name} is not among the context processors of TEMPLATES[0]: Bokrao's pages "
            "fail without it.",
            hint=f'Add "{name}" to TEMPLATES[0]["OPTIONS"]["context_processors"].',
            id="bokrao_theme.E003",
        )
        for name in CONTEXT_PROCESSORS
        if name not in processors
    ]


@register(Tags.translation)
def check_admin_locale(app_configs=None, **kwargs):
    admin_locale = Path(theme.ADMIN_LOCALE_DIR).resolve()
    if any(Path(path).resolve() == admin_locale for path in settings.LOCALE_PATHS):
        return []
    return [
        CheckWarning(
            "Bokrao's Thai for the Wagtail admin (theme.ADMIN_LOCALE_DIR) is not in "
            "LOCALE_PATHS: parts of the admin stay in English for Thai editors.",
            hint="import theme, then add theme.ADMIN_LOCALE_DIR to LOCALE_PATHS: "
            "LOCALE_PATHS = [*LOCALE_PATHS, theme.ADMIN_LOCALE_DIR].",
            id="bokrao_theme.W002",
        )
    ]

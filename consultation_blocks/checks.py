"""What a host site must set for the participation app, said by Django's system checks.

Each message names what is missing and its hint gives the line to add, as
docs/extension.md does. The apps our models build on are asked for earlier, when
Django loads the app (refuse_missing_apps): without them no check could run.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.checks import Warning as CheckWarning
from django.core.exceptions import ImproperlyConfigured

# Our comment model subclasses django-comments-xtd's, which stores a site with each
# comment; the moderation rules and personal-data settings are Wagtail site settings.
REQUIRED_APPS = [
    "django_comments_xtd",
    "django_comments",
    "django.contrib.sites",
    "wagtail.contrib.settings",
]

COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "consultation_blocks.models.Comment"

# Task backends that do not hand the work to a worker.
NO_WORKER_TASKS = {
    "django_tasks.backends.immediate.ImmediateBackend": (
        "runs each task inside the request: emails are sent while the visitor waits"
    ),
    "django_tasks.backends.dummy.DummyBackend": "never runs the tasks: no email is sent",
}


def missing_apps(installed_apps):
    """The REQUIRED_APPS that `installed_apps` (INSTALLED_APPS entries) lacks."""

    def installed(name):
        # An entry is the app's module, or a dotted path to an AppConfig inside it.
        return any(entry == name or entry.startswith(f"{name}.apps.") for entry in installed_apps)

    return [name for name in REQUIRED_APPS if not installed(name)]


def refuse_missing_apps():
    """Stop loading with the line to add, instead of the RuntimeError Django would raise."""
    missing = missing_apps(settings.INSTALLED_APPS)
    if missing:
        lines = ", ".join(f'"{name}"' for name in missing)
        raise ImproperlyConfigured(
            f"Bokrao's consultation_blocks needs {lines} in INSTALLED_APPS "
            "(docs/extension.md, step 2)."
        )


@register(Tags.compatibility)
def check_comments_settings(app_configs=None, **kwargs):
    messages = []
    if getattr(settings, "COMMENTS_APP", None) != COMMENTS_APP:
        messages.append(
            Error(
                "COMMENTS_APP is not django-comments-xtd: django-comments would treat "
                "comments as its own plain model, not Bokrao's.",
                hint=f'Add COMMENTS_APP = "{COMMENTS_APP}" to your settings.',
                id="bokrao_blocks.E001",
            )
        )
    if getattr(settings, "COMMENTS_XTD_MODEL", None) != COMMENTS_XTD_MODEL:
        messages.append(
            Error(
                "COMMENTS_XTD_MODEL is not Bokrao's comment model: django-comments-xtd "
                "would keep its threads on another model.",
                hint=f'Add COMMENTS_XTD_MODEL = "{COMMENTS_XTD_MODEL}" to your settings.',
                id="bokrao_blocks.E002",
            )
        )
    if not hasattr(settings, "COMMENTS_XTD_MAX_THREAD_LEVEL"):
        messages.append(
            CheckWarning(
                "COMMENTS_XTD_MAX_THREAD_LEVEL is not set: django-comments-xtd then "
                "refuses every reply, so comment widgets offer none.",
                hint="Add COMMENTS_XTD_MAX_THREAD_LEVEL = 2 to your settings "
                "(replies to replies, no deeper).",
                id="bokrao_blocks.W001",
            )
        )
    if getattr(settings, "SITE_ID", None) is None:
        messages.append(
            CheckWarning(
                "SITE_ID is not set: comments are stored with site 1, and "
                "django-comments-xtd cannot find the current site without a request.",
                hint="Add SITE_ID = 1 to your settings.",
                id="bokrao_blocks.W002",
            )
        )
    return messages


@register(deploy=True)
def check_task_worker(app_configs=None, **kwargs):
    """Emails to participants go through django-tasks: a worker must send them."""
    if settings.DEBUG:
        return []
    tasks = getattr(settings, "TASKS", None) or {}
    backend = tasks.get("default", {}).get(
        "BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
    )
    if backend not in NO_WORKER_TASKS:
        return []
    return [
        CheckWarning(
            f"The default task backend ({backend.rsplit('.', 1)[-1]}) {NO_WORKER_TASKS[backend]}.",
            hint='Use the database backend: pip install django-tasks-db, add "django_tasks" '
            'and "django_tasks_db" to INSTALLED_APPS, set TASKS = {"default": {"BACKEND": '
            '"django_tasks_db.DatabaseBackend"}} and run `manage.py db_worker`.',
            id="bokrao_blocks.W004",
        )
    ]


STAFF_SIGN_IN_FORM = "consultation_blocks.staff.sign_in.StaffSignInForm"


@register(Tags.security)
def check_admin_sign_in(app_configs=None, **kwargs):
    """Wagtail's own sign-in form has no limit on password guesses, and signs in anyone."""
    if getattr(settings, "WAGTAILADMIN_USER_LOGIN_FORM", None) == STAFF_SIGN_IN_FORM:
        return []
    return [
        CheckWarning(
            "The Wagtail admin's sign-in (/admin/login/) does not limit password guesses "
            "and signs participants in too.",
            hint=f'Add WAGTAILADMIN_USER_LOGIN_FORM = "{STAFF_SIGN_IN_FORM}" to your settings.',
            id="bokrao_blocks.W005",
        )
    ]

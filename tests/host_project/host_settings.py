"""Settings of a host project: an ordinary Wagtail 7.4 site that installs Bokrao.

tests/test_wheel_install.py copies this directory into a temporary folder, next to
a fresh virtual environment where only the `bokrao` wheel is installed, so that
docs/extension.md is checked step by step. It is not the bundled site (site/)
and borrows nothing from it. Everything marked "Bokrao" is what
docs/extension.md asks a host to add to the settings `wagtail start` generates.
"""

from pathlib import Path

import theme  # Bokrao

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "host-project-test-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

INSTALLED_APPS = [
    # Bokrao, above Wagtail's apps: for a text both translate, the first app wins.
    "pb_pages",
    "consultation_blocks",
    "search",
    "theme",
    # Bokrao needs wagtail-localize and site settings.
    "wagtail_localize",
    "wagtail_localize.locales",  # instead of "wagtail.locales"
    "wagtail.contrib.settings",
    # Bokrao's comments: django-comments-xtd, which needs django.contrib.sites.
    "django_comments_xtd",
    "django_comments",
    "django.contrib.sites",
    # Bokrao's background work: django-tasks with its database backend (db_worker).
    "django_tasks",
    "django_tasks_db",
    # What `wagtail start` generates (without its own "home" and "search" apps).
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

# Bokrao's comments (docs/extension.md).
SITE_ID = 1
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "consultation_blocks.models.Comment"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2
COMMENTS_XTD_CONFIRM_EMAIL = False

# Bokrao: the admin's sign-in under the password limits, for staff only.
WAGTAILADMIN_USER_LOGIN_FORM = "consultation_blocks.staff.sign_in.StaffSignInForm"

# Bokrao: tasks wait in the database for `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",  # Bokrao: after sessions, before common
    "theme.charset.RefuseUnknownCharsetMiddleware",  # Bokrao: before the CSRF check
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "host_urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",  # Bokrao
            ],
        },
    },
]

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Bokrao: Thai first, English second, in the URLs (/th/, /en/) and in the content.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
USE_I18N = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Bokrao: Thai for admin screens that Wagtail's own Thai catalogue leaves in English.
LOCALE_PATHS = [theme.ADMIN_LOCALE_DIR]
# Bokrao: ASCII slugs, because Unicode slugs drop Thai vowels and tone marks.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
TIME_ZONE = "Asia/Bangkok"  # Bokrao: Thai time
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

WAGTAIL_SITE_NAME = "Host municipality"
WAGTAILADMIN_BASE_URL = "http://localhost"
# Bokrao: page search on the database with Thai split into words, instead of Wagtail's.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # docs/extension.md

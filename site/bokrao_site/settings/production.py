"""Production settings: every secret and address comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _env(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


def _optional(name, default):
    return os.environ.get(name, "").strip() or default


def _flag(name, default):
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def _number(name, default):
    value = _optional(name, str(default))
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


DEBUG = False
SECRET_KEY = _env("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in _env("ALLOWED_HOSTS").split(",") if host.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]
WAGTAILADMIN_BASE_URL = f"https://{ALLOWED_HOSTS[0]}"
# DATABASE_URL is read in base.py; production refuses to start on the SQLite default.
_env("DATABASE_URL")
# ELASTICSEARCH_URL (optional: without it search runs on the database) is read in base.py.

# Mail goes out by SMTP, from db_worker. Without EMAIL_HOST: the machine's own mail server
# on port 25. A server that takes a user name gets STARTTLS (port 587) unless told
# otherwise, so a password never crosses the network in the clear.
EMAIL_HOST = _optional("EMAIL_HOST", "localhost")
EMAIL_HOST_USER = _optional("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")  # as given: spaces count
EMAIL_USE_SSL = _flag("EMAIL_USE_SSL", False)
EMAIL_USE_TLS = _flag("EMAIL_USE_TLS", bool(EMAIL_HOST_USER) and not EMAIL_USE_SSL)
if EMAIL_USE_SSL and EMAIL_USE_TLS:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS (STARTTLS) or EMAIL_USE_SSL, not both.")
EMAIL_PORT = _number("EMAIL_PORT", 465 if EMAIL_USE_SSL else 587 if EMAIL_USE_TLS else 25)
# Seconds: a mail server that does not answer must not hold a worker forever.
EMAIL_TIMEOUT = _number("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = _optional("DEFAULT_FROM_EMAIL", f"noreply@{ALLOWED_HOSTS[0].lstrip('.')}")
# Django's error reports to ADMINS come from here.
SERVER_EMAIL = _optional("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Shared by every server process (Wagtail keeps image renditions here; `manage.py
# createcachetable` once after migrating). The rate limits count in a table of their own.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "bokrao_cache",
    }
}

# Emails, the every-minute jobs and Wagtail's index updates are queued in the database
# and run by `manage.py db_worker`, never in a request. Beside gunicorn run db_worker,
# search_worker and bokrao_clock (README, "Production").
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Served behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Every staff account signs in to the admin with a code from an authenticator app after
# its password (enrolling at its next sign-in); citizens are never asked. Development
# and the tests keep the extension's default, "optional".
BOKRAO_PARTICIPATION = {
    **globals().get("BOKRAO_PARTICIPATION", {}),
    "STAFF_SECOND_FACTOR": "required",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}

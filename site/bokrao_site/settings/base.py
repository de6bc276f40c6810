"""Settings shared by every environment of the Bokrao site."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

import theme

# manage.py, pyproject.toml and the apps live here.
REPO_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = REPO_DIR / "var"

INSTALLED_APPS = [
    "pb_pages",
    "consultation_blocks",
    "search",
    "theme",
    "django_comments_xtd",
    "django_comments",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",  # django-comments records a site with each comment
    "django_tasks",
    "django_tasks_db",
    # Staff's second factor: an authenticator app and recovery codes (issue 9).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
SITE_ID = 1

MIDDLEWARE = [
    # Pages compressed for phones on weak signal: a draft of 300 paragraphs is 390 KB of
    # HTML, 30 KB compressed (docs/decisions/032-compressed-pages.md). Django pads what
    # it compresses against BREACH. First, so it compresses what the others wrote.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy, Permissions-Policy, no-store on personal pages.
    "theme.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A form in another character set than UTF-8: a 400, before the CSRF check reads it.
    "theme.charset.RefuseUnknownCharsetMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Which second factor verified the session; unverified staff leave the admin's pages
    # for their code (consultation_blocks/staff/second_factor/).
    "django_otp.middleware.OTPMiddleware",
    "consultation_blocks.staff.second_factor.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions end after STAFF_IDLE_MINUTES without a request (after messages).
    "consultation_blocks.staff.sessions.StaffIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "bokrao_site.urls"
WSGI_APPLICATION = "bokrao_site.wsgi.application"

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
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite unless DATABASE_URL names another database (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The account and its participant in one query; sessions from before it keep working
# through ModelBackend (consultation_blocks/participants/backends.py).
AUTHENTICATION_BACKENDS = [
    "consultation_blocks.participants.backends.ParticipantBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# The admin's sign-in under the participation sign-in's password limits, for staff only.
WAGTAILADMIN_USER_LOGIN_FORM = "consultation_blocks.staff.sign_in.StaffSignInForm"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Thai first, English second (R13).
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Our Thai for the parts of the Wagtail admin that Wagtail's catalogue leaves in English.
LOCALE_PATHS = [theme.ADMIN_LOCALE_DIR]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = _("Bokrao")
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
# Thai titles lose their vowels and tone marks in Unicode slugs; URLs are ASCII
# instead (docs/decisions/003-thai-urls.md).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No avatar from Gravatar: an outside request that tells it who works in the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor the dashboard's check for a new Wagtail release (the admin's policy allows no
# outside address; theme/headers.py).
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Wrong second-factor codes count in Bokrao's rate limit "second_factor" per account
# (consultation_blocks/conf.py), exact under parallel requests and with a clear message.
# django-otp's own per-device delay (doubling after each wrong code, on the wall clock,
# refusing even the right code with "not right") is switched off: one limit, one message.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# Page search: ELASTICSEARCH_URL names an Elasticsearch 8/9 or OpenSearch 2/3 server
# (which one is asked at run time), searched with Thai analysis; without it, Wagtail's
# database backend with Thai split into words (fallback mode, shown on the dashboard).
BOKRAO_SEARCH = {"URL": os.environ.get("ELASTICSEARCH_URL", "").strip()}
if BOKRAO_SEARCH["URL"]:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.engine",
            "URLS": [BOKRAO_SEARCH["URL"]],
            "INDEX_PREFIX": "bokrao_",
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Wagtail marks its preview views SAMEORIGIN itself; nothing else is framed.
X_FRAME_OPTIONS = "DENY"

# Comments: django-comments-xtd's threads and flags, with Bokrao's own comment model,
# views and templates (decision 009). Replies go two levels deep.
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "consultation_blocks.models.Comment"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2
COMMENTS_XTD_CONFIRM_EMAIL = False
COMMENT_MAX_LENGTH = 3000

# Work that can wait (emails, the every-minute jobs of consultation_blocks/clock.py) runs
# in `manage.py db_worker`, not in the request: tasks are rows in the database, so
# nothing is lost when the worker is down. Tests run them at once (settings/test.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

"""Settings for a developer's machine: the Quick start's `make run`."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

VAR_DIR.mkdir(exist_ok=True)  # noqa: F405  (the SQLite file and uploads live here)

# `make run` has four processes writing to the one SQLite file (the server, db_worker,
# search_worker, bokrao_clock). Wait up to 20 s for another's write instead of failing,
# and take the write lock when a transaction begins: a transaction that first reads
# and then writes cannot wait for the lock, SQLite refuses it ("database is locked").
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {}).update(  # noqa: F405
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )

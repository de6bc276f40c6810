"""Bokrao's public theme: layout, typography, cookie consent, Thai dates."""

from pathlib import Path

# Thai for the screens of the Wagtail admin that Wagtail's own Thai catalogue
# leaves in English. A host project adds it to LOCALE_PATHS, because Wagtail's
# JavaScript catalogue only merges translations found there.
ADMIN_LOCALE_DIR = Path(__file__).resolve().parent / "admin_locale"

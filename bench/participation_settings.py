"""The production settings, as `bench/participation_http.py` serves them, with three changes.

`bench/participation_http.py` sets SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL (a database of
its own) in the environment, exactly as production reads them; ELASTICSEARCH_URL is empty.

1. The ceiling view is mounted beside the site's URLs (`bench/participation_urls.py`).
2. Every participation rate limit is raised out of reach: 32 clients act for hundreds of
   participants from one address, far faster than people do. The limits are still
   counted (in the database, as in production); they just never refuse.
3. Static files are referenced without the manifest, so the consultation page renders
   without running `collectstatic` first (static files are not what is measured).
"""

from bokrao_site.settings.production import *  # noqa: F403

from consultation_blocks.conf import DEFAULTS as _PARTICIPATION_DEFAULTS

ROOT_URLCONF = "bench.participation_urls"

UNREACHABLE_ATTEMPTS = 1_000_000_000
BOKRAO_PARTICIPATION = {
    "RATE_LIMITS": {
        action: (UNREACHABLE_ATTEMPTS, seconds)
        for action, (_attempts, seconds) in _PARTICIPATION_DEFAULTS["RATE_LIMITS"].items()
    }
}

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

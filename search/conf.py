"""The search app's settings, with their defaults, read in this one place.

BOKRAO_SEARCH = {
    "URL": "http://127.0.0.1:9201",   # Elasticsearch 8/9 or OpenSearch 2/3; empty: no engine
    "INDEX": "bokrao-participation",  # the alias the participation index is read through
    "OUTBOX_BATCH": 500,              # documents sent in one bulk request
    "OUTBOX_MAX_BACKOFF": 300,        # seconds between retries, at most
    "ENGINE_RECHECK": 5,              # seconds a failed engine is left alone by searches
}
"""

from django.conf import settings

DEFAULTS = {
    "URL": "",
    "INDEX": "bokrao-participation",
    "OUTBOX_BATCH": 500,
    "OUTBOX_MAX_BACKOFF": 300,
    "ENGINE_RECHECK": 5,
}


def search_setting(name):
    return getattr(settings, "BOKRAO_SEARCH", {}).get(name, DEFAULTS[name])


def page_search_backends():
    """Wagtail's WAGTAILSEARCH_BACKENDS (Wagtail's own default when the site sets none)."""
    return getattr(settings, "WAGTAILSEARCH_BACKENDS", {})

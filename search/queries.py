"""Page search in the visitor's language."""

from modelsearch.backends import get_search_backend
from wagtail.models import Locale, Page

from .conf import page_search_backends
from .thai import query_words

# The Wagtail backend that asks the engine (settings: WAGTAILSEARCH_BACKENDS).
ENGINE_BACKEND = "search.backends.engine"


def search_pages(query, language_code, backend=None):
    """Live, public pages of the visitor's language that match `query`, found by
    `backend` (Wagtail's default one unless given)."""
    if not query_words(query):
        # Only quotes or signs: no word to find (and nothing for the database backend to
        # build a query from: it fails on an empty one).
        return Page.objects.none()
    locale = Locale.objects.filter(language_code=language_code).first()
    pages = Page.objects.live().public().exclude(depth__lte=1)
    if locale:
        pages = pages.filter(locale=locale)
    backend = backend or get_search_backend()
    return backend.search(query, pages, operator="and")


def database_backend():
    """Page search without the engine, for when it is down.

    Without an engine the default backend is the database's, with its index kept: it
    serves. With one, the database keeps no index (the engine's is the default), so the
    index-free database search finds pages by their titles: simpler, and said so.
    """
    backends = page_search_backends()
    if backends.get("default", {}).get("BACKEND") != ENGINE_BACKEND:
        return get_search_backend()
    from .backends.database import IndexFreeSearchBackend

    return IndexFreeSearchBackend()

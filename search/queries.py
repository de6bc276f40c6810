"""Page search in the visitor's language."""

from django.db.models import Q
from modelsearch.backends import get_search_backend
from wagtail.models import Locale, Page

from .conf import page_search_backends
from .thai import index_words, query_words

# The Wagtail backend that asks the engine (settings: WAGTAILSEARCH_BACKENDS).
ENGINE_BACKEND = "search.backends.engine"


def search_pages(query, language_code, backend=None):
    """Live, public pages of the visitor's language that match `query`, found by
    `backend` (Wagtail's default one unless given)."""
    if not query_words(query):
        # Only quotes or signs: no word to find (and nothing for the database backend to
        # build a query from: it fails on an empty one).
        return Page.objects.none()
    backend = backend or get_search_backend()
    return backend.search(query, _public_pages(language_code), operator="and")


def _public_pages(language_code):
    locale = Locale.objects.filter(language_code=language_code).first()
    pages = Page.objects.live().public().exclude(depth__lte=1)
    return pages.filter(locale=locale) if locale else pages


_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
# Pages the title search looks at, at most: their titles are checked in Python.
TITLE_CANDIDATES = 500


def pages_without_the_engine(query, language_code):
    """Page search for when the engine is down.

    Without an engine the default backend is the database's, with its index kept: it
    serves. With one, the database keeps no index (the engine's is the default), so the
    database finds pages by their titles: simpler, and said so. The database finds
    titles with each word's letters (ท่อ's are in ท่องเที่ยว; a number in Thai or
    Arabic digits), and a candidate is kept only when its title has each word of the
    query as a word, by the one analysis (search/thai.py), as every other path answers.
    """
    backends = page_search_backends()
    if backends.get("default", {}).get("BACKEND") != ENGINE_BACKEND:
        return search_pages(query, language_code, get_search_backend())
    wanted = set(query_words(query))
    if not wanted:
        return []
    candidates = _public_pages(language_code)
    for word in wanted:
        candidates = candidates.filter(
            Q(title__icontains=word) | Q(title__icontains=word.translate(_THAI_DIGITS))
        )
    return [
        page
        for page in candidates.order_by("-first_published_at", "pk")[:TITLE_CANDIDATES]
        if wanted <= set(index_words(page.title))
    ]

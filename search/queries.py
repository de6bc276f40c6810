"""Page search in the visitor's language."""

from wagtail.models import Locale, Page


def search_pages(query, language_code):
    """Live, public pages of the visitor's language that match `query`."""
    if not any(char.isalnum() for char in query):
        # Only quotes or signs: no word to find (and nothing for the database backend to
        # build a query from: it fails on an empty one).
        return Page.objects.none()
    locale = Locale.objects.filter(language_code=language_code).first()
    pages = Page.objects.live().public().exclude(depth__lte=1)
    if locale:
        pages = pages.filter(locale=locale)
    return pages.search(query, operator="and")

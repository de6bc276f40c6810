"""Page search in the visitor's language."""

from wagtail.models import Locale, Page


def search_pages(query, language_code):
    """Live, public pages of the visitor's language that match `query`."""
    locale = Locale.objects.filter(language_code=language_code).first()
    pages = Page.objects.live().public().exclude(depth__lte=1)
    if locale:
        pages = pages.filter(locale=locale)
    return pages.search(query, operator="and")

"""Municipalities: which one a page belongs to, and the one created with a home page."""

from django.db import transaction
from wagtail.models import Page

from .models import Municipality

_CACHE = "_bokrao_municipality"


def municipality_of(page):
    """The municipality whose part of the tree `page` is in (its home page or below, in
    any language), or None for a page above every municipality (the platform's front
    page). One query, then remembered on the page object."""
    if _CACHE not in page.__dict__:
        remember(page, municipality_of_query(page).first())
    return page.__dict__[_CACHE]


def municipality_of_query(page):
    """The query municipality_of asks (standing.py asks the same, compiled, with more)."""
    return municipalities_above(ancestor_paths(page))


def ancestor_paths(page):
    """The tree paths of `page` and each page above it."""
    steplen = Page.steplen
    return [page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]


def municipalities_above(paths):
    """The municipalities whose home page (in any language) is at one of `paths`, the
    deepest first: the first is the municipality of the page at the deepest path."""
    return Municipality.objects.filter(
        home_page__translation_key__in=Page.objects.filter(path__in=paths).values("translation_key")
    ).order_by("-home_page__depth", "pk")


def remember(page, municipality):
    page.__dict__[_CACHE] = municipality


def known(page):
    """Whether municipality_of(page) is already known (no query)."""
    return _CACHE in page.__dict__


def ensure_for_home_page(home_page, **details):
    """The municipality of a municipality home page, created with it: every home page
    has one, whether made by the admin, a command or a test. A translation of a home
    page belongs to the municipality of its source."""
    with transaction.atomic():
        found = Municipality.objects.filter(
            home_page__translation_key=home_page.translation_key
        ).first()
        if found is not None:
            return found
        details.setdefault("name", home_page.title)
        details.setdefault("province", "")
        return Municipality.objects.create(home_page_id=home_page.pk, **details)

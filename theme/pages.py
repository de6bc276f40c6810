"""What the layout and the widgets ask about the page being shown, asked of the database once.

- `translations_of(page)`: the page in every language, with which one wagtail-localize
  made the others from (its source), in one query per page instance. The language
  links show the live ones; the participation rules read the source's settings.
- `routed_ancestors(page)`: the page's ancestors as Wagtail's routing already fetched
  them on the way to the page, for the breadcrumbs and the home link, without a query.
"""

from django.db.models import OuterRef, Subquery

_TRANSLATIONS = "_bokrao_translations"


def translations_of(page):
    """Every translation of `page`, itself included, with its locale; each one made
    from it by wagtail-localize carries `source_id` (None on the others)."""
    # Kept with the class asked for: Wagtail's `specific` copies a page's attributes.
    kind, cached = page.__dict__.get(_TRANSLATIONS, (None, None))
    if kind is not type(page):
        translations = page.get_translations(inclusive=True).select_related("locale")
        try:
            from wagtail_localize.models import TranslationSource
        except ImportError:  # a host site without wagtail-localize: each page is its own source
            TranslationSource = None
        if TranslationSource is not None:
            sources = TranslationSource.objects.filter(
                object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id")
            )
            translations = translations.annotate(source_id=Subquery(sources.values("pk")[:1]))
        cached = list(translations.order_by("pk"))
        page.__dict__[_TRANSLATIONS] = (type(page), cached)
    return cached


def source_of(page):
    """The translation of `page` that the others were made from; `page` itself when it
    is the source or has not been translated."""
    if not page.pk:
        return page
    sources = [found for found in translations_of(page) if getattr(found, "source_id", None)]
    if not sources:
        return page
    # The first source recorded, if a page was ever translated from two languages.
    source = min(sources, key=lambda found: found.source_id)
    return page if source.pk == page.pk else source


def routed_ancestors(page):
    """The ancestors of `page` that routing fetched, nearest first (no query).

    Wagtail's Page.route leaves each page it passes on its child as treebeard's cached
    parent; the chain ends at the site's root page. A page that was not routed to (one
    loaded in a view or a test) has none.
    """
    chain = []
    while (parent := page.__dict__.get("_cached_parent_obj")) is not None:
        chain.append(parent)
        page = parent
    return chain

"""What the layout and the widgets ask about the page being shown, asked of the database once.

- `translations_of(page)`: the page in every language, with which one wagtail-localize
  made the others from (its source), in one query per page instance. The language
  links show the live ones; the participation rules read the source's settings.
- `routed_ancestors(page)`: the page's ancestors as Wagtail's routing already fetched
  them on the way to the page, for the breadcrumbs and the home link, without a query.
- `live_page(pk)`: the live page a form names (a vote, a comment), as its specific class,
  in one query that also says whether it is its own translation source.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from wagtail.models import Page

from .compiled import EXAMPLE_INT, CompiledQuery

_TRANSLATIONS = "_bokrao_translations"
# live_page's annotation: the locale the page's translations were made from (None: none).
_SOURCE_LOCALE = "bokrao_source_locale_id"


def _translation_source_model():
    try:
        from wagtail_localize.models import TranslationSource
    except ImportError:  # a host site without wagtail-localize: each page is its own source
        return None
    return TranslationSource


def translations_of(page):
    """Every translation of `page`, itself included, with its locale; each one made
    from it by wagtail-localize carries `source_id` (None on the others)."""
    # Kept with the class asked for: Wagtail's `specific` copies a page's attributes.
    kind, cached = page.__dict__.get(_TRANSLATIONS, (None, None))
    if kind is not type(page):
        translations = page.get_translations(inclusive=True).select_related("locale")
        TranslationSource = _translation_source_model()
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
    if not page.pk or _own_source(page):
        return page
    sources = [found for found in translations_of(page) if getattr(found, "source_id", None)]
    if not sources:
        return page
    # The first source recorded, if a page was ever translated from two languages.
    source = min(sources, key=lambda found: found.source_id)
    return page if source.pk == page.pk else source


def _own_source(page):
    """True when live_page's annotation already says `page` is its own source."""
    if _SOURCE_LOCALE not in page.__dict__:
        return False
    locale = page.__dict__[_SOURCE_LOCALE]
    # No source recorded, or the first one recorded (source_of's choice) is this language.
    return locale is None or locale == page.locale_id


def _with_source_locale(pages):
    TranslationSource = _translation_source_model()
    if TranslationSource is None:
        return pages
    first_source = TranslationSource.objects.filter(object_id=OuterRef("translation_key"))
    return pages.annotate(
        **{_SOURCE_LOCALE: Subquery(first_source.order_by("pk").values("locale_id")[:1])}
    )


# The specific class of each page live_page fetched, per process: a page keeps its type
# for life, so the next form that names it costs one query instead of Wagtail's two.
_page_classes = {}
_PAGE_CLASSES_KEPT = 10_000


# Per page class (and its content type's id): the query compiled once, run with the
# page's id. Django building and compiling it anew cost more CPU than the database's answer.
_live_page_of = {}


def _live_page_query(model):
    content_type = ContentType.objects.get_for_model(model)
    query = _live_page_of.get((model, content_type.pk))
    if query is None:

        def build(pk):
            pages = model.objects.live().filter(content_type=content_type, pk=pk)
            return _with_source_locale(pages).order_by()[:1]

        query = _live_page_of[(model, content_type.pk)] = CompiledQuery(build, EXAMPLE_INT)
    return query


def live_page(pk):
    """The live page `pk` as its specific class, or None.

    One query when this process has met the page before (its specific table, with its
    content type, so a page of another type under a reused id is not taken for it);
    otherwise Wagtail's two. Either way the page knows whether it is its own translation
    source, so that source_of() asks nothing more of the database for it. No ORDER BY:
    Django resolving the pages' default ordering cost a fifth of the query.
    """
    if pk is None:
        return None
    model = _page_classes.get(pk)
    if model is not None:
        found = _live_page_query(model).instances(pk)
        if found:
            return found[0]
    pages = _with_source_locale(Page.objects.live().filter(pk=pk))
    found = list(pages.order_by().specific()[:1])
    if not found:
        return None
    if len(_page_classes) >= _PAGE_CLASSES_KEPT:
        _page_classes.clear()
    _page_classes[pk] = type(found[0])
    return found[0]


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

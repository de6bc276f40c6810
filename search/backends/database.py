"""Wagtail's database search backend with Thai split into words (fallback mode).

Wagtail chooses the flavour for the database: SQLite FTS5, PostgreSQL full text,
MySQL, or a plain `icontains` fallback. We keep its choice and segment Thai on both
sides, with the functions of search/thai.py:

- queries: the Thai in a query is split into words before Wagtail compiles it
  (`_search`, which both search() and autocomplete() go through);
- the index: each text value Wagtail indexes is split into words, plus the words
  inside compounds (`ObjectIndexer.prepare_value`, which titles, bodies and
  autocomplete text all go through).
"""

import sys
from functools import cache

from modelsearch.backends import database
from modelsearch.query import And, Boost, Fuzzy, Not, Or, Phrase, PlainText

from ..thai import segment, segment_for_index


def SearchBackend(params):
    """Wagtail's database backend for this database, made Thai-aware."""
    # Wagtail's choice depends on the database vendor and, for SQLite, on FTS5 being
    # compiled in; its backend is cheap to create and tells us which class it chose.
    chosen = type(database.SearchBackend(dict(params)))
    return _thai_variant(chosen)(params)


def IndexFreeSearchBackend(params=None):
    """Wagtail's database search that needs no index (each word looked for in the
    page's searchable fields of the queried model, titles for pages), Thai split like
    the others: page search while the engine is down, when the database keeps no index
    of its own because the engine is the default backend (search/queries.py)."""
    from modelsearch.backends.database.fallback import DatabaseSearchBackend

    return _thai_variant(DatabaseSearchBackend)(dict(params or {}))


def _words(text):
    """The words of `text`, Thai split. Without double quotes: SQLite's backend puts each
    word between quotes for FTS5 unescaped, and a quote in a query is no word anyway."""
    return segment(text.replace('"', " "))


def segmented(query):
    """`query` (a string or Wagtail's query objects) with its Thai split into words."""
    if isinstance(query, str):
        return _words(query)
    if isinstance(query, PlainText):
        return PlainText(_words(query.query_string), query.operator, query.boost)
    if isinstance(query, Phrase):
        return Phrase(_words(query.query_string))
    if isinstance(query, Fuzzy):
        return Fuzzy(_words(query.query_string), query.operator, query.unaccent)
    if isinstance(query, And | Or):
        return type(query)([segmented(part) for part in query.subqueries])
    if isinstance(query, Not):
        return Not(segmented(query.subquery))
    if isinstance(query, Boost):
        return Boost(segmented(query.subquery), query.boost)
    return query  # MatchAll: no text


class ThaiQueries:
    """Put in front of Wagtail's backend class: queries are segmented like the index."""

    segments_thai = True  # read by ThaiText, below

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        return super()._search(query_compiler_class, segmented(query), model_or_queryset, **kwargs)


class ThaiText:
    """Put in front of a modelsearch ObjectIndexer: text is segmented for our backends."""

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self.segments_thai = getattr(backend, "segments_thai", False)

    def prepare_value(self, value):
        text = super().prepare_value(value)
        # A list or dict comes back joined from items that already passed through here.
        if self.segments_thai and not isinstance(value, list | dict):
            return segment_for_index(text)
        return text


@cache
def _thai_variant(backend_class):
    _segment_indexed_text(sys.modules[backend_class.__module__])
    return type(f"Thai{backend_class.__name__}", (ThaiQueries, backend_class), {})


def _segment_indexed_text(module):
    """Give `module` (modelsearch's sqlite.py, postgres.py or mysql.py) an ObjectIndexer
    that segments Thai.

    This replaces a module-level name, here and nowhere else: each Index.add_items
    creates its ObjectIndexer by that name, and overriding add_items instead would copy
    40 to 70 lines of upstream code per database. The replacement segments only for
    backends that set `segments_thai` (ours), so a plain Wagtail database backend in
    the same process indexes exactly as before. The `icontains` fallback has no index
    and no ObjectIndexer: segmenting its queries is enough.
    """
    indexer = getattr(module, "ObjectIndexer", None)
    if indexer is not None and not issubclass(indexer, ThaiText):
        module.ObjectIndexer = type("ThaiObjectIndexer", (ThaiText, indexer), {})

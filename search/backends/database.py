"""Wagtail's database search backend with Thai split into words (fallback mode).

Wagtail chooses the flavour for the database: SQLite FTS5, PostgreSQL full text,
MySQL, or a plain `icontains` fallback. We keep its choice and segment Thai on both
sides with the one analysis of search/thai.py (decision 022), the same words the
engines get:

- queries: cut into words before Wagtail compiles it (`_search`, which both
  search() and autocomplete() go through);
- the index: each text value Wagtail indexes becomes its words, each compound
  followed by its parts (`ObjectIndexer.prepare_value`, which titles, bodies and
  autocomplete text all go through);
- PostgreSQL matches them with the `simple` configuration (no stemming or stop
  words of its own), SQLite's FTS5 with Thai marks kept inside words (fts5_safe).
"""

import sys
from functools import cache

from modelsearch.backends import database
from modelsearch.query import And, Boost, Fuzzy, Not, Or, Phrase, PlainText

from ..thai import index_text, query_text

# SQLite's FTS5 tokenizer (unicode61, as Wagtail creates the table) takes Thai vowel and
# tone marks, Unicode category Mn, for separators: หมู่บ้าน would be หม บ าน. Each mark
# goes into FTS5 as a character of the Private Use Area (category Co, a token character)
# in the index and in queries alike, so a word stays one word.
_THAI_MARKS = "".join(chr(c) for c in [0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)])
_FTS5_SAFE = str.maketrans({mark: chr(0xF700 + ord(mark) - 0x0E00) for mark in _THAI_MARKS})


def fts5_safe(words):
    return words.translate(_FTS5_SAFE)


def _as_is(words):
    return words


def SearchBackend(params):
    """Wagtail's database backend for this database, made Thai-aware."""
    # Wagtail's choice depends on the database vendor and, for SQLite, on FTS5 being
    # compiled in; its backend is cheap to create and tells us which class it chose.
    chosen = type(database.SearchBackend(dict(params)))
    if ".postgres" in chosen.__module__:
        # The words are ours (search/thai.py): PostgreSQL neither stems nor drops stop
        # words of its own, so it matches exactly the words the engines match.
        params = {"SEARCH_CONFIG": "simple", **params}
    return _thai_variant(chosen)(params)


def segmented(query, encode=_as_is):
    """`query` (a string or Wagtail's query objects) as the words of search/thai.py.
    No double quotes are left: SQLite's backend puts each word between quotes for FTS5
    unescaped, and a quote in a query is no word anyway."""

    def words(text):
        return encode(query_text(text))

    if isinstance(query, str):
        return words(query)
    if isinstance(query, PlainText):
        return PlainText(words(query.query_string), query.operator, query.boost)
    if isinstance(query, Phrase):
        return Phrase(words(query.query_string))
    if isinstance(query, Fuzzy):
        return Fuzzy(words(query.query_string), query.operator, query.unaccent)
    if isinstance(query, And | Or):
        return type(query)([segmented(part, encode) for part in query.subqueries])
    if isinstance(query, Not):
        return Not(segmented(query.subquery, encode))
    if isinstance(query, Boost):
        return Boost(segmented(query.subquery, encode), query.boost)
    return query  # MatchAll: no text


class ThaiQueries:
    """Put in front of Wagtail's backend class: queries are segmented like the index."""

    segments_thai = True  # read by ThaiText, below
    encode_words = staticmethod(_as_is)  # fts5_safe on SQLite

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        query = segmented(query, self.encode_words)
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


class ThaiText:
    """Put in front of a modelsearch ObjectIndexer: text is segmented for our backends."""

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self.segments_thai = getattr(backend, "segments_thai", False)
        self.encode_words = getattr(backend, "encode_words", _as_is)

    def prepare_value(self, value):
        text = super().prepare_value(value)
        # A list or dict comes back joined from items that already passed through here.
        if self.segments_thai and not isinstance(value, list | dict):
            return self.encode_words(index_text(text))
        return text


@cache
def _thai_variant(backend_class):
    _segment_indexed_text(sys.modules[backend_class.__module__])
    extra = (
        {"encode_words": staticmethod(fts5_safe)} if ".sqlite" in backend_class.__module__ else {}
    )
    return type(f"Thai{backend_class.__name__}", (ThaiQueries, backend_class), extra)


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

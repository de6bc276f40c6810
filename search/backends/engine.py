"""Wagtail page search on Elasticsearch or OpenSearch, with Thai analysis.

The engine at the configured URL is asked what it is (search/engines.py), and Wagtail's
backend for that product and major version does the work: opensearch2/3 or
elasticsearch8/9 (elasticsearch-py refuses to talk to OpenSearch, so one backend name
cannot serve both).

Wagtail's mapping names no analyzer for its text fields, so they use the index's
`default` analyzer. Text and queries are cut into words in Python (search/thai.py,
decision 022: the same words as the participation index and the database's), so
THAI_INDEX_SETTINGS makes `default` and the search analyzers cut at spaces only.
Autocomplete still needs the analysis-common module, as Wagtail's own settings do.

The index is created with these settings and every page type's mapping the first time
it is needed, whichever comes first: a page published, a command, a search (left to
the engine, a first write would create it with a dynamic mapping and no Thai analysis).
"""

import logging
from copy import deepcopy
from functools import cache
from importlib import import_module

from django.db.models import QuerySet
from modelsearch.index import (
    AutocompleteField,
    SearchField,
    class_is_indexed,
    get_indexed_models,
)
from modelsearch.utils import deep_update
from opensearchpy import VERSION as OPENSEARCH_PY_VERSION
from opensearchpy import OpenSearch

from ..conf import search_setting
from ..engines import OPENSEARCH, EngineUnavailable, product_for
from ..thai import index_text
from . import database
from .database import ThaiQueries

logger = logging.getLogger(__name__)

# Page text reaches the engine as the words of search/thai.py joined by spaces, and
# queries as theirs (decision 022), so the engine only cuts at spaces: the built-in
# `whitespace` analyser, which every node kind has. Autocomplete keeps Wagtail's edge
# n-grams, of those words.
_WORDS = {"type": "whitespace"}

THAI_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {
                # Wagtail's text fields, when indexing and when searching.
                "default": _WORDS,
                "default_search": _WORDS,
                # Autocomplete fields, when indexing: Wagtail's analyzer of that name,
                # over our words instead of the standard tokenizer's.
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "whitespace",
                    "filter": ["lowercase", "edgengram"],
                },
                # ... and when searching: Wagtail's mapping names `standard` as their
                # search analyzer (ElasticsearchBaseMapping.edgengram_analyzer_config).
                "standard": _WORDS,
            },
        }
    }
}


class ThaiDocuments:
    """Put in front of modelsearch's mapping class: text fields are sent as the words of
    search/thai.py (index_text), compounds followed by their parts."""

    def _get_document_field_data(self, field, obj):
        name, value, edgengrams = super()._get_document_field_data(field, obj)
        if isinstance(field, SearchField | AutocompleteField):
            value = _words(value)
            edgengrams = [_words(item) for item in edgengrams]
        return name, value, edgengrams


def _words(value):
    if isinstance(value, str):
        return index_text(value)
    if isinstance(value, list | tuple):
        return [_words(item) for item in value]
    return value


def SearchBackend(params):
    """Wagtail's backend for the engine at params["URLS"] (default BOKRAO_SEARCH["URL"]).

    If no engine answers there, page search runs on the database (fallback mode) rather
    than failing every page save and delete; a new backend is made for each operation,
    so the engine is used again as soon as it answers.
    """
    params = dict(params)
    urls = params.setdefault("URLS", [search_setting("URL")])
    url = urls if isinstance(urls, str) else urls[0]
    try:
        product = product_for(url)
    except EngineUnavailable as error:
        logger.warning("%s. Page search runs on the database until it answers.", error)
        return database.SearchBackend({})
    index_settings = deepcopy(THAI_INDEX_SETTINGS)
    params["INDEX_SETTINGS"] = deep_update(index_settings, params.get("INDEX_SETTINGS", {}))
    return _creating_indexes(import_module(backend_module(product)).SearchBackend)(params)


def backend_module(product):
    """The modelsearch backend module for `product`, as the installed client speaks to it.

    product.wagtail_backend follows the server's major version. For OpenSearch the
    client's matters instead: modelsearch's opensearch2 backend calls opensearch-py 2's
    API (index names as positional arguments), which opensearch-py 3 refuses; its
    opensearch3 backend calls opensearch-py 3's, which serves OpenSearch 2 and 3 alike.
    """
    if product.name != OPENSEARCH:
        return product.wagtail_backend
    return f"modelsearch.backends.opensearch{min(OPENSEARCH_PY_VERSION[0], 3)}"


# Indexes this process has seen on their engine: (hosts, name). Asked once, not before
# every page saved or search made; an index deleted behind a running process's back is
# created again by the next process.
_EXISTING = set()


class CreatesItself:
    """Put in front of modelsearch's index class: before the first write or search, the
    index is created with our settings and the mapping of every model it holds."""

    def ensure_exists(self):
        key = (repr(self.backend.hosts), self.name)
        if key in _EXISTING:
            return
        try:
            if not self.es.indices.exists(index=self.name):
                self._create()
        except Exception as error:
            # The engine is away: the write or search itself fails as it would have (a
            # write is kept by Wagtail's error handling, a search falls back).
            logger.warning("Could not make sure the search index %s exists: %s", self.name, error)
            return
        _EXISTING.add(key)

    def _create(self):
        mappings = {}
        for model in get_indexed_models():
            if self.backend.get_index_for_model(model).name == self.name:
                deep_update(mappings, self.mapping_class(model).get_mapping())
        # A concrete index behind an alias of the index's name, as Wagtail's atomic
        # rebuild (update_index) leaves it, so the next rebuild swaps it out cleanly. One
        # name for every process: when two create it at once, one is refused, harmlessly.
        body = {**deepcopy(self.backend.settings), "mappings": mappings}
        body["aliases"] = {self.name: {}}
        first = f"{self.name}_first"
        try:
            if isinstance(self.es, OpenSearch):
                self.es.indices.create(index=first, body=body)
            else:
                self.es.indices.create(index=first, **body)
        except Exception:
            if not self.es.indices.exists(index=self.name):
                raise
        logger.info("Created the search index %s with Thai analysis.", self.name)

    def add_item(self, item):
        self.ensure_exists()
        return super().add_item(item)

    def add_items(self, model, items):
        self.ensure_exists()
        return super().add_items(model, items)


class CreatesIndexes:
    """Put in front of modelsearch's backend class: a search creates its index first."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        model = (
            model_or_queryset.model
            if isinstance(model_or_queryset, QuerySet)
            else model_or_queryset
        )
        if class_is_indexed(model):
            self.get_index_for_model(model).ensure_exists()
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


@cache
def _creating_indexes(backend_class):
    index_class = backend_class.index_class
    mapping_class = backend_class.mapping_class
    return type(
        backend_class.__name__,
        (CreatesIndexes, ThaiQueries, backend_class),
        {
            "index_class": type(index_class.__name__, (CreatesItself, index_class), {}),
            "mapping_class": type(mapping_class.__name__, (ThaiDocuments, mapping_class), {}),
            "__module__": __name__,
        },
    )

"""Wagtail page search on Elasticsearch or OpenSearch, with Thai analysis.

The engine at the configured URL is asked what it is (search/engines.py), and Wagtail's
backend for that product and major version does the work: opensearch2/3 or
elasticsearch8/9 (elasticsearch-py refuses to talk to OpenSearch, so one backend name
cannot serve both).

Wagtail's mapping names no analyzer for its text fields, so they use the index's
`default` analyzer, which is the `standard` one unless the index settings define it.
`standard` keeps a whole Thai run as one token. THAI_INDEX_SETTINGS defines `default`
and the autocomplete analyzers with the engine's `thai` tokenizer (the JDK's Thai
dictionary), and English stemming for Latin words. The node needs the analysis-common
module, as Wagtail's own settings do (ngram, asciifolding).
"""

import logging
from copy import deepcopy
from importlib import import_module

from modelsearch.utils import deep_update
from opensearchpy import VERSION as OPENSEARCH_PY_VERSION

from ..conf import search_setting
from ..engines import OPENSEARCH, EngineUnavailable, product_for
from . import database

logger = logging.getLogger(__name__)

# Every piece of 2 to 10 Thai characters of a token, by lookahead captures. The
# tokenizer takes the longest words it knows: "…ติดไฟส่องสว่าง" gives ติดไฟ | ส่อง | สว่าง
# and the query "ไฟส่องสว่าง" gives ไฟ | ส่อง | สว่าง, so ไฟ must be indexed inside ติดไฟ.
# Latin tokens have no Thai characters, no captures, and are left whole.
_THAI_PIECES = [f"(?=([\\u0e00-\\u0e7f]{{{length}}}))" for length in range(2, 11)]

# Thai digits become ASCII digits (๒๕๖๗ finds 2567); English words are stemmed.
_WORD_FILTERS = [
    "bokrao_english_possessive",
    "lowercase",
    "decimal_digit",
    "asciifolding",
    "bokrao_english_stop",
    "bokrao_english_stemmer",
]

THAI_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "filter": {
                "bokrao_english_possessive": {"type": "stemmer", "language": "possessive_english"},
                "bokrao_english_stop": {"type": "stop", "stopwords": "_english_"},
                "bokrao_english_stemmer": {"type": "stemmer", "language": "english"},
                "bokrao_thai_pieces": {
                    "type": "pattern_capture",
                    "preserve_original": True,
                    "patterns": _THAI_PIECES,
                },
            },
            "analyzer": {
                # Wagtail's text fields, when indexing: words, and the pieces of Thai words.
                "default": {
                    "type": "custom",
                    "tokenizer": "thai",
                    "filter": [*_WORD_FILTERS, "bokrao_thai_pieces"],
                },
                # ... and when searching: the words of the query.
                "default_search": {
                    "type": "custom",
                    "tokenizer": "thai",
                    "filter": _WORD_FILTERS,
                },
                # Autocomplete fields, when indexing: Wagtail's analyzer of that name,
                # with Thai words and their pieces instead of whole Thai runs.
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "thai",
                    "filter": ["asciifolding", "lowercase", "bokrao_thai_pieces", "edgengram"],
                },
                # ... and when searching: Wagtail's mapping names `standard` as their
                # search analyzer (ElasticsearchBaseMapping.edgengram_analyzer_config),
                # so in our indexes `standard` splits Thai words too.
                "standard": {
                    "type": "custom",
                    "tokenizer": "thai",
                    "filter": ["asciifolding", "lowercase", "decimal_digit"],
                },
            },
        }
    }
}


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
    return import_module(backend_module(product)).SearchBackend(params)


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

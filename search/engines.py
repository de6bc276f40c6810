"""Which search engine a URL serves, and a client for it.

Production runs Elasticsearch 8/9 or OpenSearch 2/3. Their Python clients are different
packages (elasticsearch-py refuses to talk to OpenSearch), so we ask the server first:
OpenSearch says `"distribution": "opensearch"` in its version, Elasticsearch does not.
"""

import json
import urllib.request
from dataclasses import dataclass
from functools import lru_cache

ELASTICSEARCH = "elasticsearch"
OPENSEARCH = "opensearch"


class EngineUnavailable(Exception):
    pass


@dataclass(frozen=True)
class Product:
    name: str  # ELASTICSEARCH or OPENSEARCH
    version: str

    @property
    def major(self):
        return int(self.version.split(".")[0])

    @property
    def wagtail_backend(self):
        """The modelsearch backend module Wagtail's page search uses for this engine."""
        if self.name == OPENSEARCH:
            return (
                "modelsearch.backends.opensearch3"
                if self.major >= 3
                else ("modelsearch.backends.opensearch2")
            )
        return (
            "modelsearch.backends.elasticsearch9"
            if self.major >= 9
            else ("modelsearch.backends.elasticsearch8")
        )


def detect_product(url, timeout=5):
    """Ask the server at `url` what it is. Raises EngineUnavailable if it does not answer."""
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/", timeout=timeout) as response:
            info = json.load(response)
    except (OSError, ValueError) as error:
        raise EngineUnavailable(f"No search engine answers at {url}: {error}") from error
    version = info.get("version", {})
    if version.get("distribution") == OPENSEARCH:
        return Product(OPENSEARCH, version["number"])
    if "number" in version:
        return Product(ELASTICSEARCH, version["number"])
    raise EngineUnavailable(f"{url} does not look like Elasticsearch or OpenSearch: {info}")


@lru_cache(maxsize=8)
def _cached_product(url):
    return detect_product(url)


def product_for(url):
    """detect_product, remembered per URL once the engine has answered."""
    return _cached_product(url)


def client_for(url, product=None):
    """The official client of the engine at `url`."""
    product = product or product_for(url)
    if product.name == OPENSEARCH:
        from opensearchpy import OpenSearch

        return OpenSearch([url], timeout=30)
    from elasticsearch import Elasticsearch

    return Elasticsearch(url, request_timeout=30)

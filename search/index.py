"""The participation index on a real engine: create, write in bulk, read, rebuild.

Readers and writers go through an alias (`BOKRAO_SEARCH["INDEX"]`); a rebuild fills
a new index and moves the alias in one request, so search keeps answering.
"""

from functools import cached_property

from django.utils import timezone

from .conf import search_setting
from .engines import OPENSEARCH, EngineUnavailable, client_for, product_for
from .mapping import ADDED_FIELDS, ANALYSED, MAPPING_VERSION, analysed, index_body


class ParticipationIndex:
    def __init__(self, url=None, name=None):
        self.url = url or search_setting("URL")
        if not self.url:
            raise EngineUnavailable("No search engine is configured (ELASTICSEARCH_URL).")
        self.name = name or search_setting("INDEX")
        self._ensured = False

    @cached_property
    def product(self):
        return product_for(self.url)

    @cached_property
    def client(self):
        return client_for(self.url, self.product)

    @cached_property
    def helpers(self):
        if self.product.name == OPENSEARCH:
            from opensearchpy import helpers
        else:
            from elasticsearch import helpers
        return helpers

    # What search_rebuild reports: the analysis is ours, the same on every node kind.
    analysis = f"Thai in Python (mapping {MAPPING_VERSION})"

    def mapping_version(self):
        """The mapping version of the index behind the alias (1: before versions), or
        None without one. Older than MAPPING_VERSION: search_rebuild is due."""
        indices = self._indices_behind_alias()
        if not indices:
            return None
        mapping = self.client.indices.get_mapping(index=indices[0])[indices[0]]["mappings"]
        return mapping.get("_meta", {}).get("bokrao_mapping", 1)

    @cached_property
    def request_error(self):
        if self.product.name == OPENSEARCH:
            from opensearchpy.exceptions import RequestError
        else:
            from elasticsearch import BadRequestError as RequestError
        return RequestError

    def new_index_name(self):
        return f"{self.name}-{timezone.now():%Y%m%d%H%M%S%f}"

    def _indices_behind_alias(self):
        if not self.client.indices.exists_alias(name=self.name):
            return []
        return list(self.client.indices.get_alias(name=self.name))

    def ensure(self):
        """Create an empty index behind the alias unless one is there.

        Asked once per ParticipationIndex (the worker makes one per round): asking
        before every batch of 500 cost about 3 % of indexing time (bench/search_index.py).
        """
        if self._ensured:
            return
        self._ensured = True
        if self._indices_behind_alias():
            # An index made before some fields existed gets them (its mapping is strict:
            # a document with an unknown field would be refused). One of an older mapping
            # version keeps answering, for what it holds, until search_rebuild.
            words = {
                f"{name}_words": {"type": "text", "analyzer": "whitespace"} for name in ANALYSED
            }
            self.client.indices.put_mapping(
                index=self.name, body={"properties": {**ADDED_FIELDS, **words}}
            )
            return
        concrete = self.new_index_name()
        self.client.indices.create(index=concrete, body=index_body())
        self.client.indices.update_aliases(
            body={"actions": [{"add": {"index": concrete, "alias": self.name}}]}
        )

    def bulk(self, actions):
        """Send actions; raises if any document other than an absent one failed."""
        self.ensure()
        actions = [_analysed(action) for action in actions]
        _ok, errors = self.helpers.bulk(self.client, actions, raise_on_error=False)
        failed = [
            error
            for error in errors
            if not ("delete" in error and error["delete"].get("status") == 404)
        ]
        if failed:
            raise RuntimeError(f"{len(failed)} documents refused by the index: {failed[:3]}")

    def refresh(self):
        self.client.indices.refresh(index=self.name)

    def search(self, body):
        return self.client.search(index=self.name, body=body)

    def count(self, query=None):
        body = {"query": query or {"match_all": {}}}
        return self.client.count(index=self.name, body=body)["count"]

    def analyze(self, text, analyzer):
        result = self.client.indices.analyze(
            index=self.name, body={"analyzer": analyzer, "text": text}
        )
        return [token["token"] for token in result["tokens"]]

    def rebuild(self, actions_for_index, on_progress=None, name=None, before_swap=None):
        """Fill a new index, then point the alias at it in one request.

        `actions_for_index(name)` yields bulk actions for the new index (named `name`, or
        a new name). `before_swap(name)` runs once it is filled, before the alias moves
        (search/rebuild.py sends what changed meanwhile). Returns the number of documents
        written. A rebuild that fails leaves the alias where it was and drops its index.
        """
        concrete = name or self.new_index_name()
        self.client.indices.create(index=concrete, body=index_body())
        try:
            written = 0
            for _ok, _item in self.helpers.streaming_bulk(
                self.client,
                map(_analysed, actions_for_index(concrete)),
                chunk_size=500,
                raise_on_error=True,
            ):
                written += 1
                if on_progress:
                    on_progress(written)
            if before_swap:
                before_swap(concrete)
            self.client.indices.refresh(index=concrete)
        except BaseException:
            self._drop_quietly(concrete)
            raise
        old = self._indices_behind_alias()
        if self.client.indices.exists(index=self.name) and not old:
            # A concrete index squats the alias's name (an engine's auto-create): replace it.
            self.client.indices.delete(index=self.name)
        actions = [{"remove": {"index": index, "alias": self.name}} for index in old]
        actions.append({"add": {"index": concrete, "alias": self.name}})
        self.client.indices.update_aliases(body={"actions": actions})
        for index in old:
            self.client.indices.delete(index=index)
        return written

    def _drop_quietly(self, concrete):
        try:
            self.client.indices.delete(index=concrete)
        except Exception:  # the engine that failed the rebuild may not answer this either
            pass

    def drop(self):
        """Delete the alias and every index behind it (tests, and a fresh start)."""
        self._ensured = False
        for index in self._indices_behind_alias():
            self.client.indices.delete(index=index)


def _analysed(action):
    """A bulk action with its document's words (search/mapping.analysed) added."""
    if "_source" not in action:
        return action
    return {**action, "_source": analysed(action["_source"])}

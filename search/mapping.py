"""The participation index: settings and an explicit mapping.

Thai text is analysed with the engine's `thai` tokenizer (Java's BreakIterator with
the JDK's Thai dictionary), English with the `english` analyser. Both live in the
engine's analysis-common module; a node without it (Elasticsearch's integ-test
distribution) gets the `standard` analyser instead, so the same code path and
mapping still work there.

No personal data goes in: participants appear as a pseudonymous id.
"""

FULL_ANALYSIS = "full"
CORE_ANALYSIS = "core"

_KEYWORDS = [
    "doc_type",  # page, comment, vote, proposal, project
    "consultation",  # the page's translation key: one consultation across languages
    "widget",  # the block id of the participation widget
    "anchor",  # paragraph or item the record is about
    "process_type",
    "voter_group",
    "area",  # inside / outside the municipality
    "verification_level",
    "locale",
    "moderation_state",
    "status",
    "participant",  # pseudonymous id, never a name or an email
    "option",
]


# Fields added after indices were first created: ParticipationIndex.ensure() adds them
# to an index made before them (adding a field is allowed, changing one is not).
ADDED_FIELDS = {
    # A document its app keeps from the public until then (a comment whose widget shows
    # its results after closing, or never): the public query leaves it out.
    "public_from": {"type": "date"},
}


def index_body(analysis=FULL_ANALYSIS):
    if analysis == FULL_ANALYSIS:
        analyzers = {
            "bokrao_thai": {
                "type": "custom",
                "tokenizer": "thai",
                "filter": ["lowercase", "decimal_digit", "bokrao_thai_stop"],
            },
        }
        filters = {"bokrao_thai_stop": {"type": "stop", "stopwords": "_thai_"}}
        thai, english = "bokrao_thai", "english"
    else:
        analyzers, filters = {}, {}
        thai, english = "standard", "standard"

    def text_field():
        return {
            "type": "text",
            "analyzer": thai,
            "fields": {"en": {"type": "text", "analyzer": english}},
        }

    properties = {name: {"type": "keyword"} for name in _KEYWORDS}
    properties.update(
        {
            "page_id": {"type": "integer"},
            "object_id": {"type": "keyword"},
            "title": text_field(),
            "text": text_field(),
            "url": {"type": "keyword", "index": False},
            # A comment's page, for display only: a query that matches the page's title
            # should find the page, not every comment on it.
            "page_title": {"type": "keyword", "index": False},
            "created_at": {"type": "date"},
            "updated_at": {"type": "date"},
            "opens_at": {"type": "date"},
            "closes_at": {"type": "date"},
            **ADDED_FIELDS,
        }
    )
    return {
        "settings": {
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "analysis": {"analyzer": analyzers, "filter": filters},
        },
        "mappings": {"dynamic": "strict", "properties": properties},
    }

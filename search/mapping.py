"""The participation index: settings and an explicit mapping.

Thai and English are analysed in Python (search/thai.py, decision 022): each
document's title and text go in as written, for display, and as their words, for
search, which the engine splits at spaces only. So every node kind (OpenSearch,
Elasticsearch with or without analysis-common) answers alike.

No personal data goes in: participants appear as a pseudonymous id.
"""

from .thai import index_text

# Raised whenever the analysis or the fields change: an index of an older version
# answers with the old analysis until search_rebuild fills one of this version.
# 2: one Thai analysis in Python (decision 022), the words in title_words, text_words.
MAPPING_VERSION = 2
# Text fields whose words are indexed, as <name>_words.
ANALYSED = ("title", "text")

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
    # The municipality (its id) a document belongs to: staff search and analytics
    # narrow by it. Documents indexed before it lack it until search_rebuild.
    "municipality": {"type": "keyword"},
    # The area of the municipality a resident lived in (its id; "" from outside):
    # analytics split by it.
    "home_area": {"type": "keyword"},
    # A proposal's own state (draft, published, rejected, ...), which staff filter by,
    # the area it is about (an id), its call's category (a list item id) and when it was
    # published.
    "proposal_state": {"type": "keyword"},
    "concerned_area": {"type": "keyword"},
    "category": {"type": "keyword"},
    "published_at": {"type": "date"},
    # The part of a text a document is about (a draft's paragraph, or the paragraph a
    # comment answered): its label as it read ("ข้อ ๕ วรรคสอง"), the version of the text,
    # and for a comment the paragraph's text then and the words it quoted. Shown, not
    # searched: a query that matches a paragraph finds the paragraph, not every comment
    # on it (as with page_title).
    "anchor_label": {"type": "keyword", "index": False},
    "anchor_version": {"type": "integer"},
    "anchor_text": {"type": "text", "index": False},
    "quote": {"type": "text", "index": False},
}


def analysed(source):
    """`source` with the words of its title and text (search/thai.py) beside them:
    what the engine indexes and queries, while title and text stay as written."""
    source = dict(source)
    for name in ANALYSED:
        if source.get(name):
            source[f"{name}_words"] = index_text(source[name])
    return source


def index_body():
    def words_field():
        # Already lower case and split by search/thai.py: the engine only cuts at
        # spaces, which every node kind can (the built-in analyser, no plugin).
        return {"type": "text", "analyzer": "whitespace"}

    properties = {name: {"type": "keyword"} for name in _KEYWORDS}
    properties.update(
        {
            "page_id": {"type": "integer"},
            "object_id": {"type": "keyword"},
            # As written, shown and highlighted (search/thai.highlight); not searched.
            "title": {"type": "text", "index": False},
            "text": {"type": "text", "index": False},
            "url": {"type": "keyword", "index": False},
            # A comment's page, for display only: a query that matches the page's title
            # should find the page, not every comment on it.
            "page_title": {"type": "keyword", "index": False},
            "created_at": {"type": "date"},
            "updated_at": {"type": "date"},
            "opens_at": {"type": "date"},
            "closes_at": {"type": "date"},
            **ADDED_FIELDS,
            **{f"{name}_words": words_field() for name in ANALYSED},
        }
    )
    return {
        "settings": {"number_of_shards": 1, "number_of_replicas": 0},
        "mappings": {
            "dynamic": "strict",
            "_meta": {"bokrao_mapping": MAPPING_VERSION},
            "properties": properties,
        },
    }

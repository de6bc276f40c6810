"""Staff analytics from the index's aggregations; they must agree with the database.

What the database counts comes from each document type's `tally` (search.registry),
which its app answers with consultation_blocks/tally.py: counting stays in one place.

Every query that takes a consultation also takes its municipality (an id): a
consultation belongs to one municipality, and staff analytics never count another's
documents, whatever a key says.
"""

from collections import Counter

from .registry import DOCUMENT_TYPES

# Most buckets a level of `counts_by` returns, by field (the rest: 1,000).
_SIZES = {"consultation": 10000, "option": 100, "voter_group": 10, "moderation_state": 10}


def _buckets(aggregation):
    return aggregation.get("buckets", [])


def _scope(consultation, municipality):
    query = []
    if consultation is not None:
        query.append({"term": {"consultation": str(consultation)}})
    if municipality is not None:
        query.append({"term": {"municipality": str(municipality)}})
    return query


def counts_by(index, doc_type, fields, consultation=None, municipality=None):
    """Counter of (values of `fields`) -> documents of `doc_type`, from nested `terms`
    aggregations; of one consultation, or of all when `consultation` is None; of one
    municipality (an id) when given.

    Nested `terms`, not `multi_terms`: the latter is missing from some distributions
    (Elasticsearch's integ-test build), the former works everywhere.
    """
    query = [{"term": {"doc_type": doc_type}}, *_scope(consultation, municipality)]
    aggs = {}
    for field in reversed(fields):
        level = {"terms": {"field": field, "size": _SIZES.get(field, 1000)}}
        if aggs:
            level["aggs"] = aggs
        aggs = {"by": level}
    result = index.search({"size": 0, "query": {"bool": {"filter": query}}, "aggs": aggs})

    counted = Counter()

    def walk(aggregation, keys):
        for bucket in _buckets(aggregation["by"]):
            if "by" in bucket:
                walk(bucket, (*keys, bucket["key"]))
            else:
                counted[(*keys, bucket["key"])] = bucket["doc_count"]

    walk(result["aggregations"], ())
    return counted


def votes_by_option_and_group(index, consultation, municipality=None):
    """{widget: {option: {voter_group: count}}} for one consultation, every language."""
    return _votes_by_option_and(index, "voter_group", consultation, municipality)


def votes_by_option_and_area(index, consultation, municipality=None):
    """{widget: {option: {area id: count}}}: residents' votes by the area of the
    municipality they lived in (votes from outside have none, and are left out)."""
    return _votes_by_option_and(index, "home_area", consultation, municipality)


def _votes_by_option_and(index, split, consultation, municipality):
    nested = {}
    counted = counts_by(index, "vote", ("widget", "option", split), consultation, municipality)
    for (widget, option, key), n in counted.items():
        if key != "":
            nested.setdefault(widget, {}).setdefault(option, {})[key] = n
    return nested


def activity_per_day(index, consultation, municipality=None):
    """{day (YYYY-MM-DD, Bangkok time): {doc_type: count}} of what people did."""
    result = index.search(
        {
            "size": 0,
            "query": {
                "bool": {
                    "filter": _scope(consultation, municipality),
                    "must_not": [{"term": {"doc_type": "page"}}],
                }
            },
            "aggs": {
                "days": {
                    "date_histogram": {
                        "field": "created_at",
                        "calendar_interval": "day",
                        "time_zone": "Asia/Bangkok",
                        "format": "yyyy-MM-dd",
                        "min_doc_count": 1,
                    },
                    "aggs": {"types": {"terms": {"field": "doc_type"}}},
                }
            },
        }
    )
    return {
        day["key_as_string"]: {kind["key"]: kind["doc_count"] for kind in _buckets(day["types"])}
        for day in _buckets(result["aggregations"]["days"])
    }


def comments_per_paragraph(index, consultation, municipality=None):
    """{anchor: {moderation_state: count}} of one consultation's comments, every language.

    The anchor is the paragraph's (or item's) block id; "" holds the comments about the
    page as a whole. Staff decide which states to show: held and hidden ones are counted.
    """
    nested = {}
    fields = ("anchor", "moderation_state")
    counted = counts_by(index, "comment", fields, consultation, municipality)
    for (anchor, state), n in counted.items():
        nested.setdefault(anchor, {})[state] = n
    return nested


def tallies(index, consultation=None, municipality=None):
    """{doc_type: (in database, in index)} Counters keyed by each registered type's
    tally fields, prefixed by the consultation: what the database and the index count."""
    compared = {}
    for name, documents in DOCUMENT_TYPES.items():
        if documents.tally_fields:
            fields = ("consultation", *documents.tally_fields)
            compared[name] = (
                documents.tally(consultation),
                counts_by(index, name, fields, consultation, municipality),
            )
    return compared


def consultation_differences(index, consultation, municipality=None):
    """Where the index's counts for one consultation differ from the database's.

    Each registered type's tallies (votes per widget, option and voter group; comments
    per paragraph and state): the numbers on the staff report. An empty list means the
    index agrees.
    """
    differences = []
    for name, (in_database, in_index) in tallies(index, consultation, municipality).items():
        for key in set(in_database) | set(in_index):
            if in_database.get(key, 0) != in_index.get(key, 0):
                # The consultation is the same throughout: the key names the rest.
                differences.append(
                    ((name, *key[1:]), in_database.get(key, 0), in_index.get(key, 0))
                )
    return sorted(differences)

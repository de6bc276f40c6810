"""Staff analytics from the index's aggregations; they must agree with the database."""


def _buckets(aggregation):
    return aggregation.get("buckets", [])


_BY_STATE = {"states": {"terms": {"field": "moderation_state", "size": 10}}}


def votes_by_option_and_group(index, consultation):
    """{widget: {option: {voter_group: count}}} for one consultation, every language."""
    result = index.search(
        {
            "size": 0,
            "query": {
                "bool": {
                    "filter": [
                        {"term": {"doc_type": "vote"}},
                        {"term": {"consultation": str(consultation)}},
                    ]
                }
            },
            "aggs": {
                "widgets": {
                    "terms": {"field": "widget", "size": 500},
                    "aggs": {
                        "options": {
                            "terms": {"field": "option", "size": 100},
                            "aggs": {"groups": {"terms": {"field": "voter_group", "size": 10}}},
                        }
                    },
                }
            },
        }
    )
    return {
        widget["key"]: {
            option["key"]: {
                group["key"]: group["doc_count"] for group in _buckets(option["groups"])
            }
            for option in _buckets(widget["options"])
        }
        for widget in _buckets(result["aggregations"]["widgets"])
    }


def activity_per_day(index, consultation):
    """{day (YYYY-MM-DD, Bangkok time): {doc_type: count}} of what people did."""
    result = index.search(
        {
            "size": 0,
            "query": {
                "bool": {
                    "filter": [{"term": {"consultation": str(consultation)}}],
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


def vote_tallies(index):
    """{(consultation, widget, option): count} across the index, for comparisons.

    Nested `terms`, not `multi_terms`: the latter is missing from some distributions
    (Elasticsearch's integ-test build), the former works everywhere.
    """
    result = index.search(
        {
            "size": 0,
            "query": {"term": {"doc_type": "vote"}},
            "aggs": {
                "consultations": {
                    "terms": {"field": "consultation", "size": 10000},
                    "aggs": {
                        "widgets": {
                            "terms": {"field": "widget", "size": 1000},
                            "aggs": {"options": {"terms": {"field": "option", "size": 100}}},
                        }
                    },
                }
            },
        }
    )
    return {
        (consultation["key"], widget["key"], option["key"]): option["doc_count"]
        for consultation in _buckets(result["aggregations"]["consultations"])
        for widget in _buckets(consultation["widgets"])
        for option in _buckets(widget["options"])
    }


def comments_per_paragraph(index, consultation):
    """{anchor: {moderation_state: count}} of one consultation's comments, every language.

    The anchor is the paragraph's (or item's) block id; "" holds the comments about the
    page as a whole. Staff decide which states to show: held and hidden ones are counted.
    """
    result = index.search(
        {
            "size": 0,
            "query": {
                "bool": {
                    "filter": [
                        {"term": {"doc_type": "comment"}},
                        {"term": {"consultation": str(consultation)}},
                    ]
                }
            },
            "aggs": {
                "anchors": {
                    "terms": {"field": "anchor", "size": 1000},
                    "aggs": _BY_STATE,
                }
            },
        }
    )
    return {
        anchor["key"]: {state["key"]: state["doc_count"] for state in _buckets(anchor["states"])}
        for anchor in _buckets(result["aggregations"]["anchors"])
    }


def comment_tallies(index):
    """{(consultation, anchor, moderation_state): count} across the index, for comparisons."""
    result = index.search(
        {
            "size": 0,
            "query": {"term": {"doc_type": "comment"}},
            "aggs": {
                "consultations": {
                    "terms": {"field": "consultation", "size": 10000},
                    "aggs": {
                        "anchors": {
                            "terms": {"field": "anchor", "size": 1000},
                            "aggs": _BY_STATE,
                        }
                    },
                }
            },
        }
    )
    return {
        (consultation["key"], anchor["key"], state["key"]): state["doc_count"]
        for consultation in _buckets(result["aggregations"]["consultations"])
        for anchor in _buckets(consultation["anchors"])
        for state in _buckets(anchor["states"])
    }


def consultation_differences(index, consultation):
    """Where the index's counts for one consultation differ from the database's.

    Votes per widget, option and voter group, and comments per paragraph and state:
    the numbers on the staff report. An empty list means the index agrees.
    """
    from collections import Counter

    from consultation_blocks.models import Comment, Vote

    in_database = Counter()
    votes = Vote.objects.filter(consultation=consultation)
    for widget, choices, group in votes.values_list("widget", "choices", "voter_group"):
        for choice in choices:
            in_database[("vote", widget, choice, group)] += 1
    comments = Comment.objects.filter(consultation=consultation)
    for anchor, state in comments.values_list("anchor", "state"):
        in_database[("comment", anchor, state, "")] += 1

    in_index = Counter()
    for widget, options in votes_by_option_and_group(index, consultation).items():
        for option, groups in options.items():
            for group, count in groups.items():
                in_index[("vote", widget, option, group)] = count
    for anchor, states in comments_per_paragraph(index, consultation).items():
        for state, count in states.items():
            in_index[("comment", anchor, state, "")] = count
    return sorted(
        (key, in_database.get(key, 0), in_index.get(key, 0))
        for key in set(in_database) | set(in_index)
        if in_database.get(key, 0) != in_index.get(key, 0)
    )

"""Staff analytics from the index's aggregations; they must agree with the database."""


def _buckets(aggregation):
    return aggregation.get("buckets", [])


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
    """{(consultation, widget, option): count} across the index, for comparisons."""
    result = index.search(
        {
            "size": 0,
            "query": {"term": {"doc_type": "vote"}},
            "aggs": {
                "tallies": {
                    "multi_terms": {
                        "terms": [
                            {"field": "consultation"},
                            {"field": "widget"},
                            {"field": "option"},
                        ],
                        "size": 10000,
                    }
                }
            },
        }
    )
    return {tuple(b["key"]): b["doc_count"] for b in _buckets(result["aggregations"]["tallies"])}

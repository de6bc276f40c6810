"""The queries the benchmark times: what the search box and the staff's reports send."""

import random

from bench.corpus import ENGLISH_QUERIES, THAI_QUERIES


def text_search(words):
    """What the search box sends (search.public.text_query: the words fields, every word),
    published only."""
    from search.public import text_query

    return {
        "size": 10,
        "query": {
            "bool": {
                "must": text_query(words),
                "filter": [{"term": {"moderation_state": "published"}}],
            }
        },
    }


def query_mix(corpus, count, seed):
    """`count` query bodies of each kind. The aggregations take a different widget each
    time, so the engine's request cache (it keeps size-0 results) does not answer them."""
    rng = random.Random(f"{seed}-queries")

    def widgets(kind):
        pool = corpus.by_kind[kind]
        picked = rng.sample(pool, min(count, len(pool)))
        return picked + rng.choices(pool, k=count - len(picked))

    vote_widgets, comment_widgets = widgets("vote"), widgets("comment")
    mix = {
        "thai word": [text_search(THAI_QUERIES[i % len(THAI_QUERIES)]) for i in range(count)],
        "english stemmed": [
            text_search(ENGLISH_QUERIES[i % len(ENGLISH_QUERIES)]) for i in range(count)
        ],
        "consultation + doc_type": [
            {
                "size": 20,
                "query": {
                    "bool": {
                        "filter": [
                            {"term": {"consultation": rng.choice(corpus.consultations)["key"]}},
                            {"term": {"doc_type": "comment"}},
                        ]
                    }
                },
                "sort": [{"created_at": "desc"}],
            }
            for _ in range(count)
        ],
        "votes per option x group": [
            {
                "size": 0,
                "query": {
                    "bool": {
                        "filter": [
                            {"term": {"widget": widget["id"]}},
                            {"term": {"doc_type": "vote"}},
                        ]
                    }
                },
                "aggs": {
                    "options": {
                        "terms": {"field": "option", "size": 20},
                        "aggs": {"groups": {"terms": {"field": "voter_group", "size": 5}}},
                    }
                },
            }
            for widget in vote_widgets
        ],
        "comments per anchor": [
            {
                "size": 0,
                "query": {
                    "bool": {
                        "filter": [
                            {"term": {"widget": widget["id"]}},
                            {"term": {"doc_type": "comment"}},
                            {"term": {"moderation_state": "published"}},
                        ]
                    }
                },
                "aggs": {"anchors": {"terms": {"field": "anchor", "size": 50}}},
            }
            for widget in comment_widgets
        ],
    }
    return mix

"""Staff search in the Wagtail admin: every comment in every moderation state, and pages.

The public query (search/public.py) asks for published documents only; staff also find
held and hidden comments, and narrow by who spoke: voter group and inside/outside.
"""

from django.utils.dateparse import parse_datetime
from django.utils.text import Truncator

from consultation_blocks.comments.choices import CommentState
from consultation_blocks.participants.choices import Area, VoterGroup
from pb_pages.processes import ProcessType

from .public import (
    DOCUMENT_LABELS,
    HIGHLIGHT,
    RESULTS_PER_PAGE,
    SearchPage,
    highlights,
    text_query,
    total_of,
)

PERMISSION = "bokrao_blocks.change_comment"
# Votes are counted in reports, not read; proposals and projects join when indexed.
STAFF_TYPES = ["comment", "page", "proposal", "project"]
# The filters staff can set: the URL parameter is the index field.
CHOICES = {
    "moderation_state": CommentState,
    "voter_group": VoterGroup,
    "area": Area,
    "process_type": ProcessType,
}
FILTERS = [*CHOICES, "consultation"]


def may_search_comments(user):
    """Those who may moderate comments may read all of them, held and hidden too."""
    return user.is_active and (user.is_superuser or user.has_perm(PERMISSION))


def clean_filters(params):
    """The filters of a query string that name a known value (or any consultation key)."""
    filters = {}
    for name in FILTERS:
        value = (params.get(name) or "").strip()[:100]
        if value and (name not in CHOICES or value in CHOICES[name].values):
            filters[name] = value
    return filters


def staff_search_body(query, filters, page=1):
    chosen = [{"term": {name: value}} for name, value in filters.items() if name in FILTERS]
    body = {
        "query": {
            "bool": {
                "must": [text_query(query)],
                "filter": [{"terms": {"doc_type": STAFF_TYPES}}, *chosen],
            }
        },
        "aggs": {"moderation_state": {"terms": {"field": "moderation_state", "size": 10}}},
        "highlight": HIGHLIGHT,
        "from": (page - 1) * RESULTS_PER_PAGE,
        "size": RESULTS_PER_PAGE,
    }
    if not query:  # nothing to rank by: newest first
        body["sort"] = [{"created_at": {"order": "desc", "missing": "_last"}}, "_score"]
    return body


def _label(choices, value):
    return choices(value).label if value in choices.values else value or ""


def _hit(hit):
    source = hit["_source"]
    title_html, snippets = highlights(hit)
    created_at = source.get("created_at")
    return {
        "doc_type": source["doc_type"],
        "kind": DOCUMENT_LABELS.get(source["doc_type"], source["doc_type"]),
        "object_id": source.get("object_id"),
        "title": source.get("title") or source.get("page_title", ""),
        "title_html": title_html,
        "snippets": snippets,
        # Without a highlight (no query, or only the title matched): the text's beginning.
        "excerpt": Truncator(source.get("text", "")).chars(200),
        "url": source.get("url"),
        "page_id": source.get("page_id"),
        "locale": source.get("locale", ""),
        "anchor": source.get("anchor", ""),
        "state": source.get("moderation_state", ""),
        "state_label": _label(CommentState, source.get("moderation_state")),
        "voter_group": _label(VoterGroup, source.get("voter_group")),
        "area": _label(Area, source.get("area")),
        "process": _label(ProcessType, source.get("process_type")),
        "created_at": parse_datetime(created_at) if created_at else None,
    }


def search_for_staff(index, query, filters, page=1):
    """A SearchPage of comments (every state) and pages; `facets` counts moderation states."""
    result = index.search(staff_search_body(query, filters, page))
    buckets = result.get("aggregations", {}).get("moderation_state", {}).get("buckets", [])
    states = {b["key"]: b["doc_count"] for b in buckets}
    return SearchPage(
        query=query,
        total=total_of(result),
        hits=[_hit(hit) for hit in result["hits"]["hits"]],
        facets={"moderation_state": states},
        page=page,
    )


def consultation_choices(language_code):
    """(translation key, title) of every consultation, titled in `language_code` if it can be."""
    from pb_pages.models import ConsultationPage

    titles = {}
    pages = ConsultationPage.objects.select_related("locale").order_by("title")
    for page in pages:
        key = str(page.translation_key)
        if key not in titles or page.locale.language_code == language_code:
            titles[key] = page.title
    return sorted(titles.items(), key=lambda item: item[1])

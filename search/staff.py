"""Staff search in the Wagtail admin: every comment in every moderation state, and pages.

The public query (search/public.py) asks for published documents only; staff also find
held and hidden comments, and narrow by who spoke: voter group and inside/outside.
Staff find the documents of the municipalities they work for only (the scope the
participation app registers); a platform administrator finds all, and may narrow by
municipality.
"""

from django.utils.dateparse import parse_datetime
from django.utils.html import escape, format_html
from django.utils.text import Truncator

from theme.user_input import clean_user_text

from . import registry
from .public import (
    RESULTS_PER_PAGE,
    SearchPage,
    highlights,
    text_query,
    total_of,
)


def may_search_comments(user):
    """Those who may moderate comments may read all of them, held and hidden too: the
    check is the one the participation app registers (search.registry)."""
    return registry.may_search(user)


def filter_choices():
    """{index field: TextChoices} of the filters staff can set (the URL parameter is the
    index field), as the apps registered them; the consultation filter comes apart."""
    return {name: registry.FIELD_CHOICES[name] for name in registry.STAFF_FILTERS}


def filter_names():
    return [*registry.STAFF_FILTERS, "consultation", "municipality"]


def clean_filters(params):
    """The filters of a query string that name a known value (or any consultation key)."""
    known = filter_choices()
    cleaned = {}
    for name in filter_names():
        value = clean_user_text(params.get(name)).strip()[:100]
        if value and (name not in known or value in known[name].values):
            cleaned[name] = value
    return cleaned


def staff_search_body(query, filters, page=1, municipalities=None):
    """`municipalities`: the ids whose documents may be found (None: every one)."""
    allowed = set(filter_names())
    chosen = [{"term": {name: value}} for name, value in filters.items() if name in allowed]
    if municipalities is not None:
        # A filter, not a choice: none of their municipalities, nothing found.
        chosen.append({"terms": {"municipality": [str(pk) for pk in municipalities]}})
    body = {
        "query": {
            "bool": {
                "must": [text_query(query)],
                # The types their apps show staff (votes are counted in reports, not read).
                "filter": [{"terms": {"doc_type": registry.staff_types()}}, *chosen],
            }
        },
        "aggs": {"moderation_state": {"terms": {"field": "moderation_state", "size": 10}}},
        "from": (page - 1) * RESULTS_PER_PAGE,
        "size": RESULTS_PER_PAGE,
    }
    if not query:  # nothing to rank by: newest first
        body["sort"] = [{"created_at": {"order": "desc", "missing": "_last"}}, "_score"]
    return body


def marked_quote(text, quote):
    """`text` HTML-escaped, the first place it holds `quote` in <mark>."""
    at = text.find(quote) if quote else -1
    if at < 0:
        return escape(text)
    return format_html(
        "{}<mark>{}</mark>{}", text[:at], text[at : at + len(quote)], text[at + len(quote) :]
    )


def _hit(hit, query):
    source = hit["_source"]
    title_html, snippets = highlights(hit, query)
    created_at = source.get("created_at")
    return {
        "doc_type": source["doc_type"],
        "kind": registry.label_of_type(source["doc_type"]),
        "object_id": source.get("object_id"),
        "title": source.get("title") or source.get("page_title", ""),
        "title_html": title_html,
        # A comment on a part of a text (a draft's paragraph): which, in which version,
        # how that paragraph read then, and the words it quoted.
        "anchor_label": source.get("anchor_label", ""),
        "anchor_version": source.get("anchor_version"),
        "anchor_text_html": marked_quote(source.get("anchor_text", ""), source.get("quote", "")),
        "snippets": snippets,
        # Without a highlight (no query, or only the title matched): the text's beginning.
        "excerpt": Truncator(source.get("text", "")).chars(200),
        "url": source.get("url"),
        "page_id": source.get("page_id"),
        "locale": source.get("locale", ""),
        "anchor": source.get("anchor", ""),
        "state": source.get("moderation_state", ""),
        # A proposal says its own state (rejected, done, ...), a comment its moderation.
        "state_label": registry.label_of("proposal_state", source["proposal_state"])
        if source.get("proposal_state")
        else registry.label_of("moderation_state", source.get("moderation_state")),
        "voter_group": registry.label_of("voter_group", source.get("voter_group")),
        "area": registry.label_of("area", source.get("area")),
        "process": registry.label_of("process_type", source.get("process_type")),
        "created_at": parse_datetime(created_at) if created_at else None,
    }


def search_for_staff(index, query, filters, page=1, municipalities=None):
    """A SearchPage of comments (every state) and pages of `municipalities` (ids; None:
    all); `facets` counts moderation states."""
    result = index.search(staff_search_body(query, filters, page, municipalities))
    buckets = result.get("aggregations", {}).get("moderation_state", {}).get("buckets", [])
    states = {b["key"]: b["doc_count"] for b in buckets}
    return SearchPage(
        query=query,
        total=total_of(result),
        hits=[_hit(hit, query) for hit in result["hits"]["hits"]],
        facets={"moderation_state": states},
        page=page,
    )


def scope_of(user):
    """The municipality ids whose documents `user` finds, or None for all."""
    return registry.staff_scope(user)


def municipality_choices(user):
    """(id, name) of the municipalities `user` may narrow to; none if only one."""
    choices = registry.municipality_choices(user)
    return choices if len(choices) > 1 else []


def consultation_choices(language_code, municipalities=None):
    """(translation key, title) of every consultation of `municipalities` (ids; None:
    all), titled in `language_code` if it can be."""
    return registry.consultations(language_code, municipalities)

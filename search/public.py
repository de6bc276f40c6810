"""The public search page's query on the participation index: one box, facets, highlights."""

from dataclasses import dataclass, field

from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from .registry import (
    UNPUBLISHED,
    label_of,
    label_of_type,
    municipality_names,
    public_types,
    still_public,
)
from .thai import highlight, query_text

RESULTS_PER_PAGE = 20
# Facets a visitor can narrow by: the URL parameter is the index field.
FACETS = {
    "municipality": _("Municipality"),
    "process_type": _("Process"),
    "consultation": _("Consultation"),
    "status": _("Status"),
    "locale": _("Language"),
}
LANGUAGE_LABELS = {"th": "ไทย", "en": "English"}


@dataclass
class SearchPage:
    query: str
    total: int
    hits: list
    facets: dict = field(default_factory=dict)
    page: int = 1

    @property
    def pages(self):
        return max(1, -(-self.total // RESULTS_PER_PAGE))

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages


def text_query(query):
    """The words of the search box against titles and text; shared by the public search
    and staff search (search/staff.py).

    The query is cut into words as the documents were (search/thai.py) and a document
    must have every one of them, in its title or its text, in any order (decision 022):
    two of three words in an unrelated comment are not a hit. No word is dropped as a
    stop word, so a query never becomes empty and matches everything.
    """
    words = query_text(query) if query else ""
    if not words:
        return {"match_all": {}} if not query else {"match_none": {}}
    return {
        "multi_match": {
            "query": words,
            "type": "cross_fields",
            "operator": "and",
            "fields": ["title_words^3", "text_words"],
        }
    }


def highlights(hit, query):
    """(title_html or None, up to one text snippet) of a hit, HTML-escaped, the words
    the query looks for in <mark> (search/thai.highlight: the same words as the index)."""
    source = hit["_source"]
    title = highlight(source.get("title") or "", query, length=10_000)
    text = highlight(source.get("text") or "", query)
    return title, [text] if text else []


def title_of(source):
    """A hit's title: its own, or its page's (a comment is shown under its page's title),
    followed by the part of the page it is about (a draft's paragraph: ข้อ ๗)."""
    title = source.get("title") or source.get("page_title", "")
    part = source.get("anchor_label")
    return f"{title} · {part}" if title and part else title or part or ""


def total_of(result):
    total = result["hits"]["total"]
    return total["value"] if isinstance(total, dict) else total


def search_body(query, filters, page=1):
    """The engine request: published documents only, whatever else is asked."""
    must = [text_query(query)]
    chosen = [{"term": {name: value}} for name, value in filters.items() if name in FACETS]
    return {
        "query": {
            "bool": {
                "must": must,
                "filter": [
                    {"term": {"moderation_state": "published"}},
                    # The types their apps call public (votes are counted, never read).
                    {"terms": {"doc_type": public_types()}},
                    *chosen,
                ],
                "must_not": [
                    # Comments of a page taken offline go with it.
                    {"term": {"status": UNPUBLISHED}},
                    # What its app keeps from the public until later (a widget's hidden
                    # results): neither found nor counted in a facet.
                    {"range": {"public_from": {"gt": now().isoformat()}}},
                ],
            }
        },
        "aggs": {name: {"terms": {"field": name, "size": 20}} for name in FACETS},
        "from": (page - 1) * RESULTS_PER_PAGE,
        "size": RESULTS_PER_PAGE,
    }


def facet_label(name, key, names):
    """The label of a facet's option; `names` are the titles of the consultations and
    the names of the municipalities of this page of results, looked up once."""
    if name == "locale":
        return LANGUAGE_LABELS.get(key, key)
    if name in ("consultation", "municipality"):
        return names.get(name, {}).get(key, key)
    return label_of(name, key)  # process type, status: as their apps registered them


def consultation_titles(keys, language_code):
    """Titles of consultations (by translation key) in the visitor's language."""
    from wagtail.models import Page

    titles = {}
    for page in Page.objects.filter(translation_key__in=keys).select_related("locale"):
        if str(page.translation_key) not in titles or page.locale.language_code == language_code:
            titles[str(page.translation_key)] = page.title
    return titles


def _key(hit):
    source = hit["_source"]
    return source["doc_type"], str(source.get("object_id") or hit["_id"].split("-", 1)[-1])


def _drop_what_is_no_longer_public(result):
    """Leave out the hits the database no longer lets the public read (hidden by a
    moderator, its author blocked, its page taken offline or made private) before the
    worker has told the index: one query per document type on this page's ids.

    The total and the facet counts lose the hits left out here, which is exact for this
    page. A document of another results page that the index has not caught up with is
    still counted until the worker sends it (about a second with the worker running);
    it is left out when its page is shown. No notice says so: the hits are right, and
    a count off by a document or two for a second is not worth a warning to a visitor.
    """
    hits = result["hits"]["hits"]
    public = still_public([_key(hit) for hit in hits])
    dropped = [hit for hit in hits if _key(hit) not in public]
    if not dropped:
        return result
    result["hits"]["hits"] = [hit for hit in hits if _key(hit) in public]
    total = result["hits"]["total"]
    if isinstance(total, dict):
        total["value"] = max(0, total["value"] - len(dropped))
    else:
        result["hits"]["total"] = max(0, total - len(dropped))
    for name, aggregation in result.get("aggregations", {}).items():
        for hit in dropped:
            value = hit["_source"].get(name)
            for bucket in aggregation.get("buckets", []):
                if bucket["key"] == value:
                    bucket["doc_count"] -= 1
        aggregation["buckets"] = [b for b in aggregation.get("buckets", []) if b["doc_count"] > 0]
    return result


def search_participation(index, query, filters, language_code, page=1):
    result = _drop_what_is_no_longer_public(index.search(search_body(query, filters, page)))
    aggregations = result.get("aggregations", {})
    keys = [b["key"] for b in aggregations.get("consultation", {}).get("buckets", [])]
    municipalities = [b["key"] for b in aggregations.get("municipality", {}).get("buckets", [])]
    titles = {
        "consultation": consultation_titles(keys, language_code),
        "municipality": municipality_names(municipalities) if municipalities else {},
    }
    facets = {}
    for name, label in FACETS.items():
        buckets = aggregations.get(name, {}).get("buckets", [])
        facets[name] = {
            "label": label,
            "selected": filters.get(name),
            "options": [
                {
                    "key": b["key"],
                    "count": b["doc_count"],
                    "label": facet_label(name, b["key"], titles),
                }
                for b in buckets
            ],
        }
    hits = []
    for hit in result["hits"]["hits"]:
        source = hit["_source"]
        title_html, snippets = highlights(hit, query)
        hits.append(
            {
                "title": title_of(source),
                "title_html": title_html,
                "snippets": snippets,
                "url": source.get("url"),
                "kind": label_of_type(source["doc_type"]),
                "process": facet_label("process_type", source["process_type"], {})
                if source.get("process_type")
                else "",
                "status": source.get("status", ""),
                "locale": source["locale"],
            }
        )
    return SearchPage(query=query, total=total_of(result), hits=hits, facets=facets, page=page)

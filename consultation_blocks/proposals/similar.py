"""Proposals like the one being written: while an author types a title, the public
proposals of the same municipality (on any of its calls) whose titles share most of
its words, so that they support one instead of writing it twice.

The words are those of the one Thai analysis (search/thai.py, decision 022), as public
search finds them: ไฟส่องสว่าง in a title is found by ไฟ ส่อง as by ไฟส่องสว่าง. The
participation index answers; when the engine is away the database does, with the same
rule for how many words must match, so both give the same proposals.
"""

import logging

from django.db.models import Q
from wagtail.models import Page

from search import health
from search.conf import search_setting
from search.engines import EngineUnavailable
from search.index import ParticipationIndex
from search.registry import UNPUBLISHED
from search.thai import index_words, query_words

from ..municipalities.services import municipality_of
from .choices import ProposalState
from .documents import ProposalDocuments, found_publicly, proposal_url

log = logging.getLogger(__name__)

# A title of one or two words must share both; a longer one 70 % of its words (rounded
# down): "ติดไฟส่องสว่างในซอยวัด" finds "ขอไฟส่องสว่างซอยวัด" (3 of 5), while one
# common word (ขอ, ซอย) alone finds nothing. The engine's minimum_should_match says the
# same ("2<70%"), so the database's fallback keeps exactly what it would.
MINIMUM_SHOULD_MATCH = "2<70%"
# A title has at most 150 letters; words past these are not worth a longer query.
MAX_WORDS = 20
# Titles the database looks at when the engine is away, newest first.
TITLE_CANDIDATES = 500

_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def words_needed(count):
    """How many of `count` words a similar title must have (MINIMUM_SHOULD_MATCH)."""
    return count if count <= 2 else int(count * 0.7)


def similar_proposals(call, text, limit=5, exclude_id=None):
    """Up to `limit` public proposals of `call`'s municipality whose titles are like
    `text`, most alike first, without `exclude_id` (the proposal being edited).

    A list of {"id", "title", "url", "state", "state_label"}; empty when `text` has no
    word. Never raises for the engine: away or failing, the database answers.
    """
    words = list(dict.fromkeys(query_words(text or "")))[:MAX_WORDS]
    # The endpoint passes what the browser sent: anything but a number excludes nothing.
    exclude_id = _number(exclude_id)
    municipality = municipality_of(call) if call is not None else None
    if not words or municipality is None or limit <= 0:
        return []
    url = search_setting("URL")
    if url:
        try:
            return health.call(
                url,
                lambda: _from_the_index(
                    ParticipationIndex(url), words, municipality.pk, limit, exclude_id
                ),
            )
        except EngineUnavailable as error:
            log.warning("Similar proposals from the database: %s", error)
    return _from_the_database(words, municipality.pk, limit, exclude_id)


def _number(value):
    text = str(value) if value is not None else ""
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None


def _result(pk, title, url, state):
    return {
        "id": pk,
        "title": title,
        "url": url,
        "state": state,
        "state_label": str(ProposalState(state).label) if state in ProposalState.values else "",
    }


def similar_body(words, municipality_id, size, exclude_id=None):
    """The engine request: public proposals of the municipality (as public search
    filters them) whose title has enough of `words`."""
    must_not = [{"term": {"status": UNPUBLISHED}}]
    if exclude_id is not None:
        must_not.append({"term": {"object_id": str(exclude_id)}})
    return {
        "query": {
            "bool": {
                "must": [
                    {
                        "match": {
                            "title_words": {
                                "query": " ".join(words),
                                "operator": "or",
                                "minimum_should_match": MINIMUM_SHOULD_MATCH,
                            }
                        }
                    }
                ],
                "filter": [
                    {"term": {"doc_type": ProposalDocuments.name}},
                    {"term": {"moderation_state": "published"}},
                    {"term": {"municipality": str(municipality_id)}},
                ],
                "must_not": must_not,
            }
        },
        "_source": ["object_id", "title", "url", "proposal_state"],
        "size": size,
    }


def _from_the_index(index, words, municipality_id, limit, exclude_id):
    # A few more than asked: the database may have hidden some the index still shows.
    result = index.search(similar_body(words, municipality_id, limit + 5, exclude_id))
    sources = [hit["_source"] for hit in result["hits"]["hits"]]
    public = ProposalDocuments().still_public([source["object_id"] for source in sources])
    return [
        _result(
            int(source["object_id"]),
            source["title"],
            source.get("url"),
            source.get("proposal_state", ""),
        )
        for source in sources
        if source["object_id"] in public
    ][:limit]


def _from_the_database(words, municipality_id, limit, exclude_id):
    """The engine's answer from the database: titles with any word's letters (in Thai or
    Arabic digits) are candidates, and those whose words, by the one analysis, include
    enough of the query's are kept, most words in common first, then the newest."""
    any_word = Q()
    for word in words:
        any_word |= Q(title__icontains=word) | Q(title__icontains=word.translate(_THAI_DIGITS))
    candidates = found_publicly().filter(any_word, municipality_id=municipality_id)
    if exclude_id is not None:
        candidates = candidates.exclude(pk=exclude_id)
    candidates = candidates.order_by("-published_at", "-pk").only(
        "pk", "title", "state", "call_id", "published_at"
    )[:TITLE_CANDIDATES]
    needed, wanted = words_needed(len(words)), set(words)
    alike = []
    for position, proposal in enumerate(candidates):
        shared = len(wanted & set(index_words(proposal.title)))
        if shared >= needed:
            alike.append((-shared, position, proposal))
    chosen = [proposal for _shared, _position, proposal in sorted(alike)[:limit]]
    calls = {
        page.pk: page for page in Page.objects.filter(pk__in={p.call_id for p in chosen}).specific()
    }
    return [
        _result(
            proposal.pk,
            proposal.title,
            proposal_url(calls.get(proposal.call_id), proposal.pk),
            proposal.state,
        )
        for proposal in chosen
    ]

"""Proposals in the participation index (a real OpenSearch node): public search finds the
public ones by a Thai word inside their titles, staff search every one but drafts, and
similar proposals are suggested while an author types a title, with or without the
engine."""

import json
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from consultation_blocks.factories import make_participant
from consultation_blocks.municipalities.services import municipality_of
from consultation_blocks.participants.choices import Residence, VoterGroup
from consultation_blocks.proposals import services
from consultation_blocks.proposals.choices import ProposalState
from consultation_blocks.proposals.factories import make_proposal
from consultation_blocks.proposals.models import Proposal
from consultation_blocks.proposals.similar import similar_proposals
from pb_pages.factories import make_call, make_home, make_platform, make_section
from search.analytics import consultation_differences
from search.index import ParticipationIndex
from search.outbox import enqueue_many, send_all_due
from search.public import search_participation
from search.registry import label_of_type
from search.staff import search_for_staff
from search.thai import index_text

pytestmark = pytest.mark.django_db

S = ProposalState
LIGHTS = "ขอไฟส่องสว่างซอยวัด"


def _index(index, *proposals):
    """What the services do on every change (services._reindex), then the worker's round."""
    enqueue_many("proposal", [proposal.pk for proposal in proposals])
    send_all_due(index)
    index.refresh()


def _published(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def platform(db):
    return make_platform()


@pytest.fixture
def saensuk(platform):
    return make_home("เทศบาลแสนสุข", "saensuk", platform=platform)


@pytest.fixture
def bangphra(platform):
    return make_home("เทศบาลบางพระ", "bangphra", platform=platform)


def _call(home, slug="ideas", **fields):
    section = _published(make_section(home, "proposals", slug=f"{slug}-section"))
    return _published(make_call(section, slug=slug, **fields))


@pytest.fixture
def call(saensuk):
    return _call(saensuk)


@pytest.fixture
def reviewer(db):
    return get_user_model().objects.create_superuser("reviewer", "r@saensuk.example", "pw")


@pytest.fixture
def somchai(saensuk):
    return make_participant("somchai", municipality=municipality_of(saensuk))


def _url(call, proposal):
    return f"{call.url}p/{proposal.pk}/"


def _proposal_urls(found):
    return {hit["url"] for hit in found.hits if "/p/" in (hit["url"] or "")}


def _public(index, query):
    return _proposal_urls(search_participation(index, query, {"locale": "th"}, "th"))


def _source(index, proposal):
    found = index.search({"query": {"ids": {"values": [f"proposal-{proposal.pk}"]}}})
    hits = found["hits"]["hits"]
    return hits[0]["_source"] if hits else None


# The document


def test_a_proposal_document_carries_its_call_state_and_a_pseudonym(
    call, somchai, participation_index
):
    proposal = make_proposal(call, somchai, title=LIGHTS, category="roads")
    _index(participation_index, proposal)

    source = _source(participation_index, proposal)

    text = "ถนนหน้าโรงเรียนเป็นหลุมเป็นบ่อ\n\nขอให้เทศบาลซ่อมถนนหน้าโรงเรียนก่อนเปิดเทอม"
    assert source == {
        "doc_type": "proposal",
        "object_id": str(proposal.pk),
        "page_id": call.pk,
        "page_title": call.title,
        "consultation": str(call.translation_key),
        "municipality": str(municipality_of(call).pk),
        "widget": f"proposal-{proposal.pk}",
        "title": LIGHTS,
        "title_words": index_text(LIGHTS),
        "text": text,
        "text_words": index_text(text),
        "url": _url(call, proposal),  # its own page under the call
        "voter_group": "resident",
        "area": "inside",
        "home_area": "",
        "concerned_area": "",
        "category": "roads",
        "verification_level": "1",
        "locale": "th",
        "participant": str(somchai.pseudonym),
        "moderation_state": "published",
        "proposal_state": "published",
        "process_type": "proposals",
        "status": "open",
        "created_at": source["created_at"],
        "updated_at": source["updated_at"],
        "published_at": source["published_at"],
    }
    assert "somchai" not in json.dumps(source)


def test_a_draft_is_never_indexed(call, somchai, participation_index):
    draft = make_proposal(call, somchai, title=LIGHTS, state=S.DRAFT)
    _index(participation_index, draft)

    assert _source(participation_index, draft) is None


# Public search


def test_a_thai_word_inside_a_title_finds_the_proposal_and_links_to_its_page(
    call, somchai, participation_index, client
):
    proposal = make_proposal(call, somchai, title=LIGHTS)
    _index(participation_index, proposal)

    response = client.get("/th/search/", {"q": "ไฟส่องสว่าง"})

    found = response.context["found"]
    assert _proposal_urls(found) == {_url(call, proposal)}
    hit = next(hit for hit in found.hits if hit["url"] == _url(call, proposal))
    assert hit["title"] == LIGHTS
    assert "<mark>ไฟส่องสว่าง</mark>" in hit["title_html"]
    with translation.override("th"):
        assert hit["kind"] == str(label_of_type("proposal"))
    assert f'href="{_url(call, proposal)}"' in response.content.decode()


def test_the_summary_and_description_find_the_proposal_too(call, somchai, participation_index):
    proposal = make_proposal(call, somchai, title=LIGHTS, description="มืดมากตอนกลางคืน")
    _index(participation_index, proposal)

    assert _public(participation_index, "หลุมเป็นบ่อ") == {_url(call, proposal)}
    assert _public(participation_index, "กลางคืน") == {_url(call, proposal)}


def test_drafts_submitted_and_hidden_proposals_are_never_found_publicly(
    call, somchai, participation_index
):
    unseen = [
        make_proposal(call, somchai, title=f"{LIGHTS} {state}", state=state)
        for state in (S.DRAFT, S.SUBMITTED, S.HIDDEN)
    ]
    shown = make_proposal(call, somchai, title=LIGHTS)
    _index(participation_index, *unseen, shown)

    assert _public(participation_index, "ไฟส่องสว่าง") == {_url(call, shown)}


def test_every_answered_state_stays_public(call, somchai, participation_index):
    answered = [
        make_proposal(call, somchai, title=LIGHTS, state=state)
        for state in (S.UNDER_REVIEW, S.ACCEPTED, S.REJECTED, S.FORWARDED, S.IN_PROGRESS, S.DONE)
    ]
    _index(participation_index, *answered)

    assert _public(participation_index, "ไฟส่องสว่าง") == {_url(call, p) for p in answered}


def test_a_proposal_hidden_after_indexing_leaves_public_search_at_once(
    call, somchai, participation_index, reviewer
):
    proposal = make_proposal(call, somchai, title=LIGHTS)
    _index(participation_index, proposal)
    services.change_state(reviewer, proposal, S.HIDDEN, answer="ซ้ำ", answered_as="ผู้ดูแล")

    # Before the worker tells the index, the database's word (still_public) holds.
    assert _public(participation_index, "ไฟส่องสว่าง") == set()
    send_all_due(participation_index)
    participation_index.refresh()
    assert _source(participation_index, proposal)["moderation_state"] == "hidden"


def test_a_rejected_proposal_leaves_public_search_when_its_call_says_so(
    saensuk, somchai, participation_index, reviewer
):
    hiding = _call(saensuk, "hiding", hide_rejected_from_search=True)
    keeping = _call(saensuk, "keeping")
    on_hiding = make_proposal(hiding, somchai, title=LIGHTS)
    on_keeping = make_proposal(keeping, somchai, title=LIGHTS)
    _index(participation_index, on_hiding, on_keeping)
    for proposal in (on_hiding, on_keeping):
        services.change_state(
            reviewer, proposal, S.REJECTED, answer="ไม่มีงบประมาณ", answered_as="กองช่าง"
        )
    send_all_due(participation_index)
    participation_index.refresh()

    assert _public(participation_index, "ไฟส่องสว่าง") == {_url(keeping, on_keeping)}
    assert _source(participation_index, on_hiding)["proposal_state"] == "rejected"


def test_a_call_that_stops_hiding_rejected_proposals_brings_them_back(
    saensuk, somchai, participation_index
):
    hiding = _call(saensuk, "hiding", hide_rejected_from_search=True)
    rejected = make_proposal(hiding, somchai, title=LIGHTS, state=S.REJECTED)
    _index(participation_index, rejected)
    assert _public(participation_index, "ไฟส่องสว่าง") == set()

    hiding.hide_rejected_from_search = False
    _published(hiding)  # publishing the call re-queues its proposals (follows_page)
    send_all_due(participation_index)
    participation_index.refresh()

    assert _public(participation_index, "ไฟส่องสว่าง") == {_url(hiding, rejected)}


def test_proposals_leave_public_search_with_their_call_taken_offline(
    call, somchai, participation_index
):
    proposal = make_proposal(call, somchai, title=LIGHTS)
    _index(participation_index, proposal)

    call.unpublish()
    assert _public(participation_index, "ไฟส่องสว่าง") == set()  # the database says so
    send_all_due(participation_index)
    participation_index.refresh()
    assert _source(participation_index, proposal)["status"] == "unpublished"

    _published(call)
    send_all_due(participation_index)
    participation_index.refresh()
    assert _public(participation_index, "ไฟส่องสว่าง") == {_url(call, proposal)}


# Staff search


@pytest.fixture
def proposed(call, somchai, participation_index):
    john = make_participant("john", voter_group=VoterGroup.INTERESTED, area=Residence.OUTSIDE)
    proposals = {
        "lights": make_proposal(call, somchai, title=LIGHTS),
        "waiting": make_proposal(call, john, title="ขอไฟส่องสว่างหน้าตลาด", state=S.SUBMITTED),
        "rejected": make_proposal(call, john, title="ขอไฟส่องสว่างริมคลอง", state=S.REJECTED),
        "hidden": make_proposal(call, somchai, title="ไฟส่องสว่างเสียทุกคืน", state=S.HIDDEN),
        "draft": make_proposal(call, somchai, title="ไฟส่องสว่างร่าง", state=S.DRAFT),
    }
    _index(participation_index, *proposals.values())
    return {name: str(proposal.pk) for name, proposal in proposals.items()}


def test_staff_filter_proposals_by_state_voter_group_and_area(proposed, participation_index):
    def found(**filters):
        result = search_for_staff(participation_index, "ไฟส่องสว่าง", filters)
        return {hit["object_id"] for hit in result.hits if hit["doc_type"] == "proposal"}

    assert found() == {proposed[name] for name in ("lights", "waiting", "rejected", "hidden")}
    assert found(proposal_state="submitted") == {proposed["waiting"]}
    assert found(proposal_state="rejected") == {proposed["rejected"]}
    assert found(voter_group="interested") == {proposed["waiting"], proposed["rejected"]}
    assert found(area="inside") == {proposed["lights"], proposed["hidden"]}
    assert found(area="outside", proposal_state="submitted") == {proposed["waiting"]}


def test_staff_search_page_filters_by_proposal_state_and_shows_it(
    proposed, participation_index, client, reviewer
):
    client.force_login(reviewer)

    response = client.get(
        reverse("bokrao_staff_search"), {"q": "ไฟส่องสว่าง", "proposal_state": "rejected"}
    )

    assert response.status_code == 200
    assert response.context["filters"] == {"proposal_state": "rejected"}
    hits = response.context["found"].hits
    assert [hit["object_id"] for hit in hits] == [proposed["rejected"]]
    with translation.override("th"):
        assert hits[0]["state_label"] == str(S.REJECTED.label)  # its state, not "hidden"
    html = response.content.decode()
    assert 'name="proposal_state"' in html and 'value="rejected" selected' in html


# Similar proposals


@pytest.fixture
def elsewhere(bangphra):
    """The same title in another municipality: never suggested to Saensuk's authors."""
    call = _call(bangphra, "bangphra-ideas")
    author = make_participant("malee", municipality=municipality_of(bangphra))
    return make_proposal(call, author, title=LIGHTS)


@pytest.fixture
def neighbours(saensuk, call, somchai, elsewhere, participation_index):
    other_call = _call(saensuk, "ideas-2568")
    proposals = {
        "lights": make_proposal(call, somchai, title=LIGHTS),
        # Another call of the same municipality counts too.
        "lane": make_proposal(other_call, somchai, title="ติดไฟส่องสว่างในซอยวัดใหม่"),
        "road": make_proposal(call, somchai, title="ซ่อมถนนหน้าโรงเรียน"),
        "waiting": make_proposal(call, somchai, title=LIGHTS, state=S.SUBMITTED),
    }
    _index(participation_index, *proposals.values(), elsewhere)
    return proposals


def _ids(found):
    return [result["id"] for result in found]


def test_similar_proposals_finds_a_near_duplicate_of_the_same_municipality(
    call, neighbours, elsewhere
):
    found = similar_proposals(call, "ติดไฟส่องสว่างซอยวัด")

    assert set(_ids(found)) == {neighbours["lights"].pk, neighbours["lane"].pk}
    assert elsewhere.pk not in _ids(found)
    lights = next(result for result in found if result["id"] == neighbours["lights"].pk)
    assert lights["title"] == LIGHTS
    assert lights["url"] == _url(call, neighbours["lights"])
    assert lights["state"] == "published"


def test_similar_proposals_needs_more_than_one_common_word(call, neighbours):
    # ขอ ซ่อม ท่อ ประปา: two of the four are needed; each title has one of them.
    assert similar_proposals(call, "ขอซ่อมท่อประปา") == []
    assert _ids(similar_proposals(call, "ถนนหน้าโรงเรียนพัง")) == [neighbours["road"].pk]


def test_similar_proposals_leaves_out_the_one_being_edited(call, neighbours):
    found = similar_proposals(call, LIGHTS, exclude_id=str(neighbours["lights"].pk))

    assert _ids(found) == [neighbours["lane"].pk]
    assert similar_proposals(call, LIGHTS, exclude_id="<script>") != []


def test_similar_proposals_answer_from_the_database_with_the_engine_down(
    call, neighbours, elsewhere, settings
):
    from_the_index = similar_proposals(call, "ติดไฟส่องสว่างซอยวัด")
    settings.BOKRAO_SEARCH = {"URL": "http://127.0.0.1:9", "INDEX": "unreachable"}

    from_the_database = similar_proposals(call, "ติดไฟส่องสว่างซอยวัด")

    assert sorted(_ids(from_the_database)) == sorted(_ids(from_the_index))
    assert {result["url"] for result in from_the_database} == {
        _url(call, neighbours["lights"]),
        f"{neighbours['lane'].call.specific.url}p/{neighbours['lane'].pk}/",
    }
    assert similar_proposals(call, "ขอซ่อมท่อประปา") == []
    assert similar_proposals(call, "") == []


def test_similar_proposals_from_the_database_cost_the_same_queries_for_more_proposals(
    call, somchai, settings
):
    settings.BOKRAO_SEARCH = {"URL": ""}

    def queries():
        with CaptureQueriesContext(connection) as captured:
            found = similar_proposals(call, LIGHTS)
        return len(captured), len(found)

    make_proposal(call, somchai, title=LIGHTS)
    similar_proposals(call, LIGHTS)  # the call's municipality is looked up once, then known
    few = queries()
    for _ in range(3):
        make_proposal(call, somchai, title=f"{LIGHTS} ด่วน")
    many = queries()

    assert few[1] == 1 and many[1] == 4
    assert few[0] == many[0]


# The staff report's index check


def test_the_index_counts_proposals_per_state_as_the_database_does(
    call, proposed, participation_index
):
    assert consultation_differences(participation_index, call.translation_key) == []

    # Answered behind the outbox's back (no re-queue): the check notices.
    Proposal.objects.filter(pk=proposed["lights"]).update(state=S.ACCEPTED)

    assert consultation_differences(participation_index, call.translation_key) == [
        (("proposal", "accepted"), 1, 0),
        (("proposal", "published"), 0, 1),
    ]


@pytest.mark.parametrize("node", ["opensearch", "elasticsearch"])
def test_similar_proposals_are_the_same_on_each_node_kind_and_from_the_database(
    node, request, settings, saensuk, call, somchai
):
    url = request.getfixturevalue(f"{node}_url")
    index = ParticipationIndex(url, f"bokrao-test-{uuid.uuid4().hex[:10]}")
    settings.BOKRAO_SEARCH = {"URL": url, "INDEX": index.name}
    titles = [
        LIGHTS,
        "ติดไฟส่องสว่างในซอยวัดใหม่",
        "ไฟฟ้าดับบ่อยในซอยวัด",
        "ซ่อมถนนหน้าโรงเรียน",
        "ขอถนนใหม่หน้าวัด",
    ]
    try:
        _index(index, *[make_proposal(call, somchai, title=title) for title in titles])
        queries = ["ติดไฟส่องสว่างซอยวัด", "ไฟส่อง", "ถนนหน้าวัด", "ขอซ่อมท่อประปา", "Road 5"]

        from_the_engine = {query: sorted(_ids(similar_proposals(call, query))) for query in queries}
        settings.BOKRAO_SEARCH = {"URL": ""}
        from_the_database = {
            query: sorted(_ids(similar_proposals(call, query))) for query in queries
        }
    finally:
        index.drop()

    assert from_the_engine == from_the_database
    assert from_the_engine["ติดไฟส่องสว่างซอยวัด"] and not from_the_engine["ขอซ่อมท่อประปา"]

"""Staff's proposal screens in the Wagtail admin: who sees which proposals, answering
(status, forwarding, the agency's answer), featuring, merging, agencies, a call's report."""

import html

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale, Page

from consultation_blocks.comments import services as comments
from consultation_blocks.factories import make_participant
from consultation_blocks.municipalities.models import Area
from consultation_blocks.municipalities.services import municipality_of
from consultation_blocks.participants.choices import Residence, VoterGroup
from consultation_blocks.proposals import services
from consultation_blocks.proposals.choices import AgencyKind, ProposalState
from consultation_blocks.proposals.factories import make_proposal
from consultation_blocks.proposals.models import Agency, Proposal, StatusChange
from consultation_blocks.proposals.reports import call_report
from consultation_blocks.staff.factories import join_staff, make_staff
from pb_pages.factories import make_call, make_home, make_section
from pb_pages.models import HomePage
from pb_pages.municipalities import make_staff_groups, staff_group

from .refusals import assert_refused_in_admin

pytestmark = pytest.mark.django_db

S = ProposalState
LIST = "/admin/bokrao/proposals/"
REVIEW = "bokrao_blocks.review_proposal"


def second_home(title, slug):
    """Another municipality's home page beside the first."""
    return Page.get_first_root_node().add_child(
        instance=HomePage(title=title, slug=slug, locale=Locale.objects.get(language_code="th"))
    )


class World:
    """Two municipalities, each with a call and proposals; an editor of A."""

    def __init__(self):
        self.home_a = make_home("เทศบาลเมืองแสนสุข", "saensuk")
        self.a = municipality_of(self.home_a)
        self.home_b = second_home("เขตราชเทวี", "ratchathewi")
        self.b = municipality_of(self.home_b)
        self.call_a = make_call(make_section(self.home_a, "proposals", slug="proposals"))
        self.call_b = make_call(
            make_section(self.home_b, "proposals", slug="proposals-b"), slug="call-b"
        )
        self.author = make_participant("author", municipality=self.a)
        self.author_b = make_participant("author-b", municipality=self.b)
        self.road = make_proposal(self.call_a, self.author, "ซ่อมถนนหน้าโรงเรียน")
        self.light = make_proposal(self.call_a, self.author, "ติดไฟถนนซอยสาม")
        self.theirs = make_proposal(self.call_b, self.author_b, "ขุดลอกคลองแสนแสบ")
        self.editor = make_staff("editor-a", REVIEW, municipality=self.a)
        self.boss = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")


@pytest.fixture
def world(db):
    return World()


def thai(message):
    """A service's message as the (Thai) admin shows it."""
    with translation.override("th"):
        return gettext(message)


def _messages(response):
    # As the admin shows them: escaped and laid out by its message template.
    return [html.unescape(str(message)).strip() for message in get_messages(response.wsgi_request)]


def _not_found(response):
    """A 404 in the admin (Django's LocaleMiddleware first tries the address under the
    language prefix: followed, it is still not found)."""
    return response.status_code == 404


def _act(client, proposal, action, data=None):
    return client.post(reverse("bokrao_proposal_act", args=[proposal.pk, action]), data or {})


# Who sees what -----------------------------------------------------------------


def test_an_editor_lists_the_proposals_of_their_municipality_only(world, client):
    client.force_login(world.editor)
    html = client.get(LIST).content.decode()
    assert "ซ่อมถนนหน้าโรงเรียน" in html and "ติดไฟถนนซอยสาม" in html
    assert "ขุดลอกคลองแสนแสบ" not in html


def test_a_superuser_lists_every_municipality(world, client):
    client.force_login(world.boss)
    html = client.get(LIST).content.decode()
    assert "ซ่อมถนนหน้าโรงเรียน" in html and "ขุดลอกคลองแสนแสบ" in html
    assert client.get(reverse("bokrao_proposal", args=[world.theirs.pk])).status_code == 200


def test_the_municipalitys_editors_group_reviews_proposals(world, client):
    make_staff_groups(world.b, world.home_b)
    user = get_user_model().objects.create_user("editor-b", "b@example.com", "pw")
    join_staff(user, staff_group(world.b, "editors"), world.b)
    client.force_login(user)
    html = client.get(LIST).content.decode()
    assert "ขุดลอกคลองแสนแสบ" in html and "ซ่อมถนนหน้าโรงเรียน" not in html


def test_staff_of_another_municipality_are_refused_and_nothing_changes(world, client):
    client.force_login(world.editor)
    assert_refused_in_admin(client.get(reverse("bokrao_proposal", args=[world.theirs.pk])))
    response = _act(
        client,
        world.theirs,
        "state",
        {"to_state": S.UNDER_REVIEW, "answer": "", "answered_as": ""},
    )
    assert_refused_in_admin(response)
    assert_refused_in_admin(client.get(reverse("bokrao_proposals_report", args=[world.call_b.pk])))
    download = reverse("bokrao_proposals_download", args=["area-plan", "csv"])
    assert_refused_in_admin(client.get(f"{download}?municipality={world.b.pk}"))
    assert_refused_in_admin(client.get(f"{download}?call={world.call_b.pk}"))
    world.theirs.refresh_from_db()
    assert world.theirs.state == S.PUBLISHED
    assert StatusChange.objects.filter(proposal=world.theirs).count() == 1


def test_the_admin_menu_offers_proposals_to_reviewers_only(world, client):
    moderator = make_staff("mod-a", "bokrao_blocks.change_comment", municipality=world.a)
    client.force_login(world.editor)
    assert LIST in client.get("/admin/").content.decode()
    client.force_login(moderator)
    assert LIST not in client.get("/admin/").content.decode()


def test_staff_without_the_review_permission_do_not_get_the_screens(world, client):
    moderator = make_staff("mod-a", "bokrao_blocks.change_comment", municipality=world.a)
    client.force_login(moderator)
    assert_refused_in_admin(client.get(LIST))
    assert_refused_in_admin(client.get(reverse("bokrao_proposal", args=[world.road.pk])))
    assert_refused_in_admin(client.get(reverse("bokrao_agencies")))


def test_a_draft_is_its_authors_and_not_on_staff_screens(world, client):
    draft = make_proposal(world.call_a, world.author, "ร่างที่ยังไม่ส่ง", state=S.DRAFT)
    client.force_login(world.editor)
    assert "ร่างที่ยังไม่ส่ง" not in client.get(LIST).content.decode()
    assert _not_found(client.get(reverse("bokrao_proposal", args=[draft.pk]), follow=True))


# The list ----------------------------------------------------------------------


def test_the_list_filters_by_call_state_and_title(world, client):
    other_call = make_call(
        make_section(world.home_a, "proposals", slug="proposals-2"), slug="parks", title="สวน"
    )
    make_proposal(other_call, world.author, "สวนสาธารณะริมคลอง")
    services.change_state(world.editor, world.light, S.UNDER_REVIEW)
    client.force_login(world.editor)

    html = client.get(LIST, {"call": other_call.pk}).content.decode()
    assert "สวนสาธารณะริมคลอง" in html and "ซ่อมถนนหน้าโรงเรียน" not in html
    html = client.get(LIST, {"state": S.UNDER_REVIEW}).content.decode()
    assert "ติดไฟถนนซอยสาม" in html and "ซ่อมถนนหน้าโรงเรียน" not in html
    html = client.get(LIST, {"q": "ถนนหน้า"}).content.decode()
    assert "ซ่อมถนนหน้าโรงเรียน" in html and "ติดไฟถนนซอยสาม" not in html
    # Nonsense filters are ignored, not errors.
    response = client.get(LIST, {"call": "x'1", "state": "nope", "p": "๓"})
    assert response.status_code == 200


def test_the_list_shows_supports_comments_threshold_and_featured(world, client):
    for name in ("s1", "s2", "s3"):
        services.support(make_participant(name), world.road, world.call_a)
    comments.post_comment(make_participant("talker"), world.call_a, world.road.widget_id, "ดีมาก")
    services.feature(world.editor, world.road, 4)
    Proposal.objects.filter(pk=world.road.pk).update(threshold_reached_at=world.road.published_at)
    client.force_login(world.editor)

    response = client.get(LIST)
    rows = {row["proposal"].pk: row for row in response.context["rows"]}
    road = rows[world.road.pk]["proposal"]
    assert (road.supports, road.comments, road.featured_order) == (3, 1, 4)
    assert road.threshold_reached_at is not None
    assert rows[world.light.pk]["proposal"].supports == 0
    html = response.content.decode()
    assert "ใช่ (4)" in html  # featured, with its order


def _add_proposals(world, count, start):
    for number in range(start, start + count):
        proposal = make_proposal(world.call_a, world.author, f"ข้อเสนอ {number}")
        services.support(make_participant(f"fan-{number}"), proposal, world.call_a)
        comments.post_comment(world.author, world.call_a, proposal.widget_id, f"ความเห็น {number}")


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_and_the_report_cost_the_same_queries_when_the_proposals_double(world, client):
    client.force_login(world.editor)
    report = reverse("bokrao_proposals_report", args=[world.call_a.pk])
    _add_proposals(world, 4, 0)
    client.get(LIST)  # the first request warms caches (content types, site root paths)
    before = _queries(client, LIST), _queries(client, report)
    _add_proposals(world, 6, 4)
    assert (_queries(client, LIST), _queries(client, report)) == before


# Answering -----------------------------------------------------------------------


def test_a_status_change_through_the_admin_is_kept_in_the_history(world, client):
    client.force_login(world.editor)
    response = _act(
        client,
        world.road,
        "state",
        {"to_state": S.ACCEPTED, "answer": "จะซ่อมในเดือนหน้า", "answered_as": "กองช่าง"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("bokrao_proposal", args=[world.road.pk])
    world.road.refresh_from_db()
    assert world.road.state == S.ACCEPTED
    change = world.road.history.last()
    assert (change.from_state, change.to_state, change.answer, change.answered_as, change.by) == (
        S.PUBLISHED,
        S.ACCEPTED,
        "จะซ่อมในเดือนหน้า",
        "กองช่าง",
        world.editor,
    )
    html = client.get(reverse("bokrao_proposal", args=[world.road.pk])).content.decode()
    assert "จะซ่อมในเดือนหน้า" in html and "กองช่าง" in html


def test_the_status_form_offers_only_the_allowed_moves_with_a_role_prefilled(world, client):
    services.change_state(world.editor, world.road, S.ACCEPTED, "รับไว้", "กองช่าง")
    client.force_login(world.editor)
    response = client.get(reverse("bokrao_proposal", args=[world.road.pk]))
    assert [state for state, _label in response.context["moves"]] == [S.IN_PROGRESS, S.DONE]
    assert response.context["forward_form"] is None  # an accepted proposal is not forwarded
    assert response.context["state_form"].initial["answered_as"] == ("ผู้แก้ไขเนื้อหา เทศบาลเมืองแสนสุข")


def test_a_disallowed_move_is_refused_with_a_message(world, client):
    services.change_state(world.editor, world.road, S.ACCEPTED, "รับไว้", "กองช่าง")
    client.force_login(world.editor)
    response = _act(
        client, world.road, "state", {"to_state": S.REJECTED, "answer": "ไม่", "answered_as": "ก"}
    )
    assert response.status_code == 302
    assert _messages(response) == [
        thai("A proposal that is “%(from)s” cannot become “%(to)s”.")
        % {"from": thai("Accepted"), "to": thai("Rejected")}
    ]
    world.road.refresh_from_db()
    assert world.road.state == S.ACCEPTED
    assert world.road.history.count() == 2


def test_a_rejection_without_an_answer_is_refused(world, client):
    client.force_login(world.editor)
    response = _act(
        client, world.road, "state", {"to_state": S.REJECTED, "answer": "  ", "answered_as": "ก"}
    )
    assert response.status_code == 302
    assert _messages(response) == [
        thai("Write the official answer: it is shown with the new status.")
    ]
    world.road.refresh_from_db()
    assert world.road.state == S.PUBLISHED
    assert world.road.history.count() == 1


def test_bad_input_is_a_message_never_an_error(world, client):
    client.force_login(world.editor)
    response = _act(client, world.road, "state", {"to_state": "nonsense"})
    assert response.status_code == 302 and _messages(response)
    response = _act(client, world.road, "feature", {"order": "-3"})
    assert response.status_code == 302 and _messages(response)
    response = _act(client, world.road, "merge", {"into": "abc"})
    assert response.status_code == 302 and _messages(response)
    explode = reverse("bokrao_proposal_act", args=[world.road.pk, "explode"])
    assert _not_found(client.post(explode, follow=True))
    # Only POST changes anything.
    assert (
        client.get(reverse("bokrao_proposal_act", args=[world.road.pk, "unfeature"])).status_code
        == 405
    )
    world.road.refresh_from_db()
    assert (world.road.state, world.road.featured_order, world.road.merged_into_id) == (
        S.PUBLISHED,
        None,
        None,
    )


def test_an_answer_without_the_csrf_token_changes_nothing(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.editor)
    response = _act(
        client, world.road, "state", {"to_state": S.ACCEPTED, "answer": "", "answered_as": ""}
    )
    assert response.status_code == 403
    world.road.refresh_from_db()
    assert world.road.state == S.PUBLISHED and world.road.history.count() == 1


def test_forwarding_then_recording_the_agencys_answer(world, client):
    district = Agency.objects.create(
        municipality=world.a, name="ที่ว่าการอำเภอเมืองชลบุรี", kind=AgencyKind.DISTRICT
    )
    theirs = Agency.objects.create(municipality=world.b, name="สำนักงานเขตราชเทวี", kind="district")
    client.force_login(world.editor)
    page = client.get(reverse("bokrao_proposal", args=[world.road.pk]))
    offered = list(page.context["forward_form"].fields["agency"].queryset)
    assert offered == [district]  # not another municipality's agency

    response = _act(
        client,
        world.road,
        "forward",
        {"agency": theirs.pk, "answer": "ส่งต่อ", "answered_as": "กองช่าง"},
    )
    assert _messages(response)  # refused by the form: not on the list
    world.road.refresh_from_db()
    assert world.road.state == S.PUBLISHED

    _act(
        client,
        world.road,
        "forward",
        {"agency": district.pk, "answer": "เป็นอำนาจของอำเภอ", "answered_as": "กองช่าง"},
    )
    world.road.refresh_from_db()
    assert (world.road.state, world.road.agency, world.road.outside_powers) == (
        S.FORWARDED,
        district,
        True,
    )
    assert world.road.history.last().agency == district

    _act(client, world.road, "agency-answer", {"answer": "อำเภอจะบรรจุในแผนปีหน้า"})
    world.road.refresh_from_db()
    assert world.road.agency_answer == "อำเภอจะบรรจุในแผนปีหน้า"
    assert world.road.agency_answered_at is not None
    html = client.get(reverse("bokrao_proposal", args=[world.road.pk])).content.decode()
    assert "อำเภอจะบรรจุในแผนปีหน้า" in html


def test_an_agencys_answer_needs_a_forwarded_proposal(world, client):
    client.force_login(world.editor)
    response = _act(client, world.road, "agency-answer", {"answer": "คำตอบ"})
    assert _messages(response) == [thai("Only a forwarded proposal has an agency's answer.")]
    world.road.refresh_from_db()
    assert world.road.agency_answer == ""


def test_featuring_with_an_order_and_unfeaturing(world, client):
    client.force_login(world.editor)
    _act(client, world.road, "feature", {"order": "5"})
    _act(client, world.light, "feature", {"order": ""})  # after the others
    world.road.refresh_from_db()
    world.light.refresh_from_db()
    assert (world.road.featured_order, world.light.featured_order) == (5, 6)
    _act(client, world.road, "unfeature")
    world.road.refresh_from_db()
    assert world.road.featured_order is None


def test_a_hidden_proposal_cannot_be_featured(world, client):
    services.change_state(world.editor, world.road, S.HIDDEN, "ข้อความไม่เหมาะสม", "ผู้ดูแล")
    client.force_login(world.editor)
    response = _act(client, world.road, "feature", {"order": "1"})
    assert _messages(response) == [thai("Only a published proposal can be featured.")]
    world.road.refresh_from_db()
    assert world.road.featured_order is None


def test_merging_a_duplicate_from_the_admin(world, client):
    fan, both = make_participant("fan"), make_participant("both")
    services.support(fan, world.light, world.call_a)
    services.support(both, world.light, world.call_a)
    services.support(both, world.road, world.call_a)
    client.force_login(world.editor)
    response = _act(client, world.light, "merge", {"into": world.road.pk})
    assert response.status_code == 302
    world.light.refresh_from_db()
    assert world.light.merged_into == world.road
    assert services.supports_of(world.road).count() == 2  # each person once
    page = client.get(reverse("bokrao_proposal", args=[world.light.pk]))
    assert page.context["moves"] == [] and page.context["merge_form"] is None


def test_merging_into_another_calls_or_municipalitys_proposal_is_refused(world, client):
    other_call = make_call(
        make_section(world.home_a, "proposals", slug="proposals-2"), slug="parks", title="สวน"
    )
    park = make_proposal(other_call, world.author, "สวนสาธารณะ")
    client.force_login(world.editor)
    response = _act(client, world.light, "merge", {"into": park.pk})
    assert _messages(response) == [thai("Only proposals of the same call can be merged.")]
    response = _act(client, world.light, "merge", {"into": world.theirs.pk})
    assert _messages(response)[-1] == f"ไม่มีข้อเสนอหมายเลข {world.theirs.pk} ที่ท่านดูแล"
    world.light.refresh_from_db()
    assert world.light.merged_into is None


def test_the_proposal_screen_splits_supports_by_voter_group_and_residence(world, client):
    services.support(make_participant("r1"), world.road, world.call_a)
    services.support(
        make_participant("i1", voter_group=VoterGroup.INTERESTED, area=Residence.OUTSIDE),
        world.road,
        world.call_a,
    )
    services.support(
        make_participant("c1", voter_group=VoterGroup.CONCERNED, area=Residence.OUTSIDE),
        world.road,
        world.call_a,
    )
    client.force_login(world.editor)
    supports = client.get(reverse("bokrao_proposal", args=[world.road.pk])).context["supports"]
    assert supports["total"] == 3
    assert [count for _label, count in supports["by_group"]] == [1, 1, 1]
    assert [count for _label, count in supports["by_residence"]] == [1, 2]


# Agencies ------------------------------------------------------------------------


def test_an_editor_adds_and_changes_agencies_of_their_municipality(world, client):
    Agency.objects.create(municipality=world.b, name="สำนักงานเขตราชเทวี", kind="district")
    Agency.objects.create(name="กรมทางหลวงชนบท", kind=AgencyKind.NATIONAL)
    client.force_login(world.editor)
    response = client.post(
        reverse("bokrao_agencies"),
        {"municipality": world.a.pk, "name": "อบจ.ชลบุรี", "kind": "province", "email": ""},
    )
    assert response.status_code == 302
    added = Agency.objects.get(name="อบจ.ชลบุรี")
    assert added.municipality == world.a
    html = client.get(reverse("bokrao_agencies")).content.decode()
    assert "อบจ.ชลบุรี" in html and "สำนักงานเขตราชเทวี" not in html
    assert "กรมทางหลวงชนบท" in html  # the platform's list, to read

    client.post(
        reverse("bokrao_agency", args=[added.pk]),
        {"municipality": world.a.pk, "name": "องค์การบริหารส่วนจังหวัดชลบุรี", "kind": "province"},
    )
    added.refresh_from_db()
    assert added.name == "องค์การบริหารส่วนจังหวัดชลบุรี"


def test_an_editor_cannot_keep_another_municipalitys_or_the_platforms_agencies(world, client):
    theirs = Agency.objects.create(municipality=world.b, name="สำนักงานเขตราชเทวี", kind="district")
    platform = Agency.objects.create(name="กรมทางหลวงชนบท", kind=AgencyKind.NATIONAL)
    client.force_login(world.editor)
    for agency in (theirs, platform):
        url = reverse("bokrao_agency", args=[agency.pk])
        assert_refused_in_admin(
            client.post(url, {"municipality": world.a.pk, "name": "x", "kind": "other"})
        )
    # Neither a platform-wide one (no municipality) nor one for B.
    for municipality in ("", world.b.pk):
        response = client.post(
            reverse("bokrao_agencies"),
            {"municipality": municipality, "name": "ใหม่", "kind": "other"},
        )
        assert response.status_code == 200
    assert not Agency.objects.filter(name__in=["x", "ใหม่"]).exists()
    assert _not_found(client.get(reverse("bokrao_agency", args=[999999]), follow=True))


def test_a_superuser_keeps_the_platforms_agencies(world, client):
    client.force_login(world.boss)
    client.post(
        reverse("bokrao_agencies"), {"municipality": "", "name": "กรมชลประทาน", "kind": "national"}
    )
    assert Agency.objects.get(name="กรมชลประทาน").municipality is None


# The report ----------------------------------------------------------------------


def test_the_report_counts_by_status_category_area_and_voter_group(world, client):
    beach = Area.objects.create(municipality=world.a, name="ชุมชนบางแสน", code="BS01")
    interested = make_participant(
        "visitor", voter_group=VoterGroup.INTERESTED, area=Residence.OUTSIDE
    )
    Proposal.objects.filter(pk=world.road.pk).update(category="roads", concerned_area=beach)
    Proposal.objects.filter(pk=world.light.pk).update(category="roads")
    water = make_proposal(
        world.call_a, interested, "ระบายน้ำ", category="water", concerned_area=beach
    )
    make_proposal(world.call_a, interested, "ร่าง", state=S.DRAFT)  # not counted
    duplicate = make_proposal(world.call_a, world.author, "ซ่อมถนนซ้ำ", category="roads")
    services.change_state(world.editor, water, S.REJECTED, "ไม่อยู่ในอำนาจ", "กองช่าง")
    services.merge(world.editor, duplicate, world.road)

    report = call_report(world.call_a)
    assert (report["total"], report["merged"]) == (3, 1)
    status = {row["key"]: row["count"] for row in report["by_status"]}
    assert status[S.PUBLISHED] == 2 and status[S.REJECTED] == 1 and status[S.DONE] == 0
    assert S.DRAFT not in status
    assert [(row["label"], row["count"]) for row in report["by_category"]] == [
        ("ถนนและทางเท้า", 2),
        ("น้ำและการระบายน้ำ", 1),
    ]
    assert [(row["label"], row["count"]) for row in report["by_area"]] == [
        ("ชุมชนบางแสน", 2),
        ("ทั้งเทศบาล", 1),
    ]
    groups = {row["key"]: row["count"] for row in report["by_voter_group"]}
    assert groups == {VoterGroup.RESIDENT: 2, VoterGroup.INTERESTED: 1, VoterGroup.CONCERNED: 0}

    client.force_login(world.editor)
    html = client.get(reverse("bokrao_proposals_report", args=[world.call_a.pk])).content.decode()
    assert "ชุมชนบางแสน" in html and "น้ำและการระบายน้ำ" in html


def test_the_report_of_a_page_that_is_no_call_is_not_found(world, client):
    client.force_login(world.boss)
    assert _not_found(
        client.get(reverse("bokrao_proposals_report", args=[world.home_a.pk]), follow=True)
    )


def test_staff_download_the_area_plan_of_their_municipality(world, client):
    district = Agency.objects.create(municipality=world.a, name="อำเภอเมือง", kind="district")
    services.change_state(world.editor, world.road, S.FORWARDED, "ส่งต่อ", "กองช่าง", district)
    client.force_login(world.editor)
    url = reverse("bokrao_proposals_download", args=["area-plan", "csv"])
    response = client.get(url, {"municipality": world.a.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="area-plan-municipality-{world.a.pk}.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert "ซ่อมถนนหน้าโรงเรียน" in text and "ติดไฟถนนซอยสาม" not in text
    bad = reverse("bokrao_proposals_download", args=["area-plan", "xlsx"])
    assert _not_found(client.get(bad, {"municipality": world.a.pk}, follow=True))

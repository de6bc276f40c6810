"""A call's open data and the area plan (R8): every field as the public may see it,
counts split by voter group and residence, and nothing that names a person."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultation_blocks.comments import services as comments
from consultation_blocks.factories import make_participant
from consultation_blocks.municipalities.models import Area
from consultation_blocks.municipalities.services import municipality_of
from consultation_blocks.participants.choices import Residence, VoterGroup
from consultation_blocks.proposals import exports, services
from consultation_blocks.proposals.choices import AgencyKind, ProposalState
from consultation_blocks.proposals.factories import make_proposal
from consultation_blocks.proposals.models import Agency, Proposal
from consultation_blocks.staff.factories import make_staff
from pb_pages.factories import make_call, make_section

pytestmark = pytest.mark.django_db

S = ProposalState


class Call:
    """A call with a proposal forwarded to the district office and supported from every
    group, one published, and those the public does not see."""

    def __init__(self, home):
        self.municipality = municipality_of(home)
        self.call = make_call(make_section(home, "proposals", slug="proposals"))
        self.beach = Area.objects.create(
            municipality=self.municipality, name="ชุมชนบางแสน", code="BS01"
        )
        self.author = make_participant("somchai")
        self.author.display_name = "สมชาย ใจดี"
        self.author.save()
        self.editor = make_staff("editor", "bokrao_blocks.review_proposal")
        self.district = Agency.objects.create(
            municipality=self.municipality,
            name="ที่ว่าการอำเภอเมืองชลบุรี",
            kind=AgencyKind.DISTRICT,
        )
        self.road = make_proposal(
            self.call,
            self.author,
            "ขยายถนนสาย 3",
            summary="ถนนแคบ รถติด",
            description="ขอให้ขยายถนนสาย 3 เป็นสี่ช่องจราจร",
            category="roads",
            concerned_area=self.beach,
        )
        for name, group, area in [
            ("r1", VoterGroup.RESIDENT, Residence.INSIDE),
            ("r2", VoterGroup.RESIDENT, Residence.INSIDE),
            ("i1", VoterGroup.INTERESTED, Residence.OUTSIDE),
            ("c1", VoterGroup.CONCERNED, Residence.OUTSIDE),
        ]:
            supporter = make_participant(name, voter_group=group, area=area)
            services.support(supporter, self.road, self.call)
        comments.post_comment(make_participant("talker"), self.call, self.road.widget_id, "ดีมาก")
        services.change_state(
            self.editor,
            self.road,
            S.FORWARDED,
            "ถนนสาย 3 เป็นทางหลวงชนบท",
            "กองช่าง",
            self.district,
        )
        services.record_agency_answer(self.editor, self.road, "บรรจุในแผนปี 2570")
        self.water = make_proposal(self.call, self.author, "ลอกท่อระบายน้ำ", category="water")
        self.hidden = make_proposal(self.call, self.author, "ข้อความไม่เหมาะสม", state=S.HIDDEN)
        self.waiting = make_proposal(self.call, self.author, "รอตรวจ", state=S.SUBMITTED)
        self.draft = make_proposal(self.call, self.author, "ร่าง", state=S.DRAFT)
        self.duplicate = make_proposal(self.call, self.author, "ลอกท่อซ้ำ")
        services.merge(self.editor, self.duplicate, self.water)
        self.road.refresh_from_db()


@pytest.fixture
def world(home):
    return Call(home)


def _json(content):
    return json.loads(content.decode("utf-8"))


def _csv(content):
    assert content.startswith("\ufeff".encode())  # so spreadsheet programs read the Thai
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def _no_person_in(content, world):
    text = content.decode("utf-8-sig")
    user = world.author.user
    for personal in (
        world.author.display_name,
        user.email,
        user.get_username(),
        str(world.author.pseudonym),
        world.editor.get_username(),
    ):
        assert personal not in text


# Open data -----------------------------------------------------------------------


def test_open_data_holds_every_public_proposal_field_by_field(world):
    content, content_type, filename = exports.open_data(world.call, "json")
    assert (content_type, filename) == (
        "application/json; charset=utf-8",
        f"proposals-{world.call.pk}.json",
    )
    data = _json(content)
    assert data["call"] == {"id": world.call.pk, "title": world.call.title, "url": world.call.url}
    by_title = {row["title"]: row for row in data["proposals"]}
    # Hidden, waiting for review, drafts and merged duplicates are not public.
    assert set(by_title) == {"ขยายถนนสาย 3", "ลอกท่อระบายน้ำ"}
    road = by_title["ขยายถนนสาย 3"]
    assert set(road) == set(exports.OPEN_DATA_FIELDS)
    assert road["id"] == world.road.pk
    assert road["url"] == f"{world.call.url}p/{world.road.pk}/"
    assert (road["summary"], road["description"]) == (
        "ถนนแคบ รถติด",
        "ขอให้ขยายถนนสาย 3 เป็นสี่ช่องจราจร",
    )
    assert (road["category"], road["area"], road["language"]) == (
        "ถนนและทางเท้า",
        "ชุมชนบางแสน",
        "th",
    )
    assert road["status"] == "forwarded" and road["status_label"]
    assert road["published_at"] and road["forwarded_at"] and road["submitted_at"]
    assert road["threshold_reached_at"] is None
    assert road["supports"] == 4
    assert road["supports_by_voter_group"] == {"resident": 2, "interested": 1, "concerned": 1}
    assert road["supports_by_residence"] == {"inside": 2, "outside": 2}
    assert road["comments"] == 1
    assert (road["agency"], road["agency_kind"]) == ("ที่ว่าการอำเภอเมืองชลบุรี", "district")
    water = by_title["ลอกท่อระบายน้ำ"]
    assert (water["agency"], water["forwarded_at"], water["area"]) == ("", None, "")
    assert water["category"] == "น้ำและการระบายน้ำ"


def test_open_data_names_no_one(world):
    for data_format in exports.FORMATS:
        content, _type, _name = exports.open_data(world.call, data_format)
        _no_person_in(content, world)
    for row in _json(exports.open_data(world.call, "json")[0])["proposals"]:
        assert not {"participant", "author", "author_name", "email"} & set(row)


def test_open_data_as_csv_has_a_column_per_group_and_residence(world):
    content, content_type, filename = exports.open_data(world.call, "csv")
    assert (content_type, filename) == ("text/csv; charset=utf-8", f"proposals-{world.call.pk}.csv")
    rows = _csv(content)
    road = next(row for row in rows if row["id"] == str(world.road.pk))
    assert road["title"] == "ขยายถนนสาย 3"
    assert road["description"] == "ขอให้ขยายถนนสาย 3 เป็นสี่ช่องจราจร"
    assert (road["supports"], road["supports_resident"], road["supports_interested"]) == (
        "4",
        "2",
        "1",
    )
    assert (road["supports_concerned"], road["supports_inside"], road["supports_outside"]) == (
        "1",
        "2",
        "2",
    )
    assert (road["comments"], road["agency"], road["category"]) == (
        "1",
        "ที่ว่าการอำเภอเมืองชลบุรี",
        "ถนนและทางเท้า",
    )
    assert len(rows) == 2


def test_an_unknown_format_is_refused(world):
    with pytest.raises(exports.UnknownFormat):
        exports.open_data(world.call, "xlsx")
    with pytest.raises(exports.UnknownFormat):
        exports.area_plan(world.call, "html")


def _count_queries(export):
    with CaptureQueriesContext(connection) as queries:
        export()
    return len(queries)


def test_exports_cost_the_same_queries_when_the_proposals_double(world):
    def more(start):
        for number in range(start, start + 3):
            proposal = make_proposal(world.call, world.author, f"ข้อเสนอ {number}")
            services.support(make_participant(f"fan-{number}"), proposal, world.call)
            services.change_state(
                world.editor, proposal, S.FORWARDED, "ส่งต่อ", "กองช่าง", world.district
            )

    def both():
        exports.open_data(world.call, "csv")
        exports.municipality_area_plan(world.municipality, "json")

    more(0)
    both()
    before = _count_queries(both)
    more(3)
    assert _count_queries(both) == before


# The area plan -------------------------------------------------------------------


def test_the_area_plan_lists_what_is_forwarded_or_outside_the_powers(world):
    Proposal.objects.filter(pk=world.water.pk).update(outside_powers=True)
    content, content_type, filename = exports.area_plan(world.call, "json")
    assert filename == f"area-plan-{world.call.pk}.json"
    rows = _json(content)["proposals"]
    assert [row["title"] for row in rows] == ["ขยายถนนสาย 3", "ลอกท่อระบายน้ำ"]
    road = rows[0]
    assert set(road) == set(exports.AREA_PLAN_FIELDS)
    assert (road["description"], road["area"], road["status"]) == (
        "ขอให้ขยายถนนสาย 3 เป็นสี่ช่องจราจร",
        "ชุมชนบางแสน",
        "forwarded",
    )
    assert road["supports"] == 4
    assert road["supports_by_voter_group"] == {"resident": 2, "interested": 1, "concerned": 1}
    assert road["supports_by_residence"] == {"inside": 2, "outside": 2}
    assert (road["agency"], road["agency_kind"]) == ("ที่ว่าการอำเภอเมืองชลบุรี", "district")
    assert road["agency_kind_label"]
    assert road["agency_answer"] == "บรรจุในแผนปี 2570"
    assert road["agency_answered_at"] and road["forwarded_at"] and road["published_at"]
    assert road["url"] == f"{world.call.url}p/{world.road.pk}/"
    assert rows[1]["agency"] == "" and rows[1]["status"] == "published"
    _no_person_in(content, world)


def test_the_area_plan_of_a_municipality_takes_every_call_of_it_only(world, home):
    parks = make_call(make_section(home, "proposals", slug="parks"), slug="parks", title="สวน")
    park = make_proposal(parks, world.author, "สวนริมทะเล")
    services.change_state(world.editor, park, S.FORWARDED, "ส่งต่อ", "กองช่าง", world.district)
    from wagtail.models import Locale, Page

    from pb_pages.models import HomePage

    other_home = Page.get_first_root_node().add_child(
        instance=HomePage(
            title="เขตราชเทวี", slug="ratchathewi", locale=Locale.objects.get(language_code="th")
        )
    )
    other = municipality_of(other_home)
    theirs = make_call(make_section(other_home, "proposals", slug="b"), slug="b")
    elsewhere = make_proposal(theirs, make_participant("b", municipality=other), "ของเขตอื่น")
    Proposal.objects.filter(pk=elsewhere.pk).update(outside_powers=True)

    content, _type, filename = exports.municipality_area_plan(world.municipality, "csv")
    assert filename == f"area-plan-municipality-{world.municipality.pk}.csv"
    rows = _csv(content)
    assert {(row["title"], row["call"]) for row in rows} == {
        ("ขยายถนนสาย 3", world.call.title),
        ("สวนริมทะเล", "สวน"),
    }
    park_row = next(row for row in rows if row["title"] == "สวนริมทะเล")
    assert park_row["url"] == f"{parks.url}p/{park.pk}/"
    assert (park_row["agency"], park_row["agency_kind"], park_row["supports"]) == (
        "ที่ว่าการอำเภอเมืองชลบุรี",
        "district",
        "0",
    )
    _no_person_in(content, world)
    data = _json(exports.municipality_area_plan(other, "json")[0])
    assert [row["title"] for row in data["proposals"]] == ["ของเขตอื่น"]

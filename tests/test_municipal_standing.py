"""One account across municipalities (issue 11): inside where one lives and outside
elsewhere, verified per municipality against its own register, and the relation to the
matter asked per consultation. Every vote and comment keeps what held when it was given."""

import re

import pytest
from django.db import IntegrityError
from wagtail.models import Locale, Page

from consultation_blocks.comments.services import post_comment
from consultation_blocks.factories import comment_widget, make_participant, widget, widget_body
from consultation_blocks.models import Area, Comment, MatterRelation, Municipality, Vote
from consultation_blocks.municipalities.services import municipality_of
from consultation_blocks.municipalities.standing import standing
from consultation_blocks.participants import residents
from consultation_blocks.participants import services as participants
from consultation_blocks.participants.choices import Residence, VerificationLevel, VoterGroup
from consultation_blocks.widgets.votes import VoteRefused, cast_vote
from pb_pages.factories import make_consultation, make_section
from pb_pages.models import HomePage

pytestmark = pytest.mark.django_db

# Valid Thai national ID numbers (the check digit holds).
SOMCHAI_ID = "1101700203450"
MALEE_ID = "3100600123450"


def _debate(home, slug, **settings):
    section = make_section(home, "debate", slug=f"{slug}-debates")
    page = make_consultation(
        section,
        slug=slug,
        body=widget_body(
            widget("agree_disagree", "w-agree", **settings), comment_widget("w-comments")
        ),
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def saensuk(home):
    municipality = municipality_of(home)
    municipality.name, municipality.province = "เทศบาลเมืองแสนสุข", "ชลบุรี"
    municipality.save()
    return municipality


@pytest.fixture
def ratchathewi(home):
    thai = Locale.objects.get(language_code="th")
    other = Page.get_first_root_node().add_child(
        instance=HomePage(title="เขตราชเทวี", slug="ratchathewi", locale=thai)
    )
    return municipality_of(other)


def _home_of(municipality):
    return municipality.home_page.specific


def test_every_home_page_has_its_municipality_and_its_translation_shares_it(saensuk, home):
    english = home.copy_for_translation(Locale.objects.get(language_code="en"))

    assert Municipality.objects.count() == 1
    assert municipality_of(english) == saensuk
    section = make_section(home, "vote", slug="votes")
    assert municipality_of(section) == saensuk


def test_a_vote_is_inside_where_the_participant_lives_and_outside_elsewhere(saensuk, ratchathewi):
    community = Area.objects.create(municipality=saensuk, name="ชุมชนบางแสน", code="BS01")
    here = _debate(_home_of(saensuk), "beach")
    there = _debate(_home_of(ratchathewi), "canal")
    somchai = make_participant(municipality=saensuk)
    participants.update_profile(
        somchai,
        display_name="สมชาย",
        voter_group=VoterGroup.RESIDENT,
        home=participants.Home(saensuk.pk, community.pk),
    )

    cast_vote(somchai, here, "w-agree", "agree")
    cast_vote(somchai, there, "w-agree", "agree")

    inside = Vote.objects.get(consultation=here.translation_key)
    outside = Vote.objects.get(consultation=there.translation_key)
    assert (inside.area, inside.home_area, inside.municipality) == (
        Residence.INSIDE,
        community,
        saensuk,
    )
    # Their area is of the other municipality: not recorded there.
    assert (outside.area, outside.home_area, outside.municipality) == (
        Residence.OUTSIDE,
        None,
        ratchathewi,
    )


def test_someone_who_has_not_said_where_they_live_is_neither_inside_nor_outside(saensuk):
    page = _debate(_home_of(saensuk), "beach")
    nok = make_participant("nok", area="")

    cast_vote(nok, page, "w-agree", "agree")

    assert Vote.objects.get().area == ""


def test_moving_later_does_not_move_the_votes_already_given(saensuk, ratchathewi):
    page = _debate(_home_of(saensuk), "beach")
    somchai = make_participant(municipality=saensuk)
    cast_vote(somchai, page, "w-agree", "agree")

    participants.update_profile(
        somchai,
        display_name="",
        voter_group=VoterGroup.RESIDENT,
        home=participants.Home(ratchathewi.pk),
    )
    post_comment(somchai, page, "w-comments", "ย้ายบ้านแล้วแต่ยังห่วงชายหาด")

    assert Vote.objects.get().area == Residence.INSIDE
    assert Comment.objects.get().area == Residence.OUTSIDE


def _upload(municipality, *lines, header="national_id,birth_date"):
    text = "\n".join([header, *lines]).encode()
    return residents.replace_register(municipality, residents.read_register_csv(text))


def test_resident_verification_holds_in_the_municipality_of_the_register_only(saensuk, ratchathewi):
    residents_only = {"minimum_verification": str(VerificationLevel.RESIDENT.value)}
    here = _debate(_home_of(saensuk), "beach", **residents_only)
    there = _debate(_home_of(ratchathewi), "canal", **residents_only)
    _upload(saensuk, f"{SOMCHAI_ID},15/03/2528")
    somchai = make_participant(area="")

    with pytest.raises(residents.VerificationRefused):
        residents.verify_resident(somchai, ratchathewi, SOMCHAI_ID, "15/03/2528")
    residents.verify_resident(somchai, saensuk, SOMCHAI_ID, "15/03/2528")

    cast_vote(somchai, here, "w-agree", "agree")
    with pytest.raises(VoteRefused) as refused:
        cast_vote(somchai, there, "w-agree", "agree")
    assert f"municipality={ratchathewi.pk}" in refused.value.decision.remedy_url
    vote = Vote.objects.get()
    assert (vote.verification_level, vote.area) == (VerificationLevel.RESIDENT, Residence.INSIDE)
    # Verified against Saen Suk's register: that is where they live now.
    somchai.refresh_from_db()
    assert (somchai.home_stated, somchai.home_municipality) == (True, saensuk)


def test_the_registers_area_column_gives_the_verified_resident_their_area(saensuk):
    Area.objects.create(municipality=saensuk, name="ชุมชนหาดวอนนภา", code="WN02")
    _upload(saensuk, f"{MALEE_ID},01/01/2500,WN02", header="national_id,birth_date,area")
    malee = make_participant("malee", area="")

    residents.verify_resident(malee, saensuk, MALEE_ID, "01/01/2500")

    malee.refresh_from_db()
    assert malee.home_area.code == "WN02"


def test_a_register_naming_an_area_the_municipality_lacks_is_refused_whole(saensuk):
    _upload(saensuk, f"{MALEE_ID},01/01/2500")

    with pytest.raises(residents.RegisterRefused) as refused:
        _upload(
            saensuk,
            f"{SOMCHAI_ID},15/03/2528,XX99",
            header="national_id,birth_date,area",
        )

    assert refused.value.problems[0][0] == 2
    assert "XX99" in refused.value.problems[0][1]
    assert residents.register_summary(saensuk)["count"] == 1  # the old register stays


def test_one_register_per_municipality(saensuk, ratchathewi):
    _upload(saensuk, f"{SOMCHAI_ID},15/03/2528", f"{MALEE_ID},01/01/2500")
    _upload(ratchathewi, f"{MALEE_ID},01/01/2500")

    _upload(ratchathewi, f"{SOMCHAI_ID},15/03/2528")  # replaces Ratchathewi's only

    assert residents.register_summary(saensuk)["count"] == 2
    assert residents.register_summary(ratchathewi)["count"] == 1


def test_one_id_number_verifies_one_account_per_municipality(saensuk):
    _upload(saensuk, f"{SOMCHAI_ID},15/03/2528")
    first, second = make_participant("a", area=""), make_participant("b", area="")
    residents.verify_resident(first, saensuk, SOMCHAI_ID, "15/03/2528")

    with pytest.raises(residents.VerificationRefused):
        residents.verify_resident(second, saensuk, SOMCHAI_ID, "15/03/2528")
    with pytest.raises(IntegrityError):
        participants.verify_in(
            second,
            saensuk,
            VerificationLevel.RESIDENT,
            resident_id_hash=residents.id_hash(SOMCHAI_ID),
        )


def test_the_relation_is_asked_per_consultation_starting_from_the_last_answer(saensuk):
    home = _home_of(saensuk)
    beach, market = _debate(home, "beach"), _debate(home, "market")
    somchai = make_participant(voter_group=VoterGroup.RESIDENT)

    # The first vote takes the pre-filled answer: their last one.
    cast_vote(somchai, beach, "w-agree", "agree")
    assert standing(somchai, beach).relation_answered
    # On the market they are only interested: one consultation changes, not the other.
    participants.answer_relation(somchai, market, VoterGroup.INTERESTED)
    cast_vote(somchai, market, "w-agree", "agree")
    cast_vote(somchai, beach, "w-agree", "disagree")

    groups = dict(Vote.objects.values_list("consultation", "voter_group"))
    assert groups == {
        beach.translation_key: VoterGroup.RESIDENT,
        market.translation_key: VoterGroup.INTERESTED,
    }
    # The next consultation starts from the last answer given.
    fresh = participants.participant_for(somchai.user)
    assert standing(fresh, _debate(home, "park")).voter_group == VoterGroup.INTERESTED


def test_changing_the_relation_keeps_what_was_already_said(saensuk):
    page = _debate(_home_of(saensuk), "beach")
    somchai = make_participant(voter_group=VoterGroup.RESIDENT)
    post_comment(somchai, page, "w-comments", "ชายหาดสกปรกมาก")

    participants.answer_relation(somchai, page, VoterGroup.CONCERNED)
    post_comment(somchai, page, "w-comments", "ขอถังขยะเพิ่มด้วย")

    assert list(Comment.objects.order_by("pk").values_list("voter_group", flat=True)) == [
        VoterGroup.RESIDENT,
        VoterGroup.CONCERNED,
    ]
    assert MatterRelation.objects.get().voter_group == VoterGroup.CONCERNED


def test_a_widget_for_the_directly_affected_follows_the_relation_here(saensuk):
    home = _home_of(saensuk)
    affected_only = {"voter_groups": [VoterGroup.RESIDENT]}
    beach, market = (
        _debate(home, "beach", **affected_only),
        _debate(home, "market", **affected_only),
    )
    somchai = make_participant(voter_group=VoterGroup.RESIDENT)
    cast_vote(somchai, beach, "w-agree", "agree")

    participants.answer_relation(somchai, market, VoterGroup.INTERESTED)
    with pytest.raises(VoteRefused):
        cast_vote(somchai, market, "w-agree", "agree")


def test_the_page_asks_the_relation_until_answered_then_offers_to_change_it(saensuk, client):
    page = _debate(_home_of(saensuk), "beach")
    somchai = make_participant(voter_group=VoterGroup.INTERESTED)
    client.force_login(somchai.user)

    asked = client.get(page.url).content.decode()
    assert "เรื่องนี้เกี่ยวข้องกับท่านอย่างไร" in asked
    assert re.search(r'value="interested"[^>]*checked', asked)

    response = client.post(
        "/th/participate/relation/",
        {"page": page.pk, "voter_group": VoterGroup.CONCERNED, "next": page.url},
    )
    assert response.status_code == 302
    assert MatterRelation.objects.get().voter_group == VoterGroup.CONCERNED
    shown = client.get(page.url).content.decode()
    assert "<details>" in shown


def test_the_relation_cannot_change_once_the_consultation_is_closed(saensuk, client):
    section = make_section(_home_of(saensuk), "debate", slug="old")
    page = make_consultation(
        section,
        slug="old-beach",
        opens_in_days=-30,
        closes_in_days=-1,
        body=widget_body(widget("agree_disagree", "w-agree")),
    )
    page.save_revision().publish()
    somchai = make_participant()
    client.force_login(somchai.user)

    client.post(
        "/th/participate/relation/",
        {"page": page.pk, "voter_group": VoterGroup.CONCERNED, "next": page.url},
    )

    assert not MatterRelation.objects.exists()


def test_someone_not_signed_in_cannot_answer_a_relation(saensuk, client):
    page = _debate(_home_of(saensuk), "beach")

    client.post("/th/participate/relation/", {"page": page.pk, "voter_group": "resident"})

    assert not MatterRelation.objects.exists()


def test_with_many_municipalities_where_one_lives_is_chosen_within_a_province(saensuk, client):
    from consultation_blocks.municipalities.forms import LISTED_AT_ONCE

    root = Page.get_first_root_node()
    thai = Locale.objects.get(language_code="th")
    for number in range(LISTED_AT_ONCE):
        home = root.add_child(
            instance=HomePage(title=f"เทศบาลตำบลที่ {number}", slug=f"t{number}", locale=thai)
        )
        municipality = municipality_of(home)
        municipality.province = f"จังหวัด {number % 3}"
        municipality.save()
    saensuk.province = "ชลบุรี"
    saensuk.save()

    page = client.get("/th/participate/account/sign-up/").content.decode()
    # Not every municipality: the provinces, to choose one.
    assert "เทศบาลตำบลที่ 1<" not in page and "<option>ชลบุรี</option>" in page

    chosen = client.get("/th/participate/account/sign-up/", {"province": "ชลบุรี"})
    options = dict(chosen.context["form"].fields["home"].choices)
    assert "ชลบุรี" in options  # the province's group
    assert [label for _value, label in options["ชลบุรี"]] == ["เทศบาลเมืองแสนสุข"]
    assert len(chosen.content) < 150 * 1024

    # Signing up from that page lives there.
    client.post(
        "/th/participate/account/sign-up/?province=ชลบุรี",
        {
            "email": "nok@example.com",
            "password": "ไฟส่องสว่าง-2569!",
            "voter_group": "resident",
            "home": f"m{saensuk.pk}",
            "accept_privacy": "on",
        },
    )
    from consultation_blocks.models import Participant

    assert Participant.objects.get(user__email="nok@example.com").home_municipality == saensuk


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_id_number_at_once_from_ten_accounts_verifies_exactly_one(home):
    import threading

    from django.db import connection

    from consultation_blocks.models import ResidentVerification

    if connection.vendor != "postgresql":
        pytest.fail("Concurrency needs PostgreSQL: DATABASE_URL=$(bash site/scripts/postgres.sh)")
    town = municipality_of(home)
    _upload(town, f"{SOMCHAI_ID},15/03/2528")
    people = [make_participant(f"p{n}", area="") for n in range(10)]
    barrier = threading.Barrier(len(people))
    outcomes = []

    def verify(person):
        barrier.wait()
        try:
            residents.verify_resident(person, town, SOMCHAI_ID, "15/03/2528")
            outcomes.append("verified")
        except residents.VerificationRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=verify, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused"] * 9 + ["verified"]
    assert ResidentVerification.objects.filter(municipality=town).count() == 1

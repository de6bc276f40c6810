"""Supports of proposals (votes on the proposal's widget), their thresholds, merging
duplicates, editors' featured proposals and the call's list of proposals."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext as _

from consultation_blocks.comments import services as comments
from consultation_blocks.factories import make_participant
from consultation_blocks.municipalities.models import Area, Municipality
from consultation_blocks.participants.choices import Residence, VerificationLevel, VoterGroup
from consultation_blocks.participants.models import ResidentRecord
from consultation_blocks.participants.residents import replace_register
from consultation_blocks.proposals import listing, services
from consultation_blocks.proposals.choices import ProposalOrder, ProposalState, ThresholdKind
from consultation_blocks.proposals.factories import make_proposal
from consultation_blocks.proposals.models import Follower, Proposal
from consultation_blocks.proposals.thresholds import goal_for
from consultation_blocks.staff.factories import make_staff
from consultation_blocks.timing import frozen_at, now
from pb_pages.factories import make_call, make_section
from pb_pages.municipalities import make_staff_groups, staff_group
from theme.dates import format_datetime

S = ProposalState
REVIEW = "bokrao_blocks.review_proposal"

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(home):
    municipality = Municipality.objects.get(home_page=home)
    municipality.province = "นนทบุรี"
    municipality.save()
    make_staff_groups(municipality, home)
    return municipality


@pytest.fixture
def section(home):
    return make_section(home, "proposals", slug="proposals")


@pytest.fixture
def call(section):
    return make_call(section, slug="ideas")


@pytest.fixture
def editor(town):
    return make_staff("editor", REVIEW, municipality=town)


@pytest.fixture
def author(town):
    return make_participant("somchai")


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Emails go out when the transaction commits: here, when the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _people(count, prefix="p", **details):
    return [make_participant(f"{prefix}{i}", **details) for i in range(count)]


def _with_threshold(call, kind, threshold):
    call.threshold_kind, call.threshold = kind, threshold
    call.save()
    return call


def _register(municipality, count, area=None, start=0):
    ResidentRecord.objects.bulk_create(
        ResidentRecord(
            municipality=municipality,
            id_hash=f"h{start + i}",
            birth_date=date(1980, 1, 1),
            area=area,
        )
        for i in range(count)
    )


def _editors_with_email(town):
    editors = staff_group(town, "editors")
    for name, email in (("nid", "nid@example.com"), ("noi", "noi@example.com"), ("nok", "")):
        user = make_staff(name, municipality=town)
        user.email = email
        user.save()
        user.groups.add(editors)


# Supporting ---------------------------------------------------------------------------


def test_a_participant_supports_once_however_often_they_press(call, author):
    proposal = make_proposal(call, author)
    somsri = make_participant("somsri")

    services.support(somsri, proposal, call)
    services.support(somsri, proposal, call)

    [vote] = services.supports_of(proposal)
    assert (vote.participant, vote.choices, vote.anchor) == (somsri, ["support"], "")
    assert Follower.objects.filter(proposal=proposal, participant=somsri).count() == 1


def test_a_support_is_withdrawn_while_supporting_is_open(call, author):
    proposal = make_proposal(call, author)
    somsri = make_participant("somsri")
    services.support(somsri, proposal, call)

    assert services.withdraw_support(somsri, proposal, call) is True
    assert services.supports_of(proposal).count() == 0
    assert services.withdraw_support(somsri, proposal, call) is False


@pytest.mark.parametrize("kind", ["proposals", "support"])
def test_supporting_is_open_in_the_proposals_and_support_phases(section, author, kind):
    call = make_call(section, slug="phased", phases=[("information", -10, -5), (kind, -5, 30)])
    proposal = make_proposal(call, author)

    services.support(make_participant("somsri"), proposal, call)

    assert services.supports_of(proposal).count() == 1


def test_no_support_is_taken_or_withdrawn_in_the_review_phase(section, author):
    call = make_call(section, slug="review", phases=[("support", -10, -5), ("review", -5, 30)])
    proposal = make_proposal(call, author)
    somsri = make_participant("somsri")

    with pytest.raises(services.ProposalRefused) as refused:
        services.support(somsri, proposal, call)
    assert refused.value.status == 403
    ended = call.timeline().spans()[0].ends_at
    assert str(refused.value) == _("This closed on %(date)s.") % {"date": format_datetime(ended)}
    with pytest.raises(services.ProposalRefused):
        services.withdraw_support(somsri, proposal, call)
    assert services.supports_of(proposal).count() == 0


@pytest.mark.parametrize(
    ("state", "why"),
    [
        (S.DRAFT, "This proposal is not published (%(state)s): it cannot be supported."),
        (S.SUBMITTED, "This proposal is not published (%(state)s): it cannot be supported."),
        (S.HIDDEN, "This proposal is not published (%(state)s): it cannot be supported."),
        (S.REJECTED, "This proposal has been answered (%(state)s); it takes no more supports."),
        (S.DONE, "This proposal has been answered (%(state)s); it takes no more supports."),
    ],
)
def test_a_proposal_not_open_to_supports_says_why(call, author, state, why):
    proposal = make_proposal(call, author, state=state)

    with pytest.raises(services.ProposalRefused) as refused:
        services.support(make_participant("somsri"), proposal, call)

    assert str(refused.value) == _(why) % {"state": S(state).label}
    assert services.supports_of(proposal).count() == 0


def test_a_merged_proposal_sends_its_supporters_to_the_one_it_was_merged_into(call, author, editor):
    duplicate = make_proposal(call, author)
    survivor = make_proposal(call, author, title="ซ่อมถนน")
    services.merge(editor, duplicate, survivor)

    with pytest.raises(services.ProposalRefused) as refused:
        services.support(make_participant("somsri"), duplicate, call)

    assert str(refused.value) == _("This proposal was merged into another: support that one.")


def test_a_support_keeps_who_the_supporter_was_on_its_vote(call, author, town):
    proposal = make_proposal(call, author)
    visitor = make_participant("visitor", voter_group=VoterGroup.INTERESTED, area=Residence.OUTSIDE)
    neighbour = make_participant("neighbour")

    services.support(visitor, proposal, call)
    services.support(neighbour, proposal, call)

    snapshots = {
        vote.participant_id: (vote.voter_group, vote.area, vote.municipality_id)
        for vote in services.supports_of(proposal)
    }
    assert snapshots == {
        visitor.pk: (VoterGroup.INTERESTED, Residence.OUTSIDE, town.pk),
        neighbour.pk: (VoterGroup.RESIDENT, Residence.INSIDE, town.pk),
    }


def test_supporters_below_the_calls_support_verification_are_refused(section, author):
    call = make_call(section, slug="checked", support_verification=VerificationLevel.RESIDENT)
    proposal = make_proposal(call, author)

    with pytest.raises(services.ProposalRefused) as refused:
        services.support(make_participant("somsri"), proposal, call)

    assert refused.value.status == 403
    services.support(
        make_participant("somying", verification_level=VerificationLevel.RESIDENT), proposal, call
    )
    assert services.supports_of(proposal).count() == 1


# Thresholds ---------------------------------------------------------------------------


def test_a_number_threshold_is_marked_when_reached_and_staff_are_told_once(
    call, author, town, on_commit
):
    _with_threshold(call, ThresholdKind.NUMBER, 3)
    _editors_with_email(town)
    elsewhere = Municipality.objects.create(name="เทศบาลอื่น", province="ตาก")
    make_staff("outsider", REVIEW, municipality=elsewhere)
    proposal = make_proposal(call, author)
    supporters = _people(4)

    for supporter in supporters[:2]:
        with on_commit():
            services.support(supporter, proposal, call)
    assert Proposal.objects.get(pk=proposal.pk).threshold_reached_at is None
    assert mail.outbox == []

    reached = now() + timedelta(minutes=5)
    with frozen_at(reached), on_commit():
        services.support(supporters[2], proposal, call)

    assert Proposal.objects.get(pk=proposal.pk).threshold_reached_at == reached
    assert sorted(message.to for message in mail.outbox) == [
        ["nid@example.com"],
        ["noi@example.com"],
    ]
    with translation.override("th"):
        subject = _("Proposal “%(title)s” reached its support threshold") % {
            "title": "ซ่อมถนนหน้าโรงเรียน"
        }
    assert subject.startswith("ข้อเสนอ")  # the proposal's Thai
    assert {message.subject for message in mail.outbox} == {subject}

    with on_commit():
        services.support(supporters[3], proposal, call)
        services.withdraw_support(supporters[0], proposal, call)
        services.withdraw_support(supporters[1], proposal, call)
        services.support(supporters[0], proposal, call)
    assert Proposal.objects.get(pk=proposal.pk).threshold_reached_at == reached
    assert len(mail.outbox) == 2


def test_a_percentage_of_the_municipalitys_register(call, author, town):
    _with_threshold(call, ThresholdKind.MUNICIPALITY_SHARE, "2.5")
    proposal = make_proposal(call, author)
    assert goal_for(call, proposal) is None  # no register, no goal

    replace_register(town, [(1, "1101700207030", "1980-01-01"), (2, "1101700207048", "1980-01-01")])
    assert goal_for(call, proposal) == 1  # 2.5 % of two people, but at least one
    _register(town, 118)
    assert goal_for(call, proposal) == 3  # 2.5 % of 120

    for supporter in _people(2):
        services.support(supporter, proposal, call)
    assert Proposal.objects.get(pk=proposal.pk).threshold_reached_at is None
    services.support(make_participant("third"), proposal, call)
    assert Proposal.objects.get(pk=proposal.pk).threshold_reached_at is not None


def test_a_percentage_of_the_proposals_area(call, author, town):
    _with_threshold(call, ThresholdKind.AREA_SHARE, 10)
    north = Area.objects.create(municipality=town, name="ชุมชนเหนือ", code="N")
    south = Area.objects.create(municipality=town, name="ชุมชนใต้", code="S")
    _register(town, 20, area=north)
    _register(town, 60, area=south, start=20)
    in_the_north = make_proposal(call, author, concerned_area=north)
    everywhere = make_proposal(call, author, title="ไฟส่องสว่างทั้งเมือง")

    assert goal_for(call, in_the_north) == 2
    assert goal_for(call, everywhere) == 8  # about the whole municipality: all of it

    for supporter in _people(2):
        services.support(supporter, in_the_north, call)
        services.support(supporter, everywhere, call)
    assert Proposal.objects.get(pk=in_the_north.pk).threshold_reached_at is not None
    assert Proposal.objects.get(pk=everywhere.pk).threshold_reached_at is None


def test_without_a_register_a_percentage_has_no_goal_and_nothing_is_marked(call, author, on_commit):
    _with_threshold(call, ThresholdKind.MUNICIPALITY_SHARE, 1)
    proposal = make_proposal(call, author)

    with on_commit():
        for supporter in _people(3):
            services.support(supporter, proposal, call)

    assert goal_for(call, proposal) is None
    assert Proposal.objects.get(pk=proposal.pk).threshold_reached_at is None
    assert mail.outbox == []


# Merging ------------------------------------------------------------------------------


def test_a_merge_counts_each_supporter_once_and_moves_the_followers(call, author, editor):
    duplicate = make_proposal(call, author, title="ถนนพัง")
    survivor = make_proposal(call, author)
    only_duplicate, both, only_survivor = _people(3)
    for supporter in (only_duplicate, both):
        services.support(supporter, duplicate, call)
    for supporter in (both, only_survivor):
        services.support(supporter, survivor, call)
    reader = make_participant("reader")
    services.follow(reader, duplicate)

    services.merge(editor, duplicate, survivor)

    assert services.supports_of(duplicate).count() == 0
    assert sorted(v.participant_id for v in services.supports_of(survivor)) == sorted(
        [only_duplicate.pk, both.pk, only_survivor.pk]
    )
    assert set(
        Follower.objects.filter(proposal=survivor).values_list("participant", flat=True)
    ) == {only_duplicate.pk, both.pk, only_survivor.pk, reader.pk}
    stored = Proposal.objects.get(pk=duplicate.pk)
    assert stored.merged_into_id == survivor.pk and stored.merged_at is not None
    assert list(listing.public_proposals(call.translation_key)) == [survivor]


def test_a_merge_keeps_the_supports_of_people_whose_accounts_were_erased(call, author, editor):
    duplicate = make_proposal(call, author, title="ถนนพัง")
    survivor = make_proposal(call, author)
    gone, both = _people(2)
    for supporter in (gone, both):
        services.support(supporter, duplicate, call)
    services.support(both, survivor, call)
    # The account was deleted under a policy that keeps votes: without the person.
    services.supports_of(duplicate).filter(participant=gone).update(participant=None)

    services.merge(editor, duplicate, survivor)

    assert sorted(
        services.supports_of(survivor).values_list("participant", flat=True), key=str
    ) == sorted([None, both.pk], key=str)


def test_a_merge_checks_the_survivors_threshold(call, author, editor, town, on_commit):
    _with_threshold(call, ThresholdKind.NUMBER, 3)
    _editors_with_email(town)
    duplicate = make_proposal(call, author, title="ถนนพัง")
    survivor = make_proposal(call, author)
    first, both, last = _people(3)
    with on_commit():
        services.support(first, duplicate, call)
        services.support(both, duplicate, call)
        services.support(both, survivor, call)
        services.support(last, survivor, call)
    assert mail.outbox == []

    with on_commit():
        services.merge(editor, duplicate, survivor)

    assert Proposal.objects.get(pk=survivor.pk).threshold_reached_at is not None
    # The editors' group, and the editor who merged (a reviewer of the municipality too).
    assert sorted(message.to[0] for message in mail.outbox) == [
        "editor@example.com",
        "nid@example.com",
        "noi@example.com",
    ]


def test_proposals_of_different_calls_are_not_merged(section, call, author, editor):
    other_call = make_call(section, slug="other-ideas")
    ours, theirs = make_proposal(call, author), make_proposal(other_call, author)

    with pytest.raises(services.ProposalRefused) as refused:
        services.merge(editor, ours, theirs)

    assert (refused.value.status, str(refused.value)) == (
        400,
        _("Only proposals of the same call can be merged."),
    )
    assert Proposal.objects.filter(merged_into__isnull=False).count() == 0


def test_a_merged_proposal_is_not_merged_again_nor_merged_into(call, author, editor):
    first, second, third = (make_proposal(call, author, title=f"ข้อเสนอ {i}") for i in range(3))
    services.merge(editor, first, second)

    for duplicate, survivor in ((first, third), (third, first)):
        with pytest.raises(services.ProposalRefused) as refused:
            services.merge(editor, duplicate, survivor)
        assert str(refused.value) == _("One of these proposals was already merged.")

    assert Proposal.objects.get(pk=first.pk).merged_into_id == second.pk
    assert Proposal.objects.get(pk=third.pk).merged_into_id is None


# Featured proposals -------------------------------------------------------------------


def test_featured_proposals_come_in_their_order_and_one_without_order_last(call, author, editor):
    late, early, unordered, hidden = (
        make_proposal(call, author, title=title) for title in ("ช้า", "เร็ว", "ไม่ระบุ", "ซ่อน")
    )
    services.feature(editor, late, order=5)
    services.feature(editor, early, order=1)
    services.feature(editor, hidden, order=0)
    services.feature(editor, unordered)
    assert Proposal.objects.get(pk=unordered.pk).featured_order == 6
    services.change_state(editor, hidden, S.HIDDEN, answer="ข้อความไม่สุภาพ", answered_as="ผู้ดูแล")

    def featured():
        return [card.proposal for card in listing.featured_cards(call, call.translation_key)]

    assert featured() == [early, late, unordered]
    services.unfeature(editor, late)
    assert featured() == [early, unordered]
    assert Proposal.objects.get(pk=late.pk).featured_order is None


def test_only_a_public_proposal_is_featured_and_the_order_is_checked(call, author, editor):
    draft = make_proposal(call, author, state=S.DRAFT)
    published = make_proposal(call, author)

    with pytest.raises(services.ProposalRefused) as refused:
        services.feature(editor, draft, order=1)
    assert str(refused.value) == _("Only a published proposal can be featured.")
    for order in (-1, 40000, "first"):
        with pytest.raises(services.ProposalRefused) as refused:
            services.feature(editor, published, order=order)
        assert (refused.value.status, str(refused.value)) == (
            400,
            _("Give the order as a number from 0 to 32767."),
        )
    assert Proposal.objects.filter(featured_order__isnull=False).count() == 0


# The call's list ----------------------------------------------------------------------


def _listed(call, **filters):
    page = listing.call_list(call, listing.Filters(**filters))
    return [(card.proposal.title, card.supports) for card in page.object_list]


def test_the_call_list_filters_and_orders_its_proposals(call, author, editor, town):
    north = Area.objects.create(municipality=town, name="ชุมชนเหนือ", code="N")
    start = now()
    with frozen_at(start - timedelta(days=3)):
        roads = make_proposal(call, author, title="ถนน", category="roads", concerned_area=north)
    with frozen_at(start - timedelta(days=2)):
        water = make_proposal(call, author, title="ท่อ", category="water")
    with frozen_at(start - timedelta(days=1)):
        lamps = make_proposal(call, author, title="ไฟ", category="roads")
    make_proposal(call, author, title="ร่าง", state=S.DRAFT)
    residents = _people(3)
    visitors = _people(2, prefix="v", voter_group=VoterGroup.INTERESTED)
    for supporter in residents[:1] + visitors:
        services.support(supporter, roads, call)  # 1 resident, 2 interested
    for supporter in residents[:2]:
        services.support(supporter, water, call)  # 2 residents
    commenter = make_participant("commenter")
    for text in ("เห็นด้วย", "ควรทำก่อน"):
        comments.post_comment(commenter, call, lamps.widget_id, text)
    comments.post_comment(commenter, call, water.widget_id, "ดีมาก")
    services.change_state(editor, water, S.ACCEPTED)

    assert _listed(call) == [("ถนน", 3), ("ท่อ", 2), ("ไฟ", 0)]
    assert _listed(call, voter_group=VoterGroup.RESIDENT) == [("ท่อ", 2), ("ถนน", 1), ("ไฟ", 0)]
    assert _listed(call, voter_group=VoterGroup.INTERESTED) == [("ถนน", 2), ("ไฟ", 0), ("ท่อ", 0)]
    assert _listed(call, order=ProposalOrder.NEWEST) == [("ไฟ", 0), ("ท่อ", 2), ("ถนน", 3)]
    assert _listed(call, order=ProposalOrder.COMMENTED) == [("ไฟ", 0), ("ท่อ", 2), ("ถนน", 3)]
    assert _listed(call, category="roads") == [("ถนน", 3), ("ไฟ", 0)]
    assert _listed(call, area=north.pk) == [("ถนน", 3)]
    assert _listed(call, state=S.ACCEPTED) == [("ท่อ", 2)]
    [card] = listing.call_list(call, listing.Filters(state=S.ACCEPTED)).object_list
    assert (card.comments, card.category) == (1, "น้ำและการระบายน้ำ")


def test_filters_from_the_query_ignore_what_is_not_offered(call):
    filters = listing.Filters.from_query(
        {"category": "cars", "area": "๓", "state": "draft", "group": "x", "order": "oldest"}, call
    )
    assert filters == listing.Filters()
    filters = listing.Filters.from_query(
        {
            "category": "water",
            "area": "7",
            "state": "done",
            "group": "concerned",
            "order": "newest",
        },
        call,
    )
    assert filters == listing.Filters("water", 7, "done", "concerned", "newest")


def _add_proposals(call, count, start):
    for i in range(start, start + count):
        proposal = make_proposal(call, make_participant(f"author{i}"), title=f"ข้อเสนอ {i}")
        supporter = make_participant(f"supporter{i}")
        services.support(supporter, proposal, call)
        comments.post_comment(supporter, call, proposal.widget_id, f"ความเห็น {i}")


def _queries_of_the_list(call):
    with CaptureQueriesContext(connection) as queries:
        page = listing.call_list(call, listing.Filters(voter_group=VoterGroup.RESIDENT))
        cards = [(card.supports, card.comments, card.goal) for card in page.object_list]
        featured = listing.featured_cards(call, call.translation_key)
    return len(queries), len(cards), len(featured)


def test_the_call_lists_queries_stay_the_same_when_its_proposals_double(call, author, editor, town):
    _with_threshold(call, ThresholdKind.MUNICIPALITY_SHARE, 5)
    _register(town, 40)
    _add_proposals(call, 4, 0)
    for proposal in Proposal.objects.all():
        services.feature(editor, proposal)
    _queries_of_the_list(call)  # the call's source page and content types, once

    few = _queries_of_the_list(call)
    _add_proposals(call, 4, 4)
    for proposal in Proposal.objects.filter(featured_order=None):
        services.feature(editor, proposal)
    many = _queries_of_the_list(call)

    assert (few[1], many[1]) == (4, 8)
    assert few[0] == many[0]

"""The ballot of a budget round (R7): who may ballot, what one ballot may hold, and the
actions that store it (consultation_blocks/budgeting/ballots/)."""

from datetime import timedelta

import pytest
from django.core import mail

from consultation_blocks.budgeting import factories as budget
from consultation_blocks.budgeting.ballots import rules, services
from consultation_blocks.budgeting.choices import (
    BallotKind,
    BallotResidence,
    Channel,
    RemovalReason,
    Review,
)
from consultation_blocks.budgeting.models import Ballot, BallotLine, LineRemoval, RoundVoter
from consultation_blocks.factories import make_participant
from consultation_blocks.municipalities.models import Area, Municipality
from consultation_blocks.participants.choices import Residence, VerificationLevel, VoterGroup
from consultation_blocks.staff.factories import make_staff
from consultation_blocks.staff.on_site import NewParticipant
from consultation_blocks.timing import now
from pb_pages.factories import in_phase, make_round, make_section

pytestmark = pytest.mark.django_db
RESIDENT = VerificationLevel.RESIDENT


@pytest.fixture
def section(home):
    return make_section(home, "budget", slug="budget")


@pytest.fixture
def round_page(section):
    return make_round(section, slug="pb")


@pytest.fixture
def voter(home):
    return make_participant("somsri", verification_level=RESIDENT)


def _costs(*costs):
    return list(costs)


# Pure limit checks --------------------------------------------------------------------


def test_part_of_1000_holding_600_refuses_500_and_accepts_it_once_600_is_removed():
    limits = rules.Limits(kind=BallotKind.KNAPSACK, money=1000)

    refused = rules.may_add(limits, _costs(600), 500)
    assert not refused.allowed
    assert "400" in refused.reason and "500" in refused.reason
    assert rules.may_add(limits, _costs(), 500).allowed


def test_approval_round_of_two_ignores_costs():
    limits = rules.Limits(kind=BallotKind.APPROVAL, money=1000, approval_limit=2)

    assert rules.may_add(limits, _costs(), 5000).allowed
    assert rules.may_add(limits, _costs(5000), 9000).allowed
    assert not rules.may_add(limits, _costs(5000, 9000), 1).allowed
    assert rules.may_submit(limits, _costs(5000, 9000)).allowed


def test_spend_at_least_seventy_percent_refuses_a_ballot_below_it():
    limits = rules.Limits(kind=BallotKind.KNAPSACK, money=1000, minimum_spend_percent=70)

    refused = rules.may_submit(limits, _costs(600))
    assert not refused.allowed
    assert "ร้อยละ 70" in refused.reason and "700" in refused.reason
    assert rules.may_submit(limits, _costs(600, 100)).allowed


def test_minimum_and_maximum_projects():
    limits = rules.Limits(
        kind=BallotKind.KNAPSACK, money=1000, minimum_projects=2, maximum_projects=3
    )

    assert not rules.may_submit(limits, _costs(100)).allowed
    assert rules.may_submit(limits, _costs(100, 100)).allowed
    assert not rules.may_add(limits, _costs(100, 100, 100), 100).allowed


def test_an_empty_ballot_cannot_be_submitted():
    assert not rules.may_submit(rules.Limits(kind=BallotKind.KNAPSACK, money=1000), []).allowed


# Who may ballot -----------------------------------------------------------------------


def test_only_while_balloting(round_page, voter):
    assert rules.may_ballot(voter, round_page, "north").allowed
    with in_phase(round_page, "supporting_projects"):
        decision = rules.may_ballot(voter, round_page, "north")
    assert not decision.allowed and decision.reason
    with in_phase(round_page, "results"):
        assert not rules.may_ballot(voter, round_page, "north").allowed


def test_signed_out_and_unverified_visitors_may_not_ballot(round_page, home):
    assert rules.may_ballot(None, round_page, "north").needs_sign_in
    emailed = make_participant("emailed", verification_level=VerificationLevel.EMAIL)
    decision = rules.may_ballot(emailed, round_page, "north")
    assert not decision.allowed and decision.remedy


def test_voter_groups_of_the_round(round_page, home):
    round_page.ballot_voter_groups = [VoterGroup.RESIDENT]
    round_page.save()
    worker = make_participant(
        "worker", verification_level=RESIDENT, voter_group=VoterGroup.INTERESTED
    )
    resident = make_participant("resident", verification_level=RESIDENT)

    assert not rules.may_ballot(worker, round_page, "north").allowed
    assert rules.may_ballot(resident, round_page, "north").allowed


def test_residence_inside_the_municipality(round_page, home):
    round_page.ballot_residence = BallotResidence.INSIDE
    round_page.save()
    outside = make_participant(
        "outside", verification_level=VerificationLevel.EMAIL, area=Residence.OUTSIDE
    )
    round_page.ballot_verification = VerificationLevel.EMAIL
    round_page.save()
    inside = make_participant("inside", verification_level=RESIDENT)

    assert not rules.may_ballot(outside, round_page, "north").allowed
    assert rules.may_ballot(inside, round_page, "north").allowed


def test_residence_inside_the_parts_area(section, home):
    town = Municipality.objects.get(home_page=home)
    north_area = Area.objects.create(municipality=town, name="เหนือ", code="1")
    south_area = Area.objects.create(municipality=town, name="ใต้", code="2")
    page = make_round(
        section,
        parts=[
            budget.part("north", "เหนือ", 1000, area=north_area),
            budget.part("theme", "สิ่งแวดล้อม", 1000),
        ],
        ballot_residence=BallotResidence.AREA,
        slug="areas",
    )
    northerner = make_participant("n", verification_level=RESIDENT, home_area=north_area)
    southerner = make_participant("s", verification_level=RESIDENT, home_area=south_area)

    assert rules.may_ballot(northerner, page, "north").allowed
    refused = rules.may_ballot(southerner, page, "north")
    assert not refused.allowed and "เหนือ" in refused.reason
    # A theme has no area: anyone inside the municipality.
    assert rules.may_ballot(southerner, page, "theme").allowed


def test_one_part_per_group(section, voter):
    page = make_round(
        section,
        parts=[
            budget.group(
                "areas",
                "ชุมชน",
                budget.part("north", "เหนือ", 1000),
                budget.part("south", "ใต้", 1000),
                parts_per_person=1,
            ),
            budget.part("city", "ทั้งเมือง", 1000),
        ],
        slug="grouped",
    )
    north = budget.make_project(page, "north", "ไฟทาง", cost=100)
    south = budget.make_project(page, "south", "ทางเท้า", cost=100)
    city = budget.make_project(page, "city", "สวน", cost=100)
    services.add_line(voter, page, "north", north)

    with pytest.raises(services.BallotRefused) as refused:
        services.add_line(voter, page, "south", south)
    assert "ชุมชน" in refused.value.decision.reason
    # A part outside the group is not limited by it.
    services.add_line(voter, page, "city", city)
    # Emptying the first ballot frees the group.
    services.remove_line(voter, page, "north", north)
    services.add_line(voter, page, "south", south)
    assert set(BallotLine.objects.values_list("part", flat=True)) == {"south", "city"}


def test_only_shortlisted_feasible_projects_of_the_part(round_page, voter):
    elsewhere = budget.make_project(round_page, "south", "อื่น", cost=100)
    not_listed = budget.make_project(round_page, "north", "ไม่ผ่าน", cost=100, shortlisted=False)
    unfeasible = budget.make_project(round_page, "north", "ทำไม่ได้", review=Review.UNFEASIBLE)

    for project in (elsewhere, not_listed, unfeasible):
        with pytest.raises(services.BallotRefused) as refused:
            services.add_line(voter, round_page, "north", project)
        assert refused.value.status == 400
    assert not BallotLine.objects.exists()


# Actions -------------------------------------------------------------------------------


def test_ballot_refuses_project_that_exceeds_money_left_and_stores_nothing(round_page, voter):
    big = budget.make_project(round_page, "north", "ถนน", cost=600)
    other = budget.make_project(round_page, "north", "สวน", cost=500)
    services.add_line(voter, round_page, "north", big)

    with pytest.raises(services.BallotRefused):
        services.add_line(voter, round_page, "north", other)
    assert list(BallotLine.objects.values_list("project", flat=True)) == [big.pk]

    services.remove_line(voter, round_page, "north", big)
    services.add_line(voter, round_page, "north", other)
    assert list(BallotLine.objects.values_list("project", flat=True)) == [other.pk]


def test_adding_twice_keeps_one_line(round_page, voter):
    project = budget.make_project(round_page, "north", cost=100)
    services.add_line(voter, round_page, "north", project)
    services.add_line(voter, round_page, "north", project)
    assert BallotLine.objects.count() == 1


def test_submitted_ballot_counts_and_a_change_makes_it_uncounted_until_submitted_again(
    round_page, voter
):
    first = budget.make_project(round_page, "north", "หนึ่ง", cost=300)
    second = budget.make_project(round_page, "north", "สอง", cost=300)
    services.add_line(voter, round_page, "north", first)
    ballot = services.submit_ballot(voter, round_page, "north").ballot

    assert ballot.submitted_at is not None
    assert list(BallotLine.objects.values_list("counted", flat=True)) == [True]
    ballot.refresh_from_db()
    assert ballot.voter_group == VoterGroup.RESIDENT and ballot.channel == Channel.ONLINE

    services.add_line(voter, round_page, "north", second)
    ballot.refresh_from_db()
    assert ballot.submitted_at is None
    assert set(BallotLine.objects.values_list("counted", flat=True)) == {False}

    services.submit_ballot(voter, round_page, "north")
    assert set(BallotLine.objects.values_list("counted", flat=True)) == {True}
    services.reopen(voter, round_page, "north")
    assert set(BallotLine.objects.values_list("counted", flat=True)) == {False}


def test_submit_applies_the_spend_rule(round_page, voter):
    round_page.minimum_spend_percent = 70
    round_page.save()
    small = budget.make_project(round_page, "north", "เล็ก", cost=600)
    more = budget.make_project(round_page, "north", "เพิ่ม", cost=100)
    services.add_line(voter, round_page, "north", small)

    with pytest.raises(services.BallotRefused) as refused:
        services.submit_ballot(voter, round_page, "north")
    assert "ร้อยละ 70" in refused.value.decision.reason
    assert Ballot.objects.get().submitted_at is None

    services.add_line(voter, round_page, "north", more)
    assert services.submit_ballot(voter, round_page, "north").ballot.submitted_at is not None


def test_no_changes_after_balloting_closes(round_page, voter):
    project = budget.make_project(round_page, "north", cost=100)
    services.add_line(voter, round_page, "north", project)
    with in_phase(round_page, "counting"):
        with pytest.raises(services.BallotRefused):
            services.remove_line(voter, round_page, "north", project)
    assert BallotLine.objects.count() == 1


# Paper ballots -------------------------------------------------------------------------


@pytest.fixture
def clerk(home):
    town = Municipality.objects.get(home_page=home)
    return make_staff("clerk", "bokrao_blocks.add_vote", municipality=town)


def test_paper_ballot_keeps_staff_place_and_time_and_counts(round_page, clerk, home):
    project = budget.make_project(round_page, "north", cost=400)
    cast = now() - timedelta(hours=3)
    person = NewParticipant(voter_group=VoterGroup.RESIDENT, area=Residence.INSIDE)

    ballot = services.enter_paper_ballot(
        clerk, round_page, person, "north", [project.pk], "ที่ว่าการเทศบาล", cast
    )

    assert ballot.channel == Channel.PAPER
    assert ballot.entered_by == clerk and ballot.entered_at_place == "ที่ว่าการเทศบาล"
    assert ballot.cast_at == cast and ballot.submitted_at is not None
    assert list(BallotLine.objects.values_list("counted", flat=True)) == [True]
    assert RoundVoter.objects.get().channel == Channel.PAPER


def test_paper_and_online_exclude_each_other(round_page, clerk, voter):
    project = budget.make_project(round_page, "north", cost=400)
    services.add_line(voter, round_page, "north", project)

    with pytest.raises(services.BallotRefused):
        services.enter_paper_ballot(clerk, round_page, voter, "south", [project.pk], "สำนักงาน")

    other = make_participant("paper", verification_level=RESIDENT)
    south = budget.make_project(round_page, "south", cost=400)
    services.enter_paper_ballot(clerk, round_page, other, "south", [south.pk], "สำนักงาน")
    with pytest.raises(services.BallotRefused) as refused:
        services.add_line(other, round_page, "north", project)
    assert "บัตรกระดาษ" in refused.value.decision.reason


def test_paper_ballot_within_the_limits(round_page, clerk):
    big = budget.make_project(round_page, "north", "ถนน", cost=600)
    other = budget.make_project(round_page, "north", "สวน", cost=500)
    person = NewParticipant(voter_group=VoterGroup.RESIDENT, area=Residence.INSIDE)

    with pytest.raises(services.BallotRefused):
        services.enter_paper_ballot(clerk, round_page, person, "north", [big.pk, other.pk], "x")
    assert not Ballot.objects.exists() and not RoundVoter.objects.exists()


def test_only_on_site_staff_enter_paper_ballots(round_page, voter, home):
    project = budget.make_project(round_page, "north", cost=100)
    town = Municipality.objects.get(home_page=home)
    reviewer = make_staff("reviewer", "bokrao_blocks.change_comment", municipality=town)
    with pytest.raises(services.BallotRefused) as refused:
        services.enter_paper_ballot(reviewer, round_page, voter, "north", [project.pk], "x")
    assert refused.value.status == 403


# A project leaves the ballot -----------------------------------------------------------


def test_a_submitted_ballot_emptied_by_a_removal_is_no_longer_submitted(round_page, voter):
    """Nothing left to count: the count reads submitted ballots, not their lines."""
    from consultation_blocks.budgeting.counting import tally

    project = budget.make_project(round_page, "north", "ถนน", cost=600)
    other = make_participant("other", verification_level=RESIDENT)
    kept = budget.make_project(round_page, "north", "สวน", cost=100)
    for person, chosen in ((voter, [project]), (other, [project, kept])):
        for item in chosen:
            services.add_line(person, round_page, "north", item)
        services.submit_ballot(person, round_page, "north")
    assert tally.ballots_counted(round_page.translation_key) == {"north": 2}

    services.remove_project_from_ballots(project, RemovalReason.WITHDRAWN)

    assert services.ballot_of(voter, round_page, "north").submitted_at is None
    assert services.ballot_of(other, round_page, "north").submitted_at is not None
    assert tally.ballots_counted(round_page.translation_key) == {"north": 1}


def test_removing_a_project_deletes_its_lines_records_each_and_tells_the_person(
    round_page, voter, home, django_capture_on_commit_callbacks
):
    project = budget.make_project(round_page, "north", "ถนน", cost=600)
    kept = budget.make_project(round_page, "north", "สวน", cost=100)
    services.add_line(voter, round_page, "north", project)
    services.add_line(voter, round_page, "north", kept)
    services.submit_ballot(voter, round_page, "north")
    other = make_participant("other", verification_level=RESIDENT)
    services.add_line(other, round_page, "north", project)
    mail.outbox.clear()

    project.review = Review.UNFEASIBLE
    project.shortlisted = False
    project.save()
    with django_capture_on_commit_callbacks(execute=True):
        removals = services.remove_project_from_ballots(project, RemovalReason.UNFEASIBLE)

    assert len(removals) == 2
    assert list(BallotLine.objects.values_list("project", "counted")) == [(kept.pk, True)]
    removal = LineRemoval.objects.get(participant=voter)
    assert removal.was_submitted and removal.reason == RemovalReason.UNFEASIBLE
    assert not LineRemoval.objects.get(participant=other).was_submitted
    assert sorted(message.to[0] for message in mail.outbox) == [
        "other@example.com",
        "somsri@example.com",
    ]
    assert "ถนน" in mail.outbox[0].body
    assert [r.pk for r in services.unseen_removals(voter, round_page, "north")] == [removal.pk]
    services.mark_seen([removal])
    assert services.unseen_removals(voter, round_page, "north") == []

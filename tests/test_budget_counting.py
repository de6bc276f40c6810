"""Counting a round from its ballots: the SQL tallies, the stored counts of both rules,
the selected projects and who may recount."""

import pytest
from django.contrib.auth import get_user_model

from consultation_blocks.budgeting.choices import Channel, CountingRule, Review
from consultation_blocks.budgeting.counting import services, tally
from consultation_blocks.budgeting.counting.factories import make_ballot
from consultation_blocks.budgeting.counting.greedy import FITS, NO_VOTES, TOO_DEAR
from consultation_blocks.budgeting.factories import make_project
from consultation_blocks.budgeting.models import Project, RoundCount
from consultation_blocks.participants.choices import Residence, VoterGroup
from pb_pages.factories import in_phase, make_round, make_section


@pytest.fixture
def budget_round(home):
    return make_round(make_section(home, "budget"))


def _projects(budget_round, part, *costs):
    return [
        make_project(budget_round, part, title=f"โครงการ {part} {cost}", cost=cost)
        for cost in costs
    ]


def _votes(budget_round, part, project, n, **snapshot):
    for _ in range(n):
        make_ballot(budget_round, part, [project], **snapshot)


def test_tally_counts_only_lines_of_submitted_ballots(budget_round):
    a, b = _projects(budget_round, "north", 100, 200)
    make_ballot(budget_round, "north", [a, b])
    make_ballot(budget_round, "north", [a], channel=Channel.PAPER, voter_group=VoterGroup.CONCERNED)
    make_ballot(budget_round, "north", [a, b], submitted=False)
    key = budget_round.translation_key
    assert tally.votes_per_project(key) == {a.pk: 2, b.pk: 1}
    assert tally.ballots_counted(key) == {"north": 2}
    assert tally.votes_by_group(key)[a.pk] == {
        (VoterGroup.RESIDENT, Residence.INSIDE, Channel.ONLINE): 1,
        (VoterGroup.CONCERNED, Residence.INSIDE, Channel.PAPER): 1,
    }
    assert sorted(tally.approval_sets(key), key=lambda row: len(row[1])) == [
        ("north", frozenset({a.pk})),
        ("north", frozenset({a.pk, b.pk})),
    ]


def test_tally_is_one_query_each(budget_round, django_assert_num_queries):
    (a,) = _projects(budget_round, "north", 100)
    _votes(budget_round, "north", a, 3)
    key = budget_round.translation_key
    with django_assert_num_queries(1):
        tally.votes_per_project(key)
    with django_assert_num_queries(1):
        tally.votes_by_group(key)
    with django_assert_num_queries(1):
        list(tally.approval_sets(key, details=True))


def test_count_round_stores_both_rules_and_selects_by_the_round_rule(budget_round):
    # The case: (cost, votes) (100,50) (300,80) (200,90) (500,60) in 1,000.
    found = _projects(budget_round, "north", 100, 300, 200, 500)
    for project, n in zip(found, (5, 8, 9, 6), strict=True):
        _votes(budget_round, "north", project, n)
    unvoted = make_project(budget_round, "south", title="ไม่มีใครเลือก", cost=50)
    not_on_ballot = make_project(budget_round, "north", cost=10, shortlisted=False)
    with in_phase(budget_round, "results"):
        counts = services.count_round(budget_round)
    assert set(counts) == {CountingRule.GREEDY, CountingRule.EQUAL_SHARES}
    greedy = counts[CountingRule.GREEDY]
    assert greedy.ballots == 28
    north = greedy.outcome["parts"][0]
    assert north["key"] == "north" and north["left"] == 0 and north["ballots"] == 28
    assert [(p["votes"], p["won"], p["reason"]) for p in north["projects"]] == [
        (9, True, FITS),
        (8, True, FITS),
        (6, True, FITS),
        (5, False, TOO_DEAR),
    ]
    assert not_on_ballot.pk not in {p["id"] for p in north["projects"]}
    south = greedy.outcome["parts"][1]
    assert south["projects"] == [
        {"id": unvoted.pk, "cost": 50, "votes": 0, "won": False, "reason": NO_VOTES, "detail": {}}
    ]
    selected = set(Project.objects.filter(selected=True).values_list("pk", flat=True))
    assert selected == {found[1].pk, found[2].pk, found[3].pk}
    assert services.money_allocated(budget_round) == {"north": 1000}


def test_second_case_and_equal_shares_rule_decides(budget_round):
    budget_round.counting_rule = CountingRule.EQUAL_SHARES
    budget_round.save()
    big, mid, small = _projects(budget_round, "north", 800, 300, 200)
    _votes(budget_round, "north", big, 9)
    _votes(budget_round, "north", mid, 8)
    _votes(budget_round, "north", small, 6)
    with in_phase(budget_round, "results"):
        counts = services.count_round(budget_round)
    assert counts[CountingRule.GREEDY].outcome["parts"][0]["left"] == 0
    greedy_won = {
        p["id"] for p in counts[CountingRule.GREEDY].outcome["parts"][0]["projects"] if p["won"]
    }
    assert greedy_won == {big.pk, small.pk}
    shares = counts[CountingRule.EQUAL_SHARES].outcome["parts"][0]
    # 23 voters with 1,000/23 baht each: each group of single-project voters can pay
    # only for what its share covers; the count says so and the rule's winners are the
    # round's selected projects.
    won = {p["id"] for p in shares["projects"] if p["won"]}
    assert set(Project.objects.filter(selected=True).values_list("pk", flat=True)) == won
    assert sum(p["cost"] for p in shares["projects"] if p["won"]) + shares["left"] == 1000


def test_recount_replaces_selection_and_latest_counts_reads_newest(budget_round):
    a, b = _projects(budget_round, "north", 600, 600)
    _votes(budget_round, "north", a, 2)
    with in_phase(budget_round, "results"):
        services.count_round(budget_round)
        assert Project.objects.get(pk=a.pk).selected
        _votes(budget_round, "north", b, 3)
        services.count_round(budget_round)
    assert not Project.objects.get(pk=a.pk).selected
    assert Project.objects.get(pk=b.pk).selected
    latest = services.latest_counts(budget_round)
    assert RoundCount.objects.count() == 4
    assert latest[CountingRule.GREEDY].ballots == 5


def test_no_count_while_the_ballot_is_open(budget_round):
    with pytest.raises(services.CountRefused) as refused:
        services.count_round(budget_round)
    assert "ปิดการลงคะแนน" in str(refused.value.decision.reason)
    assert not RoundCount.objects.exists()


def test_only_round_managers_recount(budget_round):
    someone = get_user_model().objects.create_user("someone", "s@example.com", "pw")
    with in_phase(budget_round, "results"), pytest.raises(services.CountRefused):
        services.recount(budget_round, someone)
    admin = get_user_model().objects.create_superuser("boss", "b@example.com", "pw")
    with in_phase(budget_round, "results"):
        result = services.recount(budget_round, admin)
    # Counted by the task (at once with the tests' backend), by the one who asked.
    assert result.return_value == 0
    assert set(RoundCount.objects.values_list("rule", "by")) == {
        (CountingRule.GREEDY, admin.pk),
        (CountingRule.EQUAL_SHARES, admin.pk),
    }


def test_a_recount_while_the_ballot_is_open_is_refused_before_any_task(budget_round):
    admin = get_user_model().objects.create_superuser("boss", "b@example.com", "pw")
    with pytest.raises(services.CountRefused) as refused:
        services.recount(budget_round, admin)
    assert "ปิดการลงคะแนน" in str(refused.value.decision.reason)
    assert not RoundCount.objects.exists()


def test_unfeasible_projects_do_not_count(budget_round):
    (a,) = _projects(budget_round, "north", 100)
    b = make_project(budget_round, "north", cost=None, review=Review.UNFEASIBLE)
    _votes(budget_round, "north", a, 1)
    with in_phase(budget_round, "results"):
        counts = services.count_round(budget_round)
    ids = [p["id"] for p in counts[CountingRule.GREEDY].outcome["parts"][0]["projects"]]
    assert ids == [a.pk] and b.pk not in ids


def test_the_clock_counts_a_round_once_it_enters_results(budget_round):
    from consultation_blocks.budgeting.counting import tasks

    (a,) = _projects(budget_round, "north", 100)
    _votes(budget_round, "north", a, 2)
    assert tasks.count_due_rounds() == 0  # the ballot still runs
    with in_phase(budget_round, "results"):
        assert tasks.count_due_rounds() == 1
        assert tasks.count_due_rounds() == 0  # once
    assert Project.objects.get(pk=a.pk).selected


def test_the_clock_counts_a_round_that_staff_advanced_into_its_results(budget_round):
    """The results step starts when staff move the round there, not on its stored date."""
    from consultation_blocks.budgeting.counting import tasks
    from pb_pages.phases import services as phase_services

    staff = get_user_model().objects.create_superuser("runner", "runner@example.org", "x")
    (a,) = _projects(budget_round, "north", 100)
    _votes(budget_round, "north", a, 2)
    for reason in ("ปิดการลงคะแนนก่อนกำหนด", "นับคะแนนเสร็จแล้ว"):
        phase_services.advance(budget_round, staff, reason)
    assert budget_round.timeline().current().kind.key == "results"
    assert tasks.count_due_rounds() == 1
    assert tasks.count_due_rounds() == 0  # once
    assert Project.objects.get(pk=a.pk).selected

"""The two counting rules on plain data, and their agreement with pabutools."""

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultation_blocks.budgeting.counting import library
from consultation_blocks.budgeting.counting.equal_shares import equal_shares, step_for
from consultation_blocks.budgeting.counting.greedy import (
    AFFORDED,
    FILLED,
    FITS,
    NO_VOTES,
    TOO_DEAR,
    UNAFFORDABLE,
    Candidate,
    greedy,
)


def candidates(*pairs):
    """Candidates numbered from 1 from (cost, votes) pairs."""
    return [Candidate(number, cost, votes) for number, (cost, votes) in enumerate(pairs, 1)]


def test_greedy_takes_most_voted_that_fit_and_skips_to_cheaper():
    found = candidates((100, 50), (300, 80), (200, 90), (500, 60))
    outcome = greedy(1000, found)
    by_votes = {c.id: c.votes for c in found}
    assert [by_votes[i] for i in outcome.winners] == [90, 80, 60]
    assert outcome.left == 0
    lost = outcome.verdicts[-1]
    assert (lost.votes, lost.won, lost.reason) == (50, False, TOO_DEAR)
    assert lost.detail == {"left": 0, "over": 100}


def test_greedy_skips_project_that_no_longer_fits_for_a_cheaper_one():
    found = candidates((800, 90), (300, 80), (200, 60))
    outcome = greedy(1000, found)
    assert [v.votes for v in outcome.verdicts if v.won] == [90, 60]
    reasons = {v.votes: (v.reason, v.detail) for v in outcome.verdicts}
    assert reasons[90] == (FITS, {"left": 200})
    assert reasons[80] == (TOO_DEAR, {"left": 200, "over": 100})
    assert reasons[60] == (FITS, {"left": 0})


def test_greedy_breaks_ties_by_cost_then_project_number():
    found = [Candidate(7, 400, 10), Candidate(3, 400, 10), Candidate(5, 300, 10)]
    assert greedy(700, found).winners == [5, 3]


def test_greedy_elects_no_project_without_votes():
    outcome = greedy(1000, candidates((100, 0), (200, 3)))
    assert outcome.winners == [2]
    assert outcome.verdicts[-1].reason == NO_VOTES


# pabutools' own tests, tests/rules/test_rule.py "Approval example 2" (COMSOC-Community/
# pabutools): costs 1, 0.9, 2, 1.09 within 4, ballots {p0} {p1 p2 p3} {p1 p2 p3} {p2};
# the Method of Equal Shares with cost satisfaction elects p0 and p2, and its iterated
# form (voter budget raised by 0.1) p0, p1 and p2. Here in hundredths (baht): the
# method is the same when every amount is scaled.
EXAMPLE_2 = [Candidate(0, 100, 1), Candidate(1, 90, 2), Candidate(2, 200, 3), Candidate(3, 109, 2)]
BALLOTS_2 = [{0}, {1, 2, 3}, {1, 2, 3}, {2}]


def test_equal_shares_elects_what_pabutools_published_example_says():
    plain = equal_shares(400, EXAMPLE_2, BALLOTS_2, complete=False)
    assert set(plain.winners) == {0, 2}
    first = plain.verdicts[0]
    # p2's three supporters pay 200/3 each out of their share of 100: ρ = 1/3.
    assert (first.id, first.reason, first.detail) == (2, AFFORDED, {"rho": 0.333333, "pay": 66.67})
    assert plain.verdicts[2].reason == UNAFFORDABLE
    iterated = equal_shares(400, EXAMPLE_2, BALLOTS_2, step=10)
    assert set(iterated.winners) == {0, 1, 2}


# The running example of Lackner & Skowron, "Multi-Winner Voting with Approval
# Preferences" (2023), as pabutools' tests give it: seven projects of cost 1, 4 to
# spend, twelve voters; equal shares (without completion) elects only a.
RUNNING = [Candidate(i, 1, 0) for i in range(7)]
a, b, c, d, e, f, g = range(7)
RUNNING_BALLOTS = [{a, b}] * 3 + [{a, c}] * 3 + [{a, d}] * 2 + [{b, c, f}] + [{e}] + [{f}] + [{g}]


def _with_votes(found, ballots):
    votes = {c.id: sum(c.id in chosen for chosen in ballots) for c in found}
    return [Candidate(c.id, c.cost, votes[c.id]) for c in found]


def test_equal_shares_on_lackner_skowron_running_example():
    found = _with_votes(RUNNING, RUNNING_BALLOTS)
    assert equal_shares(4, found, RUNNING_BALLOTS, complete=False).winners == [a]
    completed = equal_shares(4, found, RUNNING_BALLOTS)
    assert len(completed.winners) == 4
    assert completed.winners[0] == a


def test_equal_shares_shares_money_fairly_where_greedy_does_not():
    # 51 voters want red projects, 49 blue; money for two projects: greedy gives both to
    # the majority, equal shares one to each side.
    found = [
        Candidate(1, 100, 51),
        Candidate(2, 100, 51),
        Candidate(3, 100, 49),
        Candidate(4, 100, 49),
    ]
    ballots = [{1, 2}] * 51 + [{3, 4}] * 49
    assert greedy(200, found).winners == [1, 2]
    assert sorted(equal_shares(200, found, ballots).winners) == [1, 3]


def test_equal_shares_completion_fills_by_votes():
    found = candidates((600, 2), (300, 1))
    ballots = [{1}, {1}, {2}, set()]
    outcome = equal_shares(1000, found, ballots)
    # Shares of 250: neither project can be paid; raised to 300, both can (ρ 1/2, then 1).
    assert outcome.winners == [1, 2]
    assert outcome.left == 100
    assert {v.reason for v in outcome.verdicts} <= {AFFORDED, FILLED}


def test_equal_shares_says_supporters_could_not_afford():
    found = candidates((900, 1), (100, 3))
    ballots = [{1}, {2}, {2}, {2}]
    outcome = equal_shares(1000, found, ballots, complete=False)
    lost = [v for v in outcome.verdicts if not v.won]
    assert lost[0].reason == UNAFFORDABLE
    assert lost[0].detail["had"] == 250.0


def test_step_is_one_baht_unless_that_is_under_a_hundredth():
    assert step_for(1_000_000, 10_000) == 1
    assert step_for(1_000_000, 100) == 100


@st.composite
def elections(draw, projects=(1, 7), costs=(1, 60), money=(10, 150), ballots=(1, 14), sizes=(0, 7)):
    """(money, candidates, approval sets), each drawn within its (least, most); `sizes`
    is how many projects a ballot holds."""
    count = draw(st.integers(*projects))
    prices = draw(st.lists(st.integers(*costs), min_size=count, max_size=count))
    amount = draw(st.integers(*money))
    chosen = st.sets(st.integers(1, count), min_size=sizes[0], max_size=sizes[1])
    drawn = draw(st.lists(chosen, min_size=ballots[0], max_size=ballots[1]))
    found = _with_votes([Candidate(i + 1, cost, 0) for i, cost in enumerate(prices)], drawn)
    return amount, found, drawn


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elections())
def test_greedy_agrees_with_pabutools(election):
    money, found, ballots = election
    assert greedy(money, found).winners == library.greedy_winners(money, found, ballots)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elections())
def test_equal_shares_agrees_with_pabutools(election):
    money, found, ballots = election
    ours = equal_shares(money, found, ballots, complete=False)
    assert sorted(ours.winners) == sorted(
        library.equal_shares_winners(money, found, ballots, complete=False)
    )
    completed = equal_shares(money, found, ballots)
    assert sorted(completed.winners) == sorted(library.equal_shares_winners(money, found, ballots))
    assert sum(v.cost for v in completed.verdicts if v.won) <= money
    assert completed.left == money - sum(v.cost for v in completed.verdicts if v.won)


def test_rho_is_exact():
    outcome = equal_shares(400, EXAMPLE_2, BALLOTS_2, complete=False)
    assert Fraction(outcome.verdicts[0].detail["rho"]).limit_denominator(10) == Fraction(1, 3)


# Many ballots over a few projects: the voters fall into many groups whose money left
# takes few values (equal_shares counts them by class).
CROWDED = elections(
    projects=(4, 9), costs=(5, 400), money=(300, 1500), ballots=(40, 160), sizes=(1, 4)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CROWDED)
def test_equal_shares_agrees_with_pabutools_on_many_ballots(election):
    money, found, ballots = election
    for complete in (False, True):
        ours = equal_shares(money, found, ballots, complete=complete)
        theirs = library.equal_shares_winners(money, found, ballots, complete=complete)
        assert sorted(ours.winners) == sorted(theirs)

"""The same two rules through pabutools (the COMSOC community's library, which also
reads and writes Pabulib files): the check of our own greedy.py and equal_shares.py.

Only projects with votes enter pabutools' instance: a project nobody chose does not win
under our rules, while pabutools' greedy would take it if it fitted. Ties are broken by
our published rule (greedy.tie_order) through a pabutools TieBreakingRule.
"""

from pabutools.election import ApprovalBallot, ApprovalProfile, Cost_Sat, Instance, Project
from pabutools.rules import (
    completion_by_rule_combination,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
)
from pabutools.tiebreaking import TieBreakingRule

from .equal_shares import step_for

# More votes first, then cheaper, then the lower project id (greedy.TIE_RULE).
OUR_TIES = TieBreakingRule(
    lambda instance, profile, p: (-profile.approval_score(p), p.cost, int(p.name))
)


def _election(money, candidates, ballots):
    projects = {c.id: Project(str(c.id), c.cost) for c in candidates if c.votes > 0}
    instance = Instance(projects.values(), budget_limit=money)
    profile = ApprovalProfile(
        [ApprovalBallot([projects[i] for i in chosen if i in projects]) for chosen in ballots],
        instance=instance,
    )
    return instance, profile


def greedy_winners(money, candidates, ballots):
    """The ids greedy_utilitarian_welfare with cost satisfaction (= most votes first
    within the money) elects, in the order it took them."""
    instance, profile = _election(money, candidates, ballots)
    outcome = greedy_utilitarian_welfare(
        instance, profile, sat_class=Cost_Sat, tie_breaking=OUR_TIES
    )
    return [int(p.name) for p in outcome]


def equal_shares_winners(money, candidates, ballots, step=None, complete=True):
    """The ids pabutools' Method of Equal Shares (cost satisfaction) elects; with
    `complete`, raised by `step` baht per voter while the outcome fits (its
    voter_budget_increment), then completed by greedy, as equal_shares.equal_shares."""
    ballots = list(ballots)
    instance, profile = _election(money, candidates, ballots)
    if not complete:
        outcome = method_of_equal_shares(
            instance, profile, sat_class=Cost_Sat, tie_breaking=OUR_TIES
        )
        return [int(p.name) for p in outcome]
    step = step or step_for(money, len(ballots))
    outcome = completion_by_rule_combination(
        instance,
        profile,
        [method_of_equal_shares, greedy_utilitarian_welfare],
        [
            {"sat_class": Cost_Sat, "tie_breaking": OUR_TIES, "voter_budget_increment": step},
            {"sat_class": Cost_Sat, "tie_breaking": OUR_TIES},
        ],
    )
    return [int(p.name) for p in outcome]

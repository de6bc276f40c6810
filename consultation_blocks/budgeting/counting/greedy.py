"""Counting by "most votes first, within the money" (CONSUL's and Decidim's rule), on
plain data: no database, no models.

Go down the projects from the most votes to the fewest; take a project if its cost still
fits the money left, otherwise skip it (a cheaper one further down can still win).
Projects with no votes do not win. Ties are broken by the published rule in TIE_RULE:
the cheaper project first, then the one with the lower number (its id, shown on the
project's page), so that a recount always gives the same result.

Every project gets a Verdict saying why it won or lost; the results page turns its
`reason` code and `detail` into a sentence in the reader's language (views.py).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# Shown on the results page, under both rules.
TIE_RULE = _(
    "When two projects have as many votes, the cheaper one comes first; if they also "
    "cost the same, the one with the lower project number."
)

# Why a project won or lost (the codes stored in a count's outcome).
FITS = "fits"  # greedy: its cost fitted the money left
TOO_DEAR = "too_dear"  # greedy: its cost was more than the money left
NO_VOTES = "no_votes"
AFFORDED = "afforded"  # equal shares: its supporters could pay its cost
UNAFFORDABLE = "unaffordable"  # equal shares: they could not, nor did it fit after
FILLED = "filled"  # equal shares' completion: taken by votes with the money left


@dataclass(frozen=True)
class Candidate:
    """A project as a counting rule sees it: its id, its reviewed cost (baht) and the
    number of counted ballots that chose it."""

    id: int
    cost: int
    votes: int


@dataclass
class Verdict:
    id: int
    cost: int
    votes: int
    won: bool
    reason: str
    detail: dict = field(default_factory=dict)

    def as_json(self):
        return {
            "id": self.id,
            "cost": self.cost,
            "votes": self.votes,
            "won": self.won,
            "reason": self.reason,
            "detail": self.detail,
        }


@dataclass
class Outcome:
    """A rule's result in one part: the verdicts in the order the rule took them
    (winners first, in order), the money left and what the rule's run needs to say."""

    money: int
    verdicts: list
    left: int
    notes: dict = field(default_factory=dict)

    @property
    def winners(self):
        return [verdict.id for verdict in self.verdicts if verdict.won]


def tie_order(candidate):
    """The published order among projects: more votes, then cheaper, then lower id."""
    return (-candidate.votes, candidate.cost, candidate.id)


def greedy(money, candidates):
    """Most votes first within `money` baht: an Outcome with a Verdict per candidate."""
    left = money
    won, lost = [], []
    for candidate in sorted(candidates, key=tie_order):
        if candidate.votes <= 0:
            lost.append(_verdict(candidate, False, NO_VOTES))
        elif candidate.cost <= left:
            left -= candidate.cost
            won.append(_verdict(candidate, True, FITS, left=left))
        else:
            lost.append(_verdict(candidate, False, TOO_DEAR, left=left, over=candidate.cost - left))
    return Outcome(money=money, verdicts=won + lost, left=left)


def fill(money, candidates, taken, left):
    """Equal shares' completion: the projects not yet taken, by votes (the same order as
    greedy), each taken if its cost fits the money left. Returns (verdicts, left)."""
    verdicts = []
    for candidate in sorted(candidates, key=tie_order):
        if candidate.id in taken or candidate.votes <= 0:
            continue
        if candidate.cost <= left:
            left -= candidate.cost
            verdicts.append(_verdict(candidate, True, FILLED, left=left))
    return verdicts, left


def _verdict(candidate, won, reason, **detail):
    return Verdict(candidate.id, candidate.cost, candidate.votes, won, reason, detail)

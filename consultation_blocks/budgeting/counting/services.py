"""Counting a round: both rules in every part, stored as RoundCounts, and the winners of
the round's own rule marked selected. Counting happens when the round enters its
results step (tasks.py, from the clock) and again whenever staff recount from the admin
(admin_views.py, through a task too): one path for both.

Counts read the ballots through tally.py (SQL, no ballot objects) and run the rules on
plain data (greedy.py, equal_shares.py). Two counts of one round never interleave: each
holds a lock on the round page's row while it reads the ballots and writes its results.
"""

from collections import Counter

from django.db import transaction
from django.db.models import Max, Sum
from django.utils.translation import gettext as _
from wagtail.models import Page

from ...participants.rules import Decision, Refused
from ...timing import now
from .. import phases
from ..choices import CountingRule, Review
from ..models import Project, RoundCount
from ..parts import parts_of
from . import tally
from .equal_shares import equal_shares
from .greedy import Candidate, greedy

# The published tie rule (greedy.TIE_RULE) as the outcome records it.
TIE_ORDER = "more votes, then lower cost, then lower project id"


class CountRefused(Refused):
    """Nothing was counted; `decision` says why (in the staff member's language)."""


def may_count(page, at=None):
    """A round is counted once its ballot has closed: from the counting step on."""
    if phases.reached(page, phases.COUNTING, at):
        return Decision(True)
    return Decision(False, _("The ballot is still open: a round is counted once it closes."))


def ballot_projects(page):
    """{part key: [(project id, cost)]} of the projects on the round's ballot: the
    shortlisted, feasible ones with a reviewed cost."""
    rows = (
        Project.objects.filter(
            consultation=page.translation_key,
            shortlisted=True,
            review=Review.FEASIBLE,
            cost__isnull=False,
        )
        .order_by("pk")
        .values_list("pk", "part", "cost")
    )
    found = {}
    for pk, part, cost in rows:
        found.setdefault(part, []).append((pk, cost))
    return found


def count_round(page, by=None, at=None):
    """Count the round `page` by both rules; store a RoundCount per rule and mark the
    winners of the round's counting rule selected. Returns {rule: RoundCount}."""
    at = at or now()
    decision = may_count(page, at)
    if not decision.allowed:
        raise CountRefused(decision)
    key = page.translation_key
    with transaction.atomic():
        # Every translation of a round shares its ballots: lock the one row they share.
        Page.objects.select_for_update().filter(pk=_source_pk(page)).first()
        outcomes = compute(page)
        counted = sum(part["ballots"] for part in outcomes[CountingRule.GREEDY]["parts"])
        stored = {
            rule: RoundCount.objects.create(
                consultation=key, rule=rule, counted_at=at, ballots=counted, outcome=outcome, by=by
            )
            for rule, outcome in outcomes.items()
        }
        winners = [
            verdict["id"]
            for part in outcomes[page.counting_rule]["parts"]
            for verdict in part["projects"]
            if verdict["won"]
        ]
        projects = Project.objects.filter(consultation=key)
        projects.exclude(pk__in=winners).filter(selected=True).update(selected=False)
        projects.filter(pk__in=winners, selected=False).update(selected=True)
    return stored


def compute(page):
    """{rule: outcome JSON} of the round's ballots as they are now, without storing.

    Three reads whatever the number of ballots: the projects on the ballot, one GROUP
    BY for the votes, and one stream of the approval sets, which also gives each
    part's number of ballots (every set streamed is a ballot with a counted line)."""
    key = page.translation_key
    votes = tally.votes_per_project(key)
    on_ballot = ballot_projects(page)
    known = {pk for found in on_ballot.values() for pk, _cost in found}
    groups, ballots = {}, Counter()
    for part, chosen in tally.approval_sets(key):
        groups.setdefault(part, Counter())[chosen & known] += 1
        ballots[part] += 1
    results = {
        CountingRule.GREEDY: greedy_parts(page, votes, ballots, on_ballot),
        CountingRule.EQUAL_SHARES: [],
    }
    for part in parts_of(page):
        outcome = equal_shares(
            part.money, _candidates(part, on_ballot, votes), groups.get(part.key, Counter())
        )
        results[CountingRule.EQUAL_SHARES].append(_part_json(part, outcome, ballots))
    return {
        rule: {"parts": parts, "tie_rule": TIE_ORDER, "ballot_kind": page.ballot_kind}
        for rule, parts in results.items()
    }


def greedy_parts(page, votes=None, ballots=None, on_ballot=None):
    """The outcome parts of most votes first: two GROUP BYs and the projects on the
    ballot, unless the caller (compute) read them already."""
    key = page.translation_key
    votes = tally.votes_per_project(key) if votes is None else votes
    ballots = tally.ballots_counted(key) if ballots is None else ballots
    on_ballot = ballot_projects(page) if on_ballot is None else on_ballot
    return [
        _part_json(part, greedy(part.money, _candidates(part, on_ballot, votes)), ballots)
        for part in parts_of(page)
    ]


def _candidates(part, on_ballot, votes):
    return [Candidate(pk, cost, votes.get(pk, 0)) for pk, cost in on_ballot.get(part.key, [])]


def _part_json(part, outcome, ballots):
    return {
        "key": part.key,
        "money": part.money,
        "left": outcome.left,
        "ballots": ballots.get(part.key, 0),
        "projects": [verdict.as_json() for verdict in outcome.verdicts],
        "notes": outcome.notes,
    }


def _source_pk(page):
    from ...widgets.rules import source_page

    return source_page(page).pk


def latest_counts(page):
    """{rule: the round's latest RoundCount by that rule} (one query)."""
    key = page.translation_key
    latest = (
        RoundCount.objects.filter(consultation=key)
        .values("rule")
        .annotate(last=Max("pk"))
        .values("last")
    )
    return {count.rule: count for count in RoundCount.objects.filter(pk__in=latest)}


def money_allocated(page):
    """{part key: the cost of its selected projects} under the round's rule."""
    return dict(
        Project.objects.filter(consultation=page.translation_key, selected=True)
        .order_by()
        .values_list("part")
        .annotate(total=Sum("cost"))
        .values_list("part", "total")
    )


def recount(page, user, at=None):
    """Staff's recount from the admin: only for those who manage the round, once its
    ballot has closed. Counted by the worker (tasks.recount_round); returns its
    TaskResult."""
    from ..rules import may_manage
    from .tasks import recount_round

    if not may_manage(user, page):
        raise CountRefused(Decision(False, _("You may not count this round.")))
    decision = may_count(page, at)
    if not decision.allowed:
        raise CountRefused(decision)
    return recount_round.enqueue(page.pk, user.pk, at.isoformat() if at else None)

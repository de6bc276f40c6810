"""The round's list of projects: the sort orders and filters its step offers, and the
supports and comments counted in SQL with the list (one query whatever their number).

While submitting: newest or random; while supporting: most supported or random, with
the supports; from publishing costs on: by cost too; from results on: selected first.
Random is stable per visitor (a seed from who they are), so paging does not reshuffle."""

import zlib
from dataclasses import dataclass

from django.db.models import CharField, Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.translation import gettext_lazy as _

from ...comments.choices import CommentState
from ...comments.models import Comment
from ...widgets.models import Vote
from .. import phases
from ..choices import Review
from ..models import WIDGET_PREFIX, Project

NEWEST, RANDOM, SUPPORTED, COST, SELECTED = "newest", "random", "supported", "cost", "selected"
ORDER_LABELS = {
    NEWEST: _("Newest first"),
    RANDOM: _("In random order"),
    SUPPORTED: _("Most supported first"),
    COST: _("Cheapest first"),
    SELECTED: _("Selected first"),
}
STATE_LABELS = {
    "feasible": _("Feasible"),
    "unfeasible": _("Not feasible"),
    "shortlisted": _("On the ballot"),
    "selected": _("Selected"),
}


def orders_offered(page, at=None):
    """The sort orders of the round's step, the default first."""
    if phases.shows_results(page, at):
        return [SELECTED, COST, RANDOM]
    if phases.shows_supports(page, at):
        return [SUPPORTED, RANDOM]
    if phases.shows_costs(page, at):
        return [RANDOM, COST]
    return [NEWEST, RANDOM]


def states_offered(page, at=None):
    states = ["feasible", "unfeasible"]
    if phases.reached(page, phases.SUPPORTING, at):
        states.append("shortlisted")
    if phases.shows_results(page, at):
        states.append("selected")
    return states


@dataclass
class Filters:
    part: str = ""
    state: str = ""
    order: str = NEWEST

    @classmethod
    def from_query(cls, query, page, part_keys, at=None):
        """What the visitor asked for; anything not offered is ignored, not an error."""
        orders = orders_offered(page, at)
        part = (query.get("part") or "")[:64]
        state = (query.get("state") or "")[:20]
        order = (query.get("order") or "")[:20]
        return cls(
            part=part if part in part_keys else "",
            state=state if state in states_offered(page, at) else "",
            order=order if order in orders else orders[0],
        )


def _widget_of_row():
    return Concat(Value(WIDGET_PREFIX), Cast(OuterRef("pk"), CharField()))


def _count(rows):
    counted = rows.order_by().values("consultation").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_counts(projects):
    supports = Vote.objects.filter(consultation=OuterRef("consultation"), widget=_widget_of_row())
    comments = Comment.objects.filter(
        consultation=OuterRef("consultation"),
        widget=_widget_of_row(),
        state=CommentState.PUBLISHED,
    )
    return projects.annotate(supports=_count(supports), comments=_count(comments))


def public_projects(consultation):
    """Every project of the round but those whose author is blocked (rules.is_public)."""
    return Project.objects.filter(
        Q(participant__isnull=True) | Q(participant__blocked_at__isnull=True),
        consultation=consultation,
    )


def seed_of(visitor_key):
    return zlib.crc32(str(visitor_key).encode()) % 9973 + 1


def round_list(page, filters, seed=1):
    projects = with_counts(public_projects(page.translation_key))
    if filters.part:
        projects = projects.filter(part=filters.part)
    if filters.state == "feasible":
        projects = projects.filter(review=Review.FEASIBLE)
    elif filters.state == "unfeasible":
        projects = projects.filter(review=Review.UNFEASIBLE)
    elif filters.state == "shortlisted":
        projects = projects.filter(shortlisted=True)
    elif filters.state == "selected":
        projects = projects.filter(selected=True)
    if filters.order == RANDOM:
        projects = projects.annotate(shuffle=(F("pk") * 7919 + seed) % 10007).order_by(
            "shuffle", "pk"
        )
    elif filters.order == SUPPORTED:
        projects = projects.order_by("-supports", "-pk")
    elif filters.order == COST:
        projects = projects.order_by(F("cost").asc(nulls_last=True), "pk")
    elif filters.order == SELECTED:
        projects = projects.order_by("-selected", "-shortlisted", F("cost").asc(nulls_last=True))
    else:
        projects = projects.order_by("-created_at", "-pk")
    return projects

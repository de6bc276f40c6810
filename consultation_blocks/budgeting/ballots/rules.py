"""Who may ballot in a part of a round, and what one ballot may hold (R7).

When is asked of the round's phases, as for every widget: balloting is a widget's action
in time ("ballot", allowed by the ballot step), so the timeline answers and the messages
say when it opens or closed. Who is the round's settings (read from the source-language
page: one rule in every language): verification, relation to the matter, where they live,
and how many parts of a group one person may ballot in.

What a ballot may hold is checked by pure functions on plain numbers (Limits), so the
service checks the same thing under its lock as the page shows before."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ...municipalities.standing import standing
from ...participants.rules import ALLOWED, Decision
from ...widgets import rules as widget_rules
from ...widgets.blocks import SupportBlock
from ..choices import BallotKind, BallotResidence, Channel, Review
from ..parts import part_of, parts_of


class _Balloting(SupportBlock):
    """Balloting is asked of the phases like any widget's action."""

    action = "ballot"


_BALLOT_BLOCK = _Balloting()


def _settings(source):
    return {
        "minimum_verification": str(int(source.ballot_verification)),
        "voter_groups": list(source.ballot_voter_groups or []),
        "results": "live",
        "opens_at": None,
        "closes_at": None,
    }


def ballot_window(page, at=None):
    """Whether balloting is upcoming, open or closed (a widgets.rules.WidgetWindow)."""
    source = widget_rules.source_page(page)
    return widget_rules.widget_window(_BALLOT_BLOCK, _settings(source), page, at)


def may_ballot(participant, page, part_key, at=None, channel=Channel.ONLINE, ballots=None):
    """May `participant` ballot in the part `part_key` of the round `page` now?

    `channel` is how: online, or on paper entered by staff (then `at` is when it was
    cast). `ballots` is the person's {part: has a ballot} in this round when the caller
    has read it (the overview), to spare a query per part."""
    part = part_of(page, part_key)
    if part is None:
        return Decision(False, _("This round has no such part."))
    decision = may_take_part(participant, page, part, at)
    if not decision.allowed:
        return decision
    return room_for(participant, page, part, voter_channel(participant, page), channel, ballots)


def may_take_part(participant, page, part, at=None):
    """When and who: the ballot step is open, and `participant` is one the round lets
    ballot in `part` (verification, relation to the matter, where they live). Nothing
    here depends on their ballots, so the services ask it before they take the lock."""
    source = widget_rules.source_page(page)
    decision = widget_rules.may_take_part(participant, _BALLOT_BLOCK, _settings(source), page, at)
    if not decision.allowed:
        return decision
    return _residence(participant, page, part, source.ballot_residence)


def room_for(participant, page, part, have, want, ballots=None):
    """What the person's other ballots allow: one part per group, and one channel (`have`
    is how they ballot in this round so far, None if not yet; `want` is this ballot's).
    The services ask it under the person's lock, with the channel their locked row holds."""
    decision = _group(participant, page, part, ballots)
    if not decision.allowed:
        return decision
    return channel_decision(have, want)


def _residence(participant, page, part, residence):
    here = standing(participant, page)
    if residence == BallotResidence.INSIDE or (
        residence == BallotResidence.AREA and part.area_id is None
    ):
        # A part that is a theme has no area of its own: the municipality is its area.
        if not here.inside:
            return Decision(
                False,
                _("Only people who live in the municipality may ballot in this round."),
                _("If you live here, say so in your profile and verify it."),
            )
    elif residence == BallotResidence.AREA and here.home_area_id != part.area_id:
        return Decision(
            False,
            _("Only people who live in %(part)s may ballot in this part.") % {"part": part.name},
            _("If you live there, say so in your profile."),
        )
    return ALLOWED


def ballots_in_round(participant, page):
    """{part key: True} for each part where `participant` has a ballot that holds
    something (a line, or submitted): what one-part-per-group counts."""
    from ..models import Ballot

    if participant is None:
        return {}
    keys = (
        Ballot.objects.filter(consultation=page.translation_key, participant=participant)
        .filter(Q(submitted_at__isnull=False) | Q(lines__isnull=False))
        .values_list("part", flat=True)
        .distinct()
    )
    return dict.fromkeys(keys, True)


def _group(participant, page, part, ballots):
    """A person ballots in at most `parts_per_person` parts of a group."""
    if part.group_key is None or not part.parts_per_person:
        return ALLOWED
    if ballots is None:
        ballots = ballots_in_round(participant, page)
    others = [
        other.key
        for other in parts_of(page)
        if other.group_key == part.group_key and other.key != part.key
    ]
    used = [key for key in others if ballots.get(key)]
    if len(used) < part.parts_per_person:
        return ALLOWED
    limit = part.parts_per_person
    return Decision(
        False,
        ngettext(
            "In “%(group)s” you may ballot in %(count)d part only, and you have a ballot in "
            "another one. Empty that ballot first to ballot here.",
            "In “%(group)s” you may ballot in %(count)d parts only, and you have ballots in "
            "as many others. Empty one of them first to ballot here.",
            limit,
        )
        % {"group": part.group_name, "count": limit},
    )


def voter_channel(participant, page):
    """How `participant` ballots in this round (online, paper) or None if not yet."""
    from ..models import RoundVoter

    if participant is None:
        return None
    return (
        RoundVoter.objects.filter(consultation=page.translation_key, participant=participant)
        .values_list("channel", flat=True)
        .first()
    )


def channel_decision(have, want):
    """A person who balloted on paper does not ballot online, and the reverse (R9)."""
    if have is None or have == want:
        return ALLOWED
    if have == Channel.PAPER:
        return Decision(
            False,
            _("You cast a paper ballot in this round, so you cannot ballot online."),
            _("If this is a mistake, contact the municipal office."),
        )
    return Decision(
        False, _("This person has already balloted online in this round: no paper ballot.")
    )


# What a ballot may hold -----------------------------------------------------------------


@dataclass(frozen=True)
class Limits:
    """What one ballot in a part may hold: plain numbers, read once from the round."""

    kind: str  # BallotKind
    money: int  # the part's money
    approval_limit: int | None = None  # approval: at most this many projects
    maximum_projects: int | None = None
    minimum_projects: int | None = None
    minimum_spend_percent: int | None = None

    @property
    def counts_money(self):
        return self.kind == BallotKind.KNAPSACK

    @property
    def most_projects(self):
        limits = [self.maximum_projects]
        if self.kind == BallotKind.APPROVAL:
            limits.append(self.approval_limit)
        limits = [limit for limit in limits if limit]
        return min(limits) if limits else None

    @property
    def minimum_spend(self):
        """The least money a ballot spends (baht, rounded up), or 0."""
        if not self.counts_money or not self.minimum_spend_percent:
            return 0
        return -(-self.money * self.minimum_spend_percent // 100)

    def money_left(self, costs):
        return self.money - sum(costs)


def limits_of(page, part):
    source = widget_rules.source_page(page)
    return Limits(
        kind=source.ballot_kind,
        money=part.money,
        approval_limit=source.approval_limit,
        maximum_projects=source.maximum_projects,
        minimum_projects=source.minimum_projects,
        minimum_spend_percent=source.minimum_spend_percent,
    )


def _baht(amount):
    return f"{amount:,}"


def may_add(limits, costs, cost):
    """May a project costing `cost` join a ballot whose projects cost `costs`?"""
    most = limits.most_projects
    if most is not None and len(costs) >= most:
        return Decision(
            False,
            ngettext(
                "A ballot holds at most %(count)d project. Remove one to choose this one.",
                "A ballot holds at most %(count)d projects. Remove one to choose this one.",
                most,
            )
            % {"count": most},
        )
    if limits.counts_money:
        left = limits.money_left(costs)
        if cost > left:
            return Decision(
                False,
                _(
                    "This project costs %(cost)s baht but only %(left)s baht are left in this "
                    "part. Remove a project to make room for it."
                )
                % {"cost": _baht(cost), "left": _baht(left)},
            )
    return ALLOWED


def may_submit(limits, costs):
    """May a ballot whose projects cost `costs` be submitted?"""
    if not costs:
        return Decision(False, _("Choose at least one project before you submit."))
    fewest = limits.minimum_projects
    if fewest and len(costs) < fewest:
        return Decision(
            False,
            ngettext(
                "Choose at least %(count)d project before you submit.",
                "Choose at least %(count)d projects before you submit.",
                fewest,
            )
            % {"count": fewest},
        )
    most = limits.most_projects
    if most is not None and len(costs) > most:
        return Decision(
            False,
            ngettext(
                "A ballot holds at most %(count)d project.",
                "A ballot holds at most %(count)d projects.",
                most,
            )
            % {"count": most},
        )
    if limits.counts_money:
        if sum(costs) > limits.money:
            return Decision(
                False,
                _("The projects cost %(spent)s baht, more than this part's %(money)s baht.")
                % {"spent": _baht(sum(costs)), "money": _baht(limits.money)},
            )
        least = limits.minimum_spend
        if sum(costs) < least:
            return Decision(
                False,
                _(
                    "Your ballot spends %(spent)s baht; this round asks each ballot to spend "
                    "at least %(percent)d%% of the part's money (%(least)s baht). Choose more "
                    "projects."
                )
                % {
                    "spent": _baht(sum(costs)),
                    "percent": limits.minimum_spend_percent,
                    "least": _baht(least),
                },
            )
    return ALLOWED


def cost_of(project):
    """What a project costs on a ballot: its reviewed cost (the estimate until then)."""
    return project.cost if project.cost is not None else project.estimated_cost


def on_ballot(project, page, part_key):
    """Is `project` one a ballot in part `part_key` of `page` may choose?"""
    if (
        project.consultation != page.translation_key
        or project.part != part_key
        or project.review != Review.FEASIBLE
        or not project.shortlisted
    ):
        return Decision(False, _("This project is not on the ballot of this part."))
    return ALLOWED


def removal_reason(project, part_key):
    """Why `project` is no longer on the ballot of part `part_key` (a RemovalReason)."""
    from ..choices import RemovalReason

    if project.part != part_key:
        return RemovalReason.MOVED
    if project.review != Review.FEASIBLE:
        return RemovalReason.UNFEASIBLE
    return RemovalReason.WITHDRAWN

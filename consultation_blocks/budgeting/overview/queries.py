"""A round's participation for staff, counted in SQL: per step of the round (what
people did while it ran), per part (projects, supports, ballots, the money they hold)
and per voter group and inside/outside. A fixed handful of aggregate queries whatever
the number of projects, supports and ballots: no ballot becomes a Python object."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from ...participants.choices import Residence, VoterGroup
from ...timing import now
from ...widgets.models import Vote
from ..choices import Channel, Review
from ..models import WIDGET_PREFIX, Ballot, BallotLine, Project
from ..parts import parts_of


def _window(field_name, span, at):
    """A Q for rows whose `field_name` falls within the span (as run so far)."""
    if span.starts_at is None:
        return None
    window = Q(**{f"{field_name}__gte": span.starts_at})
    ends = span.ends_at if span.ends_at is not None and span.ends_at < at else at
    return window & Q(**{f"{field_name}__lt": ends})


def _counts_in_spans(rows, field_name, spans, at, extra=None):
    """{position: n} for each span: one aggregate query over `rows`."""
    aggregates = {}
    for span in spans:
        window = _window(field_name, span, at)
        if window is None:
            continue
        if extra is not None:
            window &= extra
        aggregates[f"s{span.position}"] = Count("pk", filter=window)
    if not aggregates:
        return {}
    found = rows.order_by().aggregate(**aggregates)
    return {int(key[1:]): value for key, value in found.items()}


def supports_of_round(consultation):
    """The supports of the round's projects (votes on their widgets)."""
    return Vote.objects.filter(consultation=consultation, widget__startswith=WIDGET_PREFIX)


@dataclass
class StepRow:
    span: object
    projects: int = 0
    supports: int = 0
    online: int = 0
    paper: int = 0
    current: bool = False


def by_step(page, at=None):
    """Per step of the round: projects submitted by participants, supports given and
    ballots submitted (online, on paper) while it ran. Three queries."""
    at = at or now()
    key = page.translation_key
    spans = page.timeline().spans()
    projects = _counts_in_spans(
        Project.objects.filter(consultation=key, participant__isnull=False), "created_at", spans, at
    )
    supports = _counts_in_spans(supports_of_round(key), "created_at", spans, at)
    ballots = Ballot.objects.filter(consultation=key, submitted_at__isnull=False)
    online = _counts_in_spans(ballots, "submitted_at", spans, at, Q(channel=Channel.ONLINE))
    # A paper ballot counts when it was cast, not when staff typed it in.
    paper = _counts_in_spans(ballots, "cast_at", spans, at, Q(channel=Channel.PAPER))
    current = page.timeline().current(at)
    return [
        StepRow(
            span=span,
            projects=projects.get(span.position, 0),
            supports=supports.get(span.position, 0),
            online=online.get(span.position, 0),
            paper=paper.get(span.position, 0),
            current=current is not None and current.position == span.position,
        )
        for span in spans
    ]


@dataclass
class PartRow:
    part: object
    projects: int = 0
    feasible: int = 0
    unfeasible: int = 0
    pending: int = 0
    shortlisted: int = 0
    selected: int = 0
    supports: int = 0
    online: int = 0
    paper: int = 0
    on_ballots: int = 0  # baht: the cost of every counted line of the part

    @property
    def ballots(self):
        return self.online + self.paper


def by_part(page):
    """Per part: its projects by review, shortlisted and selected; the supports they
    have; the submitted ballots online and on paper; the money the counted ballot lines
    hold. Four queries."""
    key = page.translation_key
    rows = {part.key: PartRow(part=part) for part in parts_of(page)}
    projects = (
        Project.objects.filter(consultation=key)
        .order_by()
        .values("part")
        .annotate(
            n=Count("pk"),
            feasible=Count("pk", filter=Q(review=Review.FEASIBLE)),
            unfeasible=Count("pk", filter=Q(review=Review.UNFEASIBLE)),
            pending=Count("pk", filter=Q(review=Review.PENDING)),
            shortlisted=Count("pk", filter=Q(shortlisted=True)),
            selected=Count("pk", filter=Q(selected=True)),
        )
    )
    for found in projects:
        row = rows.get(found["part"])
        if row is None:
            continue
        row.projects = found["n"]
        for name in ("feasible", "unfeasible", "pending", "shortlisted", "selected"):
            setattr(row, name, found[name])
    # Supports by project widget, then summed by the project's part (projects are few).
    part_of_widget = {
        f"{WIDGET_PREFIX}{pk}": part
        for pk, part in Project.objects.filter(consultation=key).values_list("pk", "part")
    }
    supports = supports_of_round(key).order_by().values_list("widget").annotate(n=Count("pk"))
    for widget, n in supports:
        row = rows.get(part_of_widget.get(widget))
        if row is not None:
            row.supports += n
    ballots = (
        Ballot.objects.filter(consultation=key, submitted_at__isnull=False)
        .order_by()
        .values_list("part", "channel")
        .annotate(n=Count("pk"))
    )
    for part, channel, n in ballots:
        row = rows.get(part)
        if row is not None:
            setattr(row, "paper" if channel == Channel.PAPER else "online", n)
    money = (
        BallotLine.objects.filter(consultation=key, counted=True)
        .order_by()
        .values_list("part")
        .annotate(total=Sum("project__cost"))
    )
    for part, total in money:
        row = rows.get(part)
        if row is not None:
            row.on_ballots = total or 0
    return list(rows.values())


RESIDENCES = list(Residence.choices)


@dataclass
class GroupRow:
    label: str
    ballots: dict = field(default_factory=dict)  # residence value -> people who balloted
    supporters: dict = field(default_factory=dict)  # residence value -> people who supported

    @property
    def ballot_cells(self):
        return [self.ballots.get(value, 0) for value, _label in RESIDENCES]

    @property
    def support_cells(self):
        return [self.supporters.get(value, 0) for value, _label in RESIDENCES]

    @property
    def total_ballots(self):
        return sum(self.ballots.values())

    @property
    def total_supporters(self):
        return sum(self.supporters.values())


def _people(rows):
    """(voter group, area, people) of `rows`: each person once per group and area, and
    each row whose person deleted their account (kept without them) as one person."""
    return (
        rows.order_by()
        .values_list("voter_group", "area")
        .annotate(
            n=Count("participant", distinct=True) + Count("pk", filter=Q(participant__isnull=True))
        )
    )


def by_voter_group(page):
    """Per relation to the matter, inside and outside the municipality: how many people
    submitted a ballot, and how many supported a project (each person once, as they
    were when they took part: one who balloted in two parts counts once). Two queries."""
    key = page.translation_key
    groups = [(value, label) for value, label in VoterGroup.choices] + [("", None)]
    rows = {value: GroupRow(label=label) for value, label in groups}
    balloted = _people(Ballot.objects.filter(consultation=key, submitted_at__isnull=False))
    for group, area, n in balloted:
        row = rows.get(group) or rows[""]
        row.ballots[area] = row.ballots.get(area, 0) + n
    supported = _people(supports_of_round(key))
    for group, area, n in supported:
        row = rows.get(group) or rows[""]
        row.supporters[area] = row.supporters.get(area, 0) + n
    return [
        row for value, row in rows.items() if value or row.total_ballots or row.total_supporters
    ]

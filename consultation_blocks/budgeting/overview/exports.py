"""Staff's CSV downloads of a round: its projects, its supports and its ballots, without
who anyone is. Rows are streamed from the database in chunks (values, never model
objects), so a round of a hundred thousand ballots downloads in constant memory.

- projects: what staff know of each (review, costs, supports, votes, selected), and how
  it came (submitted online, by staff, from a proposal); never its author;
- supports: one row per support: the project, the day, and who the supporter was when
  they supported (relation to the matter, inside/outside, their area): no person;
- ballots: one row per submitted ballot under a token that is stable for the round but
  reveals nothing (a keyed hash of the ballot's number, never of the person), the part,
  online or paper, the voter group and inside/outside, and the projects chosen. No time
  finer than the day, so that a ballot cannot be matched to someone seen at the hall.

CSV is UTF-8 with a byte order mark, so that spreadsheet programs read the Thai."""

import csv

from django.db.models import Count
from django.utils import timezone
from django.utils.crypto import salted_hmac

from ..counting import tally
from ..models import WIDGET_PREFIX, Ballot, Project
from .queries import supports_of_round

KINDS = ("projects", "supports", "ballots")
CHUNK = 2000


class _Echo:
    """A file-like object whose write returns the line, for csv.writer to stream."""

    def write(self, value):
        return value


def _rows(header, rows):
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def _day(moment):
    return timezone.localtime(moment).date().isoformat() if moment else ""


def ballot_token(consultation, ballot_id):
    """A stable, unguessable name of a ballot in the round's export."""
    # Keyed by the site's secret (salted_hmac reads it), salted by the round.
    salt = f"bokrao.budget-ballots:{consultation}"
    return salted_hmac(salt, str(ballot_id), algorithm="sha256").hexdigest()[:16]


def projects_csv(page):
    key = page.translation_key
    votes = tally.votes_per_project(key)
    supports = dict(supports_of_round(key).order_by().values_list("widget").annotate(n=Count("pk")))
    names = {part.key: part.name for part in _parts(page)}
    rows = (
        Project.objects.filter(consultation=key)
        .order_by("part", "pk")
        .values_list(
            "pk",
            "part",
            "title",
            "review",
            "estimated_cost",
            "cost",
            "within_powers",
            "shortlisted",
            "selected",
            "implementation",
            "progress",
            "participant_id",
            "proposal_id",
            "created_at",
        )
        .iterator(chunk_size=CHUNK)
    )

    def lines():
        for (pk, part, title, review, estimated, cost, within, short, selected, state,
             progress, author, proposal, created) in rows:  # fmt: skip
            origin = "proposal" if proposal else ("participant" if author else "staff")
            yield [
                pk,
                part,
                names.get(part, ""),
                title,
                review,
                estimated,
                cost if cost is not None else "",
                int(within),
                supports.get(f"{WIDGET_PREFIX}{pk}", 0),
                int(short),
                votes.get(pk, 0),
                int(selected),
                state,
                progress,
                origin,
                _day(created),
            ]

    header = [
        "project_id",
        "part",
        "part_name",
        "title",
        "review",
        "estimated_cost",
        "cost",
        "within_powers",
        "supports",
        "shortlisted",
        "votes",
        "selected",
        "implementation",
        "progress",
        "origin",
        "created_on",
    ]
    return _rows(header, lines())


def supports_csv(page):
    key = page.translation_key
    rows = (
        supports_of_round(key)
        .order_by("widget", "pk")
        .values_list("widget", "created_at", "voter_group", "area", "home_area__code")
        .iterator(chunk_size=CHUNK)
    )

    def lines():
        for widget, created, group, area, area_code in rows:
            yield [widget.removeprefix(WIDGET_PREFIX), _day(created), group, area, area_code or ""]

    return _rows(["project_id", "day", "voter_group", "residence", "area_code"], lines())


def ballots_csv(page):
    key = page.translation_key
    heads = (
        Ballot.objects.filter(consultation=key, submitted_at__isnull=False)
        .order_by("pk")
        .values_list("pk", "part", "channel", "voter_group", "area")
        .iterator(chunk_size=CHUNK)
    )
    chosen = tally.approval_sets(key, details=True)

    def lines():
        # Both streams are in ballot order; a submitted ballot that chose nothing (all
        # its projects taken off the ballot) has no lines and is listed empty.
        pending = next(chosen, None)
        for pk, part, channel, group, area in heads:
            while pending is not None and pending[1] < pk:
                pending = next(chosen, None)
            projects = pending[3] if pending is not None and pending[1] == pk else frozenset()
            yield [
                ballot_token(key, pk),
                part,
                channel,
                group,
                area,
                " ".join(str(project) for project in sorted(projects)),
            ]

    return _rows(["ballot", "part", "channel", "voter_group", "residence", "projects"], lines())


def _parts(page):
    from ..parts import parts_of

    return parts_of(page)


EXPORTS = {"projects": projects_csv, "supports": supports_csv, "ballots": ballots_csv}

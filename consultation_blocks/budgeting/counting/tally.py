"""A round's ballots counted in SQL: the results page, the count, the open data and the
staff's overview call these. Only lines of submitted ballots count (BallotLine.counted),
and no ballot becomes a Python object: a GROUP BY, or a stream of (ballot, project)
pairs for the Method of Equal Shares."""

from django.db.models import Count

from ..models import Ballot, BallotLine

# How many (ballot, project) rows the stream fetches at once.
CHUNK = 5000


def counted_lines(consultation):
    return BallotLine.objects.filter(consultation=consultation, counted=True)


def votes_per_project(consultation):
    """{project id: votes}: one GROUP BY over the round's counted ballot lines."""
    return dict(
        counted_lines(consultation)
        .order_by()
        .values_list("project")
        .annotate(n=Count("pk"))
        .values_list("project", "n")
    )


def votes_by_group(consultation):
    """{project id: {(voter group, inside or outside, channel): votes}}, split by who
    the voters were when they balloted (the ballot's snapshot) and how they balloted."""
    rows = (
        counted_lines(consultation)
        .order_by()
        .values_list("project", "ballot__voter_group", "ballot__area", "ballot__channel")
        .annotate(n=Count("pk"))
    )
    split = {}
    for project, group, area, channel, n in rows:
        split.setdefault(project, {})[(group, area, channel)] = n
    return split


def ballots_counted(consultation):
    """{part key: number of submitted ballots}: one GROUP BY over the ballots (a
    submitted ballot always holds a project: ballots/services.py un-submits one that a
    reclassification empties), not a COUNT DISTINCT over every line."""
    return dict(
        Ballot.objects.filter(consultation=consultation, submitted_at__isnull=False)
        .order_by()
        .values_list("part")
        .annotate(n=Count("pk"))
        .values_list("part", "n")
    )


def ballots_by_channel(consultation):
    """{(part key, channel): submitted ballots}."""
    rows = (
        Ballot.objects.filter(consultation=consultation, submitted_at__isnull=False)
        .order_by()
        .values_list("part", "channel")
        .annotate(n=Count("pk"))
    )
    return {(part, channel): n for part, channel, n in rows}


def approval_sets(consultation, part=None, details=False):
    """The counted ballots' choices, streamed in the order of the ballots: (part key,
    frozenset of project ids) per ballot, or with `details` (part key, ballot id,
    channel, frozenset). Read as plain tuples in chunks: a round of a hundred thousand
    ballots never sits in memory as objects."""
    lines = counted_lines(consultation)
    if part is not None:
        lines = lines.filter(part=part)
    fields = ["part", "ballot_id", "project_id"] + (["ballot__channel"] if details else [])
    rows = lines.order_by("part", "ballot_id").values_list(*fields).iterator(chunk_size=CHUNK)
    current, chosen, head = None, [], None
    for row in rows:
        if row[1] != current:
            if current is not None:
                yield _set(head, chosen, details)
            current, chosen, head = row[1], [], row
        chosen.append(row[2])
    if current is not None:
        yield _set(head, chosen, details)


def _set(head, chosen, details):
    if details:
        return head[0], head[1], head[3], frozenset(chosen)
    return head[0], frozenset(chosen)

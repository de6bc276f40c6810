"""Test and benchmark helpers: ballots written straight into the tables, as the ballot
services (ballots/services.py) leave them: lines of a submitted ballot are counted."""

from ...participants.choices import Residence, VoterGroup
from ...timing import now
from ..choices import Channel
from ..models import Ballot, BallotLine


def make_ballot(
    round_page,
    part_key,
    projects,
    participant=None,
    voter_group=VoterGroup.RESIDENT,
    area=Residence.INSIDE,
    channel=Channel.ONLINE,
    submitted=True,
):
    """A ballot of `round_page` in part `part_key` holding `projects` (Project rows or
    ids), by a participant or none, with the snapshot given."""
    ballot = Ballot.objects.create(
        consultation=round_page.translation_key,
        widget="ballot",
        participant=participant,
        part=part_key,
        channel=channel,
        voter_group=voter_group,
        area=area,
        submitted_at=now() if submitted else None,
    )
    BallotLine.objects.bulk_create(
        BallotLine(
            ballot=ballot,
            project_id=getattr(project, "pk", project),
            consultation=ballot.consultation,
            part=part_key,
            counted=submitted,
        )
        for project in projects
    )
    return ballot


def bulk_ballots(consultation, rows, batch=2000):
    """Ballots from rows of (part key, [project ids], voter group, area, channel), in
    batches: for the scale tests and bench/budget_count.py. All submitted."""
    at = now()
    rows = list(rows)
    for start in range(0, len(rows), batch):
        chunk = rows[start : start + batch]
        ballots = Ballot.objects.bulk_create(
            Ballot(
                consultation=consultation,
                widget="ballot",
                part=part,
                channel=channel,
                voter_group=group,
                area=area,
                submitted_at=at,
            )
            for part, _projects, group, area, channel in chunk
        )
        BallotLine.objects.bulk_create(
            (
                BallotLine(
                    ballot_id=ballot.pk,
                    project_id=project,
                    consultation=consultation,
                    part=part,
                    counted=True,
                )
                for ballot, (part, projects, _g, _a, _c) in zip(ballots, chunk, strict=True)
                for project in projects
            ),
            batch_size=batch * 4,
        )

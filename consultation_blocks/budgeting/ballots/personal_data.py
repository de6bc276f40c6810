"""A participant's ballots in the data download and the account deletion
(privacy/registry.py): each ballot with its part, channel, times and projects; the
record of how they balloted in a round (RoundVoter); the notices of lines removed.

Erased as the municipality's rules for votes say (policy.of(...).keeps_votes): kept,
a ballot stays counted without its person; otherwise it goes with its lines."""

from ...privacy.export import counted_as, on_site, when
from ...privacy.registry import Holder
from ..models import Ballot, LineRemoval, RoundVoter


def _ballots_of(person):
    if person.participant is None:
        return Ballot.objects.none()
    return Ballot.objects.filter(participant=person.participant)


def _export(person, pages):
    ballots = list(_ballots_of(person).prefetch_related("lines__project").order_by("pk"))
    return [
        {
            "round": str(ballot.consultation),
            "part": ballot.part,
            "channel": ballot.get_channel_display(),
            "projects": [
                {"id": line.project_id, "title": line.project.title} for line in ballot.lines.all()
            ],
            "counted_as": counted_as(ballot),
            **on_site(ballot),
            "submitted_at": when(ballot.submitted_at),
            "cast_at": when(ballot.cast_at),
            "created_at": when(ballot.created_at),
            "updated_at": when(ballot.updated_at),
        }
        for ballot in ballots
    ]


def _plan(person):
    municipalities = list(_ballots_of(person).values_list("municipality_id", flat=True))
    return {"ballots": len(municipalities), "municipalities": set(municipalities)}


def _erase(person, policy):
    if person.participant is None:
        return []
    by_municipality = {}
    for pk, municipality_id in _ballots_of(person).values_list("pk", "municipality_id"):
        by_municipality.setdefault(municipality_id, []).append(pk)
    for municipality_id, ids in by_municipality.items():
        ballots = Ballot.objects.filter(pk__in=ids)
        if policy.of(municipality_id).keeps_votes:
            ballots.update(participant=None)  # still counted, with no link to anyone
        else:
            ballots.delete()  # its lines go with it
    RoundVoter.objects.filter(participant=person.participant).delete()
    LineRemoval.objects.filter(participant=person.participant).update(participant=None)
    return []


BALLOTS = Holder(
    name="ballots",
    claims=(
        "bokrao_blocks.Ballot.participant",
        "bokrao_blocks.RoundVoter.participant",
        "bokrao_blocks.LineRemoval.participant",
    ),
    export=_export,
    erase=_erase,
    plan=_plan,
)

# For apps.py's register_staff_fields: who entered a paper ballot, who removed a line.
STAFF_FIELDS = ("bokrao_blocks.Ballot.entered_by", "bokrao_blocks.LineRemoval.by")

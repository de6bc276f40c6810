"""The projects a participant follows, in the data download and the account deletion
(privacy/registry.py). A follow is only whom to tell of a project's progress: erased
with the account, nothing kept."""

from ...privacy.export import when
from ...privacy.registry import Holder
from ..models import ProjectFollower


def _follows_of(person):
    if person.participant is None:
        return ProjectFollower.objects.none()
    return ProjectFollower.objects.filter(participant=person.participant)


def _export(person, pages):
    follows = _follows_of(person).select_related("project").order_by("created_at", "pk")
    return [
        {
            "project": follow.project_id,
            "title": follow.project.title,
            "round": str(follow.project.consultation),
            "since": when(follow.created_at),
        }
        for follow in follows
    ]


def _erase(person, policy):
    _follows_of(person).delete()
    return []


FOLLOWS = Holder(
    name="followed_projects",
    claims=("bokrao_blocks.ProjectFollower.participant",),
    export=_export,
    erase=_erase,
    plan=lambda person: {"followed_projects": _follows_of(person).count()},
)

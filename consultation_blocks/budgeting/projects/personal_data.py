"""A participant's projects in the data download and the account deletion
(privacy/registry.py), as proposals/personal_data.py does for proposals.

Their supports of projects are votes (widget "project-<id>" of the round page): the
votes holder downloads and erases them, described by the project's title
(project_title, registered as a title of the round's item widgets); their comments on
a project are the comments holder's.

A project is kept on erasure, without its author, whatever the municipality's rule for
comments: it is the round's, others supported it and put it on their ballots (deleting
it would change their ballots and the count)."""

from pathlib import PurePosixPath

from ...privacy.export import counted_as, when
from ...privacy.registry import Holder
from ..models import Project
from .widgets import project_of


def project_title(page, widget_id):
    """The title of the public project of round `page` that `widget_id` names, or None."""
    project = project_of(page, widget_id)
    return project.title if project is not None else None


def _projects_of(person):
    if person.participant is None:
        return Project.objects.none()
    return Project.objects.filter(participant=person.participant)


def _project(project, pages):
    described = (
        pages.describe(project.round_id, f"p/{project.pk}/")
        if project.round_id
        else {"title": None, "url": None}
    )
    return {
        "id": project.pk,
        "page": {"round": described["title"], "url": described["url"]},
        "title": project.title,
        "description": project.description,
        "part": project.part,
        "location": project.location,
        "image": PurePosixPath(project.image.name).name if project.image else "",
        "estimated_cost": project.estimated_cost,
        "review": project.get_review_display(),
        "cost": project.cost,
        "unfeasible_reason": project.unfeasible_reason,
        "shortlisted": project.shortlisted,
        "selected": project.selected,
        "counted_as": counted_as(project),
        "created_at": when(project.created_at),
        "updated_at": when(project.updated_at),
    }


def _export_projects(person, pages):
    projects = list(_projects_of(person).order_by("created_at", "pk"))
    pages.load(project.round_id for project in projects if project.round_id)
    return [_project(project, pages) for project in projects]


def _erase_projects(person, policy):
    ids = list(_projects_of(person).values_list("pk", flat=True))
    Project.objects.filter(pk__in=ids).update(participant=None)
    return [("project", pk) for pk in ids]


PROJECTS = Holder(
    name="budget_projects",
    claims=("bokrao_blocks.Project.participant",),
    export=_export_projects,
    erase=_erase_projects,
    plan=lambda person: {"budget_projects": _projects_of(person).count()},
)

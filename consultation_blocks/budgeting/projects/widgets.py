"""A project's comment thread is a comment widget of its round page, named after the
project (`project-<id>`), as a proposal's is of its call (proposals/widgets.py):
find_widget finds it through the finder registered in apps.py, so posting, replying,
moderation, search and the personal-data download treat it as every comment widget.
Its supports are votes on the same widget id (services.support)."""

from django.utils.translation import gettext

from ...participants.choices import VerificationLevel
from ...widgets.blocks import CommentBlock
from ..models import WIDGET_PREFIX, Project
from .rules import is_public

_COMMENTS = CommentBlock()
_CACHE = "_bokrao_projects"


def project_id_of(widget_id):
    """The project a widget id names, or None."""
    if widget_id and widget_id.startswith(WIDGET_PREFIX):
        rest = widget_id[len(WIDGET_PREFIX) :]
        if rest.isdigit() and rest.isascii():
            return int(rest)
    return None


def comments_value(project):
    return _COMMENTS.to_python(
        {
            "question": gettext("Comments on this project"),
            "minimum_verification": str(VerificationLevel.EMAIL.value),
            "voter_groups": [],
            "results": "live",
            "premoderate_first_post": False,
            "opens_at": None,
            "closes_at": None,
        }
    )


def project_of(page, widget_id):
    """The public project of round `page` that `widget_id` names, or None (kept on the
    page: asking twice costs one query)."""
    project_id = project_id_of(widget_id)
    if project_id is None or not page.translation_key:
        return None
    cache = page.__dict__.setdefault(_CACHE, {})
    if project_id not in cache:
        cache[project_id] = (
            Project.objects.select_related("participant")
            .filter(pk=project_id, consultation=page.translation_key)
            .first()
        )
    project = cache[project_id]
    return project if project is not None and is_public(project) else None


def project_comments(page, widget_id):
    """(block, value) of the comment widget of the project `widget_id` names, if it is
    a public project of the round `page`; else None."""
    project = project_of(page, widget_id)
    if project is None:
        return None
    return _COMMENTS, comments_value(project)


def remember(page, project):
    """The project a view has loaded: finding its widget costs no second query."""
    page.__dict__.setdefault(_CACHE, {})[project.pk] = project

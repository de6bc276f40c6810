"""Emails about projects, sent from the task worker (never in the request): the author
when staff find their project not feasible, with the public reason.

The request enqueues only the id; the worker reads the project, makes the link from the
round page's site address and writes in the project's language."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from ...participants.emails import _send
from ..models import Project


def project_url(project):
    """The project's full address on its round page (None if the round is gone)."""
    page = project.round.specific if project.round_id else None
    if page is None:
        return None
    return page.get_full_url() + page.reverse_subpage("project", args=[project.pk])


@task()
def tell_author_unfeasible(project_id):
    project = Project.objects.select_related("participant__user").filter(pk=project_id).first()
    if project is None or project.participant is None or project.unfeasible_reason == "":
        return
    user = project.participant.user
    if user is None or not user.is_active or not user.email:
        return
    with translation.override(project.language):
        context = {"project": project, "link": project_url(project)}
        subject = _("Your project “%(title)s” is not feasible") % {"title": project.title[:60]}
        body = render_to_string("bokrao_blocks/budgeting/projects/unfeasible_email.txt", context)
        _send(subject, body, [user.email])

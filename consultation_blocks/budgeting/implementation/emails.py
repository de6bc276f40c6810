"""Followers of a project are emailed of a new milestone, from the task worker."""

from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from ...participants.emails import _send
from ..models import Milestone


@task()
def tell_followers_of_milestone(milestone_id):
    milestone = Milestone.objects.select_related("project").filter(pk=milestone_id).first()
    if milestone is None:
        return
    project = milestone.project
    addresses = sorted(
        {
            email
            for email in project.followers.filter(participant__user__is_active=True).values_list(
                "participant__user__email", flat=True
            )
            if email
        }
    )
    with translation.override(project.language):
        subject = _("Project “%(title)s”: a new milestone") % {"title": project.title[:60]}
        body = f"{milestone.date}: {milestone.text}"
        for address in addresses:  # one message each: no one learns who else follows
            _send(subject, body, [address])

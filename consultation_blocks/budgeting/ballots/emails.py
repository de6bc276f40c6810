"""Emails about ballots, sent from the task worker (never in the request): a person is
told when a project left their ballot while balloting ran (its lines were removed).

The request enqueues only the removals' ids; the worker groups them by person (one
message each), makes the links from the round page's site address and writes in the
round's language."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from ...participants.emails import _send
from ..models import LineRemoval


def ballot_url(project, part_key):
    """The full address of the ballot of part `part_key` of the project's round."""
    round_page = project.round.specific if project.round_id else None
    if round_page is None:
        return None
    return round_page.get_full_url() + round_page.reverse_subpage("ballot_part", args=[part_key])


@task()
def tell_lines_removed(removal_ids):
    removals = list(
        LineRemoval.objects.filter(pk__in=removal_ids, participant__user__is_active=True)
        .select_related("project", "participant__user")
        .order_by("participant_id", "pk")
    )
    by_person = {}
    for removal in removals:
        by_person.setdefault(removal.participant_id, []).append(removal)
    for theirs in by_person.values():
        address = theirs[0].participant.user.email
        if not address:
            continue
        project = theirs[0].project
        with translation.override(project.language or None):
            context = {
                "removals": theirs,
                "link": ballot_url(project, theirs[0].part),
            }
            subject = _("A project was taken off your ballot: “%(title)s”") % {
                "title": project.title[:60]
            }
            body = render_to_string(
                "bokrao_blocks/budgeting/ballots/line_removed_email.txt", context
            )
            _send(subject, body, [address])

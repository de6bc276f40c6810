"""Emails about proposals, sent from the task worker (never in the request): its
followers when staff answer it, staff when it reaches its support threshold.

The request enqueues only ids; the worker reads the proposal, makes the links from
the call page's site address and writes the message in the proposal's language (the
one its author and readers use)."""

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from ..participants.emails import _send
from .models import Proposal, StatusChange
from .rules import REVIEW


def proposal_url(proposal):
    """The proposal's full address on its call page (None if the call is gone)."""
    call = proposal.call.specific if proposal.call_id else None
    if call is None:
        return None
    return call.get_full_url() + call.reverse_subpage("proposal", args=[proposal.pk])


@task()
def tell_followers(change_id):
    change = StatusChange.objects.select_related("proposal", "agency").filter(pk=change_id).first()
    if change is None:
        return
    proposal = change.proposal
    addresses = sorted(
        {
            email
            for email in proposal.followers.filter(participant__user__is_active=True).values_list(
                "participant__user__email", flat=True
            )
            if email
        }
    )
    if not addresses:
        return
    with translation.override(proposal.language):
        context = {"proposal": proposal, "change": change, "link": proposal_url(proposal)}
        subject = _("Proposal “%(title)s”: %(state)s") % {
            "title": proposal.title[:60],
            "state": change.get_to_state_display(),
        }
        body = render_to_string("bokrao_blocks/proposals/status_email.txt", context)
        # One message per follower: no one learns who else follows.
        for address in addresses:
            _send(subject, body, [address])


def _reviewers(municipality_id):
    """Staff who review the proposals of the municipality (by its staff groups)."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    app, codename = REVIEW.split(".")
    in_groups = users.filter(
        groups__municipalities=municipality_id,
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app,
    )
    return sorted(set(in_groups.values_list("email", flat=True)))


@task()
def tell_staff_threshold_reached(proposal_id):
    proposal = Proposal.objects.filter(pk=proposal_id).first()
    if proposal is None or proposal.municipality_id is None:
        return
    addresses = _reviewers(proposal.municipality_id)
    if not addresses:
        return
    with translation.override(proposal.language):
        context = {"proposal": proposal, "link": proposal_url(proposal)}
        subject = _("Proposal “%(title)s” reached its support threshold") % {
            "title": proposal.title[:60]
        }
        body = render_to_string("bokrao_blocks/proposals/threshold_email.txt", context)
        for address in addresses:
            _send(subject, body, [address])

"""Staff's counting screen of a round: the latest count by each rule (when, by whom, how
many ballots; which rule decides), the counts before it, and the button to recount.

Thin: the button calls services.recount, whose refusal (the ballot still open) becomes
the screen's message. The worker counts; until it is done the screen says a count is
running (the task's id is kept in the staff member's session). Who may:
budgeting.rules.may_manage (else 403)."""

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist
from wagtail.admin import messages

from ..choices import CountingRule
from ..models import RoundCount
from ..projects.admin_views import round_or_404
from ..rules import may_manage
from . import services
from .tasks import recount_round

# The counts before the latest: enough to see who recounted when, not an archive.
HISTORY = 20


def _pending_key(page):
    return f"bokrao_recount_{page.pk}"


def _tell(request, page, result):
    """Say how a finished recount ended."""
    if result.status == TaskResultStatus.SUCCESSFUL and result.return_value is not None:
        ballots = result.return_value
        messages.success(
            request,
            ngettext(
                "The round is counted again: %(count)d ballot.",
                "The round is counted again: %(count)d ballots.",
                ballots,
            )
            % {"count": ballots},
        )
        return
    refusal = services.may_count(page)
    messages.error(
        request,
        refusal.reason
        if not refusal.allowed
        else _(
            "The count you asked for could not be made. Count again, or tell the "
            "platform's administrators if it fails again."
        ),
    )


def _ask_recount(request, page):
    try:
        result = services.recount(page, request.user)
    except services.CountRefused as refusal:
        messages.error(request, refusal.decision.reason)
        return
    if result.is_finished:  # a backend that runs tasks at once
        _tell(request, page, result)
        return
    request.session[_pending_key(page)] = result.id
    messages.success(
        request,
        _(
            "The count has begun. A large round takes a few minutes; this screen "
            "shows it when it is done."
        ),
    )


def _running(request, page):
    """Whether the recount this staff member asked for is still running; once it is
    done, say how it ended."""
    pending = request.session.get(_pending_key(page))
    if not pending:
        return False
    try:
        result = recount_round.get_result(pending)
    except (TaskResultDoesNotExist, NotImplementedError):
        result = None  # its record was cleaned away: nothing more to say
    if result is not None and not result.is_finished:
        return True
    del request.session[_pending_key(page)]
    if result is not None:
        _tell(request, page, result)
    return False


def counts_view(request, round_id):
    page = round_or_404(request, round_id, may_manage)
    if request.method == "POST":
        _ask_recount(request, page)
        return HttpResponseRedirect(reverse("bokrao_budget_counts", args=[page.pk]))
    running = _running(request, page)
    latest = services.latest_counts(page)
    return TemplateResponse(
        request,
        "bokrao_blocks/budgeting/counting/admin/counts.html",
        {
            "page": page,
            "latest": [
                {"rule": rule, "count": latest.get(rule), "decides": rule == page.counting_rule}
                for rule in CountingRule
            ],
            "history": list(
                RoundCount.objects.filter(consultation=page.translation_key)
                .select_related("by")
                .defer("outcome")
                .order_by("-counted_at", "-pk")[:HISTORY]
            ),
            "may_count": services.may_count(page),
            "running": running,
            "selected_url": reverse("bokrao_budget_selected", args=[page.pk]),
        },
    )

"""Staff's counting screen of a round: the latest count by each rule (when, by whom, how
many ballots; which rule decides), the counts before it, and the button to recount.

Thin: the button calls services.recount, whose refusal (the ballot still open) becomes
the screen's message. Who may: budgeting.rules.may_manage (else 403)."""

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import ngettext
from wagtail.admin import messages

from ..choices import CountingRule
from ..models import RoundCount
from ..projects.admin_views import round_or_404
from ..rules import may_manage
from . import services

# The counts before the latest: enough to see who recounted when, not an archive.
HISTORY = 20


def counts_view(request, round_id):
    page = round_or_404(request, round_id, may_manage)
    if request.method == "POST":
        try:
            counts = services.recount(page, request.user)
        except services.CountRefused as refusal:
            messages.error(request, refusal.decision.reason)
        else:
            ballots = next(iter(counts.values())).ballots if counts else 0
            messages.success(
                request,
                ngettext(
                    "The round is counted again: %(count)d ballot.",
                    "The round is counted again: %(count)d ballots.",
                    ballots,
                )
                % {"count": ballots},
            )
        return HttpResponseRedirect(reverse("bokrao_budget_counts", args=[page.pk]))
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
            "selected_url": reverse("bokrao_budget_selected", args=[page.pk]),
        },
    )

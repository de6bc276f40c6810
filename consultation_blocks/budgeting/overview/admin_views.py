"""Staff's overview of a round in the Wagtail admin: participation per step, per part and
per voter group (queries.py), and the CSV downloads (exports.py).

Thin: read, render, stream. Who may: budgeting.rules.may_manage (else refused)."""

from django.http import Http404, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from ..projects.admin_views import round_or_404
from ..rules import may_manage
from . import exports, queries


def overview_view(request, round_id):
    page = round_or_404(request, round_id, may_manage)
    return TemplateResponse(
        request,
        "bokrao_blocks/budgeting/overview/admin/overview.html",
        {
            "page": page,
            "steps": queries.by_step(page),
            "parts": queries.by_part(page),
            "groups": queries.by_voter_group(page),
            "residences": queries.RESIDENCES,
            "exports": [
                (kind, reverse("bokrao_budget_export", args=[page.pk, kind]))
                for kind in exports.KINDS
            ],
        },
    )


def export_view(request, round_id, kind):
    page = round_or_404(request, round_id, may_manage)
    if kind not in exports.EXPORTS:
        raise Http404("No such export")
    response = StreamingHttpResponse(
        exports.EXPORTS[kind](page), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{page.slug}-{kind}.csv"'
    return response

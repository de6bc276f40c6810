"""Staff reports: who took part in a consultation and how, split by voter group and area."""

import csv

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.admin.auth import require_admin_access
from wagtail.models import Page

from .models import Vote
from .participants import Area, VoterGroup
from .services import tally
from .widgets import WidgetBlock


def consultation_report(page):
    """Per widget of `page`: its question and counts per choice, overall, per group and area."""
    consultation = page.translation_key
    widgets = []
    for child in getattr(page.specific, "body", []) or []:
        if not isinstance(child.block, WidgetBlock):
            continue
        counted = tally(consultation, child.id)
        choices = child.block.choices(child.value)
        widgets.append(
            {
                "id": child.id,
                "question": child.value.get("question", ""),
                "total": counted["total"],
                "rows": [
                    {
                        "choice": key,
                        "label": label,
                        "count": counted["choices"].get(key, 0),
                        "share": _share(counted["choices"].get(key, 0), counted["total"]),
                        "groups": [counted["by_group"].get(g, {}).get(key, 0) for g in VoterGroup],
                        "areas": [counted["by_area"].get(a, {}).get(key, 0) for a in Area],
                    }
                    for key, label in choices
                ],
            }
        )
    participants = (
        Vote.objects.filter(consultation=consultation).values("participant").distinct().count()
    )
    return {"widgets": widgets, "participants": participants}


def _share(count, total):
    return round(100 * count / total) if total else 0


@require_admin_access
def report_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if request.GET.get("format") == "csv":
        return _csv(page)
    context = consultation_report(page)
    context.update(
        page=page,
        groups=[label for _value, label in VoterGroup.choices],
        areas=[label for _value, label in Area.choices],
    )
    return TemplateResponse(request, "bokrao_blocks/admin/report.html", context)


def _csv(page):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bokrao-report-{page.pk}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the Thai as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [_("Question"), _("Choice"), _("Votes")]
        + [str(label) for _value, label in VoterGroup.choices]
        + [str(label) for _value, label in Area.choices]
    )
    for widget in consultation_report(page)["widgets"]:
        for row in widget["rows"]:
            writer.writerow(
                [widget["question"], str(row["label"]), row["count"], *row["groups"], *row["areas"]]
            )
    return response

"""Staff reports: who took part in a consultation and how, split by voter group and area."""

import csv
from collections import Counter

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.admin.auth import require_admin_access
from wagtail.models import Page

from .models import Comment, Participant, Vote
from .on_site import entered_on_site
from .participants import Area, CommentState, VoterGroup
from .services import tally
from .widgets import CommentBlock, WidgetBlock

GROUP_COLOURS = {"resident": "#0b4f8a", "interested": "#2f8f5b", "concerned": "#b5651d", "": "#888"}


def comment_counts(consultation, widget_id):
    """Comments per moderation state, overall and per voter group and area: like tally()."""
    counted = {"total": 0, "choices": {}, "by_group": {}, "by_area": {}}
    rows = Comment.objects.filter(consultation=consultation, widget=widget_id).values_list(
        "state", "voter_group", "area"
    )
    for state, group, area in rows:
        counted["total"] += 1
        counted["choices"][state] = counted["choices"].get(state, 0) + 1
        for split, key in (("by_group", group), ("by_area", area)):
            bucket = counted[split].setdefault(key, {})
            bucket[state] = bucket.get(state, 0) + 1
    return counted


def _chart(rows):
    """Stacked bars: each choice's count split by voter group, scaled to the largest."""
    largest = max((row["count"] for row in rows), default=0) or 1
    for row in rows:
        row["segments"] = [
            {
                "label": label,
                "count": count,
                "width": round(100 * count / largest, 1),
                "colour": GROUP_COLOURS[group],
            }
            for (group, label), count in zip(VoterGroup.choices, row["groups"], strict=True)
            if count
        ]
    return rows


def consultation_report(page):
    """Per widget of `page`: its question and counts per choice, overall, per group and area."""
    consultation = page.translation_key
    widgets = []
    for child in getattr(page.specific, "body", []) or []:
        if not isinstance(child.block, WidgetBlock):
            continue
        is_comments = isinstance(child.block, CommentBlock)
        if is_comments:
            counted = comment_counts(consultation, child.id)
            choices = CommentState.choices
        else:
            counted = tally(consultation, child.id)
            choices = child.block.choices(child.value)
        on_site = _on_site_counts(consultation, child.id, is_comments)
        widgets.append(
            {
                "id": child.id,
                "question": child.value.get("question", ""),
                "is_comments": is_comments,
                "total": counted["total"],
                "on_site": sum(on_site.values()) if is_comments else on_site.pop(None, 0),
                "rows": _chart(
                    [
                        {
                            "choice": key,
                            "label": label,
                            "count": counted["choices"].get(key, 0),
                            "share": _share(counted["choices"].get(key, 0), counted["total"]),
                            "groups": [
                                counted["by_group"].get(g, {}).get(key, 0) for g in VoterGroup
                            ],
                            "areas": [counted["by_area"].get(a, {}).get(key, 0) for a in Area],
                            "on_site": on_site.get(key, 0),
                        }
                        for key, label in choices
                    ]
                ),
            }
        )
    voters = Vote.objects.filter(consultation=consultation).values_list("participant", flat=True)
    commenters = Comment.objects.filter(consultation=consultation).values_list(
        "participant", flat=True
    )
    ids = (set(voters) | set(commenters)) - {None}  # None: deleted accounts
    people = Participant.objects.filter(pk__in=ids)
    participants = len(ids)
    by_group = dict(people.values_list("voter_group").annotate(n=Count("pk")))
    by_area = dict(people.values_list("area").annotate(n=Count("pk")))
    return {
        "widgets": widgets,
        "participants": participants,
        "participants_by_group": [by_group.get(group, 0) for group in VoterGroup],
        "participants_by_area": [by_area.get(area, 0) for area in Area],
    }


def _on_site_counts(consultation, widget_id, is_comments):
    """What staff entered on site (R9): comments per state, or votes per choice and
    people under the key None (a poll's choices can add up to more than its voters)."""
    counts = Counter()
    if is_comments:
        rows = Comment.objects.filter(
            entered_on_site(), consultation=consultation, widget=widget_id
        )
        counts.update(rows.values_list("state", flat=True))
        return counts
    rows = Vote.objects.filter(entered_on_site(), consultation=consultation, widget=widget_id)
    for choices in rows.values_list("choices", flat=True):
        counts[None] += 1
        counts.update(choices)
    return counts


def index_check(page):
    """Does the search index count this consultation as the database does?

    None without an engine; {"down": True} when it does not answer; otherwise the
    differences (an empty list: the index agrees).
    """
    from search import analytics
    from search.conf import search_setting
    from search.index import ParticipationIndex

    if not search_setting("URL"):
        return None
    try:
        index = ParticipationIndex()
        index.ensure()
        index.refresh()
        differences = analytics.consultation_differences(index, page.translation_key)
    except Exception:  # an engine that is down or unreachable: the report still works
        return {"down": True}
    return {"down": False, "differences": differences}


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
        index=index_check(page),
        legend=[
            {"label": label, "colour": GROUP_COLOURS[group]} for group, label in VoterGroup.choices
        ],
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
        [_("Question"), _("Choice"), _("Count")]
        + [str(label) for _value, label in VoterGroup.choices]
        + [str(label) for _value, label in Area.choices]
        + [_("Entered on site")]
    )
    for widget in consultation_report(page)["widgets"]:
        for row in widget["rows"]:
            writer.writerow(
                [
                    widget["question"],
                    str(row["label"]),
                    row["count"],
                    *row["groups"],
                    *row["areas"],
                    row["on_site"],
                ]
            )
    return response

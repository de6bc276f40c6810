"""Staff reports: who took part in a consultation and how, split by voter group and area."""

import csv
from collections import Counter

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.admin.auth import require_admin_access
from wagtail.models import Page

from ..comments.choices import CommentState
from ..comments.models import Comment
from ..municipalities.services import municipality_of
from ..participants.choices import Residence, VoterGroup
from ..participants.models import MatterRelation, Participant
from ..tally import _empty, comment_tallies, vote_tallies
from ..widgets.blocks import CommentBlock, page_widgets
from ..widgets.models import Vote
from .on_site import entered_on_site
from .permissions import may_see_report

GROUP_COLOURS = {"resident": "#0b4f8a", "interested": "#2f8f5b", "concerned": "#b5651d", "": "#888"}


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
    municipality = municipality_of(page)
    # The municipality's areas (sub-districts, communities): residents' answers split by
    # the area they lived in when they gave them.
    areas = list(municipality.areas.order_by("code")) if municipality else []
    widgets = []
    found = page_widgets(page)
    votes = vote_tallies(consultation, [child.id for child in found])
    comments = comment_tallies(consultation, [child.id for child in found])
    empty = _empty()
    on_site_votes, on_site_comments = _on_site_counts(consultation)
    for child in found:
        is_comments = isinstance(child.block, CommentBlock)
        if is_comments:
            counted = comments.get(child.id, empty)
            choices = CommentState.choices
            on_site = on_site_comments.get(child.id, Counter())
        else:
            counted = votes.get(child.id, empty)
            choices = child.block.choices(child.value)
            on_site = on_site_votes.get(child.id, Counter())
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
                            "areas": [counted["by_area"].get(a, {}).get(key, 0) for a in Residence],
                            "districts": [
                                counted["by_home_area"].get(area.pk, {}).get(key, 0)
                                for area in areas
                            ],
                            "on_site": on_site.get(key, 0),
                        }
                        for key, label in choices
                    ]
                ),
            }
        )
    people = _participants(consultation, municipality, areas)
    return {
        "widgets": widgets,
        "districts": [
            {"name": area.display_name, "population": area.population, "participants": n}
            for area, n in zip(areas, people.pop("participants_by_district"), strict=True)
        ],
        **people,
    }


def _participants(consultation, municipality, areas):
    """Everyone who voted or commented (deleted accounts left out), split by their
    relation to this matter and by inside or outside this municipality as they are now:
    one count in SQL, whatever the number of people."""
    voted = Vote.objects.filter(consultation=consultation).values("participant")
    commented = Comment.objects.filter(consultation=consultation).values("participant")
    people = Participant.objects.filter(Q(pk__in=voted) | Q(pk__in=commented)).annotate(
        relation=Coalesce(
            Subquery(
                MatterRelation.objects.filter(
                    participant=OuterRef("pk"), consultation=consultation
                ).values("voter_group")[:1]
            ),
            F("voter_group"),
        )
    )
    here = municipality.pk if municipality else None
    where = {
        Residence.INSIDE: Q(home_municipality_id=here),
        Residence.OUTSIDE: Q(home_stated=True) & ~Q(home_municipality_id=here),
    }
    counted = people.aggregate(
        total=Count("pk"),
        **{f"group_{group}": Count("pk", filter=Q(relation=group)) for group in VoterGroup},
        **{f"area_{area}": Count("pk", filter=where[area]) for area in Residence},
        **{
            f"district_{area.pk}": Count("pk", filter=Q(where[Residence.INSIDE], home_area=area))
            for area in areas
        },
    )
    return {
        "participants": counted["total"],
        "participants_by_group": [counted[f"group_{group}"] for group in VoterGroup],
        "participants_by_area": [counted[f"area_{area}"] for area in Residence],
        "participants_by_district": [counted[f"district_{area.pk}"] for area in areas],
    }


def _on_site_counts(consultation):
    """What staff entered on site (R9), per widget: votes per choice with people under
    the key None (a poll's choices can add up to more than its voters), and comments
    per state. The same tallies as the rest of the report, narrowed to on-site entries."""
    votes = {}
    for widget_id, counted in vote_tallies(
        consultation, anchor=None, extra=entered_on_site()
    ).items():
        votes[widget_id] = Counter({None: counted["total"], **counted["choices"]})
    comments = {
        widget_id: Counter(counted["choices"])
        for widget_id, counted in comment_tallies(consultation, extra=entered_on_site()).items()
    }
    return votes, comments


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
        municipality = municipality_of(page)
        differences = analytics.consultation_differences(
            index, page.translation_key, municipality=municipality.pk if municipality else None
        )
    except Exception:  # an engine that is down or unreachable: the report still works
        return {"down": True}
    return {"down": False, "differences": differences}


def _share(count, total):
    return round(100 * count / total) if total else 0


@require_admin_access
def report_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not may_see_report(request.user, page):
        raise PermissionDenied
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
        areas=[label for _value, label in Residence.choices],
    )
    return TemplateResponse(request, "bokrao_blocks/admin/report.html", context)


def _csv(page):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bokrao-report-{page.pk}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the Thai as UTF-8
    writer = csv.writer(response)
    report = consultation_report(page)
    writer.writerow(
        [_("Question"), _("Choice"), _("Count")]
        + [str(label) for _value, label in VoterGroup.choices]
        + [str(label) for _value, label in Residence.choices]
        + [_("Entered on site")]
        + [area["name"] for area in report["districts"]]
    )
    for widget in report["widgets"]:
        for row in widget["rows"]:
            writer.writerow(
                [
                    widget["question"],
                    str(row["label"]),
                    row["count"],
                    *row["groups"],
                    *row["areas"],
                    row["on_site"],
                    *row["districts"],
                ]
            )
    return response

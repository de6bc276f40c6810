"""The results page and the open data (thin: read the stored counts, shape, render).

The page reads the latest count of each rule (stored by services.count_round), the
projects' titles and the votes split by who voted: a fixed handful of queries whatever
the number of ballots. Results are shown from the round's results step on; before, the
page says when they come."""

import csv
import io
import json

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ...participants.choices import Residence, VoterGroup
from .. import phases
from ..choices import Channel, CountingRule
from ..parts import parts_of
from . import greedy as rules
from . import pabulib, services, tally


def baht(amount):
    """1000 -> "1,000 baht" (in Thai "1,000 บาท")."""
    return _("%(amount)s baht") % {"amount": f"{int(amount):,}"}


def explain(verdict, rule):
    """Why a project won or lost, as a sentence in the reader's language."""
    detail = verdict.get("detail", {})
    reason = verdict["reason"]
    votes = verdict["votes"]
    if reason == rules.FITS:
        return _("Won: %(votes)s votes, its cost fitted the money left; %(left)s left.") % {
            "votes": f"{votes:,}",
            "left": baht(detail.get("left", 0)),
        }
    if reason == rules.TOO_DEAR:
        return _("Lost: its cost was %(over)s more than the %(left)s left.") % {
            "over": baht(detail.get("over", 0)),
            "left": baht(detail.get("left", 0)),
        }
    if reason == rules.NO_VOTES:
        return _("Lost: no votes.")
    if reason == rules.AFFORDED:
        return _(
            "Won: its supporters could pay its cost at ρ = %(rho)s; each paid at most %(pay)s."
        ) % {"rho": f"{detail.get('rho', 0):.4f}", "pay": baht(round(detail.get("pay", 0)))}
    if reason == rules.FILLED:
        return _(
            "Won in the completion: %(votes)s votes, its cost fitted the money left; %(left)s left."
        ) % {"votes": f"{votes:,}", "left": baht(detail.get("left", 0))}
    if reason == rules.UNAFFORDABLE:
        return _(
            "Lost: its supporters could not afford it (they had %(had)s left for its cost "
            "of %(cost)s), and it did not fit the %(left)s left."
        ) % {
            "had": baht(round(detail.get("had", 0))),
            "cost": baht(verdict["cost"]),
            "left": baht(detail.get("left", 0)),
        }
    return ""


def _results_date(page):
    for span in page.timeline().spans():
        if span.kind.key == phases.RESULTS:
            return span.starts_at
    return None


def _split(votes, project_ids, labels, index):
    """[(label, votes, percent of the largest)] of the lines of `project_ids`."""
    totals = {}
    for project in project_ids:
        for key, n in votes.get(project, {}).items():
            totals[key[index]] = totals.get(key[index], 0) + n
    rows = [(label, totals.get(value, 0)) for value, label in labels]
    unsaid = totals.get("", 0)
    if unsaid:
        rows.append((_("Not said"), unsaid))
    top = max([n for _label, n in rows] or [0]) or 1
    return [(label, n, round(100 * n / top)) for label, n in rows]


def _part_rows(outcome_part, titles, rule, project_url):
    top = max([p["votes"] for p in outcome_part["projects"]] or [0]) or 1
    return [
        {
            **verdict,
            "title": titles.get(verdict["id"], ""),
            "url": project_url(verdict["id"]),
            "cost_text": baht(verdict["cost"]),
            "why": explain(verdict, rule),
            "bar": round(100 * verdict["votes"] / top),
        }
        for verdict in outcome_part["projects"]
    ]


def results_page(page, request):
    context = page.get_context(request)
    context["results_at"] = _results_date(page)
    template = "bokrao_blocks/budgeting/results/results_page.html"
    if not phases.shows_results(page):
        context["not_yet"] = True
        return TemplateResponse(request, template, context)
    counts = services.latest_counts(page)
    chosen_rule = page.counting_rule
    other_rule = (
        CountingRule.EQUAL_SHARES if chosen_rule == CountingRule.GREEDY else CountingRule.GREEDY
    )
    chosen, other = counts.get(chosen_rule), counts.get(other_rule)
    if chosen is None:
        context["not_counted"] = True
        return TemplateResponse(request, template, context)
    ids = {v["id"] for part in chosen.outcome["parts"] for v in part["projects"]}
    titles = dict(pabulib.page_projects(page).filter(pk__in=ids).values_list("pk", "title"))
    votes = tally.votes_by_group(page.translation_key)
    channels = tally.ballots_by_channel(page.translation_key)
    base = page.url

    def project_url(project_id):
        return base + page.reverse_subpage("project", args=[project_id])

    other_parts = {part["key"]: part for part in (other.outcome["parts"] if other else [])}
    shown = []
    for part in parts_of(page):
        counted = next((p for p in chosen.outcome["parts"] if p["key"] == part.key), None)
        if counted is None:
            continue
        rows = _part_rows(counted, titles, chosen_rule, project_url)
        in_part = [row["id"] for row in rows]
        compared = other_parts.get(part.key)
        shown.append(
            {
                "part": part,
                "money": baht(part.money),
                "left": baht(counted["left"]),
                "spent": baht(part.money - counted["left"]),
                "ballots": counted["ballots"],
                "online": channels.get((part.key, Channel.ONLINE), 0),
                "paper": channels.get((part.key, Channel.PAPER), 0),
                "projects": rows,
                "winners": [row for row in rows if row["won"]],
                "other": (
                    _part_rows(compared, titles, other_rule, project_url) if compared else []
                ),
                "other_left": baht(compared["left"]) if compared else "",
                "by_group": _split(votes, in_part, VoterGroup.choices, 0),
                "by_residence": _split(votes, in_part, Residence.choices, 1),
                "by_channel": _split(votes, in_part, Channel.choices, 2),
            }
        )
    context.update(
        parts=shown,
        count=chosen,
        other_count=other,
        rule_label=CountingRule(chosen_rule).label,
        other_label=CountingRule(other_rule).label,
        tie_rule=rules.TIE_RULE,
        data_urls={
            fmt: base + page.reverse_subpage("open_data", args=[fmt])
            for fmt in ("csv", "json", "pb", "zip")
        },
    )
    return TemplateResponse(request, template, context)


# Open data ----------------------------------------------------------------------------

FIELDS = [
    "part",
    "part_name",
    "project_id",
    "title",
    "cost",
    "votes",
    "won",
    "reason",
    "won_other_rule",
    "votes_by_voter_group",
    "votes_by_residence",
    "votes_by_channel",
]


def open_data_rows(page, counts):
    chosen = counts[page.counting_rule]
    other = next((c for rule, c in counts.items() if rule != page.counting_rule), None)
    won_other = {
        v["id"]
        for part in (other.outcome["parts"] if other else [])
        for v in part["projects"]
        if v["won"]
    }
    ids = {v["id"] for part in chosen.outcome["parts"] for v in part["projects"]}
    titles = dict(pabulib.page_projects(page).filter(pk__in=ids).values_list("pk", "title"))
    votes = tally.votes_by_group(page.translation_key)
    names = {part.key: part.name for part in parts_of(page)}
    rows = []
    for part in chosen.outcome["parts"]:
        for verdict in part["projects"]:
            split = votes.get(verdict["id"], {})
            rows.append(
                {
                    "part": part["key"],
                    "part_name": names.get(part["key"], ""),
                    "project_id": verdict["id"],
                    "title": titles.get(verdict["id"], ""),
                    "cost": verdict["cost"],
                    "votes": verdict["votes"],
                    "won": verdict["won"],
                    "reason": verdict["reason"],
                    "won_other_rule": verdict["id"] in won_other,
                    "votes_by_voter_group": _sum_by(split, 0),
                    "votes_by_residence": _sum_by(split, 1),
                    "votes_by_channel": _sum_by(split, 2),
                }
            )
    return rows


def _sum_by(split, index):
    totals = {}
    for key, n in split.items():
        totals[key[index] or "unsaid"] = totals.get(key[index] or "unsaid", 0) + n
    return totals


def open_data(page, request, data_format):
    if data_format not in ("csv", "json", "pb", "zip") or not phases.shows_results(page):
        raise Http404("No such data")
    counts = services.latest_counts(page)
    if page.counting_rule not in counts:
        raise Http404("Not counted yet")
    name = f"budget-round-{page.pk}"
    if data_format == "zip":
        # The whole round in Pabulib's way: one .pb per part (pabulib.py says why).
        content = pabulib.pb_zip(page, counts[page.counting_rule], name)
        return _download(content, "application/zip", f"{name}-pabulib.zip")
    if data_format == "pb":
        keys = [part.key for part in parts_of(page)]
        part = request.GET.get("part") or (keys[0] if keys else "")
        if part not in keys:
            raise Http404("No such part")
        content = pabulib.pb_file(page, part, counts[page.counting_rule])
        return _download(content.encode("utf-8"), "text/plain; charset=utf-8", f"{name}-{part}.pb")
    rows = open_data_rows(page, counts)
    if data_format == "json":
        chosen = counts[page.counting_rule]
        about = {
            "round": page.title,
            "counting_rule": page.counting_rule,
            "tie_rule": str(rules.TIE_RULE),
            "counted_at": chosen.counted_at.isoformat(),
            "ballots": chosen.ballots,
            "parts": [
                {"key": p["key"], "money": p["money"], "left": p["left"], "ballots": p["ballots"]}
                for p in chosen.outcome["parts"]
            ],
            "projects": rows,
        }
        content = json.dumps(about, ensure_ascii=False, indent=1).encode("utf-8")
        return _download(content, "application/json", f"{name}.json")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    for row in rows:
        writer.writerow(
            [
                json.dumps(row[f], ensure_ascii=False) if isinstance(row[f], dict) else row[f]
                for f in FIELDS
            ]
        )
    return _download(("\ufeff" + out.getvalue()).encode("utf-8"), "text/csv", f"{name}.csv")


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

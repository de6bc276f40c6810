"""The report of a call for proposals, for staff: how many proposals it received, split
by status, by category, by the area they are about and by their authors' voter group.

Counted in SQL: one grouped query per split, whatever the number of proposals. Drafts
are the authors' and not counted; a duplicate merged into another is counted once, in
`merged`, not in the splits (its supports moved to the survivor).
"""

from django.db.models import Count
from django.utils.translation import gettext as _

from ..municipalities.models import in_visitor_language
from ..participants.choices import VoterGroup
from .choices import ProposalState
from .models import Proposal


def _submitted(consultation):
    return Proposal.objects.filter(consultation=consultation).exclude(state=ProposalState.DRAFT)


def _split(proposals, field):
    rows = proposals.values(field).annotate(n=Count("pk")).order_by()
    return {row[field]: row["n"] for row in rows}


def call_report(call):
    """{"total", "merged", "by_status", "by_category", "by_area", "by_voter_group"}: each
    split a list of {"key", "label", "count"}, every offered value listed (0 included),
    then what no longer is offered (a category removed from the call, "none")."""
    proposals = _submitted(call.translation_key)
    merged = proposals.filter(merged_into__isnull=False).count()
    counted = proposals.filter(merged_into=None)

    states = _split(counted, "state")
    by_status = [
        {"key": state, "label": label, "count": states.get(state, 0)}
        for state, label in ProposalState.choices
        if state != ProposalState.DRAFT
    ]

    categories = _split(counted, "category")
    offered = call.category_choices()
    by_category = [
        {"key": key, "label": label, "count": categories.pop(key, 0)} for key, label in offered
    ]
    no_category = categories.pop("", 0)
    # A category the call no longer offers (an editor removed it): still counted.
    removed = sum(categories.values())
    if removed:
        by_category.append({"key": "?", "label": _("A category removed since"), "count": removed})
    if no_category:
        by_category.append({"key": "", "label": _("No category"), "count": no_category})

    areas = (
        counted.values("concerned_area", "concerned_area__name", "concerned_area__name_en")
        .annotate(n=Count("pk"))
        .order_by("concerned_area__name")
    )
    by_area = [
        {
            "key": row["concerned_area"],
            "label": in_visitor_language(
                row["concerned_area__name"], row["concerned_area__name_en"]
            )
            if row["concerned_area"]
            else _("The whole municipality"),
            "count": row["n"],
        }
        for row in areas
    ]
    # Proposals about the whole municipality last.
    by_area.sort(key=lambda row: row["key"] is None)

    groups = _split(counted, "voter_group")
    by_voter_group = [
        {"key": group, "label": label, "count": groups.get(group, 0)}
        for group, label in VoterGroup.choices
    ]
    if groups.get(""):
        by_voter_group.append({"key": "", "label": _("No group given"), "count": groups[""]})

    return {
        "total": sum(states.values()),
        "merged": merged,
        "by_status": by_status,
        "by_category": by_category,
        "by_area": by_area,
        "by_voter_group": by_voter_group,
    }

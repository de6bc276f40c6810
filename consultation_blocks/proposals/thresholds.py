"""How many supports a proposal needs (the call's threshold): a number, or a percentage
of the registered residents of the municipality or of the proposal's area (the register
staff upload, participants/residents.py). No register, no percentage: no goal."""

import math
from decimal import Decimal

from django.db.models import Count

from ..participants.models import ResidentRecord
from ..widgets.rules import source_page
from .choices import ThresholdKind


def _goal(kind, threshold, residents):
    if kind == ThresholdKind.NUMBER:
        return max(int(threshold), 1)
    if not residents:
        return None
    return max(math.ceil(Decimal(threshold) * residents / 100), 1)


def goals_for(call, proposals):
    """{proposal id: supports needed, or None}, for a list of proposals: one query at most."""
    source = source_page(call)
    kind, threshold = source.threshold_kind, source.threshold
    if kind == ThresholdKind.NONE or not threshold:
        return {proposal.pk: None for proposal in proposals}
    residents = {}
    if kind in (ThresholdKind.MUNICIPALITY_SHARE, ThresholdKind.AREA_SHARE):
        records = ResidentRecord.objects.filter(
            municipality_id__in={p.municipality_id for p in proposals}
        )
        for row in records.values("municipality", "area").annotate(n=Count("pk")).order_by():
            residents[row["municipality"], row["area"]] = row["n"]
    goals = {}
    for proposal in proposals:
        everyone = sum(n for (m, _), n in residents.items() if m == proposal.municipality_id)
        if kind == ThresholdKind.AREA_SHARE and proposal.concerned_area_id:
            counted = residents.get((proposal.municipality_id, proposal.concerned_area_id), 0)
        else:
            # A proposal about the whole municipality is measured against all of it.
            counted = everyone
        goals[proposal.pk] = _goal(kind, threshold, counted)
    return goals


def goal_for(call, proposal):
    return goals_for(call, [proposal])[proposal.pk]

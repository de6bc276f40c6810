"""Downloads of proposals: a call's open data, and the area plan (R8) of a call or of a
municipality (what it forwards to other agencies or finds outside its powers).

Each function returns (content bytes, content type, filename), for the public views of
the call page and for staff's downloads alike. Only what the public already sees of a
public proposal, and counts: never who wrote or supported it (no name, no pseudonym,
no participant id). Supports are counted in SQL by the tally every report uses, one
query per call whatever the number of proposals.

CSV is UTF-8 with a byte order mark, so that spreadsheet programs read the Thai; JSON
is UTF-8 as it is.
"""

import csv
import io
import json

from django.db.models import F, Q
from django.utils import timezone
from wagtail.models import Page

from ..participants.choices import Residence, VoterGroup
from ..tally import _empty, vote_tallies
from ..timing import now
from .choices import PUBLIC_STATES, ProposalState
from .listing import public_proposals, with_counts
from .models import Proposal

FORMATS = ("csv", "json")

CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"


class UnknownFormat(ValueError):
    """Neither csv nor json: the view answers 404."""


def _date(value):
    return timezone.localtime(value).isoformat() if value else None


def _supports(counted):
    """A proposal's supports from its tally: total, by voter group, inside or outside."""
    return {
        "total": counted["total"],
        "by_voter_group": {
            group: counted["by_group"].get(group, {}).get("support", 0) for group in VoterGroup
        },
        "by_residence": {
            area: counted["by_area"].get(area, {}).get("support", 0) for area in Residence
        },
    }


def _tallies(proposals):
    """{proposal id: supports} of `proposals` (a list): one query per call."""
    found = {}
    by_consultation = {}
    for proposal in proposals:
        by_consultation.setdefault(proposal.consultation, []).append(proposal)
    for consultation, theirs in by_consultation.items():
        counted = vote_tallies(consultation, [p.widget_id for p in theirs])
        for proposal in theirs:
            found[proposal.pk] = _supports(counted.get(proposal.widget_id, _empty()))
    return found


def _call_path(call):
    """The call page's path on its site ("/th/proposals/roads/")."""
    parts = call.get_url_parts()
    return parts[2] if parts else ""


def _proposal_path(call, proposal):
    if call is None:
        return ""
    return _call_path(call) + call.reverse_subpage("proposal", args=[proposal.pk])


def _area_name(proposal):
    return proposal.concerned_area.display_name if proposal.concerned_area_id else ""


# Open data of a call --------------------------------------------------------------

OPEN_DATA_FIELDS = [
    "id",
    "url",
    "title",
    "summary",
    "description",
    "category",
    "area",
    "language",
    "status",
    "status_label",
    "submitted_at",
    "published_at",
    "threshold_reached_at",
    "forwarded_at",
    "supports",
    "supports_by_voter_group",
    "supports_by_residence",
    "comments",
    "agency",
    "agency_kind",
]


def open_data_rows(call):
    """Every public proposal of `call` (of every language version of it), as dicts."""
    proposals = list(
        with_counts(public_proposals(call.translation_key))
        .select_related("concerned_area", "agency")
        .order_by("pk")
    )
    supports = _tallies(proposals)
    categories = dict(call.category_choices())
    call_path = _call_path(call)
    rows = []
    for proposal in proposals:
        counted = supports[proposal.pk]
        forwarded = proposal.agency if proposal.state == ProposalState.FORWARDED else None
        rows.append(
            {
                "id": proposal.pk,
                "url": call_path + call.reverse_subpage("proposal", args=[proposal.pk]),
                "title": proposal.title,
                "summary": proposal.summary,
                "description": proposal.description,
                "category": str(categories.get(proposal.category, "")),
                "area": _area_name(proposal),
                "language": proposal.language,
                "status": proposal.state,
                "status_label": str(proposal.get_state_display()),
                "submitted_at": _date(proposal.submitted_at),
                "published_at": _date(proposal.published_at),
                "threshold_reached_at": _date(proposal.threshold_reached_at),
                "forwarded_at": _date(proposal.forwarded_at),
                "supports": counted["total"],
                "supports_by_voter_group": counted["by_voter_group"],
                "supports_by_residence": counted["by_residence"],
                "comments": proposal.comments,
                "agency": forwarded.name if forwarded else "",
                "agency_kind": forwarded.kind if forwarded else "",
            }
        )
    return rows


def open_data(call, data_format):
    rows = open_data_rows(call)
    name = f"proposals-{call.pk}"
    return _encode(rows, OPEN_DATA_FIELDS, data_format, name, {"call": _about(call)})


# The area plan -----------------------------------------------------------------------

AREA_PLAN_FIELDS = [
    "id",
    "call",
    "url",
    "title",
    "description",
    "area",
    "status",
    "status_label",
    "published_at",
    "forwarded_at",
    "supports",
    "supports_by_voter_group",
    "supports_by_residence",
    "agency",
    "agency_kind",
    "agency_kind_label",
    "agency_answer",
    "agency_answered_at",
]


def _for_area_plan(proposals):
    """Public proposals forwarded to an agency or that staff found outside the
    municipality's powers: what the area plan takes up."""
    return proposals.filter(Q(state=ProposalState.FORWARDED) | Q(outside_powers=True))


def area_plan_rows(call=None, municipality=None):
    """The area plan's proposals of `call`, or of every call of `municipality`."""
    if call is not None:
        proposals = public_proposals(call.translation_key)
    else:
        proposals = Proposal.objects.filter(
            municipality=municipality,
            state__in=PUBLIC_STATES,
            merged_into=None,
        )
    proposals = list(
        _for_area_plan(proposals)
        .select_related("concerned_area", "agency")
        # Forwarded first, in the order they went; then those only marked outside.
        .order_by(F("forwarded_at").asc(nulls_last=True), "pk")
    )
    supports = _tallies(proposals)
    if call is not None:
        calls = {call.pk: call}
    else:
        calls = {
            page.pk: page
            for page in Page.objects.filter(pk__in={p.call_id for p in proposals}).specific()
        }
    rows = []
    for proposal in proposals:
        counted = supports[proposal.pk]
        agency = proposal.agency
        # A proposal is on its call page in its own language; a municipality's plan
        # names each proposal's call.
        its_call = call if call is not None else calls.get(proposal.call_id)
        rows.append(
            {
                "id": proposal.pk,
                "call": its_call.title if its_call else "",
                "url": _proposal_path(its_call, proposal),
                "title": proposal.title,
                "description": proposal.description,
                "area": _area_name(proposal),
                "status": proposal.state,
                "status_label": str(proposal.get_state_display()),
                "published_at": _date(proposal.published_at),
                "forwarded_at": _date(proposal.forwarded_at),
                "supports": counted["total"],
                "supports_by_voter_group": counted["by_voter_group"],
                "supports_by_residence": counted["by_residence"],
                "agency": agency.name if agency else "",
                "agency_kind": agency.kind if agency else "",
                "agency_kind_label": str(agency.get_kind_display()) if agency else "",
                "agency_answer": proposal.agency_answer,
                "agency_answered_at": _date(proposal.agency_answered_at),
            }
        )
    return rows


def area_plan(call, data_format):
    """The area plan of `call` (of every language version of it)."""
    rows = area_plan_rows(call=call)
    return _encode(
        rows, AREA_PLAN_FIELDS, data_format, f"area-plan-{call.pk}", {"call": _about(call)}
    )


def municipality_area_plan(municipality, data_format):
    """The area plan of every call of `municipality`: each row names its call."""
    rows = area_plan_rows(municipality=municipality)
    about = {"municipality": {"id": municipality.pk, "name": municipality.name}}
    return _encode(
        rows, AREA_PLAN_FIELDS, data_format, f"area-plan-municipality-{municipality.pk}", about
    )


# Encoding ------------------------------------------------------------------------


def _about(call):
    return {"id": call.pk, "title": call.title, "url": _call_path(call)}


def _flat_header(fields):
    """CSV columns: a split count becomes one column per voter group or residence."""
    header = []
    for field in fields:
        if field == "supports_by_voter_group":
            header += [f"supports_{group}" for group in VoterGroup]
        elif field == "supports_by_residence":
            header += [f"supports_{area}" for area in Residence]
        else:
            header.append(field)
    return header


def _flat(row, fields):
    values = []
    for field in fields:
        value = row[field]
        if isinstance(value, dict):
            values += list(value.values())
        else:
            values.append("" if value is None else value)
    return values


def _encode(rows, fields, data_format, name, about):
    if data_format == "json":
        content = json.dumps(
            {**about, "generated_at": _date(now()), "proposals": rows},
            ensure_ascii=False,
            indent=1,
        )
        return content.encode("utf-8"), JSON_TYPE, f"{name}.json"
    if data_format == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(_flat_header(fields))
        for row in rows:
            writer.writerow(_flat(row, fields))
        return ("\ufeff" + out.getvalue()).encode("utf-8"), CSV_TYPE, f"{name}.csv"
    raise UnknownFormat(data_format)

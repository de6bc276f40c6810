"""Staff's screens for citizens' proposals in the Wagtail admin: the list, a proposal
with its answers (status, forwarding, the agency's answer, featuring, merging), a call's
report and the downloads. The agencies proposals go to: agency_admin.py.

Thin: each form's data goes to services.py, whose refusals (ProposalRefused) become the
form's message. A reviewer sees the proposals of the municipalities they review for
(staff/municipalities.py, with proposals.rules.REVIEW); another municipality's proposal,
by its number, is refused as the admin refuses and nothing is done. A superuser sees all.
"""

from django import forms
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import user_passes_test
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from theme.user_input import parse_id

from ..municipalities.models import Municipality
from ..participants.choices import Residence, VoterGroup
from ..staff.municipalities import (
    in_municipalities_of,
    municipalities_of,
    municipality_ids_of,
    works_on,
)
from ..tally import _empty, vote_tallies
from . import exports, reports, services
from .choices import TRANSITIONS, ProposalState
from .listing import with_counts
from .models import Agency, Proposal
from .rules import REVIEW, is_public, may_review, may_review_anywhere

S = ProposalState
PER_PAGE = 30


class ProposalsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_review_anywhere(request.user)


def _reviewed(user):
    """The proposals `user` reviews: sent in (drafts are their authors'), of their
    municipalities."""
    return Proposal.objects.exclude(state=S.DRAFT).filter(
        in_municipalities_of(user, "municipality", REVIEW)
    )


def _calls(proposals):
    """The calls `proposals` were written on, specific, by id: two queries."""
    return {
        page.pk: page for page in Page.objects.filter(pk__in=proposals.values("call")).specific()
    }


def _errors(form):
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


# The list ------------------------------------------------------------------------


@user_passes_test(may_review_anywhere)
def list_view(request):
    mine = _reviewed(request.user)
    calls = _calls(mine)
    # A call in two languages is one call (its proposals share its translation key).
    call_choices = {}
    for call in sorted(calls.values(), key=lambda page: (page.title, page.pk)):
        call_choices.setdefault(call.translation_key, call)
    chosen_call = calls.get(parse_id(request.GET.get("call")))
    state = (request.GET.get("state") or "")[:20]
    if state not in S.values or state == S.DRAFT:
        state = ""
    query = " ".join((request.GET.get("q") or "").split())[:100]

    proposals = mine
    if chosen_call is not None:
        proposals = proposals.filter(consultation=chosen_call.translation_key)
    if state:
        proposals = proposals.filter(state=state)
    if query:
        proposals = proposals.filter(title__icontains=query)
    proposals = with_counts(proposals).order_by("-submitted_at", "-pk")
    page = Paginator(proposals, PER_PAGE).get_page(request.GET.get("p"))
    labels = {pk: dict(call.category_choices()) for pk, call in calls.items()}
    rows = [
        {
            "proposal": proposal,
            "call": calls.get(proposal.call_id),
            "category": labels.get(proposal.call_id, {}).get(proposal.category, ""),
        }
        for proposal in page.object_list
    ]
    filters = request.GET.copy()
    filters.pop("p", None)
    return TemplateResponse(
        request,
        "bokrao_blocks/proposals/admin/list.html",
        {
            "rows": rows,
            "page_obj": page,
            "calls": list(call_choices.values()),
            "chosen_call": chosen_call,
            "states": [choice for choice in S.choices if choice[0] != S.DRAFT],
            "state": state,
            "query": query,
            "filters": filters.urlencode(),
            "municipalities": list(municipalities_of(request.user, REVIEW)),
        },
    )


# A proposal ----------------------------------------------------------------------


class _Answer(forms.Form):
    """The official answer that comes with a move, and the role that gives it."""

    answer = forms.CharField(
        label=gettext_lazy("Official answer (public)"), required=False, widget=forms.Textarea
    )
    answered_as = forms.CharField(
        label=gettext_lazy("Answered for the municipality by (a role, not a name)"),
        required=False,
        max_length=150,
    )


class StateForm(_Answer):
    # Any status: the service says which moves the proposal's current one allows, and
    # refuses the others with its own message (the screen offers only the allowed ones).
    to_state = forms.ChoiceField(label=gettext_lazy("New status"), choices=S.choices)


class ForwardForm(_Answer):
    agency = forms.ModelChoiceField(label=gettext_lazy("Agency"), queryset=Agency.objects.none())

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = services.agencies_for(proposal.municipality_id)


class AgencyAnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("The agency's answer (public)"), required=False, widget=forms.Textarea
    )


class FeatureForm(forms.Form):
    order = forms.IntegerField(
        label=gettext_lazy("Order (lowest first; empty: after the others)"),
        required=False,
        min_value=0,
        max_value=32767,
    )


class MergeForm(forms.Form):
    into = forms.IntegerField(
        label=gettext_lazy("Number of the proposal this one duplicates"), min_value=1
    )


def _role(proposal):
    """The answering role the forms start with: the municipality's editors."""
    name = proposal.municipality.name if proposal.municipality_id else ""
    return _("Editors of %(municipality)s") % {"municipality": name} if name else ""


def _proposal_of(user, proposal_id):
    proposal = get_object_or_404(
        with_counts(Proposal.objects.exclude(state=S.DRAFT)).select_related(
            "municipality", "concerned_area", "agency", "merged_into"
        ),
        pk=proposal_id,
    )
    if not may_review(user, proposal):
        # Another municipality's proposal: refused as the admin refuses, nothing done.
        raise PermissionDenied
    return proposal


def _moves(proposal):
    """(state, label) the proposal may move to from the status form (forwarding has its
    own form: it needs an agency)."""
    allowed = TRANSITIONS[S(proposal.state)] - {S.FORWARDED}
    return [(state, label) for state, label in S.choices if state in allowed]


def _supports(proposal):
    counted = vote_tallies(proposal.consultation, widgets=[proposal.widget_id]).get(
        proposal.widget_id, _empty()
    )
    return {
        "total": counted["total"],
        "by_group": [
            (label, counted["by_group"].get(group, {}).get("support", 0))
            for group, label in VoterGroup.choices
        ],
        "by_residence": [
            (label, counted["by_area"].get(area, {}).get("support", 0))
            for area, label in Residence.choices
        ],
    }


@user_passes_test(may_review_anywhere)
def proposal_view(request, proposal_id):
    proposal = _proposal_of(request.user, proposal_id)
    call = services.call_of(proposal)
    role = _role(proposal)
    public = is_public(proposal)
    answering = proposal.merged_into_id is None
    return TemplateResponse(
        request,
        "bokrao_blocks/proposals/admin/proposal.html",
        {
            "proposal": proposal,
            "call": call,
            "category": dict(call.category_choices()).get(proposal.category, "")
            if call is not None
            else "",
            "supports": _supports(proposal),
            "history": proposal.history.select_related("agency", "by"),
            "merged": proposal.merged.order_by("pk"),
            "moves": _moves(proposal) if answering else [],
            "state_form": StateForm(initial={"answered_as": role}),
            "forward_form": ForwardForm(
                proposal=proposal, initial={"answered_as": role}, auto_id="forward_%s"
            )
            if answering and S.FORWARDED in TRANSITIONS[S(proposal.state)]
            else None,
            "agency_answer_form": AgencyAnswerForm(
                initial={"answer": proposal.agency_answer}, auto_id="agency_%s"
            )
            if proposal.state == S.FORWARDED
            else None,
            "feature_form": FeatureForm(initial={"order": proposal.featured_order})
            if public
            else None,
            "merge_form": MergeForm() if public else None,
        },
    )


def _change_state(request, proposal):
    form = StateForm(request.POST)
    if not form.is_valid():
        raise _Invalid(form)
    data = form.cleaned_data
    services.change_state(
        request.user, proposal, data["to_state"], data["answer"], data["answered_as"]
    )
    return _("The proposal is now “%(state)s”.") % {"state": proposal.get_state_display()}


def _forward(request, proposal):
    form = ForwardForm(request.POST, proposal=proposal)
    if not form.is_valid():
        raise _Invalid(form)
    data = form.cleaned_data
    services.change_state(
        request.user, proposal, S.FORWARDED, data["answer"], data["answered_as"], data["agency"]
    )
    return _("The proposal is forwarded to %(agency)s.") % {"agency": data["agency"]}


def _agency_answer(request, proposal):
    form = AgencyAnswerForm(request.POST)
    if not form.is_valid():
        raise _Invalid(form)
    services.record_agency_answer(request.user, proposal, form.cleaned_data["answer"])
    return _("The agency's answer is recorded.")


def _feature(request, proposal):
    form = FeatureForm(request.POST)
    if not form.is_valid():
        raise _Invalid(form)
    services.feature(request.user, proposal, form.cleaned_data["order"])
    return _("The proposal is featured (order %(order)d).") % {"order": proposal.featured_order}


def _unfeature(request, proposal):
    services.unfeature(request.user, proposal)
    return _("The proposal is no longer featured.")


def _merge(request, proposal):
    form = MergeForm(request.POST)
    if not form.is_valid():
        raise _Invalid(form)
    survivor = Proposal.objects.filter(pk=form.cleaned_data["into"]).first()
    if survivor is None or not may_review(request.user, survivor):
        raise _Refused(
            _("No proposal of yours has number %(number)d.") % {"number": form.cleaned_data["into"]}
        )
    services.merge(request.user, proposal, survivor)
    return _("The proposal is merged into “%(title)s” (number %(number)d).") % {
        "title": survivor.title,
        "number": survivor.pk,
    }


class _Invalid(Exception):
    def __init__(self, form):
        super().__init__(_errors(form))


class _Refused(Exception):
    pass


ACTIONS = {
    "state": _change_state,
    "forward": _forward,
    "agency-answer": _agency_answer,
    "feature": _feature,
    "unfeature": _unfeature,
    "merge": _merge,
}


@user_passes_test(may_review_anywhere)
@require_POST
def act_view(request, proposal_id, action):
    if action not in ACTIONS:
        raise Http404
    proposal = _proposal_of(request.user, proposal_id)
    back = reverse("bokrao_proposal", args=[proposal.pk])
    try:
        done = ACTIONS[action](request, proposal)
    except services.ProposalRefused as refusal:
        messages.error(request, str(refusal.decision.reason))
    except (_Invalid, _Refused) as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, done)
    return HttpResponseRedirect(back)


# A call's report and the downloads -------------------------------------------------


def _call_reviewed(user, call_id):
    """The call page `call_id`, if `user` reviews the proposals of its municipality."""
    page = get_object_or_404(Page, pk=call_id).specific
    if not isinstance(page, apps.get_model("bokrao_pages", "ProposalIndexPage")):
        raise Http404
    if not (user.is_superuser or (user.has_perm(REVIEW) and works_on(user, page, REVIEW))):
        raise PermissionDenied
    return page


@user_passes_test(may_review_anywhere)
def report_view(request, call_id):
    call = _call_reviewed(request.user, call_id)
    return TemplateResponse(
        request,
        "bokrao_blocks/proposals/admin/report.html",
        {"call": call, "report": reports.call_report(call)},
    )


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@user_passes_test(may_review_anywhere)
def download_view(request, what, data_format):
    """Staff's downloads: a call's open data or area plan (?call=), or the area plan of
    a municipality they review for (?municipality=)."""
    if data_format not in exports.FORMATS or what not in ("proposals", "area-plan"):
        raise Http404
    call_id = parse_id(request.GET.get("call"))
    if call_id is not None:
        call = _call_reviewed(request.user, call_id)
        if what == "proposals":
            return _download(*exports.open_data(call, data_format))
        return _download(*exports.area_plan(call, data_format))
    if what != "area-plan":
        raise Http404
    ids = municipality_ids_of(request.user, REVIEW)
    wanted = parse_id(request.GET.get("municipality"))
    municipality = get_object_or_404(Municipality, pk=wanted)
    if ids is not None and municipality.pk not in ids:
        raise PermissionDenied
    return _download(*exports.municipality_area_plan(municipality, data_format))

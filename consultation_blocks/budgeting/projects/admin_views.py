"""Staff's screens for a round's projects in the Wagtail admin: the review screen (each
project feasible with a cost or not with a public reason, within the powers or not,
moved to another part) and the shortlist screen (feasible projects with their supports,
ticked onto the ballot).

Thin: each form goes to services.py, whose refusals (ProjectRefused) become the
screen's message. Who may: budgeting.rules.may_manage on the round (else 403)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.models import Page

from theme.user_input import parse_id

from ..choices import Review
from ..models import Project
from ..parts import parts_of
from . import listing, rules, services


def round_or_404(request, round_id, may=None):
    """The round page `round_id`, if `may(user, page)` (default: may_review), else 403.
    The other budget screens (ballots/, counting/, implementation/) ask through it too."""
    page = Page.objects.filter(pk=round_id).first()
    page = page.specific if page else None
    if page is None or not hasattr(page, "parts"):
        raise Http404("No such round")
    if not (may or rules.may_review)(request.user, page):
        raise PermissionDenied
    return page


def _round(request, round_id):
    return round_or_404(request, round_id)


def review_view(request, round_id):
    page = _round(request, round_id)
    if request.method == "POST":
        project = Project.objects.filter(
            pk=parse_id(request.POST.get("project")), consultation=page.translation_key
        ).first()
        if project is None:
            raise Http404("No such project")
        try:
            if request.POST.get("part") and request.POST["part"] != project.part:
                services.move(request.user, page, project, request.POST["part"])
            verdict = request.POST.get("review")
            if verdict in (Review.FEASIBLE, Review.UNFEASIBLE):
                services.review(
                    request.user,
                    page,
                    project,
                    feasible=verdict == Review.FEASIBLE,
                    cost=request.POST.get("cost"),
                    reason=request.POST.get("reason", ""),
                    within_powers=request.POST.get("within_powers") == "1",
                )
            else:
                services.set_within_powers(
                    request.user, page, project, request.POST.get("within_powers") == "1"
                )
        except services.ProjectRefused as refusal:
            messages.error(request, refusal.decision.reason)
        else:
            messages.success(request, _("The project “%(title)s” is saved.") % {"title": project})
        return HttpResponseRedirect(reverse("bokrao_budget_review", args=[page.pk]))
    projects = list(
        listing.with_counts(Project.objects.filter(consultation=page.translation_key)).order_by(
            "part", "pk"
        )
    )
    return TemplateResponse(
        request,
        "bokrao_blocks/budgeting/projects/admin/review.html",
        {
            "page": page,
            "projects": projects,
            "parts": parts_of(page),
            "reviews": [
                (Review.FEASIBLE, Review.FEASIBLE.label),
                (Review.UNFEASIBLE, Review.UNFEASIBLE.label),
            ],
            "shortlist_url": reverse("bokrao_budget_shortlist", args=[page.pk]),
        },
    )


def shortlist_view(request, round_id):
    page = _round(request, round_id)
    if request.method == "POST":
        ids = [parse_id(value) for value in request.POST.getlist("shortlisted")]
        try:
            chosen = services.set_shortlist(request.user, page, [pk for pk in ids if pk])
        except services.ProjectRefused as refusal:
            messages.error(request, refusal.decision.reason)
        else:
            messages.success(
                request, _("%(count)d projects are on the ballot.") % {"count": len(chosen)}
            )
        return HttpResponseRedirect(reverse("bokrao_budget_shortlist", args=[page.pk]))
    projects = list(
        listing.with_counts(
            Project.objects.filter(consultation=page.translation_key, review=Review.FEASIBLE)
        ).order_by("part", "-supports", "pk")
    )
    names = {part.key: part.name for part in parts_of(page)}
    for project in projects:
        project.part_name = names.get(project.part, project.part)
    return TemplateResponse(
        request,
        "bokrao_blocks/budgeting/projects/admin/shortlist.html",
        {
            "page": page,
            "projects": projects,
            "review_url": reverse("bokrao_budget_review", args=[page.pk]),
        },
    )


def _accepted_proposals(page):
    """The round's municipality's accepted proposals not yet turned into a project, with
    their call (one query, whatever their number)."""
    from ...municipalities.services import municipality_of
    from ...proposals.models import Proposal

    municipality = municipality_of(page)
    if municipality is None:
        return []
    return list(
        Proposal.objects.filter(
            municipality=municipality,
            state__in=services.ACCEPTED_STATES,
            project__isnull=True,
        )
        .select_related("call")
        .order_by("-pk")
    )


def new_project_view(request, round_id):
    """Staff add a project of their own, or turn an accepted proposal into one."""
    from ...proposals.models import Proposal
    from .forms import FromProposalForm, ProjectForm

    page = _round(request, round_id)
    form = ProjectForm(page)
    here = reverse("bokrao_budget_new_project", args=[page.pk])
    if request.method == "POST" and request.POST.get("proposal"):
        proposal = Proposal.objects.filter(pk=parse_id(request.POST["proposal"])).first()
        if proposal is None:
            raise Http404("No such proposal")
        chosen = FromProposalForm(page, request.POST)
        if not chosen.is_valid():
            for errors in chosen.errors.values():
                messages.error(request, " ".join(errors))
            return HttpResponseRedirect(here)
        try:
            project = services.project_from_proposal(
                request.user,
                page,
                proposal,
                chosen.cleaned_data["part"],
                chosen.cleaned_data["estimated_cost"],
            )
        except services.ProjectRefused as refusal:
            messages.error(request, refusal.decision.reason)
        else:
            messages.success(
                request, _("The project “%(title)s” is added to the round.") % {"title": project}
            )
        return HttpResponseRedirect(here)
    if request.method == "POST":
        form = ProjectForm(page, request.POST, request.FILES)
        if form.is_valid():
            try:
                project = services.create_project(request.user, page, form.cleaned_data)
            except services.ProjectRefused as refusal:
                messages.error(request, refusal.decision.reason)
            else:
                messages.success(
                    request,
                    _("The project “%(title)s” is added to the round.") % {"title": project},
                )
                return HttpResponseRedirect(here)
        else:
            messages.error(request, _("The project is not saved: correct what is marked below."))
    return TemplateResponse(
        request,
        "bokrao_blocks/budgeting/projects/admin/new_project.html",
        {
            "page": page,
            "form": form,
            "proposals": _accepted_proposals(page),
            "parts": parts_of(page),
            "review_url": reverse("bokrao_budget_review", args=[page.pk]),
        },
    )

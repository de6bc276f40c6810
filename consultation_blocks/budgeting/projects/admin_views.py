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


def _round(request, round_id):
    page = Page.objects.filter(pk=round_id).first()
    page = page.specific if page else None
    if page is None or not hasattr(page, "parts"):
        raise Http404("No such round")
    if not rules.may_review(request.user, page):
        raise PermissionDenied
    return page


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

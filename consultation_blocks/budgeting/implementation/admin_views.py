"""Staff's follow-up screens (R2): the round's selected projects with money allocated and
spent, and one screen per project to add milestones, record money spent and set its
progress and state, listing what is recorded.

Thin: each form goes to services.py, whose refusals (ImplementationRefused) become the
screen's message, the form kept as typed. Who may: budgeting.rules.may_manage (else 403)."""

from django.db.models import Sum
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages

from ..models import Project
from ..parts import parts_of
from ..projects.admin_views import round_or_404
from ..rules import may_manage
from . import services
from .forms import MilestoneForm, ProgressForm, SpendingForm

FORMS = {"milestone": MilestoneForm, "spending": SpendingForm, "progress": ProgressForm}


def selected_view(request, round_id):
    page = round_or_404(request, round_id, may_manage)
    projects = list(
        Project.objects.filter(consultation=page.translation_key, selected=True)
        .annotate(spent=Sum("spendings__amount"))
        .order_by("part", "pk")
    )
    names = {part.key: part.name for part in parts_of(page)}
    for project in projects:
        project.part_name = names.get(project.part, project.part)
        project.spent = project.spent or 0
    return TemplateResponse(
        request,
        "bokrao_blocks/budgeting/implementation/admin/selected.html",
        {
            "page": page,
            "projects": projects,
            "money": services.money_of_round(page),
            "counts_url": reverse("bokrao_budget_counts", args=[page.pk]),
        },
    )


def _store(request, project, kind, form):
    data = form.cleaned_data
    if kind == "milestone":
        services.add_milestone(
            project, data["date"], data["text"], data["status"], data["photo"], by=request.user
        )
        return _("The milestone is added.")
    if kind == "spending":
        services.record_spending(
            project, data["amount"], data["spent_on"], data["note"], by=request.user
        )
        return _("The money spent is recorded.")
    services.set_progress(project, data["progress"], data["implementation"])
    return _("The progress is saved.")


def project_view(request, round_id, project_id):
    page = round_or_404(request, round_id, may_manage)
    project = get_object_or_404(Project, pk=project_id, consultation=page.translation_key)
    forms = {
        "milestone": MilestoneForm(),
        "spending": SpendingForm(),
        "progress": ProgressForm(
            initial={"progress": project.progress, "implementation": project.implementation}
        ),
    }
    if request.method == "POST":
        kind = request.POST.get("form")
        if kind not in FORMS:
            raise Http404("No such form")
        form = FORMS[kind](request.POST, request.FILES)
        forms[kind] = form
        if form.is_valid():
            try:
                done = _store(request, project, kind, form)
            except services.ImplementationRefused as refusal:
                messages.error(request, refusal.decision.reason)
            else:
                messages.success(request, done)
                return HttpResponseRedirect(
                    reverse("bokrao_budget_follow_up", args=[page.pk, project.pk])
                )
        else:
            messages.error(request, _("Nothing was saved: correct what is marked below."))
    names = {part.key: part.name for part in parts_of(page)}
    return TemplateResponse(
        request,
        "bokrao_blocks/budgeting/implementation/admin/project.html",
        {
            "page": page,
            "project": project,
            "part_name": names.get(project.part, project.part),
            "forms": forms,
            "milestones": list(project.milestones.select_related("by").order_by("-date", "-pk")),
            "spendings": list(project.spendings.select_related("by").order_by("-spent_on", "-pk")),
            "money": services.money_of_project(project),
            "selected_url": reverse("bokrao_budget_selected", args=[page.pk]),
        },
    )

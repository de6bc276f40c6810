"""Staff's screen for a draft's hearing in the Wagtail admin: every paragraph of the
latest version with its counts and comments, a form to answer each paragraph and each
comment, and the form that publishes the report. Plain forms; each posts to a service
(services.py), whose refusal becomes the screen's message."""

from django import forms
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import user_passes_test
from wagtail.models import Page

from ...municipalities.services import municipality_of
from . import services
from .data import build_report
from .models import Verdict
from .rules import may_respond, may_respond_anywhere


class ResponseForm(forms.Form):
    verdict = forms.ChoiceField(label=gettext_lazy("Answer"), choices=Verdict.choices)
    reason = forms.CharField(
        label=gettext_lazy("Reason (public; needed unless accepted)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    answered_as = forms.CharField(
        label=gettext_lazy("Answered for the municipality by (a role, not a name)"),
        max_length=150,
    )
    key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    comment = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class PublishForm(forms.Form):
    summary = forms.CharField(
        label=gettext_lazy("Summary of the hearing (public)"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


def _draft_of(user, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, apps.get_model("bokrao_pages", "DraftRegulationPage")):
        raise Http404
    if not may_respond(user, page):
        # Another municipality's draft: refused as the admin refuses, nothing shown.
        raise PermissionDenied
    return page


def _role(page):
    municipality = municipality_of(page)
    if municipality is None:
        return ""
    return _("Editors of %(municipality)s") % {"municipality": municipality.name}


def _form_for(response, role, **hidden):
    initial = {"answered_as": role, **hidden}
    if response is not None:
        initial.update(
            verdict=response.verdict, reason=response.reason, answered_as=response.answered_as
        )
    return ResponseForm(initial=initial, auto_id=False)


@user_passes_test(may_respond_anywhere)
def hearing_view(request, page_id):
    page = _draft_of(request.user, page_id)
    data = build_report(page)
    role = _role(page)
    if data is not None:
        for row in [*data["paragraphs"], *data["elsewhere"]]:
            row["form"] = _form_for(row["response"], role, key=row["key"])
            for comment in row["comments_list"]:
                comment["form"] = _form_for(comment["response"], role, comment=comment["id"])
    report = services.published_report(page)
    return TemplateResponse(
        request,
        "bokrao_blocks/drafts/report/admin/hearing.html",
        {
            "page": page,
            "data": data,
            "report": report,
            "publish_form": PublishForm(initial={"summary": report.summary if report else ""}),
        },
    )


def _errors(form):
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


@user_passes_test(may_respond_anywhere)
@require_POST
def respond_view(request, page_id):
    page = _draft_of(request.user, page_id)
    back = reverse("bokrao_hearing", args=[page.pk])
    form = ResponseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return HttpResponseRedirect(back)
    data = form.cleaned_data
    comment = data["comment"] or None
    try:
        services.respond(
            request.user,
            page,
            key=None if comment else (data["key"] or None),
            comment=comment,
            verdict=data["verdict"],
            reason=data["reason"],
            answered_as=data["answered_as"],
        )
    except services.HearingRefused as refusal:
        messages.error(request, str(refusal.decision.reason))
    else:
        messages.success(request, _("The answer is saved."))
    anchor = f"#c-{comment}" if comment else (f"#p-{data['key']}" if data["key"] else "")
    return HttpResponseRedirect(back + anchor)


@user_passes_test(may_respond_anywhere)
@require_POST
def publish_view(request, page_id):
    page = _draft_of(request.user, page_id)
    back = reverse("bokrao_hearing", args=[page.pk])
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return HttpResponseRedirect(back)
    try:
        services.publish_report(request.user, page, form.cleaned_data["summary"])
    except services.HearingRefused as refusal:
        messages.error(request, str(refusal.decision.reason))
    else:
        messages.success(
            request, _("The hearing report is published; its PDF is printed in a moment.")
        )
    return HttpResponseRedirect(back)

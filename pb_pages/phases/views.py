"""The phases screen in the Wagtail admin: the consultation's phases as they run, the
log of changes, and hold / release / move to the next phase, each with a reason."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.models import Page

from consultation_blocks.timing import now
from consultation_blocks.widgets.rules import source_page

from . import services
from .rules import may_steer_phases


class ShiftForm(forms.Form):
    action = forms.ChoiceField(choices=[("hold", ""), ("release", ""), ("advance", "")])
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=300, strip=True)


def phases_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not hasattr(page, "timeline"):
        raise PermissionDenied  # not a consultation
    # The source page's phases rule every translation (and its log is the consultation's).
    page = source_page(page)
    if not may_steer_phases(request.user, page):
        raise PermissionDenied
    form = ShiftForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            act = {
                "hold": services.hold,
                "release": services.release,
                "advance": services.advance,
            }[form.cleaned_data["action"]]
            try:
                act(page, request.user, form.cleaned_data["reason"])
            except services.PhaseChangeRefused as refused:
                messages.error(request, str(refused))
            else:
                messages.success(request, _("Done. The change is in the log below."))
                return redirect("bokrao_phases", page.pk)
        else:
            messages.error(request, _("Give a reason: it is kept in the consultation's log."))
    timeline = services.timeline_of_page(page, refresh=True)
    current = timeline.current()
    return TemplateResponse(
        request,
        "bokrao_pages/admin/phases.html",
        {
            "page": page,
            "spans": timeline.spans(),
            "current": current,
            "state": timeline.state(),
            "now": now(),
            "log": services.log(page),
            "form": form,
        },
    )

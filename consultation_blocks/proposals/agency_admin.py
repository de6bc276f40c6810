"""Staff's screen for the agencies proposals are forwarded to (R8): a municipality's
editors keep their own list and read the platform's; only superusers keep the platform's
(an agency without a municipality, offered to every municipality)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.auth import user_passes_test

from ..staff.municipalities import municipalities_of, municipality_ids_of
from .models import Agency
from .rules import REVIEW, may_review_anywhere


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["municipality", "name", "name_en", "kind", "email"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.queryset = municipalities_of(user, REVIEW)
        if user.is_superuser:
            field.empty_label = _("Every municipality (the platform's list)")
        else:
            # The platform's own list is the platform administrators'.
            field.required, field.empty_label, field.help_text = True, None, ""


def _agencies_of(user):
    """The agencies `user` keeps: those of their municipalities (a superuser: all)."""
    ids = municipality_ids_of(user, REVIEW)
    if ids is None:
        return Agency.objects.all()
    return Agency.objects.filter(municipality_id__in=ids)


@user_passes_test(may_review_anywhere)
def agencies_view(request, agency_id=None):
    kept = _agencies_of(request.user).select_related("municipality")
    agency = None
    if agency_id is not None:
        agency = kept.filter(pk=agency_id).first()
        if agency is None:
            # Another municipality's, or the platform's (superusers only): refused.
            get_object_or_404(Agency, pk=agency_id)
            raise PermissionDenied
    form = AgencyForm(
        request.POST if request.method == "POST" else None, instance=agency, user=request.user
    )
    if request.method == "POST":
        if form.is_valid():
            saved = form.save()
            messages.success(request, _("The agency “%(name)s” is saved.") % {"name": saved})
            return HttpResponseRedirect(reverse("bokrao_agencies"))
        messages.error(request, _("The agency could not be saved: see the form below."))
    platform = Agency.objects.filter(municipality=None) if not request.user.is_superuser else None
    return TemplateResponse(
        request,
        "bokrao_blocks/proposals/admin/agencies.html",
        {"agencies": kept, "platform": platform, "form": form, "agency": agency},
    )

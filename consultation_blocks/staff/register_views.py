"""Staff replace the resident register (R4) by uploading a CSV file in the Wagtail admin.

Each municipality has its own register. Staff upload the register of a municipality they
work for with this permission (staff/municipalities.py); when that is one, the page
offers no choice. A superuser chooses any.

Staff see how many entries the register holds and when it was uploaded, never the
hashes: the page has nothing to show a person's entry.
"""

import logging

from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin import messages
from wagtail.admin.auth import user_passes_test
from wagtail.admin.menu import MenuItem

from ..participants import residents
from .municipalities import municipalities_of
from .permissions import UPLOAD_REGISTER, may_upload_register

MAX_FILE_SIZE = 50 * 1024 * 1024  # about two million lines
PROBLEMS_SHOWN = 100

logger = logging.getLogger(__name__)


class ResidentRegisterMenuItem(MenuItem):
    def is_shown(self, request):
        return may_upload_register(request.user)


class RegisterUploadForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Municipality"), queryset=None, empty_label=None
    )
    register = forms.FileField(
        label=gettext_lazy("Register file (CSV)"),
        help_text=gettext_lazy(
            "UTF-8 CSV with the columns national_id and birth_date, and optionally area "
            "(the code of the person's area, as in the municipality's areas); dates as "
            "1985-03-15 (Common Era) or 15/03/2528 (Buddhist Era). The file replaces the "
            "municipality's whole register."
        ),
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        # The staff member's one municipality needs no choice (and no field to forge).
        self.only = municipalities.first() if municipalities.count() == 1 else None
        if self.only is not None:
            del self.fields["municipality"]
        else:
            self.fields["municipality"].queryset = municipalities

    def clean_register(self):
        upload = self.cleaned_data["register"]
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(gettext_lazy("The file is too large."))
        return upload

    @property
    def chosen(self):
        return self.only or self.cleaned_data["municipality"]


def _shown(request, municipalities):
    """The municipality whose register the page shows: the one asked for, if the staff
    member works for it, else their first."""
    asked = request.GET.get("municipality", "")
    if asked.isascii() and asked.isdigit():
        for municipality in municipalities:
            if municipality.pk == int(asked):
                return municipality
    return municipalities[0] if municipalities else None


@user_passes_test(may_upload_register)
def upload_view(request):
    theirs = municipalities_of(request.user, UPLOAD_REGISTER)
    municipalities = list(theirs)
    shown = _shown(request, municipalities)
    form = RegisterUploadForm(
        request.POST or None,
        request.FILES or None,
        municipalities=theirs,
        initial={"municipality": shown},
    )
    problems = []
    if request.method == "POST" and form.is_valid():
        shown = form.chosen
        try:
            rows = residents.read_register_csv(form.cleaned_data["register"].read())
            count = residents.replace_register(shown, rows)
        except residents.RegisterRefused as refused:
            problems = refused.problems
        else:
            # Who replaced it and how large it is; never a line of it.
            logger.info(
                "Resident register of municipality %s replaced by user %s: %s entries",
                shown.pk,
                request.user.pk,
                count,
            )
            messages.success(
                request,
                ngettext(
                    "The register now holds %(count)s entry.",
                    "The register now holds %(count)s entries.",
                    count,
                )
                % {"count": count},
            )
            if len(municipalities) == 1:
                return redirect("bokrao_resident_register")
            return redirect(f"{request.path}?municipality={shown.pk}")
    return TemplateResponse(
        request,
        "bokrao_blocks/admin/resident_register.html",
        {
            "form": form,
            "municipality": shown,
            "municipalities": municipalities if len(municipalities) > 1 else [],
            "problems": problems[:PROBLEMS_SHOWN],
            "problems_not_shown": max(0, len(problems) - PROBLEMS_SHOWN),
            **(residents.register_summary(shown) if shown else {"count": 0, "uploaded_at": None}),
        },
    )

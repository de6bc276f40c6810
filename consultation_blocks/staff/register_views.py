"""Staff replace the resident register (R4) by uploading a CSV file in the Wagtail admin.

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
from .permissions import may_upload_register

MAX_FILE_SIZE = 50 * 1024 * 1024  # about two million lines
PROBLEMS_SHOWN = 100

logger = logging.getLogger(__name__)


class ResidentRegisterMenuItem(MenuItem):
    def is_shown(self, request):
        return may_upload_register(request.user)


class RegisterUploadForm(forms.Form):
    register = forms.FileField(
        label=gettext_lazy("Register file (CSV)"),
        help_text=gettext_lazy(
            "UTF-8 CSV with the columns national_id and birth_date; dates as 1985-03-15 "
            "(Common Era) or 15/03/2528 (Buddhist Era). The file replaces the whole register."
        ),
    )

    def clean_register(self):
        upload = self.cleaned_data["register"]
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(gettext_lazy("The file is too large."))
        return upload


@user_passes_test(may_upload_register)
def upload_view(request):
    form = RegisterUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = residents.read_register_csv(form.cleaned_data["register"].read())
            count = residents.replace_register(rows)
        except residents.RegisterRefused as refused:
            problems = refused.problems
        else:
            # Who replaced it and how large it is; never a line of it.
            logger.info("Resident register replaced by user %s: %s entries", request.user.pk, count)
            messages.success(
                request,
                ngettext(
                    "The register now holds %(count)s entry.",
                    "The register now holds %(count)s entries.",
                    count,
                )
                % {"count": count},
            )
            return redirect("bokrao_resident_register")
    return TemplateResponse(
        request,
        "bokrao_blocks/admin/resident_register.html",
        {
            "form": form,
            "problems": problems[:PROBLEMS_SHOWN],
            "problems_not_shown": max(0, len(problems) - PROBLEMS_SHOWN),
            **residents.register_summary(),
        },
    )

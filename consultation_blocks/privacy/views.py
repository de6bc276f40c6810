"""Personal data (PDPA): what the participation features keep, and what becomes of it.

The privacy page reads the municipality's choices from `personal_data_policy()`, so
the page always states the setting in force. A participant downloads what the site
holds about them (data_export.my_data) and deletes their account
(account_deletion.delete_account) from the views here.
"""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from ..participants import sign_in
from ..timing import now
from .deletion import delete_account, deletion_plan
from .export import my_data
from .policy import personal_data_policy


def privacy(request):
    policy = personal_data_policy(request)
    return TemplateResponse(
        request,
        "bokrao_blocks/accounts/privacy.html",
        {
            "comments_after_deletion": policy.comments_after_deletion.label,
            "votes_after_deletion": policy.votes_after_deletion.label,
        },
    )


@login_required(login_url="bokrao_sign_in")
@never_cache
def download_my_data(request):
    """Everything we hold about the signed-in person, as a JSON file to keep."""
    data = my_data(request.user, request)
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body.encode("utf-8"), content_type="application/json; charset=utf-8")
    filename = f"bokrao-my-data-{now():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        help_text=gettext_lazy("To make sure it is you who deletes the account."),
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.request = user, request

    def clean_password(self):
        # A password guess like any other: limited and counted as the sign-in's are.
        username = self.user.get_username()
        if (refused := sign_in.refusal(self.request, username)) is not None:
            raise forms.ValidationError(refused)
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            wrong = _("This is not the password of your account. Nothing was deleted.")
            extra = sign_in.wrong_password(self.request, username, self.user)
            raise forms.ValidationError([wrong, extra] if extra else wrong)
        sign_in.right_password(username)
        return password


@login_required(login_url="bokrao_sign_in")
@sensitive_post_parameters("password")
@never_cache
def delete_my_account(request):
    """Say exactly what deleting does under the current setting; delete after the password."""
    user = request.user
    policy = personal_data_policy(request)
    # Staff accounts carry the admin and the record of on-site entries: an administrator
    # deletes them in the admin, not a form on the public site.
    staff = user.is_staff or user.is_superuser
    form = DeleteAccountForm(user, None if staff else request.POST or None, request=request)
    if request.method == "POST" and not staff and form.is_valid():
        delete_account(user, policy)
        logout(request)
        messages.success(
            request,
            _("Your account is deleted. Thank you for taking part."),
        )
        return redirect(f"/{translation.get_language()}/")
    return TemplateResponse(
        request,
        "bokrao_blocks/accounts/delete_account.html",
        {"form": form, "plan": deletion_plan(user, policy), "staff": staff},
    )

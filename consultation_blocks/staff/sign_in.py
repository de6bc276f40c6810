"""The Wagtail admin's sign-in (/admin/login/) under the same password limits as the
public one, and for staff only: a participant's account opens nothing in the admin, so
its password is not to be tried there either.

A site names it in WAGTAILADMIN_USER_LOGIN_FORM (docs/extension.md); a check warns when
it does not.
"""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.forms.auth import LoginForm

from ..participants.sign_in import LimitedPasswords

FORM = "consultation_blocks.staff.sign_in.StaffSignInForm"


class StaffSignInForm(LimitedPasswords, LoginForm):
    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        # Asked after the password matched, so it tells nothing to someone guessing.
        if not user.has_perm("wagtailadmin.access_admin"):
            raise forms.ValidationError(
                _(
                    "This sign-in is for the municipality's staff. To take part, sign in "
                    "on the public site: %(link)s"
                ),
                code="not_staff",
                params={"link": reverse("bokrao_sign_in")},
            )

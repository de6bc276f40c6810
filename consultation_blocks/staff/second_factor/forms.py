"""What staff type: a code, and for a reset their password too."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import APP_CODE, RECOVERY_CODE, normalise


def _code_input():
    # autocomplete=one-time-code lets a phone offer the code from the authenticator app.
    return forms.TextInput(
        attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
    )


class CodeForm(forms.Form):
    """A 6-digit code from the app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=_code_input(),
        help_text=_("The 6-digit code your authenticator app shows, or a recovery code."),
    )
    accepts_recovery_codes = True

    def clean_code(self):
        code = normalise(self.cleaned_data["code"])
        if APP_CODE.fullmatch(code):
            return code
        if self.accepts_recovery_codes and RECOVERY_CODE.fullmatch(code):
            return code
        if self.accepts_recovery_codes:
            raise forms.ValidationError(
                _("Enter the 6 digits your app shows, or a recovery code of 8 letters and digits.")
            )
        raise forms.ValidationError(_("Enter the 6 digits your app shows."))


class EnrolForm(CodeForm):
    """The first code of a new app: recovery codes do not exist yet."""

    code = forms.CharField(
        label=_("Code from the app"),
        max_length=32,
        widget=_code_input(),
        help_text=_("After adding the account, enter the 6-digit code the app shows."),
    )
    accepts_recovery_codes = False


class ResetForm(CodeForm):
    """Removing one's own second factor: the password and a current code."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["password", "code"]

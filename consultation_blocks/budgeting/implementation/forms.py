"""Staff's forms of a selected project's follow-up: a milestone (its photo re-encoded as
a proposal's is), money spent, progress and state. The services check again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ...proposals.forms import checked_photo
from ..choices import Implementation, MilestoneStatus
from .services import ABSURD_AMOUNT


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MilestoneForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=_date_input())
    text = forms.CharField(
        label=_("What happened"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=MilestoneStatus.choices, initial=MilestoneStatus.DONE
    )
    photo = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB. Its location and camera data are removed."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def clean_photo(self):
        return checked_photo(self.cleaned_data.get("photo"))


class SpendingForm(forms.Form):
    amount = forms.IntegerField(label=_("Amount (baht)"), min_value=1, max_value=ABSURD_AMOUNT)
    spent_on = forms.DateField(label=_("Date"), widget=_date_input())
    note = forms.CharField(label=_("What for"), max_length=300, required=False)


class ProgressForm(forms.Form):
    progress = forms.IntegerField(label=_("Progress (percent)"), min_value=0, max_value=100)
    implementation = forms.ChoiceField(label=_("State"), choices=Implementation.choices)

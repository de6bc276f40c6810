"""The form a participant submits a project with (staff's too): every field checked
before anything is stored, the photo re-encoded as a proposal's is (proposals/forms.py)."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from theme.user_input import clean_user_text

from ...proposals.forms import checked_photo
from ..parts import parts_of


def _line(value):
    return " ".join(clean_user_text(value or "").split())


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    description = forms.CharField(
        label=_("Description"), max_length=6000, widget=forms.Textarea(attrs={"rows": 8})
    )
    part = forms.ChoiceField(
        label=_("Part of the budget"),
        error_messages={"invalid_choice": _("Choose one of the round's parts.")},
    )
    location = forms.CharField(label=_("Where (optional)"), max_length=300, required=False)
    estimated_cost = forms.IntegerField(
        label=_("Estimated cost (baht)"), min_value=1, max_value=10_000_000_000
    )
    image = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 5 MB. Its location and camera data are removed."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, page, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = [("", gettext("Choose a part"))] + [
            (part.key, f"{part.group_name} · {part.name}" if part.group_name else part.name)
            for part in parts_of(page)
        ]

    def clean_title(self):
        value = _line(self.cleaned_data.get("title"))
        if len(value) < 5:
            raise forms.ValidationError(
                gettext("Write at least %(count)d characters.") % {"count": 5}
            )
        return value

    def clean_description(self):
        value = clean_user_text(self.cleaned_data.get("description") or "").replace("\r\n", "\n")
        value = "\n\n".join(part.strip() for part in value.split("\n\n") if part.strip())
        if len(value) < 20:
            raise forms.ValidationError(
                gettext("Write at least %(count)d characters.") % {"count": 20}
            )
        return value

    def clean_location(self):
        return _line(self.cleaned_data.get("location"))

    def clean_image(self):
        return checked_photo(self.cleaned_data.get("image"))


class FromProposalForm(forms.Form):
    """What staff add to an accepted proposal to make it a project: its part and cost."""

    part = forms.ChoiceField(
        label=_("Part of the budget"),
        error_messages={
            "invalid_choice": _("Choose one of the round's parts."),
            "required": _("Choose one of the round's parts."),
        },
    )
    estimated_cost = forms.IntegerField(
        label=_("Estimated cost (baht)"),
        min_value=1,
        max_value=10_000_000_000,
        error_messages={"required": _("Give the project's estimated cost in baht.")},
    )

    def __init__(self, page, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = [(part.key, part.name) for part in parts_of(page)]

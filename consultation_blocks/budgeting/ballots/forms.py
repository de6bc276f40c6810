"""Staff's form for one paper ballot (R9): the person as on-site entry finds or registers
them (staff/on_site_views.PersonForm, the same fields and checks), then the part and
the projects the paper ballot ticked."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ...staff.on_site_views import PersonForm
from ..choices import Review
from ..models import Project
from ..parts import parts_of


def ballot_projects(page):
    """The projects on the round's ballot, by part then number (one query)."""
    return list(
        Project.objects.filter(
            consultation=page.translation_key, shortlisted=True, review=Review.FEASIBLE
        ).order_by("part", "pk")
    )


class PaperBallotForm(PersonForm):
    part = forms.ChoiceField(
        label=_("Part of the budget"),
        error_messages={
            "invalid_choice": _("Choose one of the round's parts."),
            "required": _("Choose one of the round's parts."),
        },
    )
    projects = forms.MultipleChoiceField(
        label=_("Projects ticked on the paper ballot"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick only projects of the part chosen above."),
    )

    def __init__(self, page, projects, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].help_text = _("Where the ballot was cast, e.g. the municipal office.")
        self.fields["took_part_at"].label = _("When the ballot was cast")
        self.fields["took_part_at"].help_text = _(
            "Leave empty for now. The ballot must have been open then."
        )
        self.fields["part"].choices = [
            (part.key, f"{part.group_name} · {part.name}" if part.group_name else part.name)
            for part in parts_of(page)
        ]
        self.fields["projects"].choices = [(str(project.pk), project.title) for project in projects]

"""On-site entry in the Wagtail admin: one person's answers to a consultation at a time.

The view parses the form and calls on_site.py; the same functions serve the tests.
"""

from datetime import timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin import messages
from wagtail.admin.auth import user_passes_test
from wagtail.models import Page

from ..participants.choices import Residence, VoterGroup
from ..participants.models import Participant
from ..timing import now
from . import on_site
from .permissions import may_enter_on_site, may_enter_on_site_on

EXISTING, NEW = "existing", "new"


def _field_label(name):
    # The participant's own field names, so the labels read as on the rest of the admin.
    return capfirst(Participant._meta.get_field(name).verbose_name)


# Paper forms from a meeting are typed in within days; a limit keeps backdating honest.
BACKDATING_LIMIT = timedelta(days=30)


class PersonForm(forms.Form):
    place = forms.CharField(
        label=gettext_lazy("Place"),
        max_length=200,
        help_text=gettext_lazy("Where this person took part, e.g. the municipal office."),
    )
    took_part_at = forms.DateTimeField(
        label=gettext_lazy("When they took part"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=gettext_lazy(
            "For answers collected earlier, on paper or at a meeting. Leave empty for now. "
            "The widget must have been open then."
        ),
    )
    who = forms.ChoiceField(
        label=gettext_lazy("Who takes part"),
        choices=[
            (NEW, gettext_lazy("Someone without an account (new on-site participant)")),
            (EXISTING, gettext_lazy("Someone with an account, found by email address")),
        ],
        initial=NEW,
        widget=forms.RadioSelect,
    )
    email = forms.EmailField(label=gettext_lazy("Email address"), max_length=254, required=False)
    display_name = forms.CharField(
        label=_field_label("display_name"),
        max_length=50,
        required=False,
        help_text=gettext_lazy("Shown with their comments. Leave empty for “participant”."),
    )
    voter_group = forms.ChoiceField(
        label=_field_label("voter_group"),
        choices=[("", "---------"), *VoterGroup.choices],
        required=False,
    )
    area = forms.ChoiceField(
        label=gettext_lazy("Where they live"),
        choices=[("", "---------"), *Residence.choices],
        required=False,
    )

    def clean_took_part_at(self):
        moment = self.cleaned_data["took_part_at"]
        if moment is None:
            return None
        if moment > now():
            raise forms.ValidationError(_("This is in the future."))
        if moment < now() - BACKDATING_LIMIT:
            raise forms.ValidationError(
                _("Answers older than %(days)d days cannot be entered.")
                % {"days": BACKDATING_LIMIT.days}
            )
        return moment

    def clean(self):
        data = super().clean()
        if data.get("who") == EXISTING:
            try:
                data["person"] = on_site.find_participant(data.get("email"))
            except on_site.NoSuchParticipant as error:
                self.add_error("email", str(error))
        elif data.get("who") == NEW:
            for name in ("voter_group", "area"):
                if not data.get(name):
                    self.add_error(name, _("Choose one: results are split by it."))
            if not self.errors:
                data["person"] = on_site.NewParticipant(
                    voter_group=data["voter_group"],
                    area=data["area"],
                    display_name=data.get("display_name", ""),
                )
        return data


def _entered_message(entered, place):
    who = entered.participant.display_name or (
        _("a new on-site participant") if entered.created else _("the participant")
    )
    stored = []
    if entered.votes:
        stored.append(
            ngettext("%(count)d answer", "%(count)d answers", len(entered.votes))
            % {"count": len(entered.votes)}
        )
    if entered.comments:
        stored.append(
            ngettext("%(count)d comment", "%(count)d comments", len(entered.comments))
            % {"count": len(entered.comments)}
        )
    message = _("Stored for %(who)s at %(place)s: %(what)s.") % {
        "who": who,
        "place": place,
        "what": ", ".join(stored),
    }
    if entered.held:
        message += " " + ngettext(
            "%(count)d comment waits for a moderator's review.",
            "%(count)d comments wait for a moderator's review.",
            len(entered.held),
        ) % {"count": len(entered.held)}
    return message


@user_passes_test(may_enter_on_site)
def entry_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not may_enter_on_site_on(request.user, page):
        # Another municipality's consultation: its own staff enter what its people said.
        raise PermissionDenied
    page_widgets = on_site.widgets(page)
    place = request.session.get(on_site.PLACE_SESSION_KEY, "")
    refusals = {}
    if request.method == "POST":
        form = PersonForm(request.POST)
        answers = on_site.answers_from(request.POST, page_widgets)
        if form.is_valid():
            place = form.cleaned_data["place"]
            # Remembered for the next person, who is most likely at the same place.
            request.session[on_site.PLACE_SESSION_KEY] = place
            try:
                entered = on_site.enter(
                    request.user,
                    page,
                    form.cleaned_data["person"],
                    answers,
                    place,
                    at=form.cleaned_data["took_part_at"],
                )
            except on_site.SubmissionRefused as refused:
                refusals = refused.refusals
            else:
                messages.success(request, _entered_message(entered, place))
                return redirect("bokrao_on_site", page.pk)
        given = {answer.widget_id: answer for answer in answers}
    else:
        form = PersonForm(initial={"place": place})
        given = {}
    for widget in page_widgets:
        widget["refusal"] = refusals.get(widget["id"], "")
        widget["given"] = given.get(widget["id"])
    return TemplateResponse(
        request,
        "bokrao_blocks/admin/on_site.html",
        {
            "page": page,
            "form": form,
            "widgets": page_widgets,
            "refusal": refusals.get("", ""),
            "refused": bool(refusals),
        },
    )

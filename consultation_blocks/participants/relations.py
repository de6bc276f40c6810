"""A participant's relation to one consultation's matter (R3): the question on the page,
and the form that answers or changes it while the consultation is open.

A person can be directly affected by one matter and only interested in another, so the
relation is asked per consultation, starting from their last answer. Taking part
without answering keeps that starting point as their answer there (services:
contribution_relation). Votes and comments keep the relation they were given with.
"""

from django import forms
from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ..municipalities.standing import standing
from ..responses import live_page_or_404, redirect_back
from ..timing import WindowState
from . import services
from .choices import VoterGroup
from .rules import may_act


class RelationForm(forms.Form):
    voter_group = forms.ChoiceField(
        label=gettext_lazy("How is this matter related to you?"),
        choices=VoterGroup.choices,
        widget=forms.RadioSelect,
    )


def may_answer(participant, page):
    """Whether `participant` may answer or change their relation to `page`'s matter:
    signed in, not blocked, and the consultation not closed."""
    return (
        may_act(participant).allowed
        and getattr(page, "state", WindowState.CLOSED) != WindowState.CLOSED
    )


def relation_context(participant, page):
    """What the page shows a signed-in participant about their relation, or None."""
    if participant is None or not hasattr(page, "state"):
        return None
    here = standing(participant, page)
    return {
        "page": page,
        "standing": here,
        "label": VoterGroup(here.voter_group).label if here.voter_group else "",
        "may_change": may_answer(participant, page),
        "form": RelationForm(initial={"voter_group": here.voter_group or None}),
    }


@require_POST
def answer(request):
    page = live_page_or_404(request.POST.get("page"))
    participant = services.participant_of(request)
    form = RelationForm(request.POST)
    if not may_answer(participant, page):
        messages.error(request, _("This consultation is closed: the relation cannot change."))
    elif not form.is_valid():
        messages.error(request, _("Choose how this matter is related to you."))
    else:
        services.answer_relation(participant, page, form.cleaned_data["voter_group"])
        messages.success(
            request,
            _("Saved: you take part in this consultation as “%(relation)s”.")
            % {"relation": VoterGroup(form.cleaned_data["voter_group"]).label},
        )
    return redirect_back(request, page)

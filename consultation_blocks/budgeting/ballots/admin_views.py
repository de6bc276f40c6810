"""Staff's screen for paper ballots (R9): one paper ballot at a time, for a person found
by email or registered on the spot as on-site entry does, then the list of the paper
ballots entered so far (by whom, where, when).

Thin: the form is forms.py's, the action ballots.services.enter_paper_ballot, whose
refusals (online ballot already, over the money, the ballot closed then) become the
screen's message, the form kept as typed. Who may: budgeting.rules.may_enter_paper_ballots
(else 403)."""

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin import messages

from ...staff.on_site import PLACE_SESSION_KEY
from ..choices import Channel
from ..models import Ballot
from ..parts import parts_of
from ..projects.admin_views import round_or_404
from ..rules import may_enter_paper_ballots
from . import services
from .forms import PaperBallotForm, ballot_projects

PER_PAGE = 50


def _entered(request, page):
    """A page of the round's paper ballots, newest first: a fixed number of queries
    whatever their number."""
    ballots = (
        Ballot.objects.filter(consultation=page.translation_key, channel=Channel.PAPER)
        .select_related("entered_by")
        .annotate(projects=Count("lines"))
        .order_by("-pk")
    )
    listed = Paginator(ballots, PER_PAGE).get_page(request.GET.get("p"))
    names = {part.key: part.name for part in parts_of(page)}
    for ballot in listed:
        ballot.part_name = names.get(ballot.part, ballot.part)
    return listed


def paper_view(request, round_id):
    page = round_or_404(request, round_id, may_enter_paper_ballots)
    projects = ballot_projects(page)
    if request.method == "POST":
        form = PaperBallotForm(page, projects, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            # Remembered for the next ballot, most likely typed in from the same box.
            request.session[PLACE_SESSION_KEY] = data["place"]
            try:
                services.enter_paper_ballot(
                    request.user,
                    page,
                    data["person"],
                    data["part"],
                    data["projects"],
                    data["place"],
                    cast_at=data["took_part_at"],
                )
            except services.BallotRefused as refusal:
                messages.error(
                    request,
                    _("The paper ballot is not stored: %(reason)s")
                    % {"reason": refusal.decision.reason},
                )
            else:
                count = len(set(data["projects"]))
                messages.success(
                    request,
                    ngettext(
                        "The paper ballot is stored with %(count)d project.",
                        "The paper ballot is stored with %(count)d projects.",
                        count,
                    )
                    % {"count": count},
                )
                return HttpResponseRedirect(reverse("bokrao_budget_paper", args=[page.pk]))
        else:
            messages.error(request, _("The paper ballot is not stored: correct what is marked."))
        ticked = set(request.POST.getlist("projects"))
    else:
        form = PaperBallotForm(
            page, projects, initial={"place": request.session.get(PLACE_SESSION_KEY, "")}
        )
        ticked = set()
    by_part = {}
    for project in projects:
        project.ticked = str(project.pk) in ticked
        by_part.setdefault(project.part, []).append(project)
    return TemplateResponse(
        request,
        "bokrao_blocks/budgeting/ballots/admin/paper.html",
        {
            "page": page,
            "form": form,
            "person_fields": [form[name] for name in form.fields if name != "projects"],
            "parts": [(part, by_part.get(part.key, [])) for part in parts_of(page)],
            "entered": _entered(request, page),
        },
    )

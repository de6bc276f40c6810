"""The ballot: the parts a participant may ballot in, and one part's ballot (thin:
parse, call a service, render). Every action is a plain POST to the part's page that
redirects back with a message; a script may ask for JSON instead (Accept header)."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from theme.user_input import clean_user_text, next_url, parse_id

from ... import limits
from ...participants.rules import Decision
from ...participants.services import participant_of
from ...responses import live_page_or_404, refused, wants_json
from ..models import BallotLine, Project
from ..parts import part_of, parts_of
from . import rules, services


def _part_url(page, key):
    return page.url + page.reverse_subpage("ballot_part", args=[key])


def baht(amount):
    """1,000 style, as the refusals write money (rules._baht), for the script too."""
    return f"{amount:,}"


def limits_in_words(limits):
    """What a ballot in the part may hold, one sentence each, for the page to say."""
    words = []
    if limits.counts_money:
        words.append(
            _("Choose projects that cost up to %(money)s baht in all.")
            % {"money": baht(limits.money)}
        )
    most = limits.most_projects
    if most:
        words.append(
            ngettext("Choose up to %(count)d project.", "Choose up to %(count)d projects.", most)
            % {"count": most}
        )
    if limits.minimum_projects:
        words.append(
            ngettext(
                "Choose at least %(count)d project.",
                "Choose at least %(count)d projects.",
                limits.minimum_projects,
            )
            % {"count": limits.minimum_projects}
        )
    if limits.minimum_spend:
        words.append(
            _("Spend at least %(percent)d%% of the money: %(least)s baht or more.")
            % {"percent": limits.minimum_spend_percent, "least": baht(limits.minimum_spend)}
        )
    return words


def _summary(ballot, chosen_costs, limits_, left):
    """The ballot's state as the page shows it and the script updates it."""
    submit = rules.may_submit(limits_, chosen_costs)
    return {
        "money": limits_.money,
        "money_left": left,
        "money_left_text": baht(left),
        "spent_text": baht(limits_.money - left),
        "count": len(chosen_costs),
        "count_text": ngettext(
            "%(count)d project chosen", "%(count)d projects chosen", len(chosen_costs)
        )
        % {"count": len(chosen_costs)},
        "submitted": bool(ballot and ballot.submitted_at),
        "may_submit": submit.allowed,
        "submit_hint": "" if submit.allowed else submit.reason,
    }


def ballot_overview(page, request):
    participant = participant_of(request)
    ballots = rules.ballots_in_round(participant, page)
    parts = [
        {
            "part": part,
            "url": _part_url(page, part.key),
            "has_ballot": bool(ballots.get(part.key)),
            "decision": rules.may_ballot(participant, page, part.key, ballots=ballots),
        }
        for part in parts_of(page)
    ]
    context = page.get_context(request)
    context.update(parts=parts)
    return TemplateResponse(request, "bokrao_blocks/budgeting/ballots/overview.html", context)


def _state(participant, page, part):
    ballot = services.ballot_of(participant, page, part.key)
    chosen_ids = (
        set(BallotLine.objects.filter(ballot=ballot).values_list("project_id", flat=True))
        if ballot
        else set()
    )
    projects = list(
        Project.objects.filter(
            consultation=page.translation_key, part=part.key, shortlisted=True, review="feasible"
        ).order_by("title", "pk")
    )
    limits_ = rules.limits_of(page, part)
    costs = [rules.cost_of(project) for project in projects if project.pk in chosen_ids]
    summary = _summary(ballot, costs, limits_, limits_.money_left(costs))
    return ballot, projects, chosen_ids, limits_, summary


def ballot_page(page, request, part):
    found = part_of(page, part)
    if found is None:
        raise Http404("No such part")
    participant = participant_of(request)
    if request.method == "POST":
        return _act(page, request, participant, found)
    ballot, projects, chosen_ids, limits_, summary = _state(participant, page, found)
    removals = services.unseen_removals(participant, page, found.key)
    if removals:
        services.mark_seen(removals)
    context = page.get_context(request)
    context.update(
        part=found,
        ballot=ballot,
        projects=[
            {
                "project": project,
                "cost": rules.cost_of(project),
                "chosen": project.pk in chosen_ids,
                "url": page.url + page.reverse_subpage("project", args=[project.pk]),
            }
            for project in projects
        ],
        limits=limits_,
        limits_in_words=limits_in_words(limits_),
        summary=summary,
        money_left=summary["money_left"],
        part_url=_part_url(page, found.key),
        removals=removals,
        decision=rules.may_ballot(participant, page, found.key),
        overview_url=page.url + page.reverse_subpage("ballot"),
    )
    return TemplateResponse(request, "bokrao_blocks/budgeting/ballots/ballot_page.html", context)


@require_POST
def ballot_action(request):
    """The ballot's forms post here, and the script with them (Accept: JSON): the round
    by its page id, as votes and comments name theirs, so an action costs one query for
    the page instead of Wagtail routing the URL down the tree. The part's own page takes
    the same POST too (a form from an older copy of the page)."""
    page = live_page_or_404(request.POST.get("page"))
    found = part_of(page, clean_user_text(request.POST.get("part"))[:64])
    if found is None:
        raise Http404("No such part")
    return _act(page, request, participant_of(request), found)


def _act(page, request, participant, part):
    action = request.POST.get("action")
    project_id = parse_id(request.POST.get("project"))
    try:
        if participant:
            limits.check("vote", participant.pk)
        if action == "add" and project_id:
            now = services.add_line(participant, page, part.key, project_id)
            message = _("The project is on your ballot.")
        elif action == "remove" and project_id:
            now = services.remove_line(participant, page, part.key, project_id)
            message = _("The project is off your ballot.")
        elif action == "submit":
            now = services.submit_ballot(participant, page, part.key)
            message = _(
                "Thank you. Your ballot is submitted; you may change it until balloting closes."
            )
        elif action == "reopen":
            now = services.reopen(participant, page, part.key)
            message = _("Your ballot is open to change: submit it again for it to count.")
        else:
            raise services.BallotRefused(Decision(False, _("Choose what to do.")), 400)
    except limits.TooMany as too_many:
        return refused(request, page, Decision(False, str(too_many)), 429)
    except services.BallotRefused as refusal:
        return refused(request, page, refusal.decision, refusal.status)
    if wants_json(request):
        limits_ = rules.limits_of(page, part)
        summary = _summary(now.ballot, now.costs, limits_, limits_.money_left(now.costs))
        chosen = sorted(pk for pk, _cost in now.chosen)
        return JsonResponse({"ok": True, "message": message, "chosen": chosen, **summary})
    messages.success(request, message)
    return HttpResponseRedirect(next_url(request, _part_url(page, part.key), from_query=False))

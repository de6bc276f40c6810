"""The round page, a project's page (with its no-JS support form), submitting a
project, the area-plan export (thin: parse, call a service, render)."""

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from ... import limits
from ...participants.rules import Decision
from ...participants.services import participant_of
from ...proposals import exports
from ...responses import limited, refused
from ...widgets.context import page_participation
from .. import phases
from ..choices import Review
from ..counting.tally import votes_per_project
from ..models import Project
from ..parts import parts_of, total_money
from . import listing, rules, services
from .forms import ProjectForm
from .widgets import _COMMENTS, comments_value, remember

MAX_LISTED = 200


def project_path(page, project_id):
    return page.url + page.reverse_subpage("project", args=[project_id])


def _sign_in_url(request):
    return f"{reverse('bokrao_sign_in')}?next={request.get_full_path()}"


def _votes(page):
    """{project id: votes} once results are public, else {}."""
    if not phases.shows_results(page):
        return {}
    return votes_per_project(page.translation_key)


def _groups(parts):
    """The parts in reading order, a group's parts together: [(group name, [parts])]."""
    grouped = []
    for part in parts:
        if grouped and part.group_key and grouped[-1][0] == part.group_key:
            grouped[-1][2].append(part)
        else:
            grouped.append((part.group_key, part, [part]))
    return [(key and first, members) for key, first, members in grouped]


def _phase_context(page):
    current = page.timeline().current()
    return {
        "current_phase": current,
        "shows_costs": phases.shows_costs(page),
        "shows_supports": phases.shows_supports(page),
        "shows_results": phases.shows_results(page),
        "balloting": phases.is_current(page, phases.BALLOT),
    }


def round_page(page, request):
    """The round: its story, money and parts, its step, and its projects."""
    participant = participant_of(request)
    parts = parts_of(page)
    names = {part.key: part.name for part in parts}
    filters = listing.Filters.from_query(request.GET, page, names)
    seed = listing.seed_of(participant.pk if participant else request.META.get("REMOTE_ADDR"))
    projects = list(listing.round_list(page, filters, seed)[:MAX_LISTED])
    votes = _votes(page)
    for project in projects:
        project.part_name = names.get(project.part, "")
        project.votes = votes.get(project.pk)
    context = page.get_context(request)
    context.update(
        _phase_context(page),
        parts=parts,
        part_groups=_groups(parts),
        total_money=page.total_money or total_money(page),
        projects=projects,
        filters=filters,
        orders=[(key, listing.ORDER_LABELS[key]) for key in listing.orders_offered(page)],
        states=[(key, listing.STATE_LABELS[key]) for key in listing.states_offered(page)],
        may_submit=rules.may_submit(participant, page),
        may_support=rules.may_take_part_in_supports(participant, page),
        new_url=page.url + page.reverse_subpage("new_project"),
        sign_in_url=_sign_in_url(request),
        round_money=_round_money(page),
    )
    return TemplateResponse(request, page.get_template(request), context)


def _round_money(page):
    """Allocated and spent over the whole round, once its projects are being built."""
    if not phases.reached(page, phases.IMPLEMENTATION):
        return None
    from ..implementation.services import money_of_round

    money = money_of_round(page)
    for row in [money, *money["parts"]]:
        row["width"] = _share(row["spent"], row["allocated"])
    return money


def _share(spent, allocated):
    """How much of the allocated money is spent, 0 to 100, for the bar."""
    if not allocated:
        return 0
    return min(100, round(100 * spent / allocated))


def _project_of(page, project_id):
    project = (
        Project.objects.select_related("participant", "proposal")
        .filter(pk=project_id, consultation=page.translation_key)
        .first()
    )
    if project is None or not rules.is_public(project):
        raise Http404("No such project")
    return project


def _support_post(page, request, project, participant):
    withdrawing = bool(request.POST.get("withdraw"))
    try:
        if participant:
            limits.check("vote", participant.pk)
        if withdrawing:
            services.withdraw_support(participant, project, page)
            message = _("Your support was taken back.")
        else:
            services.support(participant, project, page)
            message = _("Thank you for your support.")
    except limits.TooMany as too_many:
        return refused(request, page, Decision(False, str(too_many)), 429)
    except services.ProjectRefused as refusal:
        return refused(request, page, refusal.decision, refusal.status)
    messages.success(request, message)
    return HttpResponseRedirect(project_path(page, project.pk) + "#supports")


def project_page(page, request, project_id):
    participant = participant_of(request)
    project = _project_of(page, project_id)
    if request.method == "POST":
        return _support_post(page, request, project, participant)
    remember(page, project)
    value = comments_value(project)
    page_participation(page, request).include(project.widget_id, _COMMENTS, value)
    supports = services.supports_of(project)
    part = next((found for found in parts_of(page) if found.key == project.part), None)
    context = page.get_context(request)
    context.update(
        _phase_context(page),
        project=project,
        part=part,
        comments=_COMMENTS.bind(value),
        supports=supports.count() if phases.shows_supports(page) else None,
        supported=bool(participant and supports.filter(participant=participant).exists()),
        support_decision=rules.may_support(participant, project, page),
        votes=_votes(page).get(project.pk),
        unfeasible=project.review == Review.UNFEASIBLE,
        round_url=page.url,
        ballot_url=page.url + page.reverse_subpage("ballot_part", args=[project.part]),
        results_url=page.url + page.reverse_subpage("results"),
        sign_in_url=_sign_in_url(request),
        follow_up=_follow_up(project, participant),
        follow_url=page.url + page.reverse_subpage("follow_project", args=[project.pk]),
    )
    return TemplateResponse(request, "bokrao_blocks/budgeting/projects/project_page.html", context)


def _follow_up(project, participant):
    """What building a selected project has come to (budgeting/implementation/): its
    milestones, progress and money; None for a project that was not selected."""
    if not project.selected:
        return None
    from ..implementation.services import followers_of, money_of_project
    from ..models import ProjectFollower

    money = money_of_project(project)
    return {
        "milestones": list(project.milestones.all()),
        "allocated": money["allocated"],
        "spent": money["spent"],
        "followers": followers_of(project),
        "following": bool(
            participant
            and ProjectFollower.objects.filter(project=project, participant=participant).exists()
        ),
    }


def submit_project(page, request):
    """Submit a project while the round's phase allows it (staff: at any time)."""
    participant = participant_of(request)
    staff = rules.may_review(request.user, page)
    if participant is None and not staff:
        return HttpResponseRedirect(_sign_in_url(request))
    decision = Decision(True) if staff else rules.may_submit(participant, page)
    status = 200
    if request.method == "POST" and decision.allowed:
        form = ProjectForm(page, request.POST, request.FILES)
        if not staff and (answer := limited(request, page, participant, "proposal")) is not None:
            return answer
        if form.is_valid():
            try:
                if staff:
                    project = services.create_project(request.user, page, form.cleaned_data)
                else:
                    project = services.submit_project(participant, page, form.cleaned_data)
            except services.ProjectRefused as refusal:
                return refused(request, page, refusal.decision, refusal.status)
            messages.success(request, _("Thank you. Your project is submitted."))
            return HttpResponseRedirect(project_path(page, project.pk))
        status = 400
    else:
        form = ProjectForm(page)
    if not decision.allowed:
        status = 403
    context = page.get_context(request)
    context.update(form=form, decision=decision, round_url=page.url)
    return TemplateResponse(
        request, "bokrao_blocks/budgeting/projects/project_form.html", context, status=status
    )


def area_plan_rows(page):
    """The round's projects outside the municipality's powers (R8), in the shape of the
    proposals' area-plan rows (proposals/exports.py), so the two read alike."""
    projects = list(
        listing.with_counts(listing.public_projects(page.translation_key))
        .filter(within_powers=False)
        .order_by("pk")
    )
    supports = exports._tallies(projects)
    names = {part.key: part.name for part in parts_of(page)}
    path = exports._call_path(page)
    return [
        {
            **dict.fromkeys(exports.AREA_PLAN_FIELDS, ""),
            "id": project.pk,
            "call": page.title,
            "url": path + page.reverse_subpage("project", args=[project.pk]),
            "title": project.title,
            "description": project.description,
            "area": names.get(project.part, ""),
            "status": project.review,
            "status_label": str(project.get_review_display()),
            "published_at": exports._date(project.created_at),
            "forwarded_at": None,
            "agency_answered_at": None,
            "supports": supports[project.pk]["total"],
            "supports_by_voter_group": supports[project.pk]["by_voter_group"],
            "supports_by_residence": supports[project.pk]["by_residence"],
        }
        for project in projects
    ]


def area_plan(page, request, data_format):
    if data_format not in exports.FORMATS:
        raise Http404("No such format")
    content, content_type, name = exports._encode(
        area_plan_rows(page),
        exports.AREA_PLAN_FIELDS,
        data_format,
        f"area-plan-{page.pk}",
        {"call": exports._about(page)},
    )
    answer = HttpResponse(content, content_type=content_type)
    answer["Content-Disposition"] = f'attachment; filename="{name}"'
    return answer

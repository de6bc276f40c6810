"""The public pages and actions of proposals (thin: parse, call a service, render).

The call page routes its addresses here (pb_pages ProposalIndexPage): the call with its
proposals, a proposal's page, the form, the similar-proposals hint and the open data.
Supporting and following are forms that post to their own addresses (urls.py).
"""

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theme.user_input import clean_user_text, parse_id

from .. import limits
from ..municipalities.services import municipality_of
from ..participants.choices import Residence, VoterGroup
from ..participants.rules import Decision
from ..participants.services import participant_of
from ..responses import limited, redirect_back, refused, wants_json
from ..tally import vote_tallies
from ..widgets.context import page_participation
from ..widgets.rules import source_page
from . import listing, rules, services
from .choices import PUBLIC_STATES, ProposalState
from .forms import ProposalForm
from .models import Follower, Proposal
from .thresholds import goal_for
from .widgets import _COMMENTS, comments_value, remember

S = ProposalState


def proposal_path(call, proposal_id):
    return call.url + call.reverse_subpage("proposal", args=[proposal_id])


def call_page(call, request):
    """The call: its text and widgets, and its proposals (filters, order, pages)."""
    context = call.get_context(request)
    filters = listing.Filters.from_query(request.GET, call)
    participant = participant_of(request)
    municipality = municipality_of(call)
    context.update(
        proposals=listing.call_list(call, filters, request.GET.get("page")),
        filters=filters,
        categories=call.category_choices(),
        areas=list(municipality.areas.order_by("name")) if municipality else [],
        states=listing.states_offered(),
        voter_groups=VoterGroup.choices,
        orders=listing.ProposalOrder.choices,
        may_submit=rules.may_submit(participant, call),
        new_url=call.url + call.reverse_subpage("new_proposal"),
        sign_in_url=f"{reverse('bokrao_sign_in')}?next={request.get_full_path()}",
        drafts=(
            list(
                Proposal.objects.filter(
                    consultation=call.translation_key,
                    participant=participant,
                    state__in=[S.DRAFT, S.SUBMITTED],
                ).order_by("-updated_at")
            )
            if participant
            else []
        ),
    )
    return TemplateResponse(request, call.get_template(request), context)


def _proposal_of(call, proposal_id, request, participant):
    """The proposal if this visitor may read it: the public, its author, or its reviewers."""
    proposal = (
        Proposal.objects.select_related("concerned_area", "participant", "agency", "merged_into")
        .filter(pk=proposal_id, consultation=call.translation_key)
        .first()
    )
    if proposal is None:
        raise Http404("No such proposal")
    # A merged one too: its page points to the one it was merged into.
    withheld = proposal.participant is not None and proposal.participant.blocked_at
    if proposal.state in PUBLIC_STATES and not withheld:
        return proposal
    if participant is not None and proposal.participant_id == participant.pk:
        return proposal
    if rules.may_review(request.user, proposal):
        return proposal
    raise Http404("No such proposal")


def _split(tally):
    """Supports by voter group and by inside/outside, in the choices' order, for the page."""
    groups = [
        (label, tally["by_group"].get(key, {}).get("support", 0))
        for key, label in VoterGroup.choices
    ]
    residence = [
        (label, tally["by_area"].get(key, {}).get("support", 0)) for key, label in Residence.choices
    ]
    unsaid = tally["by_area"].get("", {}).get("support", 0)
    if unsaid:
        residence.append((_("Not said"), unsaid))
    return groups, residence


def proposal_page(call, request, proposal_id):
    participant = participant_of(request)
    proposal = _proposal_of(call, proposal_id, request, participant)
    remember(call, proposal)
    counted = vote_tallies(call.translation_key, [proposal.widget_id], visitor=participant).get(
        proposal.widget_id
    ) or {"total": 0, "by_group": {}, "by_area": {}}
    by_group, by_residence = _split(counted)
    goal = goal_for(call, proposal)
    context = call.get_context(request)
    public = rules.is_public(proposal)
    if public:
        # Its comment thread: a comment widget of the call (widgets.py), rendered and
        # served like every widget of the page.
        value = comments_value(proposal)
        page_participation(call, request).include(proposal.widget_id, _COMMENTS, value)
        context["comments"] = _COMMENTS.bind(value)
    categories = dict(call.category_choices())
    context.update(
        proposal=proposal,
        public=public,
        category=categories.get(proposal.category, ""),
        supports=counted["total"],
        supported=bool(counted.get("mine")),
        by_group=by_group,
        by_residence=by_residence,
        goal=goal,
        progress=min(100, counted["total"] * 100 // goal) if goal else None,
        support_decision=rules.may_support(participant, proposal, call),
        following=bool(
            participant
            and Follower.objects.filter(proposal=proposal, participant=participant).exists()
        ),
        history=list(proposal.history.select_related("agency").exclude(to_state=S.DRAFT)),
        is_author=bool(participant and proposal.participant_id == participant.pk),
        may_edit=bool(participant and rules.may_edit(participant, proposal).allowed),
        edit_url=call.url + call.reverse_subpage("edit_proposal", args=[proposal.pk]),
        call_url=call.url,
        sign_in_url=f"{reverse('bokrao_sign_in')}?next={request.get_full_path()}",
        merged_into_url=(
            proposal_path(call, proposal.merged_into_id) if proposal.merged_into_id else ""
        ),
        subpage_path=call.reverse_subpage("proposal", args=[proposal.pk]),
    )
    return TemplateResponse(request, "bokrao_blocks/proposals/proposal_page.html", context)


def _similar(call, title, exclude_id=None):
    """Proposals like `title` (similar.py, from the search index; [] while it is not in)."""
    title = " ".join(clean_user_text(title).split())[:150]
    if len(title) < 3:
        return []
    try:
        from .similar import similar_proposals
    except ImportError:  # pragma: no cover  (the index of proposals is a later step)
        return []
    return similar_proposals(call, title, exclude_id=exclude_id)


def submit(call, request, proposal_id=None):
    """Write a proposal: save a draft, come back to it, submit it. Without JavaScript the
    similar proposals are shown once the draft is saved; with it, while typing."""
    participant = participant_of(request)
    if participant is None:
        return HttpResponseRedirect(f"{reverse('bokrao_sign_in')}?next={request.get_full_path()}")
    proposal = None
    if proposal_id is not None:
        proposal = Proposal.objects.filter(
            pk=proposal_id, consultation=call.translation_key, participant=participant
        ).first()
        if proposal is None:
            raise Http404("No such draft")
    decision = rules.may_submit(participant, call)
    if decision.allowed and proposal is not None:
        decision = rules.may_edit(participant, proposal)
    municipality = municipality_of(call)
    status = 200
    if request.method == "POST" and decision.allowed:
        form = ProposalForm(call, municipality, request.POST, request.FILES)
        if (answer := limited(request, call, participant, "proposal")) is not None:
            return answer
        if form.is_valid():
            submitting = "submit" in request.POST
            try:
                stored = services.save_proposal(
                    participant,
                    call,
                    {
                        **form.cleaned_data,
                        "remove_image": bool(request.POST.get("image-clear")),
                        "remove_document": bool(request.POST.get("document-clear")),
                    },
                    proposal=proposal,
                    submit=submitting,
                )
            except services.ProposalRefused as refusal:
                return refused(request, call, refusal.decision, refusal.status)
            if not submitting:
                messages.success(
                    request,
                    _("Your draft is saved. Only you can see it; submit it when it is ready."),
                )
                return HttpResponseRedirect(
                    call.url + call.reverse_subpage("edit_proposal", args=[stored.pk])
                )
            if stored.state == S.SUBMITTED:
                messages.success(
                    request,
                    _(
                        "Thank you. Your proposal is submitted; it is published once staff "
                        "have reviewed it."
                    ),
                )
            else:
                messages.success(request, _("Thank you. Your proposal is published."))
            return HttpResponseRedirect(proposal_path(call, stored.pk))
        status = 400
    elif proposal is not None:
        form = ProposalForm(
            call,
            municipality,
            initial={
                "title": proposal.title,
                "summary": proposal.summary,
                "description": proposal.description,
                "category": proposal.category,
                "concerned_area": proposal.concerned_area_id,
                "within_powers": proposal.within_powers,
            },
        )
    else:
        form = ProposalForm(call, municipality)
    if not decision.allowed:
        status = 403
    title = form["title"].value() or ""
    context = call.get_context(request)
    context.update(
        form=form,
        proposal=proposal,
        decision=decision,
        review_first=source_page(call).review_first,
        similar=_similar(call, title, proposal.pk if proposal else None) if proposal else [],
        similar_url=call.url + call.reverse_subpage("similar"),
        call_url=call.url,
        sign_in_url=f"{reverse('bokrao_sign_in')}?next={request.get_full_path()}",
        subpage_path=call.reverse_subpage("new_proposal"),
    )
    return TemplateResponse(
        request, "bokrao_blocks/proposals/proposal_form.html", context, status=status
    )


def similar(call, request):
    """JSON for the form's script: proposals of the municipality like the title typed."""
    exclude = parse_id(request.GET.get("exclude"))
    found = _similar(call, request.GET.get("q", ""), exclude)
    return JsonResponse({"results": found})


def open_data(call, request, data_format):
    from . import exports

    if data_format not in ("csv", "json"):
        raise Http404("No such format")
    content, content_type, filename = exports.open_data(call, data_format)
    return _download(content, content_type, filename)


def area_plan(call, request, data_format):
    from . import exports

    if data_format not in ("csv", "json"):
        raise Http404("No such format")
    content, content_type, filename = exports.area_plan(call, data_format)
    return _download(content, content_type, filename)


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _posted_proposal(request):
    """The proposal a form names, with its call page (live); 404 when either is not."""
    from theme.pages import live_page

    proposal = Proposal.objects.filter(pk=parse_id(request.POST.get("proposal"))).first()
    if proposal is None or not proposal.call_id:
        raise Http404("No such proposal")
    call = live_page(proposal.call_id)
    if call is None:
        raise Http404("No such proposal")
    # The page it was read on (its language), if the form says so and it is the same call.
    shown_on = live_page(parse_id(request.POST.get("page")))
    if shown_on is not None and shown_on.translation_key == call.translation_key:
        call = shown_on
    return proposal, call


@require_POST
def support(request):
    """Support a proposal, or take the support back: the plain form and the JSON endpoint."""
    proposal, call = _posted_proposal(request)
    participant = participant_of(request)
    withdrawing = bool(request.POST.get("withdraw"))
    try:
        if participant:
            limits.check("vote", participant.pk)
        if withdrawing:
            services.withdraw_support(participant, proposal, call)
            message = _("Your support was taken back.")
        else:
            services.support(participant, proposal, call)
            message = _(
                "Thank you for your support. You will be told when the municipality answers."
            )
    except limits.TooMany as too_many:
        return refused(request, call, Decision(False, str(too_many)), 429)
    except services.ProposalRefused as refusal:
        return refused(request, call, refusal.decision, refusal.status)
    if wants_json(request):
        return JsonResponse(
            {"ok": True, "message": message, "supports": services.supports_of(proposal).count()}
        )
    messages.success(request, message)
    return redirect_back(request, call)


@require_POST
def follow(request):
    proposal, call = _posted_proposal(request)
    participant = participant_of(request)
    if participant is None:
        return refused(
            request,
            call,
            Decision(False, _("Sign in to follow a proposal."), needs_sign_in=True),
            403,
        )
    if not rules.is_public(proposal):
        raise Http404("No such proposal")
    if request.POST.get("stop"):
        services.unfollow(participant, proposal)
        messages.success(request, _("You no longer follow this proposal."))
    else:
        services.follow(participant, proposal)
        messages.success(
            request, _("You follow this proposal: you are emailed when its status changes.")
        )
    return redirect_back(request, call)

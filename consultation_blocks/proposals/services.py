"""The actions on proposals: write and submit one, support it, answer it (its status,
with public history), forward it to the area plan, feature it, merge duplicates.

Views, the admin, the demo and the tests all call these. A proposal's supports are
votes on the widget `proposal.widget_id` of its call page, and its comments comments on
that widget: the vote and comment services store them, with the same snapshot of who
the participant is. Count-then-act (the threshold, a merge, a status move) locks the
proposal's row first (decision 015).
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from search.outbox import enqueue_many
from theme.user_input import clean_user_text

from ..municipalities.standing import settle_relation, standing
from ..participants.rules import Decision, Refused
from ..timing import now
from ..widgets import votes
from ..widgets.models import Vote
from ..widgets.rules import source_page
from . import rules
from .choices import ANSWER_REQUIRED, STAFF_STATES, TRANSITIONS, ProposalState
from .models import Agency, Follower, Proposal, StatusChange
from .thresholds import goal_for

S = ProposalState


class ProposalRefused(Refused):
    """Nothing was stored; `decision` says why (in the visitor's language).

    `status` is 403 when the person may not do this (now), 400 when what they sent is wrong.
    """


def _refuse(reason, status=400):
    return ProposalRefused(Decision(False, reason), status=status)


def _check(decision):
    if not decision.allowed:
        raise ProposalRefused(decision)


def _locked(proposal):
    """The proposal's row, locked until the transaction ends, as the database has it now."""
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _reindex(proposal_ids):
    enqueue_many("proposal", list(proposal_ids))


# Writing and submitting --------------------------------------------------------------

PROPOSAL_FIELDS = [
    "title",
    "summary",
    "description",
    "category",
    "concerned_area",
    "within_powers",
    "image",
    "document",
]


def save_proposal(participant, call, fields, proposal=None, submit=False, at=None):
    """Store the author's proposal: a new draft, or their draft changed; with `submit`,
    send it on (published at once, or to review first, as the call says).

    `fields` are a ProposalForm's cleaned data (forms.py has checked every field and
    re-encoded the image); an image or document of None keeps what the draft had.
    """
    _check(rules.may_submit(participant, call, at))
    if proposal is not None:
        _check(rules.may_edit(participant, proposal))
    with transaction.atomic():
        if proposal is None:
            proposal = Proposal(
                consultation=call.translation_key,
                widget="call",
                call=call,
                language=call.locale.language_code,
            )
            settle_relation(participant, call)
            proposal.take_snapshot(standing(participant, call))
        else:
            proposal = _locked(proposal)
            if proposal.state != S.DRAFT:
                raise _refuse(_("A submitted proposal cannot be changed any more."), 403)
        for name in PROPOSAL_FIELDS:
            if name in ("image", "document") and not fields.get(name):
                if fields.get(f"remove_{name}"):
                    setattr(proposal, name, "")
                continue
            if name in fields:
                setattr(proposal, name, fields[name])
        proposal.save()
        Follower.objects.get_or_create(proposal=proposal, participant=participant)
        if submit:
            source = source_page(call)
            _move(proposal, S.SUBMITTED if source.review_first else S.PUBLISHED, at=at)
        _reindex([proposal.pk])
    return proposal


# Supports ---------------------------------------------------------------------------


def support(participant, proposal, call, at=None, entered_by=None, place=""):
    """`participant` supports `proposal` (once: a second support changes nothing).

    Under the proposal's lock: the threshold is counted after the support is stored, so
    of parallel supports exactly one finds the proposal crossing it, marks it and tells
    staff.
    """
    _check(rules.may_support(participant, proposal, call, at))
    with transaction.atomic():
        proposal = _locked(proposal)
        _check(rules.may_support(participant, proposal, call, at))
        try:
            votes.store_vote(
                participant,
                call,
                proposal.widget_id,
                rules.support_block(),
                rules.support_settings(call),
                ["support"],
                entered_by=entered_by,
                place=place,
                at=at,
            )
        except votes.VoteRefused as refusal:
            raise ProposalRefused(refusal.decision, refusal.status) from refusal
        Follower.objects.get_or_create(proposal=proposal, participant=participant)
        _mark_threshold(proposal, call, at)
        _reindex([proposal.pk])
    return proposal


def withdraw_support(participant, proposal, call, at=None):
    """Take back `participant`'s support while supporting is open. True if there was one."""
    _check(rules.may_support(participant, proposal, call, at))
    with transaction.atomic():
        proposal = _locked(proposal)
        # As the database has it now: staff may have answered it in between.
        _check(rules.may_support(participant, proposal, call, at))
        removed = votes.remove_vote(participant, call, proposal.widget_id)
        # Reaching the threshold is a fact of the past: withdrawing does not unmark it.
        _reindex([proposal.pk])
    return removed


def supports_of(proposal):
    return Vote.objects.filter(consultation=proposal.consultation, widget=proposal.widget_id)


def _mark_threshold(proposal, call, at=None):
    """Mark the (locked) proposal when its supports reach the goal, and tell staff."""
    if proposal.threshold_reached_at is not None:
        return
    goal = goal_for(call, proposal)
    if goal is None or supports_of(proposal).count() < goal:
        return
    proposal.threshold_reached_at = at or now()
    Proposal.objects.filter(pk=proposal.pk).update(
        threshold_reached_at=proposal.threshold_reached_at
    )
    from .emails import tell_staff_threshold_reached

    transaction.on_commit(lambda: tell_staff_threshold_reached.enqueue(proposal.pk))


def follow(participant, proposal):
    try:
        with transaction.atomic():
            Follower.objects.get_or_create(proposal=proposal, participant=participant)
    except IntegrityError:
        pass  # a parallel click made it


def unfollow(participant, proposal):
    Follower.objects.filter(proposal=proposal, participant=participant).delete()


# Staff's answers --------------------------------------------------------------------


def _move(proposal, to_state, user=None, answer="", answered_as="", agency=None, at=None):
    """Move the (locked) proposal to `to_state`, keep the step in its history and email
    its followers. Only the moves of choices.TRANSITIONS."""
    if to_state not in TRANSITIONS[proposal.state]:
        raise _refuse(
            _("A proposal that is “%(from)s” cannot become “%(to)s”.")
            % {"from": proposal.get_state_display(), "to": S(to_state).label}
        )
    at = at or now()
    change = StatusChange.objects.create(
        proposal=proposal,
        from_state=proposal.state,
        to_state=to_state,
        answer=answer,
        answered_as=answered_as,
        agency=agency,
        by=user,
        at=at,
    )
    proposal.state = to_state
    updated = ["state", "updated_at"]
    if to_state == S.SUBMITTED:
        proposal.submitted_at = at
        updated.append("submitted_at")
    if to_state == S.PUBLISHED:
        if proposal.submitted_at is None:
            proposal.submitted_at = at
            updated.append("submitted_at")
        if proposal.published_at is None:
            proposal.published_at = at
            updated.append("published_at")
    if to_state == S.FORWARDED:
        proposal.outside_powers, proposal.agency, proposal.forwarded_at = True, agency, at
        updated += ["outside_powers", "agency", "forwarded_at"]
    proposal.save(update_fields=updated)
    if user is not None:
        # The author's own submitting is not news to them; staff's answers are.
        from .emails import tell_followers

        transaction.on_commit(lambda: tell_followers.enqueue(change.pk))
    return change


def _clean_answer(text, limit=4000):
    text = clean_user_text(text or "").replace("\r\n", "\n").strip()
    if len(text) > limit:
        raise _refuse(
            _("The answer is %(length)d characters long; the limit is %(limit)d.")
            % {"length": len(text), "limit": limit}
        )
    return text


def agencies_for(municipality_id):
    """The agencies a municipality's staff may forward to: its own and the platform's."""
    from django.db.models import Q

    return Agency.objects.filter(Q(municipality_id=municipality_id) | Q(municipality=None))


def change_state(user, proposal, to_state, answer="", answered_as="", agency=None, at=None):
    """Staff answer a proposal: move it to `to_state` with an official answer given as a
    role. Rejecting, forwarding and hiding need an answer; forwarding needs an agency."""
    if not rules.may_review(user, proposal):
        raise ProposalRefused(
            Decision(False, _("You do not review the proposals of this municipality.")), 403
        )
    # Drafting and submitting are the author's (save_proposal), not staff's moves.
    if to_state not in STAFF_STATES:
        raise _refuse(_("Choose a status."))
    answer = _clean_answer(answer)
    answered_as = " ".join(clean_user_text(answered_as or "").split())[:150]
    if to_state in ANSWER_REQUIRED and not answer:
        raise _refuse(_("Write the official answer: it is shown with the new status."))
    if answer and not answered_as:
        raise _refuse(_("Say which office answers (a role, not a person's name)."))
    if to_state == S.FORWARDED:
        if agency is None:
            raise _refuse(_("Choose the agency the proposal goes to."))
        if not agencies_for(proposal.municipality_id).filter(pk=agency.pk).exists():
            raise _refuse(_("This agency is not on the municipality's list."))
    elif agency is not None:
        agency = None
    with transaction.atomic():
        locked = _locked(proposal)
        if locked.merged_into_id is not None:
            raise _refuse(_("This proposal was merged into another: answer that one."))
        if locked.state == S.DRAFT:
            # TRANSITIONS lets a draft be published: by its author, when they submit it.
            raise _refuse(
                _("This proposal is still its author's draft: it can be answered once submitted.")
            )
        change = _move(locked, to_state, user, answer, answered_as, agency, at)
        _reindex([locked.pk])
    proposal.refresh_from_db()
    return change


def record_agency_answer(user, proposal, answer, at=None):
    """The agency's later answer to a forwarded proposal, shown on its page."""
    if not rules.may_review(user, proposal):
        raise ProposalRefused(
            Decision(False, _("You do not review the proposals of this municipality.")), 403
        )
    answer = _clean_answer(answer)
    if not answer:
        raise _refuse(_("Write the agency's answer."))
    with transaction.atomic():
        locked = _locked(proposal)
        if locked.state != S.FORWARDED:
            raise _refuse(_("Only a forwarded proposal has an agency's answer."))
        locked.agency_answer, locked.agency_answered_at = answer, at or now()
        locked.save(update_fields=["agency_answer", "agency_answered_at", "updated_at"])
        _reindex([locked.pk])
    proposal.refresh_from_db()
    return proposal


# Editors' curation ------------------------------------------------------------------


def feature(user, proposal, order=None):
    """Show `proposal` in "featured proposals" blocks, at `order` (lowest first; None:
    after the call's other featured proposals)."""
    if not rules.may_review(user, proposal):
        raise ProposalRefused(
            Decision(False, _("You do not curate this municipality's proposals."))
        )
    if not rules.is_public(proposal):
        raise _refuse(_("Only a published proposal can be featured."))
    if order is not None:
        # The order comes from a form's text: anything but a small number is refused.
        order = str(order).strip()
        if not (order.isascii() and order.isdigit() and int(order) <= 32767):
            raise _refuse(_("Give the order as a number from 0 to 32767."))
    with transaction.atomic():
        locked = _locked(proposal)
        # As the database has it now: a hide or a merge may have come in between.
        if not rules.is_public(locked):
            raise _refuse(_("Only a published proposal can be featured."))
        if order is None:
            last = (
                Proposal.objects.filter(
                    consultation=locked.consultation, featured_order__isnull=False
                )
                .exclude(pk=locked.pk)
                .order_by("-featured_order")
                .values_list("featured_order", flat=True)
                .first()
            )
            order = 0 if last is None else min(last + 1, 32767)
        locked.featured_order = int(order)
        locked.save(update_fields=["featured_order", "updated_at"])
    proposal.featured_order = locked.featured_order
    return proposal


def unfeature(user, proposal):
    if not rules.may_review(user, proposal):
        raise ProposalRefused(
            Decision(False, _("You do not curate this municipality's proposals."))
        )
    Proposal.objects.filter(pk=proposal.pk).update(featured_order=None)
    proposal.featured_order = None
    return proposal


def merge(user, duplicate, survivor, at=None):
    """`duplicate` is the same proposal as `survivor`: it points there from now on, and
    its supporters and followers count for the survivor, each person once."""
    if duplicate.pk == survivor.pk:
        raise _refuse(_("A proposal cannot be merged into itself."))
    if not (rules.may_review(user, duplicate) and rules.may_review(user, survivor)):
        raise ProposalRefused(Decision(False, _("You do not review these proposals.")))
    if duplicate.consultation != survivor.consultation:
        raise _refuse(_("Only proposals of the same call can be merged."))
    with transaction.atomic():
        # Both rows, in one order whoever merges, so that two merges cannot deadlock.
        locked = {
            found.pk: found
            for found in Proposal.objects.select_for_update()
            .filter(pk__in=[duplicate.pk, survivor.pk])
            .order_by("pk")
        }
        duplicate, survivor = locked[duplicate.pk], locked[survivor.pk]
        if duplicate.merged_into_id or survivor.merged_into_id:
            raise _refuse(_("One of these proposals was already merged."))
        if not (rules.is_public(duplicate) and rules.is_public(survivor)):
            raise _refuse(_("Only published proposals can be merged."))
        theirs = supports_of(duplicate)
        already = supports_of(survivor).filter(participant__isnull=False).values("participant")
        moved_ids = list(theirs.exclude(participant__in=already).values_list("pk", flat=True))
        twice_ids = list(theirs.exclude(pk__in=moved_ids).values_list("pk", flat=True))
        Vote.objects.filter(pk__in=moved_ids).update(widget=survivor.widget_id)
        # Those who supported both: their support of the survivor is the one that counts.
        Vote.objects.filter(pk__in=twice_ids).delete()
        followed = Follower.objects.filter(proposal=survivor).values("participant")
        Follower.objects.filter(proposal=duplicate).exclude(participant__in=followed).update(
            proposal=survivor
        )
        duplicate.merged_into, duplicate.merged_at = survivor, at or now()
        duplicate.featured_order = None
        duplicate.save(update_fields=["merged_into", "merged_at", "featured_order", "updated_at"])
        enqueue_many("vote", moved_ids + twice_ids)
        call = survivor.call.specific if survivor.call_id else None
        if call is not None:
            _mark_threshold(survivor, call, at)
        _reindex([duplicate.pk, survivor.pk])
    return survivor


def call_of(proposal):
    """The call page a proposal was written on (its language's page)."""
    return proposal.call.specific if proposal.call_id else None

"""Who may do what with proposals, and when: the call's current phase says whether
submitting or supporting is open (pb_pages/phases/), the participant's standing in the
call's municipality whether they are eligible, the proposal's state whether it takes
supports. Staff's moves need the review permission in the proposal's municipality."""

from django.utils.translation import gettext as _

from ..participants.choices import VerificationLevel
from ..participants.rules import ALLOWED, Decision, may_act
from ..staff.municipalities import works_anywhere, works_for_id
from ..staff.permissions import REVIEW_PROPOSALS
from ..widgets import rules as widget_rules
from ..widgets.blocks import SupportBlock
from .choices import PUBLIC_STATES, SUPPORTABLE_STATES, ProposalState

REVIEW = REVIEW_PROPOSALS


class _Submitting(SupportBlock):
    """Submitting is a widget's action in time like any other: asked of the phases."""

    action = "submit"


_SUPPORT_BLOCK = SupportBlock()
_SUBMIT_BLOCK = _Submitting()


def support_block():
    return _SUPPORT_BLOCK


def _settings(level):
    return {
        "minimum_verification": str(int(level)),
        "voter_groups": [],
        "results": "live",
        "opens_at": None,
        "closes_at": None,
    }


def support_settings(call):
    source = widget_rules.source_page(call)
    return _settings(source.support_verification)


def may_submit(participant, call, at=None):
    """May `participant` submit a proposal on `call` now (the phase, their standing)?"""
    source = widget_rules.source_page(call)
    return widget_rules.may_take_part(
        participant, _SUBMIT_BLOCK, _settings(source.submit_verification), call, at
    )


def may_edit(participant, proposal):
    """The author finishes a draft; once submitted, a proposal is the municipality's."""
    acting = may_act(participant)
    if not acting.allowed:
        return acting
    if proposal.participant_id != participant.pk:
        return Decision(False, _("Only the author can change this proposal."))
    if proposal.state != ProposalState.DRAFT:
        return Decision(False, _("A submitted proposal cannot be changed any more."))
    return ALLOWED


def is_public(proposal):
    """Shown to everyone: published or answered, not merged away, and not withheld
    because its author is blocked (as their comments are: comments/moderation.py)."""
    if proposal.state not in PUBLIC_STATES or proposal.merged_into_id is not None:
        return False
    return proposal.participant_id is None or not proposal.participant.blocked_at


def may_support(participant, proposal, call, at=None):
    """May `participant` support (or withdraw their support of) `proposal` now?"""
    if proposal.merged_into_id is not None:
        return Decision(False, _("This proposal was merged into another: support that one."))
    if proposal.state not in PUBLIC_STATES:
        # A draft, one waiting for review or one hidden: not answered, not public.
        return Decision(
            False,
            _("This proposal is not published (%(state)s): it cannot be supported.")
            % {"state": proposal.get_state_display()},
        )
    if proposal.state not in SUPPORTABLE_STATES:
        return Decision(
            False,
            _("This proposal has been answered (%(state)s); it takes no more supports.")
            % {"state": proposal.get_state_display()},
        )
    return widget_rules.may_take_part(participant, _SUPPORT_BLOCK, support_settings(call), call, at)


def supporter_level_needed(call):
    return VerificationLevel(int(widget_rules.source_page(call).support_verification))


def may_review(user, proposal):
    """Staff of the proposal's municipality who review, answer and feature proposals."""
    if not (user and user.is_active):
        return False
    if user.is_superuser:
        return True
    return user.has_perm(REVIEW) and works_for_id(user, proposal.municipality_id, REVIEW)


def may_review_anywhere(user):
    if not (user and user.is_active):
        return False
    return user.is_superuser or (user.has_perm(REVIEW) and works_anywhere(user, REVIEW))

"""Who may do what with a round's projects, and when: the round's current phase says
whether submitting or supporting is open (pb_pages/phases/kinds.py), the participant's
standing whether they are eligible (the round's submit_/support_verification), the
project's review whether it takes supports, and its group of parts how many supports
one person has. Staff's review, moves and shortlist are budgeting.rules.may_manage's.

Submitting and supporting are asked of the phases exactly as a proposal's are: the same
widget blocks (proposals/rules.py), with the round's verification levels."""

from django.utils.translation import gettext as _

from ...participants.rules import ALLOWED, Decision
from ...proposals.rules import _SUBMIT_BLOCK, _settings, support_block
from ...widgets import rules as widget_rules
from .. import phases
from ..choices import Review
from ..rules import may_manage


def support_settings(page):
    return _settings(widget_rules.source_page(page).support_verification)


def may_submit(participant, page, at=None):
    """May `participant` submit a project to the round `page` now?"""
    source = widget_rules.source_page(page)
    return widget_rules.may_take_part(
        participant, _SUBMIT_BLOCK, _settings(source.submit_verification), page, at
    )


def is_public(project):
    """Shown to everyone: every project of the round (staff review in the open), except
    one whose author is blocked (withheld, as their comments are)."""
    return project.participant_id is None or not project.participant.blocked_at


def may_support(participant, project, page, at=None):
    """May `participant` support (or withdraw their support of) `project` now? The limit
    of the project's group is counted by services.support, under the participant's lock."""
    if project.review == Review.UNFEASIBLE:
        return Decision(False, _("This project was found not feasible: it takes no supports."))
    if not is_public(project):
        return Decision(False, _("This project is not shown: it cannot be supported."))
    settings = support_settings(page)
    return widget_rules.may_take_part(participant, support_block(), settings, page, at)


def within_support_limit(part, already):
    """May one more project of `part`'s group be supported by someone who supports
    `already` projects of that group? A part outside any group, or a group without a
    limit, takes any number."""
    limit = part.supports_per_person if part is not None else None
    if not limit or already < limit:
        return ALLOWED
    if part.group_name:
        reason = _(
            "You already support %(count)d projects in “%(group)s”, the most one person "
            "may. Withdraw a support there to support this one."
        ) % {"count": already, "group": part.group_name}
    else:
        reason = _(
            "You already support %(count)d projects, the most one person may. Withdraw "
            "a support to support this one."
        ) % {"count": already}
    return Decision(False, reason)


def may_review(user, page):
    """Staff who review the round's projects, move them, create them and shortlist."""
    return may_manage(user, page)


def balloting(page, at=None):
    """A change now takes the project off ballots already holding it."""
    return phases.is_current(page, phases.BALLOT, at)


def may_take_part_in_supports(participant, page, at=None):
    """Is supporting open to `participant` now (whatever project)?"""
    return widget_rules.may_take_part(
        participant, support_block(), support_settings(page), page, at
    )

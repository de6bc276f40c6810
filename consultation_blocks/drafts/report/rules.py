"""Who answers a hearing and publishes its report: the editors of the draft's
municipality, who answer citizens' proposals too (staff/permissions.py's
REVIEW_PROPOSALS, given to every municipality's editors group), and who may edit the
draft page itself (so that one section's editors do not answer another's drafts)."""

from ...staff.municipalities import works_anywhere, works_on
from ...staff.permissions import REVIEW_PROPOSALS

RESPOND = REVIEW_PROPOSALS


def _holds(user):
    return bool(user and user.is_active and (user.is_superuser or user.has_perm(RESPOND)))


def may_respond(user, page):
    if not _holds(user):
        return False
    if user.is_superuser:
        return True
    return works_on(user, page, RESPOND) and page.permissions_for_user(user).can_edit()


def may_respond_anywhere(user):
    return _holds(user) and works_anywhere(user, RESPOND)

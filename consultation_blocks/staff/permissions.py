"""Every staff permission of the participation app, in one place.

Each is a Django permission that an administrator gives a group in Wagtail's group
editor; a superuser has them all. Views, menus and buttons ask these functions, never
the permission strings.

A permission holds in the municipalities the group works for (staff/municipalities.py):
`may_moderate(user)` says whether the user moderates anywhere (the menu item, the
queue), `may_moderate_on(user, page)` whether they moderate that page's comments.
"""

from django.contrib.auth.models import Permission

from .municipalities import works_anywhere, works_for_id, works_on

APP = "bokrao_blocks"
# Moderators: the moderation queue, and comments in every state in staff search.
MODERATE = f"{APP}.change_comment"
# Office and meeting staff: enter what people said on site (R9).
ENTER_ON_SITE = f"{APP}.add_vote"
# The registry office: upload the resident register.
UPLOAD_REGISTER = f"{APP}.add_residentrecord"
# Whoever reads a consultation's participation report and its CSV: a permission of its
# own, and only for the pages the person works on (see may_see_report).
SEE_REPORTS = f"{APP}.view_participation_report"
# A municipality's office: its details, its areas (and, with MODERATE, its moderation rules).
CHANGE_MUNICIPALITY = f"{APP}.change_municipality"
# Editors: review, answer, forward, feature and merge citizens' proposals (proposals/rules.py).
REVIEW_PROPOSALS = f"{APP}.review_proposal"


def _has(user, permission):
    return bool(user and user.is_active and (user.is_superuser or user.has_perm(permission)))


def _anywhere(user, permission):
    return _has(user, permission) and works_anywhere(user, permission)


def _on(user, page, permission):
    return _has(user, permission) and works_on(user, page, permission)


def may_moderate(user):
    """Moderates the comments of some municipality (which: contributions_for)."""
    return _anywhere(user, MODERATE)


def may_moderate_on(user, page):
    return _on(user, page, MODERATE)


def may_unblock(user, participant):
    """A block is platform-wide and made from a comment (moderation.block): the
    moderators of that comment's municipality lift it, or a superuser. A block made
    without a comment (by a command, before municipalities): a superuser only."""
    if not may_moderate(user):
        return False
    if user.is_superuser:
        return True
    from ..comments.models import ModerationAction

    last = (
        ModerationAction.objects.filter(
            participant=participant, action=ModerationAction.Action.BLOCK
        )
        .order_by("-created_at", "-pk")
        .values_list("comment__municipality", flat=True)
        .first()
    )
    return last is not None and works_for_id(user, last, MODERATE)


def may_enter_on_site(user):
    return _anywhere(user, ENTER_ON_SITE)


def may_enter_on_site_on(user, page):
    return _on(user, page, ENTER_ON_SITE)


def may_upload_register(user):
    """Uploads the register of some municipality (which: municipalities_of)."""
    return _anywhere(user, UPLOAD_REGISTER)


def may_see_report(user, page):
    """The named permission, in the page's municipality, on that page: the staff member
    must also hold a page permission (add, edit, publish...) on the page or one of its
    ancestors, so that one section's editors do not read another's reports."""
    if not _on(user, page, SEE_REPORTS):
        return False
    if user.is_superuser:
        return True
    return bool(page.permissions_for_user(user).permissions)


def permissions_for_groups():
    """The permissions above, for Wagtail's group editor (register_permissions)."""
    codenames = [
        name.split(".", 1)[1]
        for name in (
            MODERATE,
            ENTER_ON_SITE,
            UPLOAD_REGISTER,
            SEE_REPORTS,
            CHANGE_MUNICIPALITY,
            REVIEW_PROPOSALS,
        )
    ]
    return Permission.objects.filter(content_type__app_label=APP, codename__in=codenames)

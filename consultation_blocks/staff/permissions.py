"""Every staff permission of the participation app, in one place.

Each is a Django permission that an administrator gives a group in Wagtail's group
editor; a superuser has them all. Views, menus and buttons ask these functions, never
the permission strings.
"""

from django.contrib.auth.models import Permission

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


def _has(user, permission):
    return bool(user and user.is_active and (user.is_superuser or user.has_perm(permission)))


def may_moderate(user):
    return _has(user, MODERATE)


def may_enter_on_site(user):
    return _has(user, ENTER_ON_SITE)


def may_upload_register(user):
    return _has(user, UPLOAD_REGISTER)


def may_see_report(user, page):
    """The named permission, on that page: the staff member must also hold a page
    permission (add, edit, publish...) on the page or one of its ancestors, so that one
    municipality's staff do not read another's reports."""
    if not _has(user, SEE_REPORTS):
        return False
    if user.is_superuser:
        return True
    return bool(page.permissions_for_user(user).permissions)


def permissions_for_groups():
    """The permissions above, for Wagtail's group editor (register_permissions)."""
    codenames = [
        name.split(".", 1)[1] for name in (MODERATE, ENTER_ON_SITE, UPLOAD_REGISTER, SEE_REPORTS)
    ]
    return Permission.objects.filter(content_type__app_label=APP, codename__in=codenames)

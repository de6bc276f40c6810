"""Round-wide rules: the round's settings hold together, and who on staff runs a round
(reviews projects, shortlists, counts, records the follow-up): the editors of its
municipality who answer proposals (REVIEW_PROPOSALS) and may edit the round page, as
for a hearing's report. Paper ballots are entered by whoever enters input on site."""

from django.utils.translation import gettext as _

from ..staff.municipalities import works_anywhere, works_on
from ..staff.permissions import ENTER_ON_SITE, REVIEW_PROPOSALS, may_enter_on_site_on
from .choices import BallotKind
from .parts import parts_problems

MANAGE = REVIEW_PROPOSALS


def _holds(user, permission=MANAGE):
    return bool(user and user.is_active and (user.is_superuser or user.has_perm(permission)))


def may_manage(user, page):
    """Reviews, shortlists, counts and follows up the round `page`."""
    if not _holds(user):
        return False
    if user.is_superuser:
        return True
    return works_on(user, page, MANAGE) and page.permissions_for_user(user).can_edit()


def may_manage_anywhere(user):
    return _holds(user) and works_anywhere(user, MANAGE)


def may_enter_paper_ballots(user, page):
    return may_enter_on_site_on(user, page)


def may_enter_paper_ballots_anywhere(user):
    return _holds(user, ENTER_ON_SITE) and works_anywhere(user, ENTER_ON_SITE)


def round_settings_problems(page):
    """{field: message} of what is wrong with a round's settings, for the page form."""
    from ..municipalities.models import Area
    from ..municipalities.services import municipality_of
    from .parts import _walk

    problems = {}
    if not page.total_money:
        problems["total_money"] = _("Give the round's money in baht.")
    if page.ballot_kind == BallotKind.APPROVAL and not page.approval_limit:
        problems["approval_limit"] = _("Say how many projects one ballot may hold.")
    if page.minimum_spend_percent is not None and page.minimum_spend_percent > 100:
        problems["minimum_spend_percent"] = _("A percentage is at most 100.")
    if (
        page.minimum_projects is not None
        and page.maximum_projects is not None
        and page.minimum_projects > page.maximum_projects
    ):
        problems["minimum_projects"] = _("The fewest projects cannot be more than the most.")
    parts = list(_walk(page))
    # A page not yet in the tree (the editor's first save) has no municipality to check
    # its areas against; the next save checks them.
    municipality = municipality_of(page) if page.path else None
    areas = dict(
        Area.objects.filter(pk__in=[part.area_id for part in parts if part.area_id]).values_list(
            "pk", "municipality_id"
        )
    )
    found = parts_problems(
        parts, page.total_money, municipality.pk if municipality else None, areas
    )
    if found:
        problems["parts"] = " ".join(found)
    return problems

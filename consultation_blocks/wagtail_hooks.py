"""What the participation app adds to the Wagtail admin. The views are staff/'s (and
proposals/admin_views.py's, whose rule is proposals/rules.py's may_review); who may see
each one is staff/permissions.py's: a menu item shows when the user has its
permission in some municipality they work for, a page's buttons when they have it in
that page's municipality (a superuser: always)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import ListingButton

from .budgeting.ballots import admin_views as ballot_admin
from .budgeting.counting import admin_views as count_admin
from .budgeting.implementation import admin_views as follow_up_admin
from .budgeting.overview import admin_views as overview_admin
from .budgeting.projects import admin_views as project_admin
from .budgeting.rules import may_enter_paper_ballots, may_manage
from .drafts import admin_views as draft_admin
from .drafts.report import wagtail_hooks as hearing_hooks  # noqa: F401  (registers its own)
from .municipalities import admin_views as municipality_admin
from .proposals import admin_views as proposal_admin
from .proposals import agency_admin
from .staff import moderation_views, on_site_views, register_views, reports
from .staff.permissions import (
    may_enter_on_site_on,
    may_see_report,
    permissions_for_groups,
)
from .staff.second_factor import hooks as second_factor_hooks  # noqa: F401  (registers its own)
from .widgets.blocks import page_widgets


@hooks.register("register_admin_urls")
def admin_urls():
    return [
        path("bokrao/report/<int:page_id>/", reports.report_view, name="bokrao_report"),
        path(
            "bokrao/budget/<int:round_id>/projects/",
            project_admin.review_view,
            name="bokrao_budget_review",
        ),
        path(
            "bokrao/budget/<int:round_id>/shortlist/",
            project_admin.shortlist_view,
            name="bokrao_budget_shortlist",
        ),
        path(
            "bokrao/drafts/<int:page_id>/versions/",
            draft_admin.versions_view,
            name="bokrao_draft_versions",
        ),
        path("bokrao/moderation/", moderation_views.queue_view, name="bokrao_moderation"),
        path(
            "bokrao/moderation/<int:comment_id>/",
            moderation_views.act_view,
            name="bokrao_moderate",
        ),
        path(
            "bokrao/resident-register/",
            register_views.upload_view,
            name="bokrao_resident_register",
        ),
        path("bokrao/on-site/<int:page_id>/", on_site_views.entry_view, name="bokrao_on_site"),
        path(
            "bokrao/municipality/",
            municipality_admin.settings_view,
            name="bokrao_municipality_settings",
        ),
        path("bokrao/proposals/", proposal_admin.list_view, name="bokrao_proposals"),
        path(
            "bokrao/proposals/<int:proposal_id>/",
            proposal_admin.proposal_view,
            name="bokrao_proposal",
        ),
        path(
            "bokrao/proposals/<int:proposal_id>/<slug:action>/",
            proposal_admin.act_view,
            name="bokrao_proposal_act",
        ),
        path(
            "bokrao/proposals/report/<int:call_id>/",
            proposal_admin.report_view,
            name="bokrao_proposals_report",
        ),
        path(
            "bokrao/proposals/download/<slug:what>.<slug:data_format>",
            proposal_admin.download_view,
            name="bokrao_proposals_download",
        ),
        path("bokrao/agencies/", agency_admin.agencies_view, name="bokrao_agencies"),
        path(
            "bokrao/agencies/<int:agency_id>/",
            agency_admin.agencies_view,
            name="bokrao_agency",
        ),
    ]


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return moderation_views.ModerationMenuItem(
        _("Moderation"), reverse("bokrao_moderation"), icon_name="warning", order=250
    )


@hooks.register("register_admin_menu_item")
def proposals_menu_item():
    return proposal_admin.ProposalsMenuItem(
        _("Proposals"), reverse("bokrao_proposals"), icon_name="list-ul", order=260
    )


@hooks.register("register_settings_menu_item")
def resident_register_menu_item():
    return register_views.ResidentRegisterMenuItem(
        _("Resident register"),
        reverse("bokrao_resident_register"),
        name="resident-register",
        icon_name="group",
        order=900,
    )


@hooks.register("register_settings_menu_item")
def municipality_settings_menu_item():
    return municipality_admin.MunicipalitySettingsMenuItem(
        _("Municipality settings"),
        reverse("bokrao_municipality_settings"),
        name="municipality-settings",
        icon_name="site",
        order=890,
    )


@hooks.register("register_permissions")
def staff_permissions():
    # So an administrator can give each staff task to a group without making it admin.
    return permissions_for_groups()


def _has_widgets(page):
    specific = page.specific_deferred
    # A draft's paragraphs are widgets of their own (drafts/widgets.py).
    return hasattr(specific, "section_word") or bool(page_widgets(specific))


@hooks.register("register_page_listing_more_buttons")
def participation_buttons(page, user, next_url=None):
    if not _has_widgets(page):
        return
    if may_see_report(user, page):
        yield ListingButton(
            _("Participation report"), reverse("bokrao_report", args=[page.pk]), priority=60
        )
    if may_enter_on_site_on(user, page):
        yield ListingButton(
            _("Enter on-site participation"),
            reverse("bokrao_on_site", args=[page.pk]),
            priority=61,
        )


@hooks.register("register_page_listing_more_buttons")
def draft_buttons(page, user, next_url=None):
    if hasattr(page.specific_deferred, "section_word") and draft_admin.may_publish_versions(
        user, page
    ):
        yield ListingButton(
            _("Versions of the draft"),
            reverse("bokrao_draft_versions", args=[page.pk]),
            priority=58,
        )


@hooks.register("register_page_listing_more_buttons")
def budget_round_buttons(page, user, next_url=None):
    specific = page.specific_deferred
    if hasattr(specific, "ballot_kind") and project_admin.rules.may_review(user, specific):
        yield ListingButton(
            _("Review projects"), reverse("bokrao_budget_review", args=[page.pk]), priority=56
        )
        yield ListingButton(
            _("Choose the shortlist"),
            reverse("bokrao_budget_shortlist", args=[page.pk]),
            priority=57,
        )


# A round's staff screens: paper ballots, counting, follow-up, new projects (issue 14).


@hooks.register("register_admin_urls")
def budget_staff_urls():
    return [
        path(
            "bokrao/budget/<int:round_id>/paper-ballots/",
            ballot_admin.paper_view,
            name="bokrao_budget_paper",
        ),
        path(
            "bokrao/budget/<int:round_id>/counts/",
            count_admin.counts_view,
            name="bokrao_budget_counts",
        ),
        path(
            "bokrao/budget/<int:round_id>/follow-up/",
            follow_up_admin.selected_view,
            name="bokrao_budget_selected",
        ),
        path(
            "bokrao/budget/<int:round_id>/follow-up/<int:project_id>/",
            follow_up_admin.project_view,
            name="bokrao_budget_follow_up",
        ),
        path(
            "bokrao/budget/<int:round_id>/overview/",
            overview_admin.overview_view,
            name="bokrao_budget_overview",
        ),
        path(
            "bokrao/budget/<int:round_id>/export/<str:kind>.csv",
            overview_admin.export_view,
            name="bokrao_budget_export",
        ),
        path(
            "bokrao/budget/<int:round_id>/projects/new/",
            project_admin.new_project_view,
            name="bokrao_budget_new_project",
        ),
    ]


@hooks.register("register_page_listing_more_buttons")
def budget_round_staff_buttons(page, user, next_url=None):
    specific = page.specific_deferred
    if not hasattr(specific, "ballot_kind"):
        return
    if may_manage(user, specific):
        yield ListingButton(
            _("Add a project"),
            reverse("bokrao_budget_new_project", args=[page.pk]),
            priority=55,
        )
        yield ListingButton(
            _("Round overview"), reverse("bokrao_budget_overview", args=[page.pk]), priority=54
        )
        yield ListingButton(
            _("Count the round"), reverse("bokrao_budget_counts", args=[page.pk]), priority=63
        )
        yield ListingButton(
            _("Follow-up of selected projects"),
            reverse("bokrao_budget_selected", args=[page.pk]),
            priority=64,
        )
    if may_enter_paper_ballots(user, specific):
        yield ListingButton(
            _("Enter paper ballots"), reverse("bokrao_budget_paper", args=[page.pk]), priority=62
        )

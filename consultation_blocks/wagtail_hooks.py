from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import ListingButton

from . import moderation_admin, on_site, on_site_admin, register_admin, reports
from .widgets import WidgetBlock


@hooks.register("register_admin_urls")
def report_urls():
    return [path("bokrao/report/<int:page_id>/", reports.report_view, name="bokrao_report")]


@hooks.register("register_admin_urls")
def moderation_urls():
    return [
        path("bokrao/moderation/", moderation_admin.queue_view, name="bokrao_moderation"),
        path(
            "bokrao/moderation/<int:comment_id>/",
            moderation_admin.act_view,
            name="bokrao_moderate",
        ),
    ]


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return moderation_admin.ModerationMenuItem(
        _("Moderation"), reverse("bokrao_moderation"), icon_name="warning", order=250
    )


@hooks.register("register_admin_urls")
def resident_register_urls():
    return [
        path(
            "bokrao/resident-register/",
            register_admin.upload_view,
            name="bokrao_resident_register",
        )
    ]


@hooks.register("register_settings_menu_item")
def resident_register_menu_item():
    return register_admin.ResidentRegisterMenuItem(
        _("Resident register"),
        reverse("bokrao_resident_register"),
        name="resident-register",
        icon_name="group",
        order=900,
    )


@hooks.register("register_permissions")
def resident_register_permission():
    # So a group (the registry office's staff) can be allowed to upload the register.
    return register_admin.upload_permission()


@hooks.register("register_page_listing_more_buttons")
def report_button(page, user, next_url=None):
    body = getattr(page.specific_deferred, "body", None)
    if body and any(isinstance(child.block, WidgetBlock) for child in body):
        yield ListingButton(
            _("Participation report"), reverse("bokrao_report", args=[page.pk]), priority=60
        )


@hooks.register("register_permissions")
def moderation_permission():
    # So a group of moderators can be given the queue without being administrators.
    return Permission.objects.filter(
        content_type__app_label="bokrao_blocks", codename="change_comment"
    )


def _has_widgets(page):
    body = getattr(page.specific_deferred, "body", None)
    return bool(body) and any(isinstance(child.block, WidgetBlock) for child in body)


@hooks.register("register_admin_urls")
def on_site_urls():
    return [path("bokrao/on-site/<int:page_id>/", on_site_admin.entry_view, name="bokrao_on_site")]


@hooks.register("register_page_listing_more_buttons")
def on_site_button(page, user, next_url=None):
    if on_site.may_enter_on_site(user) and _has_widgets(page):
        yield ListingButton(
            _("Enter on-site participation"),
            reverse("bokrao_on_site", args=[page.pk]),
            priority=61,
        )


@hooks.register("register_permissions")
def on_site_permission():
    # So a group (office and meeting staff) can enter on-site participation.
    return on_site_admin.entry_permission()

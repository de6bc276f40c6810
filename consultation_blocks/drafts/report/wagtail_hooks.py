"""The hearing screen in the Wagtail admin: its addresses and a button on each draft
regulation page of the listing (for staff who may answer it: rules.may_respond).
Imported by the app's wagtail_hooks (Wagtail looks only there)."""

from django.apps import apps
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import ListingButton

from . import admin_views
from .rules import may_respond


@hooks.register("register_admin_urls")
def hearing_urls():
    return [
        path("bokrao/hearing/<int:page_id>/", admin_views.hearing_view, name="bokrao_hearing"),
        path(
            "bokrao/hearing/<int:page_id>/respond/",
            admin_views.respond_view,
            name="bokrao_hearing_respond",
        ),
        path(
            "bokrao/hearing/<int:page_id>/publish/",
            admin_views.publish_view,
            name="bokrao_hearing_publish",
        ),
    ]


@hooks.register("register_page_listing_more_buttons")
def hearing_button(page, user, next_url=None):
    draft_type = apps.get_model("bokrao_pages", "DraftRegulationPage")
    if page.specific_class is draft_type and may_respond(user, page):
        yield ListingButton(
            _("Hearing: answers and report"), reverse("bokrao_hearing", args=[page.pk]), priority=62
        )

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import ListingButton

from . import reports
from .widgets import WidgetBlock


@hooks.register("register_admin_urls")
def report_urls():
    return [path("bokrao/report/<int:page_id>/", reports.report_view, name="bokrao_report")]


@hooks.register("register_page_listing_more_buttons")
def report_button(page, user, next_url=None):
    body = getattr(page.specific_deferred, "body", None)
    if body and any(isinstance(child.block, WidgetBlock) for child in body):
        yield ListingButton(
            _("Participation report"), reverse("bokrao_report", args=[page.pk]), priority=60
        )

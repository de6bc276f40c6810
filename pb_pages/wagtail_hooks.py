"""What the page app adds to the Wagtail admin: the phases screen of a consultation, and
the "new municipality" screen under Settings."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import ListingButton

from . import municipality_views
from .phases import views as phases
from .phases.rules import may_steer_phases


@hooks.register("register_admin_urls")
def admin_urls():
    return [
        path("bokrao/phases/<int:page_id>/", phases.phases_view, name="bokrao_phases"),
        path(
            "bokrao/municipalities/new/",
            municipality_views.new_municipality_view,
            name="bokrao_new_municipality",
        ),
    ]


@hooks.register("register_page_listing_more_buttons")
def phases_button(page, user, next_url=None):
    specific = page.specific_deferred
    if hasattr(specific, "timeline") and may_steer_phases(user, page):
        yield ListingButton(_("Phases"), reverse("bokrao_phases", args=[page.pk]), priority=59)


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def new_municipality_menu_item():
    return SuperuserMenuItem(
        _("New municipality"),
        reverse("bokrao_new_municipality"),
        icon_name="site",
        order=150,
    )

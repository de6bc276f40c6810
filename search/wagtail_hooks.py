"""The admin: staff participation search, and a notice when page search runs on the
database (fallback mode)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from modelsearch.backends import get_search_backend
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import staff, views


def page_search_runs_on_database():
    """True unless Wagtail's default search backend is Elasticsearch or OpenSearch.

    Asks the backend itself: search.backends.engine also falls back to the database
    when its engine does not answer.
    """
    return not isinstance(get_search_backend(), ElasticsearchBaseSearchBackend)


class SearchFallbackPanel(Component):
    name = "bokrao_search_fallback"
    template_name = "bokrao_search/admin/fallback_panel.html"
    order = 50  # above Wagtail's panels: it explains every search result staff see


@hooks.register("construct_homepage_panels")
def show_search_fallback(request, panels):
    if page_search_runs_on_database():
        panels.append(SearchFallbackPanel())


@hooks.register("register_admin_urls")
def staff_search_urls():
    return [path("bokrao/search/", views.staff_search, name="bokrao_staff_search")]


class StaffSearchMenuItem(MenuItem):
    def is_shown(self, request):
        return staff.may_search_comments(request.user)


@hooks.register("register_admin_menu_item")
def staff_search_menu_item():
    return StaffSearchMenuItem(
        _("Participation search"),
        reverse("bokrao_staff_search"),
        name="participation-search",
        icon_name="search",
        order=260,  # next to Moderation (250)
    )

"""The admin tells staff when page search runs on the database (fallback mode)."""

from modelsearch.backends import get_search_backend
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from wagtail import hooks
from wagtail.admin.ui.components import Component


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

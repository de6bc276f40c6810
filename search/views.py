import logging

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import translation
from wagtail.admin.auth import user_passes_test

from theme.user_input import clean_user_text

from . import health, staff
from .conf import search_setting
from .engines import EngineUnavailable
from .index import ParticipationIndex
from .public import FACETS, search_participation
from .queries import pages_without_the_engine, search_pages
from .registry import site_municipality

log = logging.getLogger(__name__)
RESULTS_PER_PAGE = 20


def _page_number(request):
    page = request.GET.get("page", "1")
    # ASCII digits only ("²" and "٣" are no page number); past the last page: the last.
    if not (page.isascii() and page.isdigit()):
        return 1
    return max(1, min(int(page) if len(page) <= 6 else 500, 500))


def _link(request, **changes):
    """This search's URL with some parameters changed (None removes one), from page 1."""
    params = request.GET.copy()
    params.pop("page", None)
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    return f"?{params.urlencode()}"


# ?municipality=all: every municipality, also on a municipality's own hostname.
EVERY_MUNICIPALITY = "all"


def _add_facet_links(request, found, site_default):
    for name, facet in found.facets.items():
        cleared = EVERY_MUNICIPALITY if name == "municipality" and site_default else None
        facet["clear_url"] = _link(request, **{name: cleared})
        for option in facet["options"]:
            option["url"] = _link(request, **{name: option["key"]})


def _query(request):
    """The search box's text, without control characters (a NUL stops the database)."""
    return clean_user_text(request.GET.get("q")).strip()[:200]


def search(request):
    """Public search: the participation index; while the engine is down (or was, moments
    ago: search/health.py), pages found in the database with a notice. Never an error."""
    query = _query(request)
    language = translation.get_language()
    filters = {
        name: clean_user_text(request.GET[name])[:100] for name in FACETS if request.GET.get(name)
    }
    filters.setdefault("locale", language)
    # On a municipality's own hostname, its documents unless the visitor asks for all.
    site_default = site_municipality(request)
    if filters.get("municipality") == EVERY_MUNICIPALITY:
        del filters["municipality"]
    elif "municipality" not in filters and site_default is not None:
        filters["municipality"] = str(site_default)
    context = {"search_query": query, "filters": filters, "results": None, "engine_down": False}
    url = search_setting("URL")
    if url:
        try:
            found = health.call(
                url,
                lambda: search_participation(
                    ParticipationIndex(url), query, filters, language, _page_number(request)
                ),
            )
        except EngineUnavailable as error:
            log.warning("Participation search failed, using database search: %s", error)
            context["engine_down"] = True
        else:
            _add_facet_links(request, found, site_default)
            context["found"] = found
            return TemplateResponse(request, "bokrao_search/results.html", context)
    if query:
        context["results"] = _pages_from_the_database(request, query, language, context)
    return TemplateResponse(request, "bokrao_search/results.html", context)


def _pages_from_the_database(request, query, language, context):
    """Pages found without the participation index, a page of them evaluated here, so
    that a failure is answered here. Wagtail's default backend may be the engine too:
    when it is down, or fails now, the database's own search answers."""
    number = _page_number(request)
    if not context["engine_down"]:
        try:
            return _page_of(search_pages(query, language), number)
        except Exception as error:
            log.warning("Page search failed, using database search: %s", error)
            context["engine_down"] = True
    return _page_of(pages_without_the_engine(query, language), number)


def _page_of(matches, number):
    page = Paginator(matches, RESULTS_PER_PAGE).get_page(number)
    page.object_list = list(page.object_list)
    return page


@user_passes_test(staff.may_search_comments)
def staff_search(request):
    """Wagtail admin: comments in every moderation state and pages, with filters."""
    query = _query(request)
    filters = staff.clean_filters(request.GET)
    # The municipalities whose documents this staff member finds (None: all of them).
    scope = staff.scope_of(request.user)
    context = {
        "search_query": query,
        "filters": filters,
        "choices": {name: choices.choices for name, choices in staff.filter_choices().items()},
        "consultations": staff.consultation_choices(translation.get_language(), scope),
        "municipalities": staff.municipality_choices(request.user),
        "found": None,
        "engine_down": False,
        "no_engine": not search_setting("URL"),
    }
    if not context["no_engine"]:
        url = search_setting("URL")
        try:
            context["found"] = health.call(
                url,
                lambda: staff.search_for_staff(
                    ParticipationIndex(url), query, filters, _page_number(request), scope
                ),
            )
        except EngineUnavailable as error:  # the engine is down: say so, never a server error
            log.warning("Staff participation search failed: %s", error)
            context["engine_down"] = True
    return TemplateResponse(request, "bokrao_search/admin/staff_search.html", context)

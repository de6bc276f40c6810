import logging

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import translation
from wagtail.admin.auth import user_passes_test

from theme.user_input import clean_user_text

from . import staff
from .conf import search_setting
from .index import ParticipationIndex
from .public import FACETS, search_participation
from .queries import search_pages

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


def _add_facet_links(request, found):
    for name, facet in found.facets.items():
        facet["clear_url"] = _link(request, **{name: None})
        for option in facet["options"]:
            option["url"] = _link(request, **{name: option["key"]})


def _query(request):
    """The search box's text, without control characters (a NUL stops the database)."""
    return clean_user_text(request.GET.get("q")).strip()[:200]


def search(request):
    query = _query(request)
    language = translation.get_language()
    filters = {
        name: clean_user_text(request.GET[name])[:100] for name in FACETS if request.GET.get(name)
    }
    filters.setdefault("locale", language)
    context = {"search_query": query, "filters": filters, "results": None, "engine_down": False}
    if search_setting("URL"):
        try:
            found = search_participation(
                ParticipationIndex(), query, filters, language, _page_number(request)
            )
            _add_facet_links(request, found)
            context["found"] = found
            return TemplateResponse(request, "bokrao_search/results.html", context)
        except Exception as error:  # the engine is down: pages are still found in the database
            log.warning("Participation search failed, using page search: %s", error)
            context["engine_down"] = True
    if query:
        matches = search_pages(query, language)
        context["results"] = Paginator(matches, RESULTS_PER_PAGE).get_page(_page_number(request))
    return TemplateResponse(request, "bokrao_search/results.html", context)


@user_passes_test(staff.may_search_comments)
def staff_search(request):
    """Wagtail admin: comments in every moderation state and pages, with filters."""
    query = _query(request)
    filters = staff.clean_filters(request.GET)
    context = {
        "search_query": query,
        "filters": filters,
        "choices": {name: choices.choices for name, choices in staff.filter_choices().items()},
        "consultations": staff.consultation_choices(translation.get_language()),
        "found": None,
        "engine_down": False,
        "no_engine": not search_setting("URL"),
    }
    if not context["no_engine"]:
        try:
            context["found"] = staff.search_for_staff(
                ParticipationIndex(), query, filters, _page_number(request)
            )
        except Exception as error:  # the engine is down: say so, never a server error
            log.warning("Staff participation search failed: %s", error)
            context["engine_down"] = True
    return TemplateResponse(request, "bokrao_search/admin/staff_search.html", context)

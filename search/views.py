from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import translation

from .queries import search_pages

RESULTS_PER_PAGE = 20


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = None
    if query:
        matches = search_pages(query, translation.get_language())
        results = Paginator(matches, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "bokrao_search/results.html", {"search_query": query, "results": results}
    )

"""The public pages and actions of proposals (thin: parse, call a service, render)."""

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse

from . import listing


def call_page(call, request):
    """The call: its text and widgets, and its proposals (filters, order, pages)."""
    context = call.get_context(request)
    filters = listing.Filters.from_query(request.GET, call)
    context["proposals"] = listing.call_list(call, filters, request.GET.get("page"))
    context["filters"] = filters
    return TemplateResponse(request, call.get_template(request), context)


def _todo(*args, **kwargs):
    raise Http404


proposal_page = submit = similar = open_data = area_plan = _todo
_ = HttpResponse

"""The round page, a project's page, submitting a project, the area-plan export."""

from django.http import Http404
from django.template.response import TemplateResponse


def round_page(page, request):
    # The round's story as a consultation page; its projects come with issue 14's
    # projects step.
    return TemplateResponse(request, page.get_template(request), page.get_context(request))


def project_page(page, request, project_id):
    raise Http404


def submit_project(page, request):
    raise Http404


def area_plan(page, request, data_format):
    raise Http404

"""The round page, a project's page, submitting a project, the area-plan export."""

from django.http import Http404


def round_page(page, request):
    raise Http404  # built by issue 14's projects step


def project_page(page, request, project_id):
    raise Http404


def submit_project(page, request):
    raise Http404


def area_plan(page, request, data_format):
    raise Http404

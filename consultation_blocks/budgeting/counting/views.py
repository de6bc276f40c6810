"""The results page and the open data."""

from django.http import Http404


def results_page(page, request):
    raise Http404  # built by issue 14's counting step


def open_data(page, request, data_format):
    raise Http404

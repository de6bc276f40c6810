"""The ballot: the parts a participant may ballot in, and one part's ballot."""

from django.http import Http404


def ballot_overview(page, request):
    raise Http404  # built by issue 14's ballots step


def ballot_page(page, request, part):
    raise Http404

"""How participation views answer: JSON for the script, a redirect with a message for
the plain form. Every view parses, calls a service and answers through these."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect, JsonResponse

from theme.pages import live_page
from theme.user_input import next_url, parse_id

from . import limits


def live_page_or_404(pk):
    """The live page a form names (its id, as sent), as its specific class
    (theme.pages.live_page); a 404 when it is no page id or no live page."""
    page = live_page(parse_id(pk))
    if page is None:
        raise Http404("No such page")
    return page


def back_to(request, page):
    """The form's `next` when it is a local URL of this site, otherwise the page."""
    return next_url(request, page.url or "/", from_query=False)


def redirect_back(request, page, fragment=""):
    """Back to where the form was, after the action is done or refused.

    A plain redirect to a URL: django.shortcuts.redirect would take a bare word for the
    name of a view and fail after the vote or comment was saved.
    """
    return HttpResponseRedirect(back_to(request, page) + fragment)


def wants_json(request):
    return request.headers.get("Accept", "").startswith("application/json")


def refused(request, page, decision, status):
    if wants_json(request):
        return JsonResponse(
            {
                "ok": False,
                "message": decision.reason,
                "remedy": decision.remedy,
                "remedy_url": decision.remedy_url,
            },
            status=status,
        )
    messages.error(request, " ".join(filter(None, [decision.reason, decision.remedy])))
    return redirect_back(request, page)


def limited(request, page, participant, action):
    """Per participant and per address: a clear message instead of the action."""
    try:
        limits.check(action, participant.pk)
        limits.check(f"{action}_ip", limits.client_address(request))
    except limits.TooMany as refused:
        if wants_json(request):
            return JsonResponse({"ok": False, "message": str(refused)}, status=429)
        messages.error(request, str(refused))
        return redirect_back(request, page)
    return None

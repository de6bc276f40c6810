"""How participation views answer: JSON for the script, a redirect with a message for
the plain form. Every view parses, calls a service and answers through these."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from theme.pages import live_page

from . import limits


def live_page_or_404(pk):
    """The live page a form names, as its specific class (theme.pages.live_page)."""
    page = live_page(pk)
    if page is None:
        raise Http404("No such page")
    return page


def back_to(request, page):
    target = request.POST.get("next") or page.url
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return page.url


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
    return redirect(back_to(request, page))


def limited(request, page, participant, action):
    """Per participant and per address: a clear message instead of the action."""
    try:
        limits.check(action, participant.pk)
        limits.check(f"{action}_ip", limits.client_address(request))
    except limits.TooMany as refused:
        if wants_json(request):
            return JsonResponse({"ok": False, "message": str(refused)}, status=429)
        messages.error(request, str(refused))
        return redirect(back_to(request, page))
    return None

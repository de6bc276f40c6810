from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from . import limits
from .services import NotAWidget, VoteRefused, cast_vote, participant_for, tally


def _back(request, page):
    target = request.POST.get("next") or page.url
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return page.url


def _wants_json(request):
    return request.headers.get("Accept", "").startswith("application/json")


@require_POST
def vote(request):
    """The no-JavaScript form and the JSON endpoint: parse, call the service, answer."""
    page = get_object_or_404(Page.objects.live().specific(), pk=request.POST.get("page"))
    widget_id = request.POST.get("widget", "")[:64]
    target = request.POST.get("target", "")[:64]
    participant = participant_for(request.user)
    try:
        if participant:
            limits.check("vote", participant.pk)
        cast_vote(
            participant,
            page,
            widget_id,
            [choice[:64] for choice in request.POST.getlist("choice")[:50]],
            target,
            other_text=request.POST.get("other", "")[:1000],
        )
    except limits.TooMany as refused:
        if _wants_json(request):
            return JsonResponse({"ok": False, "message": str(refused)}, status=429)
        messages.error(request, str(refused))
        return redirect(_back(request, page))
    except NotAWidget as error:
        raise Http404("No such widget") from error
    except VoteRefused as refused:
        if _wants_json(request):
            return JsonResponse(
                {
                    "ok": False,
                    "message": refused.decision.reason,
                    "remedy": refused.decision.remedy,
                },
                status=403,
            )
        messages.error(
            request, " ".join(filter(None, [refused.decision.reason, refused.decision.remedy]))
        )
        return redirect(_back(request, page))
    message = _("Your vote was saved. You can change it while voting is open.")
    if _wants_json(request):
        counted = tally(page.translation_key, widget_id, target)
        return JsonResponse({"ok": True, "message": message, "choices": counted["choices"]})
    messages.success(request, message)
    return redirect(_back(request, page))

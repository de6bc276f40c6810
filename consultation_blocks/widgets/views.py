from django.contrib import messages
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theme.user_input import clean_user_text

from .. import limits
from ..participants.services import participant_of
from ..responses import live_page_or_404, redirect_back, refused, wants_json
from ..tally import tally
from . import rules
from .blocks import NotAWidget, find_widget
from .votes import VoteRefused, cast_vote, withdraw_vote


@require_POST
def vote(request):
    """The no-JavaScript form and the JSON endpoint: parse, call the service, answer."""
    page = live_page_or_404(request.POST.get("page"))
    widget_id = clean_user_text(request.POST.get("widget"))[:64]
    anchor = clean_user_text(request.POST.get("anchor"))[:64]
    participant = participant_of(request)
    withdrawing = bool(request.POST.get("withdraw"))
    try:
        if participant:
            limits.check("vote", participant.pk)
        if withdrawing:
            withdraw_vote(participant, page, widget_id, anchor)
        else:
            cast_vote(
                participant,
                page,
                widget_id,
                [clean_user_text(choice)[:64] for choice in request.POST.getlist("choice")[:50]],
                anchor,
                other_text=clean_user_text(request.POST.get("other"))[:1000],
            )
    except limits.TooMany as too_many:
        if wants_json(request):
            return JsonResponse({"ok": False, "message": str(too_many)}, status=429)
        messages.error(request, str(too_many))
        return redirect_back(request, page)
    except NotAWidget as error:
        raise Http404("No such widget") from error
    except VoteRefused as refusal:
        return refused(request, page, refusal.decision, refusal.status)
    if withdrawing:
        message = _("Your answer was taken back. You can answer again while this is open.")
    else:
        message = _("Your vote was saved. You can change it while voting is open.")
    if wants_json(request):
        answer = {"ok": True, "message": message}
        block, value = find_widget(page, widget_id)
        if rules.results_visible(block, value, page, widget_id=widget_id):
            # Hidden results stay hidden here too: the reply carries counts only when
            # the page would show them.
            answer["choices"] = tally(page.translation_key, widget_id, anchor)["choices"]
        return JsonResponse(answer)
    messages.success(request, message)
    return redirect_back(request, page)

"""Following a selected project (R2) from its page: a plain POST form, so it works
without JavaScript; the page's script may send the same form asking for JSON."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.utils.translation import gettext as _

from ...participants.rules import Decision, may_act
from ...participants.services import participant_of
from ...responses import refused, wants_json
from ..projects.views import _project_of, _sign_in_url, project_path
from . import services


def follow_project(page, request, project_id):
    """Follow a selected project, or stop following it (`unfollow` in the form)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    project = _project_of(page, project_id)
    participant = participant_of(request)
    decision = may_act(participant)
    if not decision.allowed:
        if decision.needs_sign_in:
            decision = Decision(
                False,
                _("Sign in to follow this project."),
                decision.remedy,
                needs_sign_in=True,
                remedy_url=_sign_in_url(request),
            )
        return refused(request, page, decision, 403)
    if not project.selected:
        return refused(
            request,
            page,
            Decision(False, _("Only a project the round selected has a follow-up.")),
            400,
        )
    if request.POST.get("unfollow"):
        services.unfollow(participant, project)
        message = _("You no longer follow this project.")
    else:
        services.follow(participant, project)
        message = _("You follow this project: we will email you when its work moves on.")
    if wants_json(request):
        return JsonResponse(
            {"ok": True, "message": message, "followers": services.followers_of(project)}
        )
    messages.success(request, message)
    return HttpResponseRedirect(project_path(page, project.pk) + "#follow-up")

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from . import comments, limits
from .participants import CommentState, FlagReason
from .services import (
    NotAWidget,
    VoteRefused,
    cast_vote,
    participant_for,
    tally,
    withdraw_vote,
)


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
    withdrawing = bool(request.POST.get("withdraw"))
    try:
        if participant:
            limits.check("vote", participant.pk)
        if withdrawing:
            withdraw_vote(participant, page, widget_id, target)
        else:
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
                    "remedy_url": refused.decision.remedy_url,
                },
                status=403,
            )
        messages.error(
            request, " ".join(filter(None, [refused.decision.reason, refused.decision.remedy]))
        )
        return redirect(_back(request, page))
    if withdrawing:
        message = _("Your answer was taken back. You can answer again while this is open.")
    else:
        message = _("Your vote was saved. You can change it while voting is open.")
    if _wants_json(request):
        counted = tally(page.translation_key, widget_id, target)
        return JsonResponse({"ok": True, "message": message, "choices": counted["choices"]})
    messages.success(request, message)
    return redirect(_back(request, page))


def _refused(request, page, decision, status):
    if _wants_json(request):
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
    return redirect(_back(request, page))


def _limited(request, page, participant, action):
    """Per participant and per address: a clear message instead of the action."""
    try:
        limits.check(action, participant.pk)
        limits.check(f"{action}_ip", limits.client_address(request))
    except limits.TooMany as refused:
        if _wants_json(request):
            return JsonResponse({"ok": False, "message": str(refused)}, status=429)
        messages.error(request, str(refused))
        return redirect(_back(request, page))
    return None


@require_POST
def comment(request):
    """Post a comment or a reply: the no-JavaScript form and the JSON endpoint."""
    page = get_object_or_404(Page.objects.live().specific(), pk=request.POST.get("page"))
    participant = participant_for(request.user)
    if participant and (limited := _limited(request, page, participant, "comment")):
        return limited
    try:
        stored = comments.post_comment(
            participant,
            page,
            request.POST.get("widget", "")[:64],
            request.POST.get("text", ""),
            parent_id=_int(request.POST.get("parent")),
            anchor=request.POST.get("anchor", "")[:64],
        )
    except NotAWidget as error:
        raise Http404("No such widget") from error
    except comments.CommentRefused as refused:
        return _refused(request, page, refused.decision, 400 if participant else 403)
    if stored.state == CommentState.HELD:
        message = _("Thank you. Your comment waits for a moderator before it is shown.")
    else:
        message = _("Thank you. Your comment is published.")
    if _wants_json(request):
        stored.reactions = {"like": 0, "dislike": 0}
        html = render_to_string(
            "bokrao_blocks/widgets/comment.html",
            {
                "node": {"comment": stored, "children": []},
                "page": page,
                "participant": participant,
                "max_depth": comments.max_depth(),
                "flag_reasons": FlagReason.choices,
            },
            request=request,
        )
        return JsonResponse(
            {"ok": True, "id": stored.pk, "state": stored.state, "message": message, "html": html},
            status=201,
        )
    messages.success(request, message)
    return redirect(f"{_back(request, page)}#comment-{stored.pk}")


def _int(value):
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _comment_page(comment_id):
    from .models import Comment

    found = Comment.objects.filter(pk=comment_id).values_list("object_pk", flat=True).first()
    if found is None:
        raise Http404("No such comment")
    return get_object_or_404(Page.objects.live().specific(), pk=found)


@require_POST
def react(request, comment_id):
    """Up or down vote on a comment."""
    page = _comment_page(comment_id)
    participant = participant_for(request.user)
    if participant and (limited := _limited(request, page, participant, "react")):
        return limited
    try:
        counts = comments.react(participant, comment_id, request.POST.get("kind", ""))
    except comments.CommentRefused as refused:
        return _refused(request, page, refused.decision, 400 if participant else 403)
    if _wants_json(request):
        return JsonResponse({"ok": True, **counts})
    return redirect(f"{_back(request, page)}#comment-{comment_id}")


@require_POST
def flag(request, comment_id):
    """A participant reports a comment to the moderators, with a reason."""
    page = _comment_page(comment_id)
    participant = participant_for(request.user)
    if participant and (limited := _limited(request, page, participant, "flag")):
        return limited
    try:
        comments.flag(
            participant,
            comment_id,
            request.POST.get("reason", ""),
            request.POST.get("note", ""),
        )
    except comments.CommentRefused as refused:
        return _refused(request, page, refused.decision, 400 if participant else 403)
    message = _("Thank you. A moderator will look at this comment.")
    if _wants_json(request):
        return JsonResponse({"ok": True, "message": message})
    messages.success(request, message)
    return redirect(f"{_back(request, page)}#comment-{comment_id}")

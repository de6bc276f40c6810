from django.contrib import messages
from django.http import Http404, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theme.user_input import clean_user_text, parse_id

from ..conf import host_setting
from ..participants.rules import Decision
from ..participants.services import participant_of
from ..responses import limited, live_page_or_404, redirect_back, refused, wants_json
from ..widgets.blocks import NotAWidget, find_widget
from ..widgets.rules import results_visible
from . import services as comments
from .choices import CommentState, FlagReason
from .models import Comment


@require_POST
def comment(request):
    """Post a comment or a reply: the no-JavaScript form and the JSON endpoint."""
    page = live_page_or_404(request.POST.get("page"))
    parent = request.POST.get("parent", "")
    if parent and parse_id(parent) is None:
        # A reply to something that is no comment id: refused, not posted as a new thread.
        not_available = _("The comment you are replying to is not available.")
        return refused(request, page, Decision(False, not_available), 400)
    participant = participant_of(request)
    if participant and (answer := limited(request, page, participant, "comment")):
        return answer
    try:
        stored = comments.post_comment(
            participant,
            page,
            clean_user_text(request.POST.get("widget"))[:64],
            request.POST.get("text", ""),
            parent_id=parse_id(parent),
            anchor=clean_user_text(request.POST.get("anchor"))[:64],
            quote=request.POST.get("quote", "")[:1000],
        )
    except NotAWidget as error:
        raise Http404("No such widget") from error
    except comments.CommentRefused as refusal:
        return refused(request, page, refusal.decision, refusal.status)
    if stored.state == CommentState.HELD:
        message = _("Thank you. Your comment waits for a moderator before it is shown.")
    else:
        message = _("Thank you. Your comment is published.")
    if wants_json(request):
        stored.reactions = {"like": 0, "dislike": 0}
        html = render_to_string(
            "bokrao_blocks/widgets/comment.html",
            {
                "node": {"comment": stored, "children": []},
                "page": page,
                "participant": participant,
                "max_depth": comments.max_depth(),
                # The reply box the new comment carries has the widget's limit too.
                "max_length": host_setting("COMMENT_MAX_LENGTH"),
                "flag_reasons": FlagReason.choices,
            },
            request=request,
        )
        return JsonResponse(
            {"ok": True, "id": stored.pk, "state": stored.state, "message": message, "html": html},
            status=201,
        )
    messages.success(request, message)
    return redirect_back(request, page, f"#comment-{stored.pk}")


def _comment_page(comment_id):
    if parse_id(comment_id) is None:  # past the largest id: no such comment
        raise Http404("No such comment")
    found = Comment.objects.filter(pk=comment_id).values_list("object_pk", flat=True).first()
    if found is None:
        raise Http404("No such comment")
    return live_page_or_404(found)


@require_POST
def react(request, comment_id):
    """Up or down vote on a comment."""
    page = _comment_page(comment_id)
    participant = participant_of(request)
    if participant and (answer := limited(request, page, participant, "react")):
        return answer
    try:
        kind = clean_user_text(request.POST.get("kind"))
        counts = comments.react(participant, comment_id, kind)
    except comments.CommentRefused as refusal:
        return refused(request, page, refusal.decision, refusal.status)
    if wants_json(request):
        if not _results_shown(page, comment_id):
            # The page does not show this widget's comments yet, nor their counts.
            return JsonResponse({"ok": True})
        return JsonResponse({"ok": True, **counts})
    return redirect_back(request, page, f"#comment-{comment_id}")


def _results_shown(page, comment_id):
    """Does the public see the comments of this comment's widget now (its results)?"""
    widget_id = Comment.objects.filter(pk=comment_id).values_list("widget", flat=True).first()
    try:
        block, value = find_widget(page, widget_id)
    except NotAWidget:
        return False
    return results_visible(block, value, page, widget_id=widget_id)


@require_POST
def flag(request, comment_id):
    """A participant reports a comment to the moderators, with a reason."""
    page = _comment_page(comment_id)
    participant = participant_of(request)
    if participant and (answer := limited(request, page, participant, "flag")):
        return answer
    try:
        comments.flag(
            participant,
            comment_id,
            clean_user_text(request.POST.get("reason")),
            request.POST.get("note", ""),
        )
    except comments.CommentRefused as refusal:
        return refused(request, page, refusal.decision, refusal.status)
    message = _("Thank you. A moderator will look at this comment.")
    if wants_json(request):
        return JsonResponse({"ok": True, "message": message})
    messages.success(request, message)
    return redirect_back(request, page, f"#comment-{comment_id}")

"""The moderation queue in the Wagtail admin: held and flagged comments, oldest first,
then act with a reason; the other tabs list comments by state.

The views parse and call moderation.py; the same functions serve the tests.

A moderator sees and acts on the comments of the municipalities they moderate for
(staff/municipalities.py); the queue lists no other municipality's comment, and an
action on one by its id is refused (the admin's refusal) and does nothing. Blocking is
platform-wide (one person, one account), so only the moderators of the municipality
where the offending comment was posted block, from that comment; a block is lifted by
the moderators of the municipality that made it (may_unblock). A superuser does
everything.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import user_passes_test
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from ..comments import moderation
from ..comments.choices import CommentState, FlagReason
from ..comments.models import Comment, ModerationAction
from .municipalities import contributions_for, in_municipalities_of, works_for_id
from .permissions import MODERATE, may_moderate, may_unblock

PER_PAGE = 30


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return may_moderate(request.user)


class ActionForm(forms.Form):
    action = forms.ChoiceField(choices=ModerationAction.Action.choices)
    reason = forms.CharField(
        label=gettext_lazy("Reason"), max_length=300, required=False, strip=True
    )


def _pages(comments):
    ids = {int(comment.object_pk) for comment in comments if comment.object_pk.isdigit()}
    return {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}


def _flag_summary(comment):
    reasons = dict(FlagReason.choices)
    summary = []
    for flag in comment.flags.all():
        reason = getattr(flag, "reason", None)
        if reason is not None:
            summary.append(
                {"reason": reasons.get(reason.reason, reason.reason), "note": reason.note}
            )
    return summary


# The queue's own tabs; then one tab per state, newest first.
QUEUES = [moderation.REVIEW, moderation.FLAGGED, CommentState.HELD]


def _mine(user, comments):
    """The comments of the municipalities `user` moderates for."""
    return contributions_for(user, comments, MODERATE)


def _tabs(user):
    labels = {
        moderation.REVIEW: _("To review"),
        moderation.FLAGGED: _("Flagged"),
        **dict(CommentState.choices),
    }
    tabs = [
        {"key": key, "label": labels[key], "count": _mine(user, moderation.queue(key)).count()}
        for key in QUEUES
    ]
    tabs += [
        {"key": key, "label": label, "count": None}
        for key, label in CommentState.choices
        if key not in QUEUES
    ]
    return tabs


@user_passes_test(may_moderate)
def queue_view(request):
    state = request.GET.get("state", moderation.REVIEW)
    if state not in [*QUEUES, *CommentState.values]:
        state = moderation.REVIEW
    comments = _mine(
        request.user,
        moderation.queue(state)
        if state in QUEUES
        else Comment.objects.filter(state=state)
        .select_related("participant")
        .prefetch_related("flags__reason")
        .order_by("-submit_date", "-pk"),
    )
    page = Paginator(comments, PER_PAGE).get_page(request.GET.get("p"))
    pages = _pages(page.object_list)
    rows = [
        {
            "comment": comment,
            "page": pages.get(int(comment.object_pk)) if comment.object_pk.isdigit() else None,
            "flags": _flag_summary(comment),
        }
        for comment in page.object_list
    ]
    return TemplateResponse(
        request,
        "bokrao_blocks/admin/moderation.html",
        {
            "rows": rows,
            "page_obj": page,
            "state": state,
            "in_queue": state in QUEUES,
            "tabs": _tabs(request.user),
            # What was done to the comments of the moderator's municipalities, blocks
            # included (they are made from a comment).
            "log": ModerationAction.objects.filter(
                in_municipalities_of(request.user, "comment__municipality", MODERATE)
            ).select_related("moderator", "participant")[:20],
        },
    )


def _back(request):
    """Where the moderator came from (the queue's tab and page), if it is a local URL of
    this site; otherwise the queue. Never another site: that would be an open redirect."""
    back = request.POST.get("next", "")
    # A path of this site only: a view's name or a relative word is not a place to go.
    if back.startswith("/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return back
    return reverse("bokrao_moderation")


@user_passes_test(may_moderate)
@require_POST
def act_view(request, comment_id):
    comment = get_object_or_404(Comment.objects.select_related("participant"), pk=comment_id)
    if not works_for_id(request.user, comment.municipality_id, MODERATE):
        # Another municipality's comment: refused as the admin refuses, nothing done.
        raise PermissionDenied
    form = ActionForm(request.POST)
    back = _back(request)
    if not form.is_valid():
        messages.error(request, _("Choose an action."))
        return HttpResponseRedirect(back)
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    Action = ModerationAction.Action
    try:
        if action == Action.APPROVE:
            moderation.approve(request.user, comment, reason)
        elif action == Action.HIDE:
            moderation.hide(request.user, comment, reason)
        elif action == Action.RESTORE:
            moderation.restore(request.user, comment, reason)
        elif comment.participant is None:
            raise moderation.ModerationError(_("This comment's author deleted their account."))
        elif action == Action.BLOCK:
            moderation.block(request.user, comment.participant, reason, comment)
        else:
            if not may_unblock(request.user, comment.participant):
                raise moderation.ModerationError(
                    _(
                        "Another municipality blocked this person: its moderators or a "
                        "platform administrator can unblock them."
                    )
                )
            moderation.unblock(request.user, comment.participant, reason, comment)
    except moderation.ModerationError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(back)
    messages.success(request, _("Done: %(action)s.") % {"action": Action(action).label})
    return HttpResponseRedirect(back)

"""Moderation (R5): the rules that hold comments for review, and moderators' actions.

Every moderator action writes a ModerationAction row (who, when, why) in the same
transaction as the change, and queues the index update, so the public search and
the staff search follow at once.
"""

import re

from django.db import transaction
from django.utils.translation import gettext as _
from django_comments.models import CommentFlag

from search.outbox import enqueue

from ..participants import services as participants
from .choices import CommentState
from .models import Comment, ModerationAction, ModerationSettings

LINK = re.compile(r"(https?://|www\.)", re.IGNORECASE)


class ModerationError(Exception):
    pass


def banned_words(settings=None):
    settings = settings or ModerationSettings.load()
    return [line.strip() for line in settings.banned_words.splitlines() if line.strip()]


def _contains(text, word):
    # Thai has no spaces between words, so a Thai entry matches anywhere; a Latin one
    # matches as a whole word, so that "ass" does not hold every "class".
    if word.isascii():
        return re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE) is not None
    return word.casefold() in text.casefold()


def hold_reasons(participant, page, value, text):
    """Why a new comment should wait for review: an empty list publishes it."""
    settings = ModerationSettings.load()
    reasons = []
    if any(_contains(text, word) for word in banned_words(settings)):
        reasons.append(_("contains a word on the banned list"))
    if len(LINK.findall(text)) > settings.links_to_hold:
        reasons.append(_("has more than %(count)d links") % {"count": settings.links_to_hold})
    if (
        value.get("premoderate_first_post")
        and not participant.comments.filter(state=CommentState.PUBLISHED).exists()
    ):
        reasons.append(_("first comment of a new participant"))
    return reasons


def _set_state(comment, state, **fields):
    # A queryset update, not save(): django-comments-xtd's pre_save handler would
    # unpublish every reply to a hidden comment, silencing other people with it.
    Comment.objects.filter(pk=comment.pk).update(
        state=state,
        is_public=state != CommentState.HELD,
        is_removed=state == CommentState.HIDDEN,
        **fields,
    )
    enqueue("comment", comment.pk)
    comment.refresh_from_db()


def removal_flags(comment):
    return CommentFlag.objects.filter(comment=comment, flag=CommentFlag.SUGGEST_REMOVAL)


def hold_if_flagged(comment):
    """Hold a published comment once it has as many flags as the rules say."""
    limit = ModerationSettings.load().flags_to_hold
    count = removal_flags(comment).count()
    if comment.state == CommentState.PUBLISHED and count >= limit:
        _set_state(
            comment,
            CommentState.HELD,
            held_because=_("flagged by %(count)d participants") % {"count": count},
        )
        return True
    return False


def _log(moderator, action, reason="", comment=None, participant=None):
    return ModerationAction.objects.create(
        moderator=moderator,
        action=action,
        reason=reason,
        comment=comment,
        participant=participant if participant is not None else comment.participant,
    )


def approve(moderator, comment, reason=""):
    """Publish a held comment; its flags are dealt with, so they are cleared."""
    with transaction.atomic():
        _set_state(comment, CommentState.PUBLISHED, held_because="", moderation_reason="")
        removal_flags(comment).delete()
        return _log(moderator, ModerationAction.Action.APPROVE, reason, comment)


def hide(moderator, comment, reason):
    """Hide a comment; the public sees "hidden by a moderator" with `reason`."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ModerationError(_("Give a reason: it is shown in place of the comment."))
    with transaction.atomic():
        _set_state(comment, CommentState.HIDDEN, moderation_reason=reason[:300])
        return _log(moderator, ModerationAction.Action.HIDE, reason, comment)


def restore(moderator, comment, reason=""):
    with transaction.atomic():
        _set_state(comment, CommentState.PUBLISHED, moderation_reason="")
        return _log(moderator, ModerationAction.Action.RESTORE, reason, comment)


def block(moderator, participant, reason):
    """Stop a participant from taking part; what they already said stays as it is."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ModerationError(_("Give a reason: the participant is told it."))
    with transaction.atomic():
        participants.set_blocked(participant, reason)
        return _log(moderator, ModerationAction.Action.BLOCK, reason, participant=participant)


def unblock(moderator, participant, reason=""):
    with transaction.atomic():
        participants.clear_blocked(participant)
        return _log(moderator, ModerationAction.Action.UNBLOCK, reason, participant=participant)


def queue():
    """What waits for a moderator: held comments, oldest first, with their flags."""
    return (
        Comment.objects.filter(state=CommentState.HELD)
        .select_related("participant")
        .prefetch_related("flags__reason")
        .order_by("submit_date", "pk")
    )

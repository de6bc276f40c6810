"""Moderation (R5): the rules that hold comments for review, and moderators' actions.

Every moderator action writes a ModerationAction row (who, when, why) in the same
transaction as the change, and queues the index update, so the public search and
the staff search follow at once.
"""

import re

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django_comments.models import CommentFlag

from search.outbox import enqueue, enqueue_many

from ..municipalities.services import municipality_of
from ..participants import services as participants
from .choices import CommentState
from .models import Comment, ModerationAction, ModerationSettings, MunicipalModerationRules

LINK = re.compile(r"(https?://|www\.)", re.IGNORECASE)


class ModerationError(Exception):
    pass


def rules_for(municipality_id):
    """The moderation rules of a municipality: its own, or the platform's until it sets
    them (the platform's are edited in Settings, a municipality's by its staff)."""
    if municipality_id is not None:
        own = MunicipalModerationRules.objects.filter(municipality_id=municipality_id).first()
        if own is not None:
            return own
    return ModerationSettings.load()


def banned_words(rules):
    return [line.strip() for line in rules.banned_words.splitlines() if line.strip()]


def _contains(text, word):
    # Thai has no spaces between words, so a Thai entry matches anywhere; a Latin one
    # matches as a whole word, so that "ass" does not hold every "class".
    if word.isascii():
        return re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE) is not None
    return word.casefold() in text.casefold()


def hold_reasons(participant, page, value, text):
    """Why a new comment should wait for review, by the rules of the page's
    municipality: an empty list publishes it."""
    municipality = municipality_of(page)
    settings = rules_for(municipality.pk if municipality else None)
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


def _xtd_fields(state):
    """django-comments' own visibility flags, which follow `state`."""
    return {
        "is_public": state in (CommentState.PUBLISHED, CommentState.HIDDEN),
        "is_removed": state == CommentState.HIDDEN,
    }


def _set_state(comment, state, **fields):
    # A queryset update, not save(): django-comments-xtd's pre_save handler would
    # unpublish every reply to a hidden comment, silencing other people with it.
    Comment.objects.filter(pk=comment.pk).update(state=state, **_xtd_fields(state), **fields)
    enqueue("comment", comment.pk)
    comment.refresh_from_db()


def locked(comment):
    """The comment's row, fresh and locked to the end of the transaction.

    FOR NO KEY UPDATE: it waits for other moderation of this comment, not for a
    reaction being stored (a flag row's foreign key only takes a KEY SHARE lock). Of
    this table's row only (`self`): django-comments-xtd's manager joins the author's
    account with an outer join, which PostgreSQL will not lock, and the state read
    here lives in this table.
    """
    return Comment.objects.select_for_update(no_key=True, of=("self",)).get(pk=comment.pk)


def removal_flags(comment):
    return CommentFlag.objects.filter(comment=comment, flag=CommentFlag.SUGGEST_REMOVAL)


def _open_flags():
    return CommentFlag.objects.filter(comment=OuterRef("pk"), flag=CommentFlag.SUGGEST_REMOVAL)


def hold_if_flagged(comment):
    """Hold a published comment once it has as many flags as the rules say.

    The row is locked before the flags are counted: of parallel flags at the
    threshold, exactly one holds the comment, and the others find it held.
    """
    comment = locked(comment)
    limit = rules_for(comment.municipality_id).flags_to_hold
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


def _shown_state(comment):
    """Published, unless its author is blocked now: then withheld until they are unblocked.

    Locks the author's row, so that a block at the same moment cannot miss the comment.
    """
    if comment.participant_id is not None:
        if participants.locked(comment.participant).blocked_at:
            return CommentState.WITHHELD
    return CommentState.PUBLISHED


def approve(moderator, comment, reason=""):
    """Publish a held or flagged comment; its flags are dealt with, so they are cleared."""
    with transaction.atomic():
        state = _shown_state(comment)
        _set_state(comment, state, held_because="", moderation_reason="")
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
        _set_state(comment, _shown_state(comment), moderation_reason="")
        return _log(moderator, ModerationAction.Action.RESTORE, reason, comment)


def _move_comments(participant, from_state, to_state):
    """Move the participant's comments in `from_state` to `to_state`, and re-index them."""
    comments = Comment.objects.filter(participant=participant, state=from_state)
    moved = list(comments.values_list("pk", flat=True))
    comments.filter(pk__in=moved).update(state=to_state, **_xtd_fields(to_state))
    enqueue_many("comment", moved)
    # Their proposals are withheld and shown again with their comments (proposals/rules.py).
    from ..proposals.models import Proposal

    enqueue_many(
        "proposal", Proposal.objects.filter(participant=participant).values_list("pk", flat=True)
    )
    return moved


def block(moderator, participant, reason, comment=None):
    """Stop a participant from taking part and signing in; their published comments are
    withheld from the public (staff still read them) until they are unblocked.

    A participant is one person across the platform, and so is the block. A moderator
    blocks from one of the person's comments (`comment`, kept in the log): the admin lets
    only the moderators of that comment's municipality do so (staff/moderation_views.py)."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ModerationError(_("Give a reason: the participant is told it."))
    with transaction.atomic():
        participants.set_blocked(participant, reason)  # locks the participant's row first
        _move_comments(participant, CommentState.PUBLISHED, CommentState.WITHHELD)
        return _log(
            moderator, ModerationAction.Action.BLOCK, reason, comment, participant=participant
        )


def unblock(moderator, participant, reason="", comment=None):
    """Let the participant back in; the comments that blocking withheld are public again
    (those a moderator hid stay hidden). `comment`: the one it was done from, as block's."""
    with transaction.atomic():
        participants.clear_blocked(participant)  # locks the participant's row first
        _move_comments(participant, CommentState.WITHHELD, CommentState.PUBLISHED)
        return _log(
            moderator, ModerationAction.Action.UNBLOCK, reason, comment, participant=participant
        )


def flagged():
    """Published comments with open flags: public still, and in the moderation queue."""
    return Comment.objects.filter(Exists(_open_flags()), state=CommentState.PUBLISHED)


# What the moderation queue lists: held comments, flagged ones, or both.
REVIEW, FLAGGED = "review", "flagged"


def queue(which=REVIEW):
    """What waits for a moderator, oldest first, with its flags: held comments and
    published ones that someone flagged (`which` narrows to one of the two)."""
    held = Q(state=CommentState.HELD)
    reported = Q(Exists(_open_flags()), state=CommentState.PUBLISHED)
    waiting = {REVIEW: held | reported, FLAGGED: reported, CommentState.HELD: held}[which]
    return (
        Comment.objects.filter(waiting)
        .select_related("participant")
        .prefetch_related("flags__reason")
        .order_by("submit_date", "pk")
    )

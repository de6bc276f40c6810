"""The actions on comment widgets: post, reply, react, flag; and what a thread shows.

Threads, replies and reactions are django-comments-xtd's (its XtdComment tree and
CommentFlag rows); who may post, and when, are the same rules as for votes.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Q
from django.utils.html import escape, urlize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_comments.models import CommentFlag
from django_comments_xtd.models import DISLIKEDIT_FLAG, LIKEDIT_FLAG

from search.outbox import enqueue
from theme.compiled import (
    EXAMPLE_INT,
    EXAMPLE_INT_2,
    EXAMPLE_MOMENT,
    EXAMPLE_TEXT,
    EXAMPLE_UUID,
    CompiledQuery,
)
from theme.user_input import clean_user_text

from ..conf import host_setting
from ..municipalities.standing import settle_relation, standing
from ..participants import services as participants
from ..participants.rules import Decision, Refused, may_act
from ..timing import now
from ..widgets import rules
from ..widgets.blocks import CommentBlock, find_widget
from . import moderation
from .choices import SHOWN_IN_PLACE, CommentState, FlagReason
from .models import Comment, CommentFlagReason


class CommentRefused(Refused):
    """Nothing was stored; `decision` says why and what to do.

    `status` is 403 when the participant may not do this (now), 400 when what they sent
    is wrong (an empty or too long text, a comment or paragraph that is gone).
    """


def _refuse(reason, remedy=""):
    """Bad input: a 400 for the JSON endpoint."""
    return CommentRefused(Decision(False, reason, remedy), status=400)


def max_depth():
    """How many levels of replies a comment may have (django-comments-xtd's setting)."""
    return host_setting("COMMENTS_XTD_MAX_THREAD_LEVEL")


def clean_text(text):
    text = clean_user_text(text).replace("\r\n", "\n").strip()
    text = re.sub(r"\n{3,}", "\n\n", text)  # no walls of empty lines
    if not text:
        raise _refuse(_("Write your comment first."))
    limit = host_setting("COMMENT_MAX_LENGTH")
    if len(text) > limit:
        raise _refuse(
            _("Your comment is %(length)d characters long; the limit is %(limit)d.")
            % {"length": len(text), "limit": limit}
        )
    return text


def _comment_widget(page, widget_id):
    block, value = find_widget(page, widget_id)
    if not isinstance(block, CommentBlock):
        raise _refuse(_("Comments are not taken here."))
    return block, rules.rules_value(page, widget_id, value)


def _anchor_on(page, block, widget_id, anchor):
    """`anchor` if it names a part of the page (a paragraph, an item); else refuse."""
    if not anchor:
        return ""
    if block.names_part(page, widget_id, anchor):
        return anchor
    raise _refuse(_("This part of the page no longer exists. Reload the page and try again."))


def post_comment(
    participant,
    page,
    widget_id,
    text,
    parent_id=None,
    anchor="",
    entered_by=None,
    place="",
    at=None,
    quote="",
):
    """Store a comment or a reply; it is published, or held for review by the rules.

    A comment on a part of a text with versions (a draft's paragraph) records the
    version it was read in, and the words it `quote`s; a reply answers what its parent
    did."""
    block, value = _comment_widget(page, widget_id)
    decision = rules.may_take_part(participant, block, value, page, at)
    if not decision.allowed:
        raise CommentRefused(decision)
    text = clean_text(text)
    anchor = _anchor_on(page, block, widget_id, anchor)
    anchor_version = block.anchor_version(page, widget_id, anchor) if anchor else None
    try:
        quote = block.clean_quote(page, widget_id, anchor, clean_user_text(quote)) if quote else ""
    except ValueError as error:
        raise _refuse(str(error)) from error
    parent = None
    if parent_id:
        # norel_objects: xtd's default manager also loads the author and content type.
        parent = Comment.norel_objects.filter(
            pk=parent_id, consultation=page.translation_key, widget=widget_id
        ).first()
        if parent is None or parent.state in NOT_AVAILABLE:
            raise _refuse(_("The comment you are replying to is not available."))
        if parent.level >= max_depth():
            raise _refuse(
                _("Replies go at most %(depth)d levels deep. Reply to an earlier comment.")
                % {"depth": max_depth()}
            )
        anchor, anchor_version, quote = parent.anchor, parent.anchor_version, ""
    with transaction.atomic():
        # The participant's row is locked before looking for the same comment: of
        # parallel identical posts (a double click, a resent form) the first stores it
        # and the others find it (docs/decisions/015-locks.md). The fresh row also says
        # whether a moderator blocked them since the rules were asked.
        locked = participants.locked(participant)
        if locked.blocked_at:
            raise CommentRefused(may_act(locked))
        repeated = _same_comment_just_posted(participant, page, widget_id, text, parent, at)
        if repeated is not None:
            return repeated
        held_because = moderation.hold_reasons(participant, page, value, text)
        state = CommentState.HELD if held_because else CommentState.PUBLISHED
        comment = Comment(
            content_type=ContentType.objects.get_for_model(page.specific_class),
            object_pk=str(page.pk),
            site_id=host_setting("SITE_ID"),
            user=participant.user,
            user_name=participant.display_name[:50],
            comment=text,
            submit_date=at or now(),
            ip_address=None,  # not kept: the rate limits keep a keyed hash, for a window
            is_public=state == CommentState.PUBLISHED,
            parent_id=parent.pk if parent else 0,
            consultation=page.translation_key,
            widget=widget_id,
            anchor=anchor,
            anchor_version=anchor_version,
            quote=quote,
            state=state,
            held_because="; ".join(held_because),
            entered_by=entered_by,
            entered_at_place=place,
        )
        settle_relation(participant, page)
        comment.take_snapshot(standing(participant, page))
        comment.save()
        enqueue("comment", comment.pk)
    return comment


REPEAT_WINDOW = timedelta(minutes=2)


def _same_comment_query(place):
    def build(participant_id, consultation, widget_id, text, since, *parent_id):
        # xtd makes a thread's first comment its own parent; replies name theirs.
        where = {"parent_id": parent_id[0], "level__gt": 0} if parent_id else {"level": 0}
        return (
            Comment.norel_objects.filter(
                participant_id=participant_id,
                consultation=consultation,
                widget=widget_id,
                comment=text,
                submit_date__gte=since,
                **where,
            )
            .order_by("pk")
            .values_list("pk")[:1]
        )

    examples = [EXAMPLE_INT, EXAMPLE_UUID, EXAMPLE_TEXT.format(1), EXAMPLE_TEXT.format(2)]
    examples.append(EXAMPLE_MOMENT)
    if place == "reply":
        examples.append(EXAMPLE_INT_2)
    # Asked before every comment is stored: compiled once (theme/compiled.py).
    return CompiledQuery(build, *examples)


_SAME_COMMENT = {place: _same_comment_query(place) for place in ("thread", "reply")}


def _same_comment_just_posted(participant, page, widget_id, text, parent, at):
    """A double click or a resent form posts the same text twice: the first one stands."""
    since = (at or now()) - REPEAT_WINDOW
    values = [participant.pk, page.translation_key, widget_id, text, since]
    if parent:
        values.append(parent.pk)
    # Its id only, the first one posted: the comment is loaded whole in the rare case
    # there is one (xtd's default manager joins the author and content type to every row).
    found = _SAME_COMMENT["reply" if parent else "thread"].rows(*values)
    return Comment.objects.get(pk=found[0][0]) if found else None


# Not shown to the public, so not to be replied to, reacted to or reported.
NOT_AVAILABLE = (CommentState.HELD, CommentState.WITHHELD)


def _available(comment_id, participant):
    comment = Comment.objects.filter(pk=comment_id).first()
    if comment is None or comment.state in NOT_AVAILABLE:
        raise _refuse(_("This comment is not available."))
    decision = may_act(participant)
    if not decision.allowed:
        raise CommentRefused(decision)
    return comment


REACTIONS = {"like": LIKEDIT_FLAG, "dislike": DISLIKEDIT_FLAG}


def react(participant, comment_id, kind):
    """Up or down vote on a comment; the same kind again takes it back. One of the two."""
    comment = _available(comment_id, participant)
    if kind not in REACTIONS:
        raise _refuse(_("This choice is not offered here."))
    if comment.participant_id == participant.pk:
        raise CommentRefused(Decision(False, _("You cannot vote on your own comment.")))
    flags = CommentFlag.objects.filter(comment=comment, user=participant.user)
    with transaction.atomic():
        had = flags.filter(flag=REACTIONS[kind]).exists()
        flags.filter(flag__in=REACTIONS.values()).delete()
        if not had:
            CommentFlag.objects.create(
                comment=comment, user=participant.user, flag=REACTIONS[kind], flag_date=now()
            )
    return reaction_counts([comment.pk]).get(comment.pk, {"like": 0, "dislike": 0})


@dataclass(frozen=True)
class Flagged:
    comment: Comment
    held: bool


def flag(participant, comment_id, reason, note=""):
    """A participant asks moderators to look at a comment: one flag puts it in the
    moderation queue (still public), enough flags hold it. Never one's own comment."""
    comment = _available(comment_id, participant)
    if comment.participant_id == participant.pk:
        raise CommentRefused(Decision(False, _("You cannot report your own comment.")))
    if reason not in FlagReason.values:
        raise _refuse(_("Choose why this comment should be reviewed."))
    note = " ".join(clean_user_text(note).split())[:300]
    if reason == FlagReason.OTHER and not note:
        raise _refuse(_("Say in a few words what is wrong with this comment."))
    with transaction.atomic():
        # Locked before its flags are counted (docs/decisions/015-locks.md); a flag that
        # arrives while another holds the comment is still recorded.
        comment = moderation.locked(comment)
        reported, created = CommentFlag.objects.get_or_create(
            comment=comment,
            user=participant.user,
            flag=CommentFlag.SUGGEST_REMOVAL,
            defaults={"flag_date": now()},
        )
        if not created:
            raise _refuse(_("You have already reported this comment. Moderators will look at it."))
        CommentFlagReason.objects.create(flag=reported, reason=reason, note=note)
        held = moderation.hold_if_flagged(comment)
    return Flagged(comment, held)


def reaction_counts(comment_ids):
    rows = (
        CommentFlag.objects.filter(comment_id__in=comment_ids)
        .values("comment_id")
        .annotate(
            like=Count("pk", filter=Q(flag=LIKEDIT_FLAG)),
            dislike=Count("pk", filter=Q(flag=DISLIKEDIT_FLAG)),
        )
    )
    return {row["comment_id"]: {"like": row["like"], "dislike": row["dislike"]} for row in rows}


def comment_html(text):
    """Plain text with links: everything escaped, http(s) links made safe and marked."""
    linked = urlize(escape(text), trim_url_limit=60, nofollow=True, autoescape=False)
    # urlize also links e-mail addresses; people's addresses should not become links.
    linked = re.sub(r'<a href="mailto:[^"]*">([^<]*)</a>', r"\1", linked)
    linked = linked.replace('rel="nofollow"', 'rel="nofollow ugc noopener"')
    return mark_safe(linked.replace("\n", "<br>"))  # noqa: S308  (escaped above)


def author_name(comment):
    if comment.participant_id is None:
        return _("Deleted participant")
    return comment.participant.display_name or _("Participant")


def thread(consultation, widget_id, viewer=None, include_held=False):
    """The widget's comments as a tree of {"comment", "children"}, in reading order.

    Hidden comments stay in place (their replies still read in context) and show
    the moderator's reason; a held comment is shown only to its author, or to staff.
    """
    visible = Q(state__in=SHOWN_IN_PLACE)
    if include_held:
        visible |= Q(state=CommentState.HELD)
    elif viewer is not None:
        visible |= Q(state=CommentState.HELD, participant=viewer)
    comments = list(
        Comment.objects.filter(visible, consultation=consultation, widget=widget_id)
        .select_related("participant")
        .order_by("thread_id", "order")
    )
    counts = reaction_counts([comment.pk for comment in comments])
    nodes = {}
    roots = []
    for comment in comments:
        comment.reactions = counts.get(comment.pk, {"like": 0, "dislike": 0})
        node = {"comment": comment, "children": []}
        nodes[comment.pk] = node
        parent = nodes.get(comment.parent_id) if comment.parent_id != comment.pk else None
        if parent is not None:
            parent["children"].append(node)
        elif comment.parent_id == comment.pk:
            roots.append(node)
        # A reply whose parent is not visible (held) waits with it.
    return roots

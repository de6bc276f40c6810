"""A participant's comments, their agrees, disagrees and reports on comments, and the
moderators' decisions about them, in the data download and the account deletion
(privacy/registry.py)."""

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_comments.models import CommentFlag
from django_comments_xtd.models import DISLIKEDIT_FLAG, LIKEDIT_FLAG

from ..conf import host_setting
from ..participants.choices import VerificationLevel
from ..privacy.export import counted_as, on_site, when
from ..privacy.registry import Holder
from .choices import CommentState
from .models import Comment, ModerationAction

# What a removed comment that has replies keeps as its moderator's reason (staff see
# it in the moderation queue and search); the page itself says "Deleted by its author".
DELETED_BY_AUTHOR = gettext_lazy("deleted by its author")


def comments_of(person):
    """Their comments: written while signed in (user) or as their participant."""
    mine = Q(user=person.user)
    if person.participant is not None:
        mine |= Q(participant=person.participant)
    return Comment.objects.filter(mine)


def _kept_for_replies(comment_ids):
    """Those of `comment_ids` under which someone else's reply hangs, at any depth.

    Removing them would take the replies with them (or leave them without a parent).
    """
    threads = Comment.objects.filter(pk__in=comment_ids).values("thread_id")
    parents = dict(Comment.objects.filter(thread_id__in=threads).values_list("pk", "parent_id"))
    kept = set()
    for pk in parents:
        if pk in comment_ids:
            continue
        node = pk
        while parents.get(node, node) != node:
            node = parents[node]
            if node in comment_ids:
                kept.add(node)
    return kept


# -- Comments ---------------------------------------------------------------------------


def _comment(comment, pages):
    page_id = int(comment.object_pk)
    question, _options = pages.widget(page_id, comment.widget)
    return {
        "id": comment.pk,
        "page": pages.describe(page_id, f"#comment-{comment.pk}"),
        "widget": comment.widget,
        "question": question,
        "about": comment.anchor,
        # On a draft's paragraph: the version read, and the words quoted from it.
        "version": comment.anchor_version,
        "quoted": comment.quote,
        "in_reply_to": comment.parent_id if comment.parent_id != comment.pk else None,
        "text": comment.comment,
        "public_name": comment.user_name,
        "state": comment.get_state_display(),
        "held_because": comment.held_because if comment.state == CommentState.HELD else "",
        "moderator_reason": (
            comment.moderation_reason if comment.state == CommentState.HIDDEN else ""
        ),
        "counted_as": counted_as(comment),
        **on_site(comment),
        "written_at": when(comment.submit_date),
    }


def _page_ids(comments):
    return [int(comment.object_pk) for comment in comments if comment.object_pk.isdigit()]


def _export_comments(person, pages):
    comments = list(comments_of(person).order_by("submit_date", "pk"))
    pages.load(_page_ids(comments))
    return [_comment(comment, pages) for comment in comments]


def _plan_comments(person):
    rows = list(comments_of(person).values_list("pk", "municipality_id"))
    comment_ids = {pk for pk, _municipality in rows}
    return {
        "comments": len(comment_ids),
        "comments_with_replies": len(_kept_for_replies(comment_ids)),
        "municipalities": {municipality for _pk, municipality in rows},
    }


def _erase_comments(person, policy):
    """Each comment as its municipality's rules say (policy.of)."""
    comment_ids = set()
    by_municipality = {}
    for pk, municipality_id in comments_of(person).values_list("pk", "municipality_id"):
        comment_ids.add(pk)
        by_municipality.setdefault(municipality_id, set()).add(pk)
    for municipality_id, ids in by_municipality.items():
        _erase_these(ids, policy.of(municipality_id))
    return [("comment", pk) for pk in comment_ids]


def _erase_these(comment_ids, policy):
    anonymous = {
        "participant": None,
        "user": None,
        "user_name": "",
        "user_email": "",
        "user_url": "",
    }
    if policy.keeps_comments:
        # Queryset updates, not save(): see moderation._set_state.
        Comment.objects.filter(pk__in=comment_ids).update(**anonymous)
        return
    kept = _kept_for_replies(comment_ids)
    with translation.override(host_setting("LANGUAGE_CODE")):
        reason = str(DELETED_BY_AUTHOR)
    Comment.objects.filter(pk__in=kept).update(
        **anonymous,
        comment="",
        state=CommentState.HIDDEN,
        is_public=True,
        is_removed=True,
        moderation_reason=reason,
        held_because="",
        voter_group="",
        area="",
        home_area=None,
        verification_level=VerificationLevel.UNVERIFIED,
    )
    # Others' reactions and flags on these go with them (CASCADE).
    Comment.objects.filter(pk__in=comment_ids - kept).delete()


COMMENTS = Holder(
    name="comments",
    claims=("bokrao_blocks.Comment.participant", "django_comments.Comment.user"),
    export=_export_comments,
    erase=_erase_comments,
    plan=_plan_comments,
)


# -- Reactions and reports (django-comments' flags, with our reason) --------------------


def _flag_kind(flag):
    kinds = {
        LIKEDIT_FLAG: _("Agree"),
        DISLIKEDIT_FLAG: _("Disagree"),
        CommentFlag.SUGGEST_REMOVAL: _("Reported to the moderators"),
    }
    return str(kinds.get(flag.flag, flag.flag))


def _reaction(flag, pages):
    # Only which comment and where: its text and author are someone else's data.
    page_id = int(flag.comment.object_pk)
    reason = getattr(flag, "reason", None)
    return {
        "comment": flag.comment_id,
        "page": pages.describe(page_id, f"#comment-{flag.comment_id}"),
        "kind": _flag_kind(flag),
        "reason": reason.get_reason_display() if reason else "",
        "details": reason.note if reason else "",
        "at": when(flag.flag_date),
    }


def _export_reactions(person, pages):
    flags = CommentFlag.objects.filter(user=person.user).select_related("reason", "comment")
    flags = list(flags.order_by("flag_date", "pk"))
    pages.load(_page_ids(flag.comment for flag in flags))
    return [_reaction(flag, pages) for flag in flags]


def _plan_reactions(person):
    return {"reactions": CommentFlag.objects.filter(user=person.user).count()}


def _erase_reactions(person, policy):
    reactions = CommentFlag.objects.filter(user=person.user)
    reacted_to = set(reactions.values_list("comment_id", flat=True))
    reactions.delete()  # their CommentFlagReason rows go with them
    # The comments they reacted to count one agree, disagree or report fewer.
    return [("comment", pk) for pk in reacted_to]


REACTIONS = Holder(
    name="reactions_and_reports",
    # CommentFlagReason points at the flag, not the person: it goes with the flag.
    claims=("django_comments.CommentFlag.user",),
    export=_export_reactions,
    erase=_erase_reactions,
    plan=_plan_reactions,
)


# -- Moderators' decisions about the participant ---------------------------------------


def _decisions_about(person):
    if person.participant is None:
        return ModerationAction.objects.none()
    return ModerationAction.objects.filter(participant=person.participant)


def _export_moderation(person, pages):
    # Moderators' decisions about you and your comments (who decided is theirs).
    return [
        {
            "action": action.get_action_display(),
            "comment": action.comment_id,
            "reason": action.reason,
            "at": when(action.created_at),
        }
        for action in _decisions_about(person).order_by("created_at", "pk")
    ]


def _erase_moderation(person, policy):
    # The log is the moderators' record and stays; only its link to the person goes.
    _decisions_about(person).update(participant=None)
    return []


MODERATION = Holder(
    name="moderation",
    claims=("bokrao_blocks.ModerationAction.participant",),
    export=_export_moderation,
    erase=_erase_moderation,
)

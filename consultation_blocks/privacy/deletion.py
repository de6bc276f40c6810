"""Deleting a participant's account (PDPA right to erasure).

The municipality's setting (personal_data.personal_data_policy) says whether their
comments and votes stay, without the person, or go. Decisions and alternatives:
docs/decisions/010-deleting-an-account.md.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy
from django_comments.models import CommentFlag

from search.outbox import enqueue

from ..comments.choices import CommentState
from ..comments.models import Comment
from ..conf import host_setting
from ..participants.choices import VerificationLevel
from ..participants.models import Participant
from ..widgets.models import Vote
from .export import comments_of

if TYPE_CHECKING:
    from .policy import PersonalDataPolicy

# What a removed comment that has replies keeps as its moderator's reason (staff see
# it in the moderation queue and search); the page itself says "Deleted by its author".
DELETED_BY_AUTHOR = gettext_lazy("deleted by its author")


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


@dataclass(frozen=True)
class DeletionPlan:
    """What deleting the account of `user` does under `policy`, counted beforehand."""

    policy: "PersonalDataPolicy"
    comments: int
    comments_with_replies: int
    votes: int
    reactions: int


def deletion_plan(user, policy):
    participant = Participant.objects.filter(user=user).first()
    comment_ids = set(comments_of(user, participant).values_list("pk", flat=True))
    return DeletionPlan(
        policy=policy,
        comments=len(comment_ids),
        comments_with_replies=len(_kept_for_replies(comment_ids)),
        votes=Vote.objects.filter(participant=participant).count() if participant else 0,
        reactions=CommentFlag.objects.filter(user=user).count(),
    )


def delete_account(user, policy):
    """Delete `user` and their participant, reactions and flags, in one transaction.

    Their comments and votes stay without the person or go, as `policy` (the
    municipality's setting) says; the search index follows through the outbox.
    """
    with transaction.atomic():
        participant = Participant.objects.select_for_update().filter(user=user).first()

        reactions = CommentFlag.objects.filter(user=user)
        reacted_to = set(reactions.values_list("comment_id", flat=True))
        reactions.delete()  # their CommentFlagReason rows go with them

        comments = comments_of(user, participant)
        comment_ids = set(comments.values_list("pk", flat=True))
        anonymous = {
            "participant": None,
            "user": None,
            "user_name": "",
            "user_email": "",
            "user_url": "",
        }
        if policy.keeps_comments:
            # Queryset updates, not save(): see moderation._set_state.
            comments.update(**anonymous)
        else:
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
                verification_level=VerificationLevel.UNVERIFIED,
            )
            # Others' reactions and flags on these go with them (CASCADE).
            Comment.objects.filter(pk__in=comment_ids - kept).delete()

        votes = Vote.objects.filter(participant=participant) if participant else Vote.objects.none()
        vote_ids = set(votes.values_list("pk", flat=True))
        if policy.keeps_votes:
            votes.update(participant=None)
        else:
            votes.delete()

        for pk in sorted(comment_ids | reacted_to):
            enqueue("comment", pk)
        for pk in sorted(vote_ids):
            enqueue("vote", pk)
        if participant is not None:
            participant.delete()
        user.delete()

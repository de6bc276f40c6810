"""The actions on vote widgets: cast a vote, take it back. Views, the admin and tests
call these; counting is tally.py's."""

from django.db import transaction
from django.utils.translation import gettext as _

from search.outbox import enqueue
from theme.user_input import clean_user_text

from ..municipalities.standing import settle_relation, standing
from ..participants.rules import Refused
from . import rules
from .blocks import find_widget
from .models import Vote

# The key of Vote's unique constraint, and what a new answer on the same key replaces.
_ONE_VOTE_PER_ANCHOR = ["consultation", "widget", "anchor", "participant"]
_REPLACED_BY_A_NEW_ANSWER = [
    "choices",
    "other_text",
    "anchor_version",
    "page",
    "voter_group",
    "area",
    "verification_level",
    "entered_by",
    "entered_at_place",
    "updated_at",
]


class VoteRefused(Refused):
    """The vote was not stored; `decision` says why and what to do.

    `status` is 403 when the participant may not take part (now), 400 when what they
    sent is wrong (a choice not offered, too many choices, a part of the page that is gone).
    """


def cast_vote(
    participant,
    page,
    widget_id,
    choices,
    anchor="",
    other_text="",
    entered_by=None,
    place="",
    at=None,
):
    """Record `participant`'s choices, replacing their earlier answer on the same anchor.

    `choices` is a list of option keys (a single key is taken as a list of one).
    """
    block, value = find_widget(page, widget_id)
    return store_vote(
        participant,
        page,
        widget_id,
        block,
        rules.rules_value(page, widget_id, value),
        choices,
        anchor,
        other_text,
        entered_by,
        place,
        at,
    )


def store_vote(
    participant,
    page,
    widget_id,
    block,
    value,
    choices,
    anchor="",
    other_text="",
    entered_by=None,
    place="",
    at=None,
):
    """cast_vote for a widget its caller found: a block that is not in the page's body
    (a proposal's supports: proposals/services.py), with the settings that rule it."""
    decision = rules.may_take_part(participant, block, value, page, at)
    if not decision.allowed:
        raise VoteRefused(decision)
    if anchor and not block.names_part(page, widget_id, anchor):
        # Votes on an item (a paragraph, a project) name its block; nothing else counts.
        raise VoteRefused(
            rules.Decision(False, _("This part of the page no longer exists. Reload the page.")),
            status=400,
        )
    anchor_version = block.anchor_version(page, widget_id, anchor) if anchor else None
    if isinstance(choices, str):
        choices = [choices]
    try:
        choices, other_text = block.clean_choices(value, list(choices), clean_user_text(other_text))
    except ValueError as error:
        raise VoteRefused(rules.Decision(False, str(error)), status=400) from error
    vote = Vote(
        consultation=page.translation_key,
        widget=widget_id,
        anchor=anchor,
        anchor_version=anchor_version,
        choices=choices,
        other_text=other_text,
        page=page,
        entered_by=entered_by,
        entered_at_place=place,
    )
    settle_relation(participant, page)
    vote.take_snapshot(standing(participant, page))
    with transaction.atomic():
        # One statement (INSERT ... ON CONFLICT DO UPDATE) on the unique constraint: a new
        # answer is inserted, an earlier one on the same anchor replaced, and of parallel
        # requests the database lets exactly one row exist. created_at stays the first's.
        Vote.objects.bulk_create(
            [vote],
            update_conflicts=True,
            unique_fields=_ONE_VOTE_PER_ANCHOR,
            update_fields=_REPLACED_BY_A_NEW_ANSWER,
        )
        enqueue("vote", vote.pk)
    return vote


def withdraw_vote(participant, page, widget_id, anchor="", at=None):
    """Take back `participant`'s answer while the widget is open. True if there was one."""
    block, value = find_widget(page, widget_id)
    decision = rules.may_take_part(participant, block, value, page, at, widget_id=widget_id)
    if not decision.allowed:
        raise VoteRefused(decision)
    return remove_vote(participant, page, widget_id, anchor)


def remove_vote(participant, page, widget_id, anchor=""):
    """withdraw_vote once its caller has checked that the participant may."""
    with transaction.atomic():
        vote = Vote.objects.filter(
            consultation=page.translation_key,
            widget=widget_id,
            anchor=anchor,
            participant=participant,
        ).first()
        if vote is None:
            return False
        vote_id = vote.pk
        vote.delete()
        enqueue("vote", vote_id)  # the worker removes it from the index
    return True

"""The actions on widgets: cast a vote, count them. Views, the admin and tests call these."""

from collections import Counter, defaultdict

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from search.outbox import enqueue

from . import rules
from .models import Participant, Vote
from .widgets import WidgetBlock


class VoteRefused(Exception):
    """The participant may not take part now; `decision` says why and what to do."""

    def __init__(self, decision):
        super().__init__(decision.reason)
        self.decision = decision


class NotAWidget(Exception):
    pass


def find_widget(page, widget_id):
    """The (block, value) of the participation widget `widget_id` on `page`."""
    for child in getattr(page.specific, "body", []) or []:
        if child.id == widget_id and isinstance(child.block, WidgetBlock):
            return child.block, child.value
    raise NotAWidget(widget_id)


def participant_for(user):
    if user is None or not user.is_authenticated:
        return None
    return Participant.objects.filter(user=user).first()


def cast_vote(
    participant,
    page,
    widget_id,
    choices,
    target="",
    other_text="",
    entered_by=None,
    place="",
    at=None,
):
    """Record `participant`'s choices, replacing their earlier answer on the same target.

    `choices` is a list of option keys (a single key is taken as a list of one).
    """
    block, value = find_widget(page, widget_id)
    decision = rules.may_take_part(participant, value, page, at)
    if not decision.allowed:
        raise VoteRefused(decision)
    if target and not any(child.id == target for child in page.specific.body or []):
        # Votes on an item (a paragraph, a project) name its block; nothing else counts.
        raise VoteRefused(
            rules.Decision(False, _("This part of the page no longer exists. Reload the page."))
        )
    if isinstance(choices, str):
        choices = [choices]
    try:
        choices, other_text = block.clean_choices(value, list(choices), other_text)
    except ValueError as error:
        raise VoteRefused(rules.Decision(False, str(error))) from error
    with transaction.atomic():
        # update_or_create retries as an update when a parallel request created the
        # row first; the unique constraint guarantees one vote per target either way.
        vote, _created = Vote.objects.update_or_create(
            consultation=page.translation_key,
            widget=widget_id,
            target=target,
            participant=participant,
            defaults={
                "choices": choices,
                "other_text": other_text,
                "page": page,
                "voter_group": participant.voter_group,
                "area": participant.area,
                "verification_level": participant.verification_level,
                "entered_by": entered_by,
                "entered_at_place": place,
            },
        )
        enqueue("vote", vote.pk)
    return vote


def withdraw_vote(participant, page, widget_id, target="", at=None):
    """Take back `participant`'s answer while the widget is open. True if there was one."""
    _block, value = find_widget(page, widget_id)
    decision = rules.may_take_part(participant, value, page, at)
    if not decision.allowed:
        raise VoteRefused(decision)
    with transaction.atomic():
        vote = Vote.objects.filter(
            consultation=page.translation_key,
            widget=widget_id,
            target=target,
            participant=participant,
        ).first()
        if vote is None:
            return False
        vote_id = vote.pk
        vote.delete()
        enqueue("vote", vote_id)  # the worker removes it from the index
    return True


def tally(consultation, widget_id, target=""):
    """Votes per choice, and per choice within each voter group and each area.

    `total` counts votes (people), so a multiple-choice poll's choices can add up to more.
    """
    votes = Vote.objects.filter(consultation=consultation, widget=widget_id, target=target)
    counts = Counter()
    by_group, by_area = defaultdict(Counter), defaultdict(Counter)
    total = 0
    for choices, group, area in votes.values_list("choices", "voter_group", "area"):
        total += 1
        for choice in choices:
            counts[choice] += 1
            by_group[group][choice] += 1
            by_area[area][choice] += 1
    return {
        "total": total,
        "choices": dict(counts),
        "by_group": {group: dict(c) for group, c in by_group.items()},
        "by_area": {area: dict(c) for area, c in by_area.items()},
    }


def visitor_context(value, parent_context):
    """What every widget's template knows: the visitor, and whether they may take part now.

    None when the block is rendered outside a page request (a preview of the block alone).
    """
    page = parent_context.get("page")
    request = parent_context.get("request")
    if page is None or request is None:
        return None
    participant = participant_for(request.user)
    return {
        "widget_id": parent_context.get("block_id", ""),
        "participant": participant,
        "decision": rules.may_take_part(participant, value, page),
        "sign_in_url": f"{reverse('bokrao_sign_in')}?next={request.get_full_path()}",
    }


def widget_context(block, value, parent_context):
    """What a vote widget's template shows to the visitor of `page`."""
    visitor = visitor_context(value, parent_context)
    if visitor is None:
        return {}
    page, participant, widget_id = (
        parent_context["page"],
        visitor["participant"],
        visitor["widget_id"],
    )
    mine = None
    if participant:
        mine = Vote.objects.filter(
            consultation=page.translation_key, widget=widget_id, participant=participant
        ).first()
    results = None
    counted = {"total": 0}
    if rules.results_visible(value, page):
        counted = tally(page.translation_key, widget_id)
        results = [
            {"choice": key, "label": label, "count": counted["choices"].get(key, 0)}
            for key, label in block.choices(value)
        ]
    return {
        **visitor,
        "choices": block.choices(value),
        "my_choices": mine.choices if mine else [],
        "my_other_text": mine.other_text if mine else "",
        "withdraw_label": block.withdraw_label,
        "results": results,
        "total_votes": counted["total"],
        "goal": value.get("goal"),
        "action": reverse("bokrao_vote"),
    }

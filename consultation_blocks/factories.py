"""Participants and widget pages for tests, in a line each."""

import json

from django.contrib.auth import get_user_model

from .participants.choices import Area, VerificationLevel, VoterGroup
from .participants.models import Participant


def make_participant(
    username="somchai",
    verification_level=VerificationLevel.EMAIL,
    voter_group=VoterGroup.RESIDENT,
    area=Area.INSIDE,
):
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw")
    return Participant.objects.create(
        user=user, verification_level=verification_level, voter_group=voter_group, area=area
    )


def widget(kind, widget_id, **settings):
    """Raw StreamField data for a widget block with a fixed id."""
    value = {
        "question": "เห็นด้วยหรือไม่",
        "minimum_verification": str(VerificationLevel.EMAIL.value),
        "voter_groups": [],
        "results": "live",
        "opens_at": None,
        "closes_at": None,
    }
    value.update(settings)
    return {"type": kind, "value": value, "id": widget_id}


def widget_body(*widgets):
    return json.dumps(list(widgets))


def poll_widget(widget_id, options, **settings):
    """A poll with fixed option keys: `options` maps key -> label."""
    items = [{"type": "item", "value": label, "id": key} for key, label in options.items()]
    return widget("poll", widget_id, options=items, **settings)


def comment_widget(widget_id, **settings):
    return widget("comments", widget_id, question="ความคิดเห็นของท่าน", **settings)

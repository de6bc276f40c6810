"""Participants and widget pages for tests, in a line each."""

import json

from django.contrib.auth import get_user_model

from .municipalities.models import Municipality
from .participants.choices import Residence, VerificationLevel, VoterGroup
from .participants.models import Participant, ResidentVerification


def make_participant(
    username="somchai",
    verification_level=VerificationLevel.EMAIL,
    voter_group=VoterGroup.RESIDENT,
    area=Residence.INSIDE,
    municipality=None,
    home_area=None,
):
    """A participant with an account. `area` INSIDE: they live in `municipality` (by
    default the first one: a test's home page makes it); OUTSIDE: somewhere else; "":
    not said. A level of RESIDENT or STAFF is their verification in that municipality.
    `home_area`: they live in that area (and its municipality)."""
    if home_area is not None:
        municipality, area = home_area.municipality, Residence.INSIDE
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw")
    if municipality is None:
        municipality = Municipality.objects.order_by("pk").first()
    if municipality is None and verification_level >= VerificationLevel.RESIDENT:
        raise RuntimeError("Create the home page (a municipality) before its residents.")
    inside = area == Residence.INSIDE and municipality is not None
    participant = Participant.objects.create(
        user=user,
        verification_level=min(verification_level, VerificationLevel.EMAIL),
        voter_group=voter_group,
        # Before any home page exists (a test of accounts alone), INSIDE cannot name a
        # municipality: where they live stays unsaid.
        home_stated=area == Residence.OUTSIDE or inside,
        home_municipality=municipality if inside else None,
        home_area=home_area,
    )
    if verification_level >= VerificationLevel.RESIDENT:
        ResidentVerification.objects.create(
            participant=participant, municipality=municipality, level=verification_level
        )
    return participant


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

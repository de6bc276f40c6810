"""The account and the participant: the first sections of the data download, and what
the account deletion removes last (privacy/registry.py)."""

from ..privacy.export import when
from ..privacy.registry import Holder


def _account(person, pages):
    user = person.user
    return {
        "username": user.get_username(),
        "email": user.email,
        "name": user.get_full_name(),
        "date_joined": when(user.date_joined),
        "last_login": when(user.last_login),
    }


def _delete_account(person, policy):
    person.user.delete()
    return []


def _participant(person, pages):
    participant = person.participant
    if participant is None:
        return None
    return {
        # The number the search index and exports know you by, instead of your name.
        "pseudonym": str(participant.pseudonym),
        "public_name": participant.display_name,
        "voter_group": participant.get_voter_group_display(),
        "area": participant.get_area_display(),
        "verification_level": participant.get_verification_level_display(),
        # Whether a national ID number verified the account; its hash never leaves the site.
        "resident_verified": bool(participant.resident_id_hash),
        "blocked": participant.blocked_at is not None,
        "blocked_at": when(participant.blocked_at),
        "blocked_reason": participant.blocked_reason,
        "created_at": when(participant.created_at),
    }


def _delete_participant(person, policy):
    if person.participant is not None:
        person.participant.delete()
    return []


# The account itself is the user model's row: nothing in our apps points at it from here.
ACCOUNT = Holder(name="account", claims=(), export=_account, erase=_delete_account)
PARTICIPANT = Holder(
    name="participant",
    claims=("bokrao_blocks.Participant.user",),
    export=_participant,
    erase=_delete_participant,
)

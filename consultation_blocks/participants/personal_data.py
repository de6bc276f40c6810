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
        "lives_in": _home(participant),
        "verification_level": participant.get_verification_level_display(),
        # Where they are verified as residents; the ID number's hash never leaves the site.
        "verified_in": [
            {
                "municipality": str(verification.municipality),
                "level": verification.get_level_display(),
                "by_national_id": bool(verification.resident_id_hash),
            }
            for verification in participant.verifications.select_related("municipality")
        ],
        "relations_to_matters": [
            {
                "consultation": str(relation.consultation),
                "relation": relation.get_voter_group_display(),
            }
            for relation in participant.matter_relations.all()
        ],
        "blocked": participant.blocked_at is not None,
        "blocked_at": when(participant.blocked_at),
        "blocked_reason": participant.blocked_reason,
        "created_at": when(participant.created_at),
    }


def _home(participant):
    if not participant.home_stated:
        return ""
    if participant.home_municipality is None:
        return "elsewhere"
    if participant.home_area is not None:
        return f"{participant.home_municipality}, {participant.home_area}"
    return str(participant.home_municipality)


def _delete_participant(person, policy):
    if person.participant is not None:
        person.participant.delete()
    return []


# The account itself is the user model's row: nothing in our apps points at it from here.
ACCOUNT = Holder(name="account", claims=(), export=_account, erase=_delete_account)
PARTICIPANT = Holder(
    name="participant",
    # Their verifications and relations to matters are in the same section, and go
    # with the participant (CASCADE).
    claims=(
        "bokrao_blocks.Participant.user",
        "bokrao_blocks.MatterRelation.participant",
        "bokrao_blocks.ResidentVerification.participant",
    ),
    export=_participant,
    erase=_delete_participant,
)

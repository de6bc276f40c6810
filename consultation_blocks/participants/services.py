"""The one place that creates participants and changes who they are.

Sign-up, on-site entry, email confirmation, resident verification and moderation all
call these; nothing else writes a Participant. A verification level is only ever
raised here, never lowered: a resident who later confirms an email stays a resident.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from theme.compiled import EXAMPLE_INT, CompiledQuery
from theme.user_input import clean_user_text

from ..timing import now
from .choices import VerificationLevel
from .models import Participant

_REQUEST_CACHE = "_bokrao_participant"


# Asked by every request that takes part: compiled once (theme/compiled.py). One per
# account (a one-to-one field): no ordering to ask for.
_OF_ACCOUNT = CompiledQuery(
    lambda user_id: Participant.objects.filter(user_id=user_id).order_by()[:1], EXAMPLE_INT
)
_LOCKED = CompiledQuery(
    lambda pk: Participant.objects.select_for_update(no_key=True).filter(pk=pk).order_by()[:1],
    EXAMPLE_INT,
)


def participant_for(user):
    if user is None or not user.is_authenticated:
        return None
    if get_user_model().participant.related.is_cached(user):
        # Loaded with the account (backends.ParticipantBackend), or known to be none.
        return getattr(user, "participant", None)
    participant = next(iter(_OF_ACCOUNT.instances(user.pk)), None)
    if participant is not None:
        participant.user = user  # the account already loaded (request.user): no query again
    return participant


def participant_of(request):
    """The signed-in visitor's participant, looked up once per request (or None)."""
    if request is None:
        return None
    if not hasattr(request, _REQUEST_CACHE):
        setattr(request, _REQUEST_CACHE, participant_for(getattr(request, "user", None)))
    return getattr(request, _REQUEST_CACHE)


def forget_cached(request):
    """After a change to the visitor's participant within the request."""
    if request is not None and hasattr(request, _REQUEST_CACHE):
        delattr(request, _REQUEST_CACHE)


def create_participant(
    user=None,
    *,
    voter_group="",
    area="",
    display_name="",
    verification_level=VerificationLevel.UNVERIFIED,
):
    """A new participant, with an account (`user`) or without one (entered on site)."""
    return Participant.objects.create(
        user=user,
        display_name=clean_user_text(display_name).strip()[:50],
        voter_group=voter_group,
        area=area,
        verification_level=verification_level,
    )


def participant_of_user(user):
    """The participant of an account, created on first need (a staff account, say)."""
    participant, _created = Participant.objects.get_or_create(user=user)
    return participant


def raise_verification(participant, level, *, resident_id_hash=None, area=None):
    """Raise `participant` to `level` (never lower it); True if it changed.

    Locks the row, so two verifications at once cannot lower each other's result.
    The caller's instance is updated too.
    """
    with transaction.atomic():
        fresh = Participant.objects.select_for_update().get(pk=participant.pk)
        fields = []
        if fresh.verification_level < level:
            fresh.verification_level = level
            fields.append("verification_level")
        if resident_id_hash is not None and fresh.resident_id_hash != resident_id_hash:
            fresh.resident_id_hash = resident_id_hash
            fields.append("resident_id_hash")
        if area is not None and fresh.area != area:
            fresh.area = area
            fields.append("area")
        if fields:
            fresh.save(update_fields=fields)
    participant.verification_level = fresh.verification_level
    participant.resident_id_hash = fresh.resident_id_hash
    participant.area = fresh.area
    return "verification_level" in fields


def update_profile(participant, *, display_name, voter_group, area):
    participant.display_name = clean_user_text(display_name).strip()[:50]
    participant.voter_group = voter_group
    participant.area = area
    participant.save(update_fields=["display_name", "voter_group", "area"])


def locked(participant):
    """The participant's row, fresh and locked to the end of the transaction.

    Whatever counts or checks this participant's contributions before adding one (the
    same comment posted twice; blocked meanwhile?) takes it first
    (docs/decisions/015-locks.md). FOR NO KEY UPDATE: it does not wait for votes and
    comments of theirs being stored elsewhere, whose foreign key takes a KEY SHARE lock.
    """
    found = _LOCKED.instances(participant.pk)
    if not found:
        raise Participant.DoesNotExist(f"No participant {participant.pk}")
    return found[0]


def set_blocked(participant, reason):
    """Record that a moderator blocked `participant` (the moderation log, and what
    happens to their comments, are the caller's: comments/moderation.py).

    The UPDATE locks the row to the end of the caller's transaction, as locked() does.
    """
    Participant.objects.filter(pk=participant.pk).update(
        blocked_at=now(), blocked_reason=reason[:300]
    )
    participant.refresh_from_db()


def clear_blocked(participant):
    Participant.objects.filter(pk=participant.pk).update(blocked_at=None, blocked_reason="")
    participant.refresh_from_db()

"""The one place that creates participants and changes who they are.

Sign-up, on-site entry, email confirmation, resident verification and moderation all
call these; nothing else writes a Participant. A verification level is only ever
raised here, never lowered: a resident who later confirms an email stays a resident.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from theme.compiled import EXAMPLE_INT, CompiledQuery
from theme.user_input import clean_user_text

from ..municipalities import standing
from ..timing import now
from .choices import VerificationLevel
from .models import MatterRelation, Participant, ResidentVerification

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
    home=None,
    display_name="",
    verification_level=VerificationLevel.UNVERIFIED,
):
    """A new participant, with an account (`user`) or without one (entered on site).
    `home` is where they live (a Home), or None when they have not said."""
    participant = Participant(
        user=user,
        display_name=clean_user_text(display_name).strip()[:50],
        voter_group=voter_group,
        verification_level=verification_level,
    )
    _set_home(participant, home)
    participant.save()
    return participant


@dataclass(frozen=True)
class Home:
    """Where a participant lives: a municipality of the platform (and maybe one of its
    areas), or elsewhere (municipality None)."""

    municipality_id: int | None = None
    area_id: int | None = None


ELSEWHERE = Home()


def _set_home(participant, home):
    participant.home_stated = home is not None
    participant.home_municipality_id = home.municipality_id if home else None
    participant.home_area_id = home.area_id if home and home.municipality_id else None


def participant_of_user(user):
    """The participant of an account, created on first need (a staff account, say)."""
    participant, _created = Participant.objects.get_or_create(user=user)
    return participant


def raise_verification(participant, level):
    """Raise `participant`'s platform-wide level (email confirmed) to `level`, never
    lowering it; True if it changed. Locks the row, so two verifications at once cannot
    lower each other's result. The caller's instance is updated too."""
    with transaction.atomic():
        fresh = Participant.objects.select_for_update().get(pk=participant.pk)
        changed = fresh.verification_level < level
        if changed:
            fresh.verification_level = level
            fresh.save(update_fields=["verification_level"])
    participant.verification_level = fresh.verification_level
    standing.forget(participant)
    return changed


def verify_in(participant, municipality, level, *, resident_id_hash=None, area=None):
    """Record that `participant` is verified in `municipality` at `level` (RESIDENT from
    its register, STAFF on site), never lowering an earlier verification there. A
    resident verified against the register lives there: that becomes their home (and
    the register's area, when it has one). True if the level there rose.

    Raises IntegrityError when the ID number already verified another account in this
    municipality (the caller says so to the person)."""
    with transaction.atomic():
        locked(participant)
        found = ResidentVerification.objects.filter(
            participant=participant, municipality=municipality
        ).first()
        rose = found is None or found.level < level
        if found is None:
            found = ResidentVerification(
                participant=participant, municipality=municipality, level=level
            )
        found.level = max(found.level, level)
        if resident_id_hash is not None:
            found.resident_id_hash = resident_id_hash
        found.save()
        if level >= VerificationLevel.RESIDENT and resident_id_hash is not None:
            area_id = area.pk if area is not None else participant.home_area_id
            if participant.home_municipality_id != municipality.pk:
                area_id = area.pk if area is not None else None
            _set_home(participant, Home(municipality.pk, area_id))
            participant.save(update_fields=["home_stated", "home_municipality", "home_area"])
    standing.forget(participant)
    return rose


def update_profile(participant, *, display_name, voter_group, home):
    participant.display_name = clean_user_text(display_name).strip()[:50]
    participant.voter_group = voter_group
    _set_home(participant, home)
    participant.save(
        update_fields=[
            "display_name",
            "voter_group",
            "home_stated",
            "home_municipality",
            "home_area",
        ]
    )
    standing.forget(participant)


def answer_relation(participant, page, voter_group):
    """Record how `participant` is related to the matter of the consultation `page`
    (R3): their answer there, and the starting point of the next consultation's
    question. Their earlier votes and comments keep the relation they had."""
    MatterRelation.objects.update_or_create(
        participant=participant,
        consultation=page.translation_key,
        defaults={"voter_group": voter_group},
    )
    if participant.voter_group != voter_group:
        participant.voter_group = voter_group
        participant.save(update_fields=["voter_group"])
    standing.forget(participant)


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

"""Who a participant is in one consultation: inside or outside its municipality, their
verification there, and their relation to its matter (R3, R4).

One account serves every municipality of the platform, so none of this is a property of
the participant alone: it is judged per municipality (where they live, where they were
verified) and per consultation (how the matter concerns them). Rules ask the standing,
and every vote and comment keeps a copy of it (Contribution.take_snapshot).
"""

from dataclasses import dataclass, replace

from django.db.models import OuterRef, Subquery

from theme.compiled import EXAMPLE_INT, EXAMPLE_INT_2, EXAMPLE_TEXT, EXAMPLE_UUID, CompiledQuery

from ..participants.choices import Residence
from ..participants.models import MatterRelation, Participant, ResidentVerification
from .services import ancestor_paths, known, municipalities_above, municipality_of, remember

_CACHE = "_bokrao_standings"


@dataclass(frozen=True)
class Standing:
    participant: Participant
    municipality_id: int | None
    residence: str  # Residence, or "" when they have not said where they live
    home_area_id: int | None
    verification_level: int
    voter_group: str  # their relation to this matter, or their last answer until asked
    relation_answered: bool  # whether they answered for this consultation

    @property
    def inside(self):
        return self.residence == Residence.INSIDE


def residence_in(participant, municipality_id):
    if not participant.home_stated:
        return ""
    if municipality_id is not None and participant.home_municipality_id == municipality_id:
        return Residence.INSIDE
    return Residence.OUTSIDE


def standing(participant, page):
    """`participant`'s standing in the consultation `page` (any page of a municipality:
    its translation key is the consultation). Asked once per page and participant
    object; forget() after changing what it reads."""
    cache = participant.__dict__.setdefault(_CACHE, {})
    key = page.translation_key
    if key not in cache:
        cache[key] = _standing(participant, page)
    return cache[key]


def settle_relation(participant, page):
    """On a first vote or comment in a consultation, the relation the page showed
    pre-filled (their last answer) becomes their answer there, unless they changed it."""
    here = standing(participant, page)
    if here.relation_answered or not here.voter_group:
        return
    MatterRelation.objects.get_or_create(
        participant=participant,
        consultation=page.translation_key,
        defaults={"voter_group": here.voter_group},
    )
    participant.__dict__[_CACHE][page.translation_key] = replace(here, relation_answered=True)


def forget(participant):
    participant.__dict__.pop(_CACHE, None)


def _standing(participant, page):
    level, relation = _what_holds_here(participant, page)
    municipality = municipality_of(page)  # known now: no query
    municipality_id = municipality.pk if municipality else None
    residence = residence_in(participant, municipality_id)
    return Standing(
        participant=participant,
        municipality_id=municipality_id,
        residence=residence,
        home_area_id=participant.home_area_id if residence == Residence.INSIDE else None,
        verification_level=max(participant.verification_level, level or 0),
        voter_group=relation if relation is not None else participant.voter_group,
        relation_answered=relation is not None,
    )


def _relation(participant, page):
    return Subquery(
        MatterRelation.objects.filter(
            participant=participant.pk, consultation=page.translation_key
        ).values("voter_group")[:1]
    )


def _holding_here(paths, participant_id, consultation, same_participant_id):
    """The municipality of the page at the deepest of `paths`, with the participant's
    verification level there and their relation to the consultation's matter (the
    participant's id twice: each place takes its own value when compiled)."""
    return municipalities_above(paths).annotate(
        level_here=Subquery(
            ResidentVerification.objects.filter(
                participant=same_participant_id, municipality=OuterRef("pk")
            ).values("level")[:1]
        ),
        relation=Subquery(
            MatterRelation.objects.filter(
                participant=participant_id, consultation=consultation
            ).values("voter_group")[:1]
        ),
    )[:1]


# Asked by every vote, comment and ballot: compiled once per depth of the tree (the
# number of paths in its `__in`), as theme/compiled.py asks.
_HOLDING_HERE = {}


def _holding_here_query(depth):
    query = _HOLDING_HERE.get(depth)
    if query is None:

        def build(participant_id, consultation, same_participant_id, *paths):
            return _holding_here(paths, participant_id, consultation, same_participant_id)

        examples = [EXAMPLE_INT, EXAMPLE_UUID, EXAMPLE_INT_2]
        examples += [EXAMPLE_TEXT.format(n) for n in range(depth)]
        query = _HOLDING_HERE[depth] = CompiledQuery(build, *examples)
    return query


def _what_holds_here(participant, page):
    """(verification level in the page's municipality, relation to its matter), each
    None when there is none. One query: with the page's municipality when it is not
    known yet (every vote and comment asks this)."""
    if not known(page):
        paths = ancestor_paths(page)
        found = next(
            iter(
                _holding_here_query(len(paths)).instances(
                    participant.pk, page.translation_key, participant.pk, *paths
                )
            ),
            None,
        )
        remember(page, found)
        if found is not None:
            return found.level_here, found.relation
    municipality = municipality_of(page)
    return Participant.objects.filter(pk=participant.pk).annotate(
        level_here=Subquery(
            ResidentVerification.objects.filter(
                participant=OuterRef("pk"),
                municipality_id=municipality.pk if municipality else None,
            ).values("level")[:1]
        ),
        relation=_relation(participant, page),
    ).values_list("level_here", "relation").first() or (None, None)

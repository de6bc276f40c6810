"""A participant's votes, poll answers and supports in the data download and the account
deletion (privacy/registry.py)."""

from ..privacy.export import counted_as, on_site, when
from ..privacy.registry import Holder
from .blocks import SupportBlock
from .models import Vote

# A support of an item (a proposal) is a vote on the item's comment widget, which offers
# no choices of its own (so that it takes no votes but the item's supports): it is
# named as a support button's choice is.
_SUPPORT_CHOICES = dict(SupportBlock().choices(None))


def _label(options, key):
    label = options.get(key)
    if label is None and key in _SUPPORT_CHOICES:
        return str(_SUPPORT_CHOICES[key])
    return label


def _votes_of(person):
    if person.participant is None:
        return Vote.objects.none()
    return Vote.objects.filter(participant=person.participant)


def _vote(vote, pages):
    question, options = pages.widget(vote.page_id, vote.widget)
    return {
        "page": pages.describe(vote.page_id),
        "widget": vote.widget,
        "question": question,
        "about": vote.anchor,
        "version": vote.anchor_version,
        "choices": [{"key": key, "label": _label(options, key)} for key in vote.choices],
        "other_text": vote.other_text,
        "counted_as": counted_as(vote),
        **on_site(vote),
        "created_at": when(vote.created_at),
        "updated_at": when(vote.updated_at),
    }


def _export(person, pages):
    votes = list(_votes_of(person).order_by("created_at", "pk"))
    pages.load(vote.page_id for vote in votes)
    return [_vote(vote, pages) for vote in votes]


def _plan(person):
    municipalities = list(_votes_of(person).values_list("municipality_id", flat=True))
    return {"votes": len(municipalities), "municipalities": set(municipalities)}


def _erase(person, policy):
    """Each vote as its municipality's rules say (policy.of)."""
    by_municipality = {}
    for pk, municipality_id in _votes_of(person).values_list("pk", "municipality_id"):
        by_municipality.setdefault(municipality_id, []).append(pk)
    for municipality_id, ids in by_municipality.items():
        votes = Vote.objects.filter(pk__in=ids)
        if policy.of(municipality_id).keeps_votes:
            votes.update(participant=None)  # still counted, with no link to anyone
        else:
            votes.delete()
    return [("vote", pk) for ids in by_municipality.values() for pk in ids]


VOTES = Holder(
    name="votes",
    claims=("bokrao_blocks.Vote.participant",),
    export=_export,
    erase=_erase,
    plan=_plan,
)

"""Deleting a participant's account (PDPA right to erasure).

The municipality's setting (policy.personal_data_policy) says whether their comments
and votes stay, without the person, or go. Every registered holder (registry.py)
counts its part beforehand and erases it. Decisions and alternatives:
docs/decisions/010-deleting-an-account.md and 014-registries.md.
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction

from search.outbox import enqueue

from ..municipalities.models import Municipality
from .registry import HOLDERS, person_of

if TYPE_CHECKING:
    from .policy import PersonalDataPolicy


@dataclass(frozen=True)
class DeletionPlan:
    """What deleting the account of `user` does under `policy`, counted beforehand.

    `counts` gathers the holders' plans ("comments", "votes", "reactions", ...); the
    confirmation page reads them as plan.comments.
    """

    policy: "PersonalDataPolicy"
    counts: dict = field(default_factory=dict)
    # Where the person took part and the municipality set its own rules:
    # [(municipality, its PersonalDataPolicy)].
    own_rules: list = field(default_factory=list)

    def __getitem__(self, name):
        # Templates look up `plan.comments` as plan["comments"] first.
        return self.counts[name]


def deletion_plan(user, policy):
    person = person_of(user)
    counts, took_part_in = {}, set()
    for holder in HOLDERS:
        if holder.plan:
            found = holder.plan(person)
            took_part_in |= found.pop("municipalities", set())
            counts.update(found)
    own = [pk for pk in took_part_in if pk in policy.own_rules]
    return DeletionPlan(
        policy=policy,
        counts=counts,
        own_rules=[
            (municipality, policy.of(municipality.pk))
            for municipality in Municipality.objects.filter(pk__in=own).order_by("name")
        ],
    )


def delete_account(user, policy):
    """Delete `user` and their participant, reactions and flags, in one transaction.

    Their comments and votes stay without the person or go, as `policy` (the
    municipality's setting) says; the search index follows through the outbox.
    """
    with transaction.atomic():
        person = person_of(user, lock=True)
        changed = set()
        # Reverse order of registration: what points at the participant and the
        # account is erased before them.
        for holder in reversed(HOLDERS):
            changed.update(holder.erase(person, policy))
        for document_type, pk in sorted(changed):
            enqueue(document_type, pk)

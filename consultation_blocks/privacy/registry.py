"""Who holds what about a participant (PDPA): each sub-package registers its holders.

The data download (export.py) and the account deletion (deletion.py) ask every holder
instead of listing models by hand, so personal data a new feature stores is downloaded
and erased once its sub-package registers it in apps.py. A test fails when a model
points at a participant or an account and no holder claims the field, nor declares it
a staff member's (tests/test_personal_data_registry.py). Decision: docs/decisions/014-registries.md.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..participants.models import Participant


@dataclass(frozen=True)
class Person:
    """Whose data: the account, and the participant it became when it first took part
    (None until then, so every holder copes without one)."""

    user: Any
    participant: Any


@dataclass(frozen=True)
class Holder:
    """What one part of the app keeps about a person, and what becomes of it.

    name: the section of the download ("votes").
    claims: the fields pointing at a participant or their account that this holder
        answers for, as "app_label.Model.field" (fields that point at staff only are
        declared with register_staff_fields instead).
    export(person, pages): the section's plain data for JSON; `pages` looks up the
        titles and widgets of pages once for every section (export._Pages).
    erase(person, policy): erase or anonymise under the municipality's policy
        (policy.py); returns the (document type, id) the search index must re-read.
    plan(person): {name: count} of what the deletion will touch, shown beforehand.
    """

    name: str
    claims: tuple
    export: Callable
    erase: Callable
    plan: Callable | None = None


# In the download's order. The deletion erases in the reverse order: the account and its
# participant, registered first because the download begins with them, go last, after
# everything that points at them.
HOLDERS = []


def register(holder):
    if any(registered.name == holder.name for registered in HOLDERS):
        raise ValueError(f"Personal data holder {holder.name!r} is registered twice.")
    HOLDERS.append(holder)
    return holder


# Fields that point at staff accounts only (who entered a vote on site, who moderated):
# a staff member's own record, never a participant's data, so neither downloaded nor
# erased with a participant. Staff accounts are deleted in the admin, not on the public
# site; the fields then become empty (SET_NULL).
STAFF_FIELDS = set()


def register_staff_fields(*labels):
    """Declare "app_label.Model.field" labels as pointing at staff accounts only."""
    STAFF_FIELDS.update(labels)


# Widgets of a page's items rather than of its body (a proposal's supports and comments
# on its call page) are about their item: the download describes them by its title, not
# by the widget's question ("Comments on this proposal"). Each app with such items
# registers a function (page, widget id) -> the item's title, or None if not its item.
ITEM_TITLES = []


def register_item_title(title_of):
    ITEM_TITLES.append(title_of)
    return title_of


def item_title(page, widget_id):
    for title_of in ITEM_TITLES:
        title = title_of(page, widget_id)
        if title is not None:
            return title
    return None


def person_of(user, lock=False):
    """The Person behind `user`; `lock` takes their participant's row for a deletion."""
    participants = Participant.objects.filter(user=user)
    if lock:
        participants = participants.select_for_update()
    return Person(user=user, participant=participants.first())

"""Which municipalities a staff member works for: the one rule every staff screen asks.

A staff member works for the municipalities whose staff groups include one of their
groups (Municipality.staff_groups). A permission counts for a municipality only through
a group of that municipality: a moderator of A who reads B's reports does not moderate
B. (A permission given to the user directly, not through a group, counts wherever they
work.) A platform administrator (a superuser) works for every municipality.

Asked many times per request (menus, buttons of every row of a page listing), so the ids
are remembered on the user object; a new request has a new user object.
"""

from django.db.models import Q

from ..municipalities.models import Municipality
from ..municipalities.services import municipality_of

_CACHE = "_bokrao_municipality_ids"


def _active(user):
    return bool(user and user.is_active and user.is_authenticated)


def _ids(user, permission):
    """The ids of the municipalities `user` (not a superuser) works for with
    `permission` (any, for None), as a frozenset: one query, then remembered."""
    cache = user.__dict__.setdefault(_CACHE, {})
    if permission not in cache:
        groups = user.groups.all()
        if permission is not None and not _holds_directly(user, permission):
            app_label, codename = permission.split(".", 1)
            groups = groups.filter(
                permissions__codename=codename, permissions__content_type__app_label=app_label
            )
        cache[permission] = frozenset(
            Municipality.staff_groups.through.objects.filter(group__in=groups).values_list(
                "municipality_id", flat=True
            )
        )
    return cache[permission]


def _holds_directly(user, permission):
    app_label, codename = permission.split(".", 1)
    return user.user_permissions.filter(
        codename=codename, content_type__app_label=app_label
    ).exists()


def municipality_ids_of(user, permission=None):
    """The ids `municipalities_of` holds, or None for all of them (a superuser)."""
    if not _active(user):
        return frozenset()
    if user.is_superuser:
        return None
    return _ids(user, permission)


def municipalities_of(user, permission=None):
    """The municipalities `user` works for (with `permission`, when given): a queryset.
    A superuser: all of them; someone inactive or signed out: none."""
    ids = municipality_ids_of(user, permission)
    if ids is None:
        return Municipality.objects.all()
    return Municipality.objects.filter(pk__in=ids)


def works_for(user, municipality, permission=None):
    """Does `user` work for `municipality` (with `permission`, when given)? Nobody works
    for None (a page above every municipality) except a superuser."""
    if municipality is None:
        return municipality_ids_of(user, permission) is None
    return works_for_id(user, municipality.pk, permission)


def works_for_id(user, municipality_id, permission=None):
    ids = municipality_ids_of(user, permission)
    return ids is None or municipality_id in ids


def works_on(user, page, permission=None):
    """Does `user` work for the municipality `page` belongs to?"""
    if municipality_ids_of(user, permission) is None:
        return True  # a superuser: no need to find the page's municipality
    return works_for(user, municipality_of(page), permission)


def works_anywhere(user, permission=None):
    """Does `user` work for some municipality (with `permission`)? Menus ask this."""
    ids = municipality_ids_of(user, permission)
    return ids is None or bool(ids)


def contributions_for(user, contributions, permission=None):
    """Votes or comments (a queryset) of the municipalities `user` works for."""
    ids = municipality_ids_of(user, permission)
    if ids is None:
        return contributions
    return contributions.filter(municipality_id__in=ids)


def in_municipalities_of(user, field, permission=None):
    """A Q narrowing a query by `field` (a path to a municipality id) to `user`'s."""
    ids = municipality_ids_of(user, permission)
    if ids is None:
        return Q()
    return Q(**{f"{field}__in": ids})

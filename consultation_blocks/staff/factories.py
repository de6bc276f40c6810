"""Staff for tests, in a line: a user who works for a municipality through a group.

Staff screens ask which municipalities a user works for (staff/municipalities.py), so a
test's staff member needs a group that is one of the municipality's staff groups.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from ..municipalities.models import Municipality


def _municipality(municipality):
    if municipality is not None:
        return municipality
    found = Municipality.objects.order_by("pk").first()
    if found is None:
        raise RuntimeError("Create the home page (a municipality) before its staff.")
    return found


def _permission(name):
    """A Permission from "app_label.codename" or a codename alone."""
    if "." in name:
        app_label, codename = name.split(".", 1)
        return Permission.objects.get(codename=codename, content_type__app_label=app_label)
    return Permission.objects.get(codename=name)


def join_staff(user, group, municipality=None):
    """`user` joins `group` (a Group or its name), which works for `municipality`
    (default: the first, the one a test's home page makes). Returns the group."""
    if isinstance(group, str):
        group = Group.objects.get(name=group)
    _municipality(municipality).staff_groups.add(group)
    user.groups.add(group)
    return group


def make_staff(username, *permissions, municipality=None, group=None):
    """A staff member with admin access and `permissions` (as in join_staff's names or
    "app_label.codename") through a group of `municipality` (default: the first)."""
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw")
    found, _created = Group.objects.get_or_create(name=group or f"staff of {username}")
    for name in ("wagtailadmin.access_admin", *permissions):
        found.permissions.add(_permission(name))
    join_staff(user, found, municipality)
    return user

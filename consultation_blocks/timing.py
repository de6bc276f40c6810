"""The one clock and the one meaning of upcoming, open and closed.

A window opens at `opens_at` (inclusive) and closes at `closes_at` (exclusive).
A missing `closes_at` means the window stays open. Pages, widgets and queries all
ask this module instead of comparing dates themselves.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WindowState(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


def now():
    return timezone.now()


def window_state(opens_at, closes_at, at=None):
    at = at or now()
    if opens_at and at < opens_at:
        return WindowState.UPCOMING
    if closes_at and at >= closes_at:
        return WindowState.CLOSED
    return WindowState.OPEN


def open_window_q(at=None):
    """A filter for rows whose `opens_at`/`closes_at` window is open at `at`."""
    at = at or now()
    return (Q(opens_at__isnull=True) | Q(opens_at__lte=at)) & (
        Q(closes_at__isnull=True) | Q(closes_at__gt=at)
    )


def upcoming_window_q(at=None):
    return Q(opens_at__gt=at or now())

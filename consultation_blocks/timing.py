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


_frozen = []


def now():
    """The one clock. Tests move it with `frozen_at` (or `in_phase`), not with mocks."""
    return _frozen[-1] if _frozen else timezone.now()


class frozen_at:  # noqa: N801  (used as `with frozen_at(moment):`)
    """Stop the clock at `moment` for everything that asks `now()`."""

    def __init__(self, moment):
        self.moment = moment

    def __enter__(self):
        _frozen.append(self.moment)
        return self.moment

    def __exit__(self, *exc):
        _frozen.pop()


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


class OneWindow:
    """The timeline of a page that has dates but no phases: one window allowing everything.

    Pages with phases (pb_pages) offer the same four questions through `timeline()`.
    """

    def __init__(self, opens_at, closes_at):
        self.opens_at, self.closes_at = opens_at, closes_at

    def allows(self, action, at):
        return window_state(self.opens_at, self.closes_at, at) == WindowState.OPEN

    def closing(self, action, at):
        return self.closes_at

    def next_opening(self, action, at):
        return self.opens_at if self.opens_at and at < self.opens_at else None

    def last_closing(self, action, at):
        return self.closes_at if self.closes_at and at >= self.closes_at else None


def timeline_of(page):
    """What a page says about when each action is allowed; None: no dates (always open)."""
    if page is None:
        return None
    if hasattr(page, "timeline"):
        return page.timeline()
    opens, closes = getattr(page, "opens_at", None), getattr(page, "closes_at", None)
    if opens is None and closes is None:
        return None
    return OneWindow(opens, closes)

"""Who may take part in a widget, and when: one answer for views, admin and tests.

The rules are read from the source-language page (the one the translations are made
from), so a consultation has one rule in every language: raising a widget's
verification level on the Thai page holds on /en/ at once, before the translation
is synced. What the visitor reads (questions, labels) comes from their own page.

When is asked of the page's phases: a widget is open while the consultation's current
phase allows the widget's action (comment, vote, support, ...) and, if the widget has
dates of its own, while they say so. Only timing.py and the phases compare dates.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from theme.dates import format_datetime
from theme.pages import source_of

from .. import walker
from ..municipalities.standing import standing
from ..participants.choices import VerificationLevel, VoterGroup
from ..participants.rules import ALLOWED, Decision, may_act
from ..timing import WindowState, now, timeline_of, window_state
from .choices import ResultsVisibility

__all__ = [
    "ALLOWED",
    "Decision",
    "may_act",
    "may_take_part",
    "results_public_from",
    "results_visible",
]

# For results_public_from: results that are not known ever to become public.
NEVER = datetime(9999, 12, 31, tzinfo=UTC)


def _aware(moment):
    if isinstance(moment, datetime) and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def source_page(page):
    """The page that `page` is a translation of (itself if it is the source).

    wagtail-localize records the source of a translated page; a page it has not
    translated counts as its own source. Looked up once per page instance.
    """
    cached = getattr(page, "_bokrao_source_page", None)
    if cached is None:
        # The same query as the page's language links (theme/pages.py).
        cached = source_of(page)
        if cached is not page:
            # Its phases and widgets are the specific page's: one query, for a translation.
            cached = cached.specific
        page._bokrao_source_page = cached
    return cached


def rules_value(page, widget_id, value):
    """The widget's settings as the source page has them (`value` if it lacks the widget)."""
    source = source_page(page)
    if source is page:
        return value
    found = walker.find(source, widget_id)
    return found.value if found is not None else value


@dataclass(frozen=True)
class WidgetWindow:
    state: str  # a WindowState
    opens_at: datetime | None = None  # when it opens next (if upcoming)
    closes_at: datetime | None = None  # when it closed (if closed), or will close


def widget_window(block, value, page, at=None):
    """Whether `block` (with its settings `value`) on `page` is upcoming, open or closed."""
    at = at or now()
    opens, closes = _aware(value.get("opens_at")), _aware(value.get("closes_at"))
    own = window_state(opens, closes, at)
    if own == WindowState.CLOSED:
        return WidgetWindow(WindowState.CLOSED, closes_at=closes)
    timeline = timeline_of(source_page(page))
    if own == WindowState.UPCOMING:
        return WidgetWindow(WindowState.UPCOMING, opens_at=opens, closes_at=closes)
    if timeline is None:
        return WidgetWindow(WindowState.OPEN, closes_at=closes)
    action = block.action
    if timeline.allows(action, at):
        ends = timeline.closing(action, at)
        if closes and (ends is None or closes < ends):
            ends = closes
        return WidgetWindow(WindowState.OPEN, closes_at=ends)
    upcoming = timeline.next_opening(action, at)
    if upcoming is not None and (closes is None or upcoming < closes):
        return WidgetWindow(WindowState.UPCOMING, opens_at=upcoming, closes_at=closes)
    return WidgetWindow(WindowState.CLOSED, closes_at=timeline.last_closing(action, at) or closes)


def widget_state(block, value, page, at=None):
    return widget_window(block, value, page, at).state


def may_take_part(participant, block, value, page, at=None, widget_id=None):
    """May `participant` take part in this widget now? Reads the source page's settings
    when `widget_id` is given (callers that already did so pass the source value)."""
    if widget_id:
        value = rules_value(page, widget_id, value)
    window = widget_window(block, value, page, at)
    if window.state == WindowState.UPCOMING:
        if window.opens_at:
            return Decision(
                False, _("This opens on %(date)s.") % {"date": format_datetime(window.opens_at)}
            )
        return Decision(False, _("This is not open yet."))
    if window.state == WindowState.CLOSED:
        if window.closes_at:
            return Decision(
                False, _("This closed on %(date)s.") % {"date": format_datetime(window.closes_at)}
            )
        return Decision(False, _("This is closed."))
    acting = may_act(participant)
    if not acting.allowed:
        return acting
    here = standing(participant, page)
    required = VerificationLevel(int(value.get("minimum_verification") or 0))
    if here.verification_level < required:
        return Decision(
            False,
            _("This is open to participants who are: %(level)s.") % {"level": required.label},
            _remedy_for(required),
            remedy_url=_remedy_url_for(required, here.municipality_id),
        )
    groups = value.get("voter_groups") or []
    if groups and here.voter_group not in groups:
        names = ", ".join(str(VoterGroup(group).label) for group in groups)
        return Decision(
            False,
            _("This is open to: %(groups)s.") % {"groups": names},
            _("If your relation to this matter is another, change it on this page."),
        )
    return ALLOWED


def _remedy_for(level):
    if level == VerificationLevel.EMAIL:
        return _("Confirm your email address with the link we sent you.")
    if level == VerificationLevel.RESIDENT:
        return _("Verify that you live in the municipality with your national ID number.")
    return _("Take part at the municipal office, where staff verify who you are.")


def _remedy_url_for(level, municipality_id):
    if level == VerificationLevel.RESIDENT and municipality_id is not None:
        return f"{reverse('bokrao_verify_resident')}?municipality={municipality_id}"
    return ""


def results_visible(block, value, page, at=None, widget_id=None):
    """May the public see this widget's results now? (Staff always may, in the report.)"""
    if widget_id:
        value = rules_value(page, widget_id, value)
    visibility = value.get("results") or ResultsVisibility.LIVE
    if visibility == ResultsVisibility.LIVE:
        return True
    if visibility == ResultsVisibility.AFTER_CLOSING:
        return widget_state(block, value, page, at) == WindowState.CLOSED
    return False


def results_public_from(block, value, page, at=None, widget_id=None):
    """From when the public may see this widget's results, for answers that are kept
    and read later (the search index): None if they may now; the moment the widget
    closes, as its phases and dates say now; NEVER if never (or until staff release a
    held phase: moving a phase re-indexes the page)."""
    if widget_id:
        value = rules_value(page, widget_id, value)
    if results_visible(block, value, page, at):
        return None
    if (value.get("results") or ResultsVisibility.LIVE) == ResultsVisibility.AFTER_CLOSING:
        window = widget_window(block, value, page, at)
        if window.closes_at is not None:
            return window.closes_at
    return NEVER

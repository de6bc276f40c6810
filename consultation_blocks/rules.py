"""Who may take part in a widget, and when: one answer for views, admin and tests."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from theme.dates import format_datetime

from .participants import ResultsVisibility, VerificationLevel, VoterGroup
from .timing import WindowState, now, window_state


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""
    remedy: str = ""  # how to become eligible, when a participant can do something about it
    needs_sign_in: bool = False
    remedy_url: str = ""  # the page where the remedy is done, when there is one


ALLOWED = Decision(True)


def _aware(moment):
    if moment and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def widget_window(value, page):
    """The widget's own dates, or the page's listening period where it has none."""
    opens = _aware(value.get("opens_at")) or getattr(page, "opens_at", None)
    closes = _aware(value.get("closes_at")) or getattr(page, "closes_at", None)
    return opens, closes


def widget_state(value, page, at=None):
    return window_state(*widget_window(value, page), at or now())


def may_act(participant):
    """Whether this visitor may take part anywhere: signed in, and not blocked."""
    if participant is None:
        return Decision(
            False,
            _("Sign in to take part."),
            _("Sign in, or create an account with your email address."),
            needs_sign_in=True,
        )
    if participant.blocked_at:
        return Decision(
            False,
            _("A moderator has blocked your account from taking part: %(reason)s")
            % {"reason": participant.blocked_reason},
            _("If you think this is a mistake, contact the municipality."),
        )
    return ALLOWED


def may_take_part(participant, value, page, at=None):
    opens, closes = widget_window(value, page)
    state = window_state(opens, closes, at or now())
    if state == WindowState.UPCOMING:
        return Decision(False, _("This opens on %(date)s.") % {"date": format_datetime(opens)})
    if state == WindowState.CLOSED:
        return Decision(False, _("This closed on %(date)s.") % {"date": format_datetime(closes)})
    acting = may_act(participant)
    if not acting.allowed:
        return acting
    required = VerificationLevel(int(value.get("minimum_verification") or 0))
    if participant.verification_level < required:
        return Decision(
            False,
            _("This is open to participants who are: %(level)s.") % {"level": required.label},
            _remedy_for(required),
            remedy_url=_remedy_url_for(required),
        )
    groups = value.get("voter_groups") or []
    if groups and participant.voter_group not in groups:
        names = ", ".join(str(VoterGroup(group).label) for group in groups)
        return Decision(
            False,
            _("This is open to: %(groups)s.") % {"groups": names},
            _("If your relation to the area has changed, update it in your profile."),
        )
    return ALLOWED


def _remedy_for(level):
    if level == VerificationLevel.EMAIL:
        return _("Confirm your email address with the link we sent you.")
    if level == VerificationLevel.RESIDENT:
        return _("Verify that you live in the municipality with your national ID number.")
    return _("Take part at the municipal office, where staff verify who you are.")


def _remedy_url_for(level):
    if level == VerificationLevel.RESIDENT:
        return reverse("bokrao_verify_resident")
    return ""


def results_visible(value, page, at=None):
    visibility = value.get("results") or ResultsVisibility.LIVE
    if visibility == ResultsVisibility.LIVE:
        return True
    if visibility == ResultsVisibility.AFTER_CLOSING:
        return widget_state(value, page, at) == WindowState.CLOSED
    return False

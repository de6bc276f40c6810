"""Whether a visitor may take part at all: signed in, and not blocked; and the answer
every rule gives (a Decision: allowed, or why not and what to do about it)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""
    remedy: str = ""  # how to become eligible, when a participant can do something about it
    needs_sign_in: bool = False
    remedy_url: str = ""  # the page where the remedy is done, when there is one


ALLOWED = Decision(True)


class Refused(Exception):
    """An action refused with nothing stored; `decision` says why (in the user's
    language) and what to do. `status` is 403 when the person may not do this (now),
    400 when what they sent is wrong. Each service names its own (CommentRefused,
    BallotRefused...), so a view catches exactly the refusals of what it called."""

    default_status = 403

    def __init__(self, decision, status=None):
        super().__init__(decision.reason)
        self.decision = decision
        self.status = self.default_status if status is None else status


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

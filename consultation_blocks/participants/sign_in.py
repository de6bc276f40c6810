"""Who may try a password now: the one rule for the public sign-in, the admin's sign-in
and every form that asks for a password again (deleting an account).

Wrong passwords are counted per client address and per account (the name typed, whether
an account has it or not, so the answers tell no one which addresses have accounts):

- per address, `RATE_LIMITS["sign_in"]`: room for a town hall's Wi-Fi full of people who
  mistype, not for a script spraying guesses over many accounts;
- per account, after `SIGN_IN_SLOW_DOWN[0]` wrong passwords each next attempt waits
  `SIGN_IN_SLOW_DOWN[1]` seconds after the last; at `RATE_LIMITS["sign_in_account"]`
  the account is locked until its window closes, and its owner gets an email.

A correct password ends the account's count. Only attempts that are checked count: one
refused without looking at the password costs the guesser a turn, not the owner one more.
"""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import limits
from ..conf import blocks_setting
from ..timing import now
from . import emails

_WRONG = "sign_in"  # per address
_WRONG_FOR_ACCOUNT = "sign_in_account"
_PAUSE = "sign_in_pause"


def _account_key(username):
    return (username or "").strip().lower()


def _minutes(seconds):
    return max(1, round(seconds / 60))


def refusal(request, username):
    """Why `username`'s password may not be tried now from this request, or None."""
    address = limits.client_address(request)
    limit, _seconds = blocks_setting("RATE_LIMITS")[_WRONG]
    wrong_here, closes = limits.window(_WRONG, address)
    if wrong_here >= limit:
        return str(limits.TooMany((closes - now()).total_seconds()))
    account = _account_key(username)
    limit, _seconds = blocks_setting("RATE_LIMITS")[_WRONG_FOR_ACCOUNT]
    wrong, closes = limits.window(_WRONG_FOR_ACCOUNT, account)
    if wrong >= limit:
        return locked_message((closes - now()).total_seconds())
    # A pause is a window of its own, opened by wrong_password() past the threshold.
    paused, closes = limits.window(_PAUSE, account)
    if paused:
        wait = max(1, round((closes - now()).total_seconds()))
        return ngettext(
            "Too many wrong passwords for this account. Wait %(seconds)d second, then try again.",
            "Too many wrong passwords for this account. Wait %(seconds)d seconds, then try again.",
            wait,
        ) % {"seconds": wait}
    return None


def locked_message(seconds):
    return _(
        "Sign-in to this account is locked for %(minutes)d minutes after too many wrong "
        "passwords. The account's owner is told by email. If it is yours, you can reset "
        "your password now."
    ) % {"minutes": _minutes(seconds)}


def wrong_password(request, username, user=None):
    """Count a wrong password; the message to add when this one slowed or locked the account.

    `user` is the account with that name if there is one (its owner is emailed once,
    when the lock begins).
    """
    limits.add(_WRONG, limits.client_address(request))
    account = _account_key(username)
    wrong, limit, seconds = limits.add(_WRONG_FOR_ACCOUNT, account)
    if wrong == limit:
        if user is not None:
            emails.queue_sign_in_locked(
                user,
                translation.get_language(),
                request.build_absolute_uri("/").rstrip("/"),
                _minutes(seconds),
            )
        return locked_message(seconds)
    after, pause = blocks_setting("SIGN_IN_SLOW_DOWN")
    if wrong >= after:
        # A fresh pause after each wrong password past the threshold.
        limits.forget(_PAUSE, account)
        limits.count(limits.window_key(_PAUSE, account), pause)
        return refusal(request, username)
    return None


def right_password(username):
    limits.forget(_WRONG_FOR_ACCOUNT, _account_key(username))
    limits.forget(_PAUSE, _account_key(username))


def _account_named(username):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    named = {f"{User.USERNAME_FIELD}__iexact": _account_key(username)}
    return User._default_manager.filter(**named).first()


class LimitedPasswords:
    """For a subclass of AuthenticationForm: passwords tried only as this module allows."""

    def clean(self):
        username = self.cleaned_data.get("username")
        if not username or not self.cleaned_data.get("password"):
            return super().clean()
        if (refused := refusal(self.request, username)) is not None:
            raise forms.ValidationError(refused, code="limited")
        try:
            cleaned = super().clean()
        except forms.ValidationError as error:
            if self.user_cache is None:  # the password did not match (or no such account)
                extra = wrong_password(self.request, username, _account_named(username))
                if extra:
                    raise forms.ValidationError([error, extra]) from None
            raise
        right_password(username)
        return cleaned


class LimitedSignIn(LimitedPasswords, AuthenticationForm):
    pass

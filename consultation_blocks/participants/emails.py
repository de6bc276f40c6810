"""Emails to participants go out from the task worker, never from the request.

A task's arguments are stored in the database until the worker runs it (and after,
until finished tasks are pruned). So the request enqueues only who, in which language
and for which site address; the worker makes the link and writes the message. No
confirmation link or password-reset token is ever stored: a copy of the database does
not hand out ways into people's accounts. A slow mail server delays an email, not a
page. Tests run tasks at once (the immediate backend).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_tasks import task

CONFIRMATION_SALT = "bokrao.confirm-email"


def _send(subject, body, to, from_email=None):
    # An email subject must not contain newlines.
    subject = "".join(str(subject).splitlines())
    EmailMultiAlternatives(subject, str(body), from_email, to).send()


def _account(user_id):
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


@task()
def send_confirmation_email(user_id, language, origin, next_path=""):
    """The link that confirms an account's email address (signed, made here), and the
    page it then opens (the one the participant signed up from)."""
    user = _account(user_id)
    if user is None or not user.email:
        return
    with translation.override(language):
        token = signing.dumps({"user": user.pk, "next": next_path}, salt=CONFIRMATION_SALT)
        link = origin + reverse("bokrao_confirm_email", args=[token])
        _send(
            _("Confirm your email address for Bokrao"),
            render_to_string("bokrao_blocks/accounts/confirm_email.txt", {"link": link}),
            [user.email],
        )


@task()
def send_password_reset_email(user_id, language, origin, days):
    """The one-time link to choose a new password (Django's token, made here)."""
    user = _account(user_id)
    if user is None or not user.email or not user.has_usable_password():
        return
    with translation.override(language):
        context = {
            "user": user,
            "email": user.email,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
            "origin": origin,
            "days": days,
        }
        _send(
            render_to_string("bokrao_blocks/accounts/password_reset_subject.txt", context),
            render_to_string("bokrao_blocks/accounts/password_reset_email.txt", context),
            [user.email],
        )


@task()
def send_sign_in_locked_email(user_id, language, origin, minutes):
    """Tell an account's owner that wrong passwords locked it, and how to get back in."""
    user = _account(user_id)
    if user is None or not user.email:
        return
    with translation.override(language):
        context = {
            "minutes": minutes,
            "reset_link": origin + reverse("bokrao_password_reset"),
        }
        _send(
            _("Sign-in to your Bokrao account was locked"),
            render_to_string("bokrao_blocks/accounts/sign_in_locked_email.txt", context),
            [user.email],
        )


@task()
def send_sign_up_attempt_email(user_id, language, origin):
    """Someone tried to create an account with an address that has one: tell its owner
    (the sign-up page answers as for a new address, so it tells no one else)."""
    user = _account(user_id)
    if user is None or not user.email:
        return
    with translation.override(language):
        context = {
            "sign_in_link": origin + reverse("bokrao_sign_in"),
            "reset_link": origin + reverse("bokrao_password_reset"),
        }
        _send(
            _("Someone tried to create a Bokrao account with your address"),
            render_to_string("bokrao_blocks/accounts/sign_up_attempt_email.txt", context),
            [user.email],
        )


def queue_sign_in_locked(user, language, origin, minutes):
    return send_sign_in_locked_email.enqueue(user.pk, language, origin, minutes)


def queue_sign_up_attempt(user, language, origin):
    return send_sign_up_attempt_email.enqueue(user.pk, language, origin)


def queue_confirmation(user, language, origin, next_path=""):
    return send_confirmation_email.enqueue(user.pk, language, origin, next_path)


def queue_password_reset(user, language, origin, days):
    return send_password_reset_email.enqueue(user.pk, language, origin, days)

"""The actions of the second factor: enrol, verify a code, reset, remove.

Each code someone tries, right or wrong, counts in the rate limit "second_factor" for
their account (conf.py RATE_LIMITS) before it is checked, so a limited account is refused
even the right code until the window closes.

django-otp stores the app's secret (TOTPDevice.key) and the recovery codes (StaticToken)
in the database as they are: they must be compared with what the person types.
"""

import logging
import re
from base64 import b32encode
from urllib.parse import quote, urlencode

import django_otp
import segno
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ... import limits

ISSUER = "Bokrao"
RECOVERY_CODES = 10
LIMIT = "second_factor"

# What a person types: six digits (any script's digits, Thai ones too), or a recovery
# code (eight letters a-z and digits 2-7, as django-otp makes them).
APP_CODE = re.compile(r"\d{6}")
RECOVERY_CODE = re.compile(r"[a-z2-7]{8}")

logger = logging.getLogger(__name__)


class CodeRefused(Exception):
    """The code (or password) was not accepted; the message says why, for the person."""


def normalise(code):
    """The code as stored: spaces and dashes removed, digits as ASCII, letters lower."""
    code = re.sub(r"[\s-]", "", code or "").lower()
    if APP_CODE.fullmatch(code):
        return str(int(code)).zfill(6)
    return code


def has_second_factor(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def pending_device(user):
    """The app enrolment shows: the same secret on every reload until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=ISSUER, confirmed=False)


def otpauth_uri(device):
    """What the QR code holds (Google's Key URI format): issuer Bokrao, the account name."""
    label = f"{ISSUER}:{device.user.get_username()}"
    params = urlencode(
        {
            "secret": b32encode(device.bin_key).decode(),
            "issuer": ISSUER,
            "algorithm": "SHA1",
            "digits": device.digits,
            "period": device.step,
        },
        quote_via=quote,
    )
    return f"otpauth://totp/{quote(label)}?{params}"


def secret_text(device):
    """The secret for typing into an app by hand, in groups of four letters."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[at : at + 4] for at in range(0, len(secret), 4))


def qr_svg(device, title):
    """The QR code as an inline SVG element, dark on white whatever the admin's theme."""
    return segno.make(otpauth_uri(device), error="m").svg_inline(
        scale=5, border=4, dark="#000", light="#fff", title=title
    )


def _count_attempt(user):
    try:
        limits.check(LIMIT, f"user:{user.pk}")
    except limits.TooMany as too_many:
        logger.warning("Second factor: too many codes tried for user %s", user.pk)
        raise CodeRefused(str(too_many)) from too_many


def confirm_enrolment(request, device, code):
    """Confirm the app with its first code; return the new recovery codes (shown once).

    The session is verified with the new app at once."""
    user = request.user
    _count_attempt(user)
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(pk=device.pk, user=user, confirmed=False)
            .first()
        )
        if device is None or not device.verify_token(normalise(code)):
            raise CodeRefused(
                _("This code is not right. Enter the 6-digit code your app shows now.")
            )
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        # One app per account: an older one (or another half-finished enrolment) goes.
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        codes = new_recovery_codes(user)
    django_otp.login(request, device)
    logger.info("Second factor set up by user %s", user.pk)
    return codes


def new_recovery_codes(user):
    """Replace the account's recovery codes with RECOVERY_CODES new ones; return them."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=ISSUER, confirmed=True)
    codes = [StaticToken.random_token() for _index in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _matching_device(user, code):
    """The confirmed device that accepts `code` (a recovery code is used up), or None."""
    code = normalise(code)
    if APP_CODE.fullmatch(code):
        model = TOTPDevice
    elif RECOVERY_CODE.fullmatch(code):
        model = StaticDevice
    else:
        return None
    for device in model.objects.devices_for_user(user, confirmed=True):
        # In a transaction, the device's row locked: two requests cannot both use one code.
        if django_otp.verify_token(user, device.persistent_id, code):
            return device
    return None


WRONG_CODE = gettext_lazy(
    "This code is not right. Enter the code your app shows now (check that your phone's "
    "clock is right), or one of your recovery codes."
)


def verify(request, code):
    """Mark the session verified when `code` is right; return the device that took it."""
    user = request.user
    _count_attempt(user)
    device = _matching_device(user, code)
    if device is None:
        raise CodeRefused(str(WRONG_CODE))
    django_otp.login(request, device)
    return device


def reset_own(request, password, code):
    """Remove one's own app and recovery codes, proven by the password and a current code."""
    user = request.user
    _count_attempt(user)
    if not user.check_password(password):
        raise CodeRefused(_("The password is not right."))
    if _matching_device(user, code) is None:
        raise CodeRefused(str(WRONG_CODE))
    removed = remove_devices(user)
    logger.info("Second factor reset by user %s themselves", user.pk)
    return removed


def remove_devices(user):
    """Delete every second-factor device of `user` (apps and recovery codes); how many."""
    removed = 0
    with transaction.atomic():
        for device in django_otp.devices_for_user(user, confirmed=None):
            device.delete()
            removed += 1
    return removed

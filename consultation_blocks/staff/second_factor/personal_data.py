"""A staff member's second factor in the data download and the account deletion
(privacy/registry.py): the download says that one is set up, never its secret or codes."""

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ...privacy.export import when
from ...privacy.registry import Holder


def _export(person):
    app = TOTPDevice.objects.filter(user=person.user, confirmed=True).first()
    if app is None:
        return None
    return {
        "authenticator_app": True,
        "set_up_at": when(app.created_at),
        "last_used_at": when(app.last_used_at),
        "recovery_codes_left": StaticToken.objects.filter(device__user=person.user).count(),
    }


def _erase(person, policy):
    TOTPDevice.objects.filter(user=person.user).delete()
    StaticDevice.objects.filter(user=person.user).delete()
    return []


SECOND_FACTOR = Holder(
    name="second_factor",
    claims=("otp_totp.TOTPDevice.user", "otp_static.StaticDevice.user"),
    export=lambda person, pages: _export(person),
    erase=_erase,
)

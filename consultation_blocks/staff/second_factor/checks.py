"""Django's system checks for the second factor: the setting says staff are asked, so the
apps and middleware that ask them must be there."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.checks import Warning as CheckWarning

from . import rules
from .hooks import OTP_APPS, otp_installed

AUTH = "django.contrib.auth.middleware.AuthenticationMiddleware"
OTP = "django_otp.middleware.OTPMiddleware"
OURS = "consultation_blocks.staff.second_factor.middleware.SecondFactorMiddleware"


def _in_order(middleware):
    """AuthenticationMiddleware, then OTPMiddleware, then ours."""
    try:
        return middleware.index(AUTH) < middleware.index(OTP) < middleware.index(OURS)
    except ValueError:
        return False


@register(Tags.security)
def check_second_factor(app_configs=None, **kwargs):
    current = rules.mode()
    if current == rules.OFF:
        return []
    kind, level = (Error, "E") if current == rules.REQUIRED else (CheckWarning, "W")
    apps_line = ", ".join(f'"{name}"' for name in OTP_APPS)
    if not otp_installed():
        if "STAFF_SECOND_FACTOR" not in getattr(settings, "BOKRAO_PARTICIPATION", {}):
            # The default, in a site that did not add the second factor (docs/extension.md
            # makes it a choice): nothing to say.
            return []
        return [
            kind(
                f"STAFF_SECOND_FACTOR is {current!r} but django-otp's apps are not installed: "
                "staff are never asked for a second factor.",
                hint=f"Add {apps_line} to INSTALLED_APPS (docs/extension.md), or set "
                "BOKRAO_PARTICIPATION['STAFF_SECOND_FACTOR'] = 'off'.",
                id=f"bokrao_blocks.{level}010",
            )
        ]
    if not _in_order(list(settings.MIDDLEWARE)):
        return [
            kind(
                f"STAFF_SECOND_FACTOR is {current!r} but the middleware that asks for it is "
                "missing or out of order.",
                hint=f'Put "{OTP}" right after "{AUTH}" in MIDDLEWARE, and "{OURS}" after it.',
                id=f"bokrao_blocks.{level}011",
            )
        ]
    return []

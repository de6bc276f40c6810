"""The visitor's cookie choice (R12, PDPA): essential, performance, targeting.

The choice is kept in one cookie that both the server and consent.js read:
"<policy version>.<accepted optional category>...", for example "2.performance".
Essential cookies need no consent; optional ones are off until accepted.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .conf import theme_setting

OPTIONAL_CATEGORIES = {
    "performance": _("Performance cookies"),
    "targeting": _("Targeting cookies"),
}


@dataclass(frozen=True)
class Consent:
    version: int
    accepted: frozenset

    def allows(self, category):
        return category == "essential" or category in self.accepted

    def cookie_value(self):
        return ".".join([str(self.version), *sorted(self.accepted)])


def read_consent(request):
    """The stored choice, or None when the visitor has not chosen yet."""
    raw = request.COOKIES.get(theme_setting("CONSENT_COOKIE"), "")
    version, _dot, rest = raw.partition(".")
    # ASCII digits only: "²".isdigit() is true and int() refuses it; garbage is no choice.
    if not (version.isascii() and version.isdigit()) or len(version) > 9:
        return None
    accepted = {name for name in rest.split(".") if name in OPTIONAL_CATEGORIES}
    return Consent(int(version), frozenset(accepted))


def needs_asking(consent, policy_version):
    """Ask again when there is no choice yet, or the policy changed since."""
    return consent is None or consent.version < policy_version


def remember_consent(request, response, consent):
    response.set_cookie(
        theme_setting("CONSENT_COOKIE"),
        consent.cookie_value(),
        max_age=theme_setting("CONSENT_MAX_AGE_DAYS") * 24 * 3600,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=False,  # consent.js reads it to start scripts without a reload
    )
    return response

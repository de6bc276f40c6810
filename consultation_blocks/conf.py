"""The participation app's settings, with their defaults, read in this one place.

BOKRAO_PARTICIPATION = {
    # action: (attempts, seconds) per address or participant
    "RATE_LIMITS": {"sign_in": (10, 600), "sign_up": (5, 3600), "vote": (60, 60)},
}
"""

from django.conf import settings

DEFAULTS = {
    "RATE_LIMITS": {"sign_in": (10, 600), "sign_up": (5, 3600), "vote": (60, 60)},
}


def blocks_setting(name):
    return getattr(settings, "BOKRAO_PARTICIPATION", {}).get(name, DEFAULTS[name])

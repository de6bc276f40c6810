"""The participation app's settings, with their defaults, read in this one place.

BOKRAO_PARTICIPATION = {
    # action: (attempts, seconds) per address or participant; actions left out keep
    # their defaults
    "RATE_LIMITS": {"sign_in": (10, 600), "sign_up": (5, 3600), "vote": (60, 60), ...},
}
"""

from django.conf import settings

DEFAULTS = {
    "RATE_LIMITS": {
        "sign_in": (10, 600),
        "sign_up": (5, 3600),
        "vote": (60, 60),
        # Reset links: per email address (no one's inbox is flooded) and per client
        # address (no one sprays the form with addresses).
        "password_reset": (3, 3600),
        "password_reset_ip": (20, 3600),
    },
}


def blocks_setting(name):
    value = getattr(settings, "BOKRAO_PARTICIPATION", {}).get(name, DEFAULTS[name])
    if isinstance(DEFAULTS[name], dict):
        # A site that tunes one rate limit keeps the defaults of the others,
        # including actions added after it wrote its settings.
        return {**DEFAULTS[name], **value}
    return value

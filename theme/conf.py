"""The theme's settings, with their defaults, read in this one place.

BOKRAO_THEME = {
    "CONSENT_COOKIE": "bokrao_consent",
    "CONSENT_MAX_AGE_DAYS": 365,
    # Self-hosted scripts that only run after the visitor accepts their category.
    "CONSENT_SCRIPTS": {"performance": ["theme/js/..."], "targeting": []},
}
"""

from django.conf import settings

DEFAULTS = {
    "CONSENT_COOKIE": "bokrao_consent",
    "CONSENT_MAX_AGE_DAYS": 365,
    "CONSENT_SCRIPTS": {"performance": [], "targeting": []},
}


def theme_setting(name):
    return getattr(settings, "BOKRAO_THEME", {}).get(name, DEFAULTS[name])

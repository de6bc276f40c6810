"""The theme's settings, with their defaults, read in this one place.

BOKRAO_THEME = {
    "CONSENT_COOKIE": "bokrao_consent",
    "CONSENT_MAX_AGE_DAYS": 365,
    # Self-hosted scripts that only run after the visitor accepts their category.
    "CONSENT_SCRIPTS": {"performance": ["theme/js/..."], "targeting": []},
}

Django's own settings that the theme reads (LANGUAGES) go through host_setting().
"""

from django.conf import global_settings, settings

DEFAULTS = {
    "CONSENT_COOKIE": "bokrao_consent",
    "CONSENT_MAX_AGE_DAYS": 365,
    "CONSENT_SCRIPTS": {"performance": [], "targeting": []},
}


def theme_setting(name):
    return getattr(settings, "BOKRAO_THEME", {}).get(name, DEFAULTS[name])


def host_setting(name):
    """A Django setting the theme reads; Django's own default applies."""
    if not hasattr(global_settings, name):
        raise KeyError(f"{name} is not a Django setting")
    return getattr(settings, name)

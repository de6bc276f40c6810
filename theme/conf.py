"""The theme's settings, with their defaults, read in this one place.

BOKRAO_THEME = {
    "CONSENT_COOKIE": "bokrao_consent",
    "CONSENT_MAX_AGE_DAYS": 365,
    # Self-hosted scripts that only run after the visitor accepts their category.
    "CONSENT_SCRIPTS": {"performance": ["theme/js/..."], "targeting": []},
    # Security headers (theme/headers.py). A policy given here replaces the default's
    # directives one by one: {"img-src": ["'self'", "https://media.example.org"]} keeps
    # the others; None drops a directive.
    "CONTENT_SECURITY_POLICY": {"img-src": ["'self'", "https://media.example.org"]},
    "ADMIN_CONTENT_SECURITY_POLICY": {...},
    "PERMISSIONS_POLICY": {"geolocation": ["self"]},
    # Pages answered with Cache-Control: no-store even for a visitor who is not signed in.
    "NO_STORE_URL_NAMES": ["bokrao_sign_in", ...],
    # A staff session ends after this many minutes without a request (0: never).
    "STAFF_IDLE_MINUTES": 30,
}

Django's own settings that the theme reads (LANGUAGES) go through host_setting().
"""

from django.conf import global_settings, settings

DEFAULTS = {
    "CONSENT_COOKIE": "bokrao_consent",
    "CONSENT_MAX_AGE_DAYS": 365,
    "CONSENT_SCRIPTS": {"performance": [], "targeting": []},
    # Public pages: every script, style and font comes from the site itself; no inline
    # script, no inline style, no framing.
    "CONTENT_SECURITY_POLICY": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
    # The Wagtail admin (7.4) still writes inline scripts (inline panels, date pickers)
    # and inline styles, and shows uploads and icons from data: and blob: addresses.
    "ADMIN_CONTENT_SECURITY_POLICY": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
    # Browser features no page uses: none may ask for them. Geolocation stays off until
    # a widget (proposals on a map) needs it.
    "PERMISSIONS_POLICY": {
        "accelerometer": [],
        "autoplay": [],
        "browsing-topics": [],
        "camera": [],
        "display-capture": [],
        "geolocation": [],
        "gyroscope": [],
        "hid": [],
        "interest-cohort": [],
        "magnetometer": [],
        "microphone": [],
        "midi": [],
        "payment": [],
        "serial": [],
        "usb": [],
    },
    "NO_STORE_URL_NAMES": [
        "bokrao_sign_in",
        "bokrao_sign_up",
        "bokrao_sign_out",
        "bokrao_confirm_email",
        "bokrao_password_reset",
        "bokrao_password_reset_sent",
        "bokrao_password_reset_done",
        "bokrao_password_reset_confirm",
        "bokrao_profile",
        "bokrao_verify_resident",
        "bokrao_privacy",
        "bokrao_my_data",
        "bokrao_delete_account",
    ],
    "STAFF_IDLE_MINUTES": 30,
}


def theme_setting(name):
    return getattr(settings, "BOKRAO_THEME", {}).get(name, DEFAULTS[name])


def theme_policy(name):
    """A policy setting (a dict of directives): the site's directives over the defaults."""
    policy = {**DEFAULTS[name], **getattr(settings, "BOKRAO_THEME", {}).get(name, {})}
    return {directive: value for directive, value in policy.items() if value is not None}


def host_setting(name):
    """A Django setting the theme reads; Django's own default applies."""
    if not hasattr(global_settings, name):
        raise KeyError(f"{name} is not a Django setting")
    return getattr(settings, name)

"""The participation app's settings, with their defaults, read in this one place.

BOKRAO_PARTICIPATION = {
    # action: (attempts, seconds) per address or participant; actions left out keep
    # their defaults
    "RATE_LIMITS": {"sign_in": (10, 600), "sign_up": (5, 3600), "vote": (60, 60), ...},
    # the key of the national ID's hash (default: derived from SECRET_KEY)
    "RESIDENT_ID_KEY": "...",
    # a class with match(municipality, national_id, birth_date) -> RegisterMatch or None
    "RESIDENT_REGISTER_BACKEND": "consultation_blocks.participants.residents.UploadedRegister",
    # "required", "optional" (default) or "off": staff's second factor in the admin
    "STAFF_SECOND_FACTOR": "optional",
}

The settings of Django and django-comments-xtd that the app reads go through
host_setting(), with the default it uses when the site does not set them.
"""

from django.conf import global_settings, settings

DEFAULTS = {
    # Per client address ("_ip") or per participant or account. An address can be a
    # town hall's Wi-Fi or a mobile network shared by hundreds of honest people, so its
    # limits leave room for a crowd; the per-account ones stop a script. README lists them.
    "RATE_LIMITS": {
        # Wrong passwords: per address, and per account (then the account is locked
        # until the window closes and its owner gets an email).
        "sign_in": (60, 3600),
        "sign_in_account": (10, 900),
        # New accounts per address; past SIGN_UP_CHALLENGE_AFTER of them, each needs a
        # solved challenge (participants/challenge.py).
        "sign_up": (300, 3600),
        # Confirmation and "someone tried to sign up" emails: per recipient (no one's
        # inbox is flooded) and per address.
        "confirmation_email": (3, 3600),
        "confirmation_email_ip": (300, 3600),
        "vote": (60, 60),
        # Proposals saved (drafts and submissions) per participant and per address.
        "proposal": (20, 3600),
        "proposal_ip": (300, 3600),
        # Comments: enough for a lively discussion, too few for a flood.
        "comment": (5, 60),
        "comment_ip": (120, 60),
        "react": (60, 60),
        "react_ip": (300, 60),
        "flag": (20, 3600),
        "flag_ip": (200, 3600),
        # Reset links: per email address (no one's inbox is flooded) and per client
        # address (no one sprays the form with addresses).
        "password_reset": (3, 3600),
        "password_reset_ip": (60, 3600),
        # Resident verification: per participant, and per client address.
        "verify_resident": (5, 3600),
        "verify_resident_ip": (300, 3600),
        # Staff's second factor: codes tried per account (sign-in, enrolment, reset),
        # right or wrong; a six-digit code is guessed once in a million tries.
        "second_factor": (5, 300),
    },
    # After this many wrong passwords for one account in its window, each next attempt
    # waits this many seconds after the last one: (wrong passwords, seconds).
    "SIGN_IN_SLOW_DOWN": (5, 30),
    # New accounts from one address in an hour before each next one needs a challenge.
    "SIGN_UP_CHALLENGE_AFTER": 20,
    # The challenge: leading zero bits of SHA-256 the browser's script finds (about
    # 2**bits hashes, a second or two on a phone), or, without JavaScript, seconds to
    # wait before the form is accepted.
    "SIGN_UP_CHALLENGE_BITS": 16,
    "SIGN_UP_CHALLENGE_WAIT": 20,
    # How many comment threads a comment widget shows before "Show more comments".
    "COMMENT_THREADS_PER_PAGE": 20,
    # The key of the national ID number's hash; empty: derived from SECRET_KEY.
    # Changing it means uploading the resident register again.
    "RESIDENT_ID_KEY": "",
    # Where resident verification looks people up (consultation_blocks.participants.residents).
    "RESIDENT_REGISTER_BACKEND": "consultation_blocks.participants.residents.UploadedRegister",
    # Staff's second factor in the Wagtail admin (staff/second_factor/): "required" (every
    # staff account enrols at its next sign-in), "optional" (staff who set one up are
    # asked for it) or "off". Optional by default, so that a site upgrading does not stop
    # its staff at their next sign-in; the bundled site requires it in production.
    "STAFF_SECOND_FACTOR": "optional",
}


def blocks_setting(name):
    value = getattr(settings, "BOKRAO_PARTICIPATION", {}).get(name, DEFAULTS[name])
    if isinstance(DEFAULTS[name], dict):
        # A site that tunes one rate limit keeps the defaults of the others,
        # including actions added after it wrote its settings.
        return {**DEFAULTS[name], **value}
    return value


# Settings that Django's own defaults do not cover. Each default is the one the library
# itself applies, so that what a page shows matches what the library enforces.
HOST_DEFAULTS = {
    # django-comments' longest comment, in characters.
    "COMMENT_MAX_LENGTH": 3000,
    # How deep replies go. django-comments-xtd refuses every reply when it is not set,
    # so we offer none either (a check warns: docs/extension.md sets 2).
    "COMMENTS_XTD_MAX_THREAD_LEVEL": 0,
    # The site each comment is stored with: the one django.contrib.sites creates.
    "SITE_ID": 1,
}


def host_setting(name):
    """A setting of Django or django-comments-xtd, or the default the app uses without it.

    For example COMMENT_MAX_LENGTH, COMMENTS_XTD_MAX_THREAD_LEVEL, SITE_ID, and Django's
    PASSWORD_RESET_TIMEOUT, LANGUAGE_CODE and SECRET_KEY (Django's defaults apply).
    """
    if name in HOST_DEFAULTS:
        return getattr(settings, name, HOST_DEFAULTS[name])
    if not hasattr(global_settings, name):
        raise KeyError(f"{name} has no default: add it to HOST_DEFAULTS")
    return getattr(settings, name)

"""The participation app's settings, with their defaults, read in this one place.

BOKRAO_PARTICIPATION = {
    # action: (attempts, seconds) per address or participant; actions left out keep
    # their defaults
    "RATE_LIMITS": {"sign_in": (10, 600), "sign_up": (5, 3600), "vote": (60, 60), ...},
    # the key of the national ID's hash (default: derived from SECRET_KEY)
    "RESIDENT_ID_KEY": "...",
    # a class with matches(national_id, birth_date) -> bool
    "RESIDENT_REGISTER_BACKEND": "consultation_blocks.participants.residents.UploadedRegister",
}
"""

from django.conf import settings

DEFAULTS = {
    "RATE_LIMITS": {
        "sign_in": (10, 600),
        "sign_up": (5, 3600),
        "vote": (60, 60),
        # Comments: enough for a lively discussion, too few for a flood.
        "comment": (5, 60),
        "comment_ip": (30, 60),
        "react": (60, 60),
        "react_ip": (300, 60),
        "flag": (20, 3600),
        "flag_ip": (60, 3600),
        # Reset links: per email address (no one's inbox is flooded) and per client
        # address (no one sprays the form with addresses).
        "password_reset": (3, 3600),
        "password_reset_ip": (20, 3600),
        # Resident verification: per participant, and per client address (a shared
        # office or mobile network holds many honest people).
        "verify_resident": (5, 3600),
        "verify_resident_ip": (20, 3600),
    },
    # How many comment threads a comment widget shows before "Show more comments".
    "COMMENT_THREADS_PER_PAGE": 20,
    # The key of the national ID number's hash; empty: derived from SECRET_KEY.
    # Changing it means uploading the resident register again.
    "RESIDENT_ID_KEY": "",
    # Where resident verification looks people up (consultation_blocks.participants.residents).
    "RESIDENT_REGISTER_BACKEND": "consultation_blocks.participants.residents.UploadedRegister",
}


def blocks_setting(name):
    value = getattr(settings, "BOKRAO_PARTICIPATION", {}).get(name, DEFAULTS[name])
    if isinstance(DEFAULTS[name], dict):
        # A site that tunes one rate limit keeps the defaults of the others,
        # including actions added after it wrote its settings.
        return {**DEFAULTS[name], **value}
    return value

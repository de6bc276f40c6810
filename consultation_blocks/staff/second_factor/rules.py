"""Who is asked for a second factor, and for what, under STAFF_SECOND_FACTOR."""

from django.core.exceptions import ImproperlyConfigured

from ...conf import blocks_setting

REQUIRED, OPTIONAL, OFF = "required", "optional", "off"
MODES = (REQUIRED, OPTIONAL, OFF)

# What a staff member must do before an admin page opens.
VERIFY, ENROL = "verify", "enrol"


def mode():
    value = blocks_setting("STAFF_SECOND_FACTOR")
    if value not in MODES:
        raise ImproperlyConfigured(
            f"BOKRAO_PARTICIPATION['STAFF_SECOND_FACTOR'] is {value!r}; "
            f"use one of {', '.join(MODES)}."
        )
    return value


def is_staff(user):
    """Staff: whoever may open the Wagtail admin. Citizens never have a second factor."""
    return bool(
        user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin")
    )


def is_verified(user):
    # Set by django-otp's OTPMiddleware; without it no one counts as verified.
    return bool(getattr(user, "is_verified", lambda: False)())


def missing_step(user):
    """VERIFY, ENROL, or None when `user` may open the admin's pages now."""
    current = mode()
    if current == OFF or not is_staff(user) or is_verified(user):
        return None
    # Here, not at the top: django-otp's models exist only in a site that installed it,
    # and the system check imports this module in every site.
    from . import services

    if services.has_second_factor(user):
        return VERIFY
    if current == REQUIRED:
        return ENROL
    return None

"""Who takes part (R3, R4): voter groups, inside or outside the area, verification."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VoterGroup(models.TextChoices):
    RESIDENT = "resident", _("Resident or directly affected")
    INTERESTED = "interested", _("Interested")
    CONCERNED = "concerned", _("Concerned")


class Residence(models.TextChoices):
    """Inside or outside the municipality of the consultation (R4), judged per
    municipality from where the participant says they live."""

    INSIDE = "inside", _("Lives inside the municipality")
    OUTSIDE = "outside", _("Lives outside the municipality")


class VerificationLevel(models.IntegerChoices):
    """Ordered: a widget asking for one level accepts every level above it."""

    UNVERIFIED = 0, _("Unverified")
    EMAIL = 1, _("Email confirmed")
    RESIDENT = 2, _("Resident verified")
    STAFF = 3, _("Verified by staff on site")

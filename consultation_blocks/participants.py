"""Who takes part (R3, R4): voter groups, inside or outside the area, verification."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VoterGroup(models.TextChoices):
    RESIDENT = "resident", _("Resident or directly affected")
    INTERESTED = "interested", _("Interested")
    CONCERNED = "concerned", _("Concerned")


class Area(models.TextChoices):
    INSIDE = "inside", _("Lives inside the municipality")
    OUTSIDE = "outside", _("Lives outside the municipality")


class VerificationLevel(models.IntegerChoices):
    """Ordered: a widget asking for one level accepts every level above it."""

    UNVERIFIED = 0, _("Unverified")
    EMAIL = 1, _("Email confirmed")
    RESIDENT = 2, _("Resident verified")
    STAFF = 3, _("Verified by staff on site")


class ResultsVisibility(models.TextChoices):
    LIVE = "live", _("While open")
    AFTER_CLOSING = "after_closing", _("After closing")
    NEVER = "never", _("Never (staff only)")


class CommentState(models.TextChoices):
    PUBLISHED = "published", _("Published")
    HELD = "held", _("Waiting for review")
    HIDDEN = "hidden", _("Hidden by a moderator")


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    ABUSE = "abuse", _("Insulting or hateful")
    PERSONAL = "personal", _("Reveals someone's personal data")
    OFF_TOPIC = "off_topic", _("Not about this consultation")
    OTHER = "other", _("Something else")

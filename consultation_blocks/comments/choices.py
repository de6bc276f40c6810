"""A comment's moderation state, and why participants report one."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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

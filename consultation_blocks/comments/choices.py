"""A comment's moderation state, and why participants report one."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommentState(models.TextChoices):
    PUBLISHED = "published", _("Published")
    HELD = "held", _("Waiting for review")
    HIDDEN = "hidden", _("Hidden by a moderator")
    # Published, then its author was blocked: out of public view until they are
    # unblocked, when exactly these return to PUBLISHED (decision 015).
    WITHHELD = "withheld", _("Withheld: its author is blocked")


# Shown on public pages, each in its own way: published ones in full, hidden and
# withheld ones as a line in place (so the replies under them still read in context).
SHOWN_IN_PLACE = [CommentState.PUBLISHED, CommentState.HIDDEN, CommentState.WITHHELD]


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    ABUSE = "abuse", _("Insulting or hateful")
    PERSONAL = "personal", _("Reveals someone's personal data")
    OFF_TOPIC = "off_topic", _("Not about this consultation")
    OTHER = "other", _("Something else")


class ThreadOrder(models.TextChoices):
    """How a comment widget lists its threads; the visitor picks one with a plain link
    (`?sort-<widget>=newest`). Oldest first is the default: it favours no one (an order
    by agreement feeds on itself, the first threads to be agreed with rise and gather
    more) and it keeps "show more" pages stable while new threads arrive."""

    OLDEST = "oldest", _("Oldest first")
    NEWEST = "newest", _("Newest first")
    AGREED = "agreed", _("Most agreed")
    CONTROVERSIAL = "controversial", _("Most controversial")

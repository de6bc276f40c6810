"""Widget settings' choices."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResultsVisibility(models.TextChoices):
    LIVE = "live", _("While open")
    AFTER_CLOSING = "after_closing", _("After closing")
    NEVER = "never", _("Never (staff only)")

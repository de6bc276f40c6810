from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from . import kinds


class Phase(Orderable):
    """One step of a consultation: what it allows (its kind) and when it runs.

    Phases run in their order; the first starts the consultation, the last one ends it.
    Only the last may be left without an end (it then runs until staff end it).
    """

    page = ParentalKey(
        "bokrao_pages.ConsultationPage", on_delete=models.CASCADE, related_name="phases"
    )
    kind = models.CharField(_("phase"), max_length=30, choices=kinds.choices, default="listening")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)

    panels = [FieldPanel("kind"), FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")])]

    class Meta(Orderable.Meta):
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self):
        return str(kinds.get(self.kind).label)


class PhaseShift(models.Model):
    """Staff held, released or advanced a consultation's phase by hand: who, when, why.

    Kept per consultation (the page's translation key), so every translation follows;
    never edited. The timeline replays these over the phases' dates.
    """

    class Action(models.TextChoices):
        HOLD = "hold", _("Held the phase")
        RELEASE = "release", _("Released the hold")
        ADVANCE = "advance", _("Moved to the next phase")

    consultation = models.UUIDField(_("consultation"), db_index=True)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    # The phase held, or the phase moved to (one past the last: the consultation ended).
    position = models.PositiveSmallIntegerField(_("phase"))
    reason = models.CharField(_("reason"), max_length=300)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), db_index=True)

    class Meta:
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"

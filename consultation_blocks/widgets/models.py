from django.db import models
from django.utils.translation import gettext_lazy as _

from ..participants.models import Contribution


class Vote(Contribution):
    """One participant's answer to one widget about one anchor (the widget, or an item)."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        on_delete=models.SET_NULL,  # an editor's deletion never deletes what people said
        related_name="+",
    )
    # A list: one key for agree/disagree, support and single-choice polls, up to the
    # widget's maximum for multiple-choice polls; "other" comes with `other_text`.
    choices = models.JSONField(_("choices"), default=list)
    other_text = models.CharField(_("other answer"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        # Staff permissions of the app that are not about editing a model (staff/permissions.py).
        permissions = [("view_participation_report", _("Can see participation reports"))]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "widget", "anchor", "participant"],
                name="bokrao_one_vote_per_participant_per_target",
            )
        ]

    def __str__(self):
        return f"{self.widget}/{self.anchor or '-'}: {', '.join(self.choices)}"

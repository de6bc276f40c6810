"""Staff's responses to what the hearing said, and the reports they publish."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Verdict(models.TextChoices):
    # The words of Thai hearing summaries (สรุปผลการรับฟังความคิดเห็น).
    # A context of their own: a proposal's "Accepted" reads otherwise in Thai.
    ACCEPTED = "accepted", pgettext_lazy("hearing verdict", "Accepted")
    PARTLY = "partly", pgettext_lazy("hearing verdict", "Partly accepted")
    NOT_ACCEPTED = "not_accepted", pgettext_lazy("hearing verdict", "Not accepted")


# A verdict that does not simply accept says why.
NEEDS_REASON = {Verdict.PARTLY, Verdict.NOT_ACCEPTED}


class HearingResponse(models.Model):
    """The municipality's answer to one paragraph of a draft (`comment` empty) or to one
    comment on it. Answering again replaces the answer: the report shows the last one."""

    consultation = models.UUIDField(_("consultation"), db_index=True)
    # The paragraph's key (its block id); for an answer to a comment, the comment's.
    paragraph = models.CharField(_("paragraph"), max_length=64)
    comment = models.ForeignKey(
        "bokrao_blocks.Comment",
        verbose_name=_("comment"),
        null=True,
        blank=True,
        # The answer is about that comment only: it goes with it.
        on_delete=models.CASCADE,
        related_name="hearing_responses",
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    reason = models.TextField(_("reason"), max_length=4000, blank=True)
    # Shown publicly: a role ("Public works division"), never a person's name.
    answered_as = models.CharField(_("answered for the municipality by"), max_length=150)
    # Staff only: who answered.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("hearing response")
        verbose_name_plural = _("hearing responses")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "paragraph"],
                condition=Q(comment__isnull=True),
                name="bokrao_one_response_per_paragraph",
            ),
            models.UniqueConstraint(
                fields=["comment"],
                condition=Q(comment__isnull=False),
                name="bokrao_one_response_per_comment",
            ),
        ]

    def __str__(self):
        return f"{self.paragraph} {self.comment_id or ''}: {self.verdict}"


def report_pdf_path(report, filename):
    """Our own name, never the uploader's: one file per published report."""
    return f"hearing-reports/{report.consultation}/report-{report.pk}.pdf"


class HearingReport(models.Model):
    """A published hearing report: the version of the draft it reports on and staff's
    summary. The page and the CSV read the counts and answers when asked; the PDF is
    printed once by a task (tasks.py) and kept."""

    consultation = models.UUIDField(_("consultation"), db_index=True)
    version_number = models.PositiveIntegerField(_("version reported on"))
    summary = models.TextField(_("summary"), max_length=20000)
    published_at = models.DateTimeField(_("published at"), db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The page whose language the PDF is printed in (the one staff published from).
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    pdf = models.FileField(_("PDF"), upload_to=report_pdf_path, blank=True)
    pdf_rendered_at = models.DateTimeField(_("PDF printed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("hearing report")
        verbose_name_plural = _("hearing reports")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return f"{self.consultation} v{self.version_number} ({self.published_at:%Y-%m-%d})"

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DraftVersion(models.Model):
    """A version of a draft regulation, as staff published it: what readers read and
    people comment on. The text of each language is a DraftText; the page itself is the
    editors' working copy until they publish the next version."""

    consultation = models.UUIDField(_("consultation"), db_index=True)
    number = models.PositiveSmallIntegerField(_("version"))
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # {paragraph key: the version from which its text is unchanged} (anchoring.py).
    since = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("version of a draft")
        verbose_name_plural = _("versions of drafts")
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="one_version_number")
        ]

    def __str__(self):
        return f"v{self.number}"


class DraftText(models.Model):
    """A version's text in one language: its entries (anchoring.flatten) and change note."""

    version = models.ForeignKey(DraftVersion, on_delete=models.CASCADE, related_name="texts")
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    change_note = models.TextField(_("what changed"), blank=True)
    entries = models.JSONField(default=list)

    class Meta:
        verbose_name = _("text of a version")
        constraints = [
            models.UniqueConstraint(fields=["version", "locale"], name="one_text_per_language")
        ]

    def __str__(self):
        return f"{self.version} ({self.locale_id})"

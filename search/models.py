from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxEntry(models.Model):
    """A record whose search document must be sent (or removed) from the index.

    Written in the same transaction as the record itself, so the index can never
    miss a change the database kept; sent later, in bulk, by the outbox worker. The
    document is built from the database when it is sent, so two entries for one
    record send its latest state, under the same document id, once or twice but
    never as two documents.
    """

    document_type = models.CharField(_("document type"), max_length=40)
    object_id = models.CharField(_("object id"), max_length=64)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("search outbox entry")
        verbose_name_plural = _("search outbox")
        indexes = [models.Index(fields=["next_attempt_at", "id"])]

    def __str__(self):
        return f"{self.document_type}-{self.object_id}"

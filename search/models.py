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


class RebuildRun(models.Model):
    """A rebuild of the participation index in progress (search/rebuild.py).

    While one exists, the outbox worker notes the records it sends (ChangedDuringRebuild):
    they go to the index being replaced, and the rebuild sends them again into the new
    one (decision 021).
    """

    index = models.CharField(_("index being filled"), max_length=200)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)

    class Meta:
        verbose_name = _("search index rebuild")
        verbose_name_plural = _("search index rebuilds")

    def __str__(self):
        return self.index


class ChangedDuringRebuild(models.Model):
    """A record the outbox worker sent while a rebuild ran: sent again after the swap.

    Not tied to one run: a note left by a batch that finished after its rebuild did is
    harmless (the next rebuild starts by clearing them, its fill covers them).
    """

    document_type = models.CharField(_("document type"), max_length=40)
    object_id = models.CharField(_("object id"), max_length=64)

    class Meta:
        verbose_name = _("record changed during a rebuild")
        verbose_name_plural = _("records changed during a rebuild")

    def __str__(self):
        return f"{self.document_type}-{self.object_id}"

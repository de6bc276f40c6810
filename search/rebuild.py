"""Rebuild the participation index without losing a write made meanwhile (decision 021).

A rebuild fills a new index from the database while the outbox worker keeps sending
votes and comments to the index behind the alias, the one about to be replaced. So:

1. Before the fill reads anything, a RebuildRun row says a rebuild runs. From then on
   the worker notes each record it sends (ChangedDuringRebuild, in the transaction that
   deletes the sent entries); what it sent before is in the database the fill reads.
2. Once filled, the noted records are written into the new index from the database, so
   the index swapped in is at most a moment behind.
3. The alias moves. Then, in one transaction, every noted record is queued in the
   outbox again and the run ends: the worker, the one writer of the live index, sends
   their current state (a delete for what is gone), after anything the fill wrote.
"""

import logging

from django.db import OperationalError, transaction

from .documents import actions_for, all_documents
from .models import ChangedDuringRebuild, OutboxEntry, RebuildRun

log = logging.getLogger(__name__)


class RebuildRunning(Exception):
    """Another rebuild has not finished (or was killed before it could say so)."""


def rebuild_participation_index(index, on_progress=None, take_over=False):
    """Fill a new index for `index` (a ParticipationIndex) and swap it in.

    Returns (documents written, records changed during the rebuild and queued again).
    """
    running = RebuildRun.objects.first()
    if running and not take_over:
        raise RebuildRunning(
            f"A rebuild into {running.index} started at {running.started_at:%Y-%m-%d %H:%M:%S} "
            "has not finished. If no other search_rebuild runs, it was stopped before its "
            "end: start again with --take-over."
        )
    # Notes left by a worker batch that ended after the last rebuild: the fill covers them.
    ChangedDuringRebuild.objects.all().delete()
    RebuildRun.objects.all().delete()
    name = index.new_index_name()
    run = RebuildRun.objects.create(index=name)
    try:
        written = index.rebuild(
            all_documents,
            on_progress=on_progress,
            name=name,
            before_swap=lambda concrete: _write_noted(index, concrete),
        )
    except BaseException:
        RebuildRun.objects.filter(pk=run.pk).delete()
        raise
    return written, _queue_noted_and_finish(run)


def note_sent(keys):
    """Called by the outbox in the transaction that deletes sent entries: while a rebuild
    runs, remember `keys` ((document_type, object_id)), sent to the index being replaced.

    Asked after the entries were selected: entries selected before a rebuild began were
    written before it, so its fill reads them.
    """
    if RebuildRun.objects.exists():
        ChangedDuringRebuild.objects.bulk_create(
            ChangedDuringRebuild(document_type=document_type, object_id=object_id)
            for document_type, object_id in keys
        )


def _noted_keys():
    return sorted(set(ChangedDuringRebuild.objects.values_list("document_type", "object_id")))


def _write_noted(index, concrete):
    keys = _noted_keys()
    if keys:
        index.bulk(actions_for(keys, concrete))


def _queue_noted_and_finish(run, attempts=5):
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                # PostgreSQL: wait for worker batches in flight. A batch holds its entries'
                # row locks until it commits, and its notes commit with it; one that sent
                # to the old index just before the swap is noted once this returns.
                list(OutboxEntry.objects.select_for_update().values_list("pk", flat=True))
                noted = list(
                    ChangedDuringRebuild.objects.values_list("pk", "document_type", "object_id")
                )
                keys = sorted({(kind, object_id) for _pk, kind, object_id in noted})
                OutboxEntry.objects.bulk_create(
                    OutboxEntry(document_type=document_type, object_id=object_id)
                    for document_type, object_id in keys
                )
                ChangedDuringRebuild.objects.filter(pk__in=[pk for pk, *_ in noted]).delete()
                RebuildRun.objects.filter(pk=run.pk).delete()
            return len(keys)
        except OperationalError as error:
            # SQLite: the worker's transaction overlapped this one. It rolls back (its
            # entries stay, to be sent to the new index) or commits first; try again.
            if "is locked" not in str(error) or attempt == attempts - 1:
                raise
            log.warning("Search rebuild: the database is locked (%s); trying again.", error)
    return 0

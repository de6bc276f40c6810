"""The durable queue between the database and the search index.

`enqueue` runs inside the transaction that changes a record; `send_due` runs in
the worker (`manage.py search_worker`) and in tests. When the engine is down,
entries stay and are retried with exponential backoff; nothing is lost. The back-off
spares an engine that refuses some documents; it does not hold back an engine that was
away: an entry that failed because the engine did not answer says so (ENGINE_AWAY), the
worker then asks the engine, cheaply, at every round (`send_waiting`), and the moment it
answers again every such entry is due, whatever the outage's length. Kept in the
outbox, not in the worker's memory: a restarted worker, or one pointed at the engine's
new address, knows it too.
"""

import logging
from datetime import timedelta

from django.db import transaction

# Django's clock, not an app's: search knows no domain app (decision 014). Tests that
# need another moment pass `at`.
from django.utils.timezone import now

from . import health, rebuild
from .conf import search_setting
from .documents import actions_for
from .models import OutboxEntry
from .registry import DOCUMENT_TYPES

log = logging.getLogger(__name__)


def enqueue(document_type, object_id):
    # Without an engine there is nothing to keep in step; `search_rebuild` fills a
    # newly configured engine from the database.
    if search_setting("URL"):
        OutboxEntry.objects.create(document_type=document_type, object_id=str(object_id))


def enqueue_many(document_type, object_ids):
    if search_setting("URL"):
        OutboxEntry.objects.bulk_create(
            OutboxEntry(document_type=document_type, object_id=str(object_id))
            for object_id in object_ids
        )


# How the last error of an entry begins when the engine did not answer at all.
ENGINE_AWAY = "The search engine did not answer: "


def backoff(attempts):
    """Seconds to wait after `attempts` failures: 2, 4, 8... up to the configured ceiling."""
    return min(2**attempts, search_setting("OUTBOX_MAX_BACKOFF"))


def _postpone(entries, at, error):
    for entry in entries:
        entry.attempts += 1
        entry.next_attempt_at = at + timedelta(seconds=backoff(entry.attempts))
        entry.last_error = str(error)[:2000]
    OutboxEntry.objects.bulk_update(entries, ["attempts", "next_attempt_at", "last_error"])


def send_due(index, batch_size=None, at=None):
    """Send one batch of due entries to `index`. Returns how many entries were sent."""
    at = at or now()
    batch_size = batch_size or search_setting("OUTBOX_BATCH")
    with transaction.atomic():
        entries = list(
            OutboxEntry.objects.select_for_update(skip_locked=True)
            .filter(next_attempt_at__lte=at)
            .order_by("next_attempt_at", "id")[:batch_size]
        )
        if not entries:
            return 0
        # An entry of a type no app registers (an app removed, a typo) would fail the
        # whole batch with it: set it aside, say so, and send the others.
        unknown = [entry for entry in entries if entry.document_type not in DOCUMENT_TYPES]
        if unknown:
            names = sorted({entry.document_type for entry in unknown})
            error = (
                f"No app registers the search document type(s) {', '.join(names)}; "
                "these entries wait until one does (search/registry.py)."
            )
            log.error("Search outbox: %d entries not sent: %s", len(unknown), error)
            _postpone(unknown, at, error)
            entries = [entry for entry in entries if entry.document_type in DOCUMENT_TYPES]
            if not entries:
                return 0
        keys = sorted({(entry.document_type, entry.object_id) for entry in entries})
        try:
            index.bulk(actions_for(keys, index.name))
        except Exception as error:  # the engine is down or refused: keep and retry later
            log.warning("Search outbox: %d entries not sent: %s", len(entries), error)
            # Away, or answering but refusing? Only entries the engine was away for are
            # all sent when it answers again (send_waiting); a refusal backs off.
            if not health.answers(index.url):
                error = f"{ENGINE_AWAY}{error}"
            _postpone(entries, at, error)
            return 0
        # Sent to the index a running rebuild replaces: noted, to be sent again after it.
        rebuild.note_sent(keys)
        OutboxEntry.objects.filter(pk__in=[entry.pk for entry in entries]).delete()
        return len(entries)


def send_all_due(index, at=None):
    """Send until nothing is due (or the engine refuses). Returns the number sent."""
    total = 0
    while sent := send_due(index, at=at):
        total += sent
    return total


def waiting(at=None, everything=False):
    """Entries that wait out a back-off at `at`: those the engine was away for, or all
    (`everything`). Entries of a type no app registers are left out (they would only
    fail again)."""
    entries = OutboxEntry.objects.filter(
        next_attempt_at__gt=at or now(), document_type__in=list(DOCUMENT_TYPES)
    )
    return entries if everything else entries.filter(last_error__startswith=ENGINE_AWAY)


def send_waiting(index, everything=False, at=None):
    """The worker's round: send what is due, and, if the engine answers, the entries it
    was away for (all waiting entries with `everything`: `search_worker --once`), due
    or not. Returns the number sent.

    Asked at every round while such entries wait, not only when the next of them is
    due: the index agrees again a round after the engine answers, not after the up to
    OUTBOX_MAX_BACKOFF seconds they were backed off for. The question is one small
    query on the outbox and, while entries wait, GET / of the engine.
    """
    at = at or now()
    held = waiting(at, everything)
    if held.exists():
        if not health.answers(index.url):
            return 0  # still away: what is due would fail too, after a timeout
        # Due now, their attempts counted again: a refusal right after starts at 2 s.
        released = held.update(next_attempt_at=at, attempts=0)
        log.warning("Search outbox: the engine answers; %d waiting entries are due.", released)
    return send_all_due(index, at=at)

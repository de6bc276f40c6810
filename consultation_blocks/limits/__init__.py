"""Rate limits: how often one address or one participant may try something.

Counted in the database, in fixed windows that open with the first attempt. Each attempt
is one statement (INSERT ... ON CONFLICT DO UPDATE ... RETURNING) on the window's row,
which adds it and says how many there were: every server process reads the same count,
and of parallel attempts each one is counted (the row is locked for the statement). A
cache cannot promise that: Django's database cache reads a count and writes it back
(parallel attempts overwrite each other) in six statements, and sets the window's end
anew each time.

A row is named by the action and a keyed hash of who tried: the table holds no address
or account. Rows of closed windows are deleted every minute (tasks.py).
"""

import hashlib
import hmac
from datetime import timedelta

from django.db import connections, router
from django.utils.translation import gettext as _

from consultation_blocks.conf import blocks_setting, host_setting

from ..timing import now
from .models import AttemptWindow


class TooMany(Exception):
    def __init__(self, seconds):
        minutes = max(1, round(seconds / 60))
        super().__init__(
            _("Too many attempts. Please wait %(minutes)s minutes and try again.")
            % {"minutes": minutes}
        )


def client_address(request):
    # REMOTE_ADDR is the proxy's address behind one; production sets the real one there.
    return request.META.get("REMOTE_ADDR", "")


def check(action, who):
    """Count one attempt at `action` by `who`; raise TooMany past the configured limit."""
    attempts, seconds = blocks_setting("RATE_LIMITS")[action]
    if count(window_key(action, who), seconds) > attempts:
        raise TooMany(seconds)


def window_key(action, who):
    # A key of its own, derived so that it is not SECRET_KEY itself.
    key = hashlib.sha256(b"bokrao.rate-limit:" + host_setting("SECRET_KEY").encode()).digest()
    digest = hmac.new(key, f"{action}:{who}".encode(), hashlib.sha256).hexdigest()
    return f"{action}:{digest[:40]}"


def count(key, seconds):
    """Add one attempt to the window `key` (opening it for `seconds` if there is none
    open) and return how many attempts the window holds now."""
    at = now()
    connection = connections[router.db_for_write(AttemptWindow)]
    quote = connection.ops.quote_name
    table = quote(AttemptWindow._meta.db_table)
    key_, closes, attempts = (quote(name) for name in ("key", "closes_at", "attempts"))
    still_open = f"{table}.{closes} > %s"
    upsert = (
        f"INSERT INTO {table} ({key_}, {closes}, {attempts}) VALUES (%s, %s, 1) "
        f"ON CONFLICT ({key_}) DO UPDATE SET "
        f"{attempts} = CASE WHEN {still_open} THEN {table}.{attempts} + 1 ELSE 1 END, "
        f"{closes} = CASE WHEN {still_open} THEN {table}.{closes} ELSE excluded.{closes} END "
        f"RETURNING {attempts}"
    )
    adapt = connection.ops.adapt_datetimefield_value
    opened, closing = adapt(at), adapt(at + timedelta(seconds=seconds))
    with connection.cursor() as cursor:
        cursor.execute(upsert, [key, closing, opened, opened])
        (counted,) = cursor.fetchone()
    return counted


def window(action, who):
    """(attempts, closes_at) of `who`'s open window for `action`; (0, None) when none is open,
    without adding one."""
    found = (
        AttemptWindow.objects.filter(key=window_key(action, who), closes_at__gt=now())
        .values_list("attempts", "closes_at")
        .first()
    )
    return found or (0, None)


def add(action, who):
    """Count one attempt at `action` by `who` and return (attempts now, limit, seconds)."""
    limit, seconds = blocks_setting("RATE_LIMITS")[action]
    return count(window_key(action, who), seconds), limit, seconds


def forget(action, who):
    """Close `who`'s window for `action` (a correct password ends the count of wrong ones)."""
    AttemptWindow.objects.filter(key=window_key(action, who)).delete()


def forget_closed_windows(at=None):
    """Delete the rows of windows that have closed; returns how many."""
    deleted, _by_model = AttemptWindow.objects.filter(closes_at__lte=at or now()).delete()
    return deleted

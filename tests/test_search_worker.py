"""`manage.py search_worker`'s loop: a locked database, no engine, Ctrl+C.

Sending is replaced (what it sends is tested in test_participation_index.py); the loop
around it is the command's own.
"""

import io
import logging

import pytest
from django.core.management import call_command
from django.db import OperationalError

from search.management.commands import search_worker


@pytest.fixture
def waits(monkeypatch):
    """The worker's waits, recorded instead of slept."""
    waited = []
    monkeypatch.setattr(search_worker.time, "sleep", waited.append)
    return waited


@pytest.fixture
def closed(monkeypatch):
    closed = []
    monkeypatch.setattr(search_worker, "close_old_connections", lambda: closed.append(True))
    return closed


def _worker(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("search_worker", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _sending(monkeypatch, *outcomes):
    """Replace the sending: each call takes the next outcome (an exception is raised)."""
    calls = []

    def send_waiting(index, everything=False):
        outcome = outcomes[len(calls)]
        calls.append(index)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    monkeypatch.setattr(search_worker, "send_waiting", send_waiting)
    return calls


def test_a_locked_database_is_waited_out_then_the_outbox_is_sent(
    settings, monkeypatch, waits, closed, caplog
):
    settings.BOKRAO_SEARCH = {"URL": "http://127.0.0.1:9200"}
    calls = _sending(monkeypatch, OperationalError("database is locked"), 3)

    with caplog.at_level(logging.WARNING, logger=search_worker.__name__):
        out, _err = _worker("--once", "--retry-wait", "0.5")

    assert len(calls) == 2
    assert "Sent 3 index updates." in out
    assert waits == [0.5]
    assert closed == [True]
    assert "database is locked" in caplog.text


def test_other_database_errors_stop_the_worker(settings, monkeypatch, waits, closed):
    settings.BOKRAO_SEARCH = {"URL": "http://127.0.0.1:9200"}
    _sending(monkeypatch, OperationalError("no such table: bokrao_search_outboxentry"))

    with pytest.raises(OperationalError, match="no such table"):
        _worker("--once")
    assert waits == []


def test_without_an_engine_the_worker_waits_says_so_once_and_stops_on_ctrl_c(settings, monkeypatch):
    settings.BOKRAO_SEARCH = {"URL": ""}
    polls = []

    def sleep(seconds):
        polls.append(seconds)
        if len(polls) == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(search_worker.time, "sleep", sleep)

    try:
        out, err = _worker()
    except KeyboardInterrupt:
        pytest.fail("Ctrl+C escaped the worker instead of stopping it")

    assert polls == [1.0] * 3
    assert err.count("No search engine is configured") == 1
    assert "Search worker stopped." in out

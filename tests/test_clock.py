"""The every-minute registry (consultation_blocks/clock.py) and `manage.py bokrao_clock`.

The tasks here are the test module's own; the test settings run a task as soon as it
is enqueued (the immediate backend), unless a test keeps them with another backend.
"""

import io
import logging
import signal

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django_tasks import default_task_backend, task
from django_tasks.backends.dummy import DummyBackend

from consultation_blocks import clock
from consultation_blocks.management.commands import bokrao_clock

RUNS = []


@task()
def note_a_minute():
    RUNS.append("minute")


@task()
def note_another_minute():
    RUNS.append("another")


@task()
def stop_meanwhile():
    # A stop asked while the round is being enqueued (the immediate backend runs
    # each task inside its enqueue).
    signal.getsignal(signal.SIGTERM)(signal.SIGTERM, None)
    RUNS.append("stopped meanwhile")


class LockedOnceBackend(DummyBackend):
    """Keeps tasks; the first enqueue meets a database that another process has locked."""

    def __init__(self, alias, params):
        super().__init__(alias, params)
        self.failures_left = 1

    def enqueue(self, task, args, kwargs):
        if self.failures_left:
            self.failures_left -= 1
            raise OperationalError("database is locked")
        return super().enqueue(task, args, kwargs)


class BrokenDatabaseBackend(DummyBackend):
    def enqueue(self, task, args, kwargs):
        raise OperationalError("no such table: django_tasks_database_dbtaskresult")


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test; the site's own registrations come back after."""
    monkeypatch.setattr(clock, "_every_minute", {})
    RUNS.clear()
    return clock


@pytest.fixture
def sleeps(monkeypatch):
    """The command's waits, recorded instead of slept."""
    waited = []
    monkeypatch.setattr(bokrao_clock.time, "sleep", waited.append)
    return waited


def _clock(*args):
    out = io.StringIO()
    call_command("bokrao_clock", *args, stdout=out)
    return out.getvalue()


def test_every_minute_registers_a_task_once_and_returns_it(registry):
    assert registry.every_minute(note_a_minute) is note_a_minute
    registry.every_minute(note_a_minute)
    registry.every_minute(note_another_minute)

    assert registry.registered() == [note_a_minute, note_another_minute]


def test_every_minute_refuses_a_plain_function(registry):
    with pytest.raises(TypeError, match="django-tasks task"):
        registry.every_minute(note_a_minute.func)


def test_once_enqueues_each_registered_task_one_time(registry, sleeps):
    registry.every_minute(note_a_minute)
    registry.every_minute(note_another_minute)

    _clock("--once")

    assert RUNS == ["minute", "another"]
    assert sleeps == []


def test_once_with_nothing_registered_does_nothing(registry, sleeps):
    _clock("--once")
    assert RUNS == []


def test_the_clock_enqueues_every_interval_until_stopped(registry, monkeypatch):
    registry.every_minute(note_a_minute)
    waited = []

    def sleep(seconds):
        waited.append(seconds)
        if len(waited) == 3:
            # What SIGTERM (from `make run` stopping) does while the clock waits.
            signal.getsignal(signal.SIGTERM)(signal.SIGTERM, None)

    monkeypatch.setattr(bokrao_clock.time, "sleep", sleep)
    before = signal.getsignal(signal.SIGTERM)

    output = _clock()

    assert RUNS == ["minute"] * 3
    assert waited == [60.0] * 3
    assert "Clock stopped." in output
    assert signal.getsignal(signal.SIGTERM) is before


def test_ctrl_c_while_waiting_stops_the_clock_cleanly(registry, monkeypatch):
    registry.every_minute(note_a_minute)

    def sleep(seconds):
        signal.getsignal(signal.SIGINT)(signal.SIGINT, None)

    monkeypatch.setattr(bokrao_clock.time, "sleep", sleep)

    output = _clock("--interval", "5")

    assert RUNS == ["minute"]
    assert "Clock stopped." in output


def test_a_stop_during_a_round_lets_the_round_finish_then_stops(registry, sleeps):
    registry.every_minute(stop_meanwhile)
    registry.every_minute(note_a_minute)

    _clock()

    assert RUNS == ["stopped meanwhile", "minute"]
    assert sleeps == []  # no next round


def test_a_locked_database_is_waited_out_and_the_task_enqueued(
    registry, sleeps, settings, monkeypatch, caplog
):
    settings.TASKS = {"default": {"BACKEND": f"{__name__}.LockedOnceBackend"}}
    closed = []
    monkeypatch.setattr(bokrao_clock, "close_old_connections", lambda: closed.append(True))
    registry.every_minute(note_a_minute)

    with caplog.at_level(logging.WARNING, logger=bokrao_clock.__name__):
        _clock("--once", "--retry-wait", "2")

    [result] = default_task_backend.results
    assert result.task.module_path == note_a_minute.module_path
    assert sleeps == [2.0]
    assert closed == [True]
    assert "database is locked" in caplog.text


def test_other_database_errors_are_not_hidden(registry, sleeps, settings):
    settings.TASKS = {"default": {"BACKEND": f"{__name__}.BrokenDatabaseBackend"}}
    registry.every_minute(note_a_minute)

    with pytest.raises(OperationalError, match="no such table"):
        _clock("--once")
    assert sleeps == []

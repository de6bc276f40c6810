"""Enqueue the every-minute tasks (consultation_blocks/clock.py) until stopped.

Runs beside the web server and `db_worker` (which runs what this enqueues). With
--once it enqueues them one time and stops, for cron and for tests.
"""

import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import OperationalError, close_old_connections

from consultation_blocks import clock

log = logging.getLogger(__name__)


class Stopped(Exception):
    """Ctrl+C or SIGTERM while waiting for the next minute."""


def database_locked(error):
    # SQLite: "database is locked", "database table is locked". Another process is
    # writing; the lock goes away by itself.
    return "is locked" in str(error)


class Command(BaseCommand):
    help = (
        "Enqueue the tasks registered with consultation_blocks.clock.every_minute every "
        "60 seconds; runs until stopped (or once with --once)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Enqueue them once, then stop.")
        parser.add_argument(
            "--interval", type=float, default=60.0, help="Seconds between rounds (default 60)."
        )
        parser.add_argument(
            "--retry-wait",
            type=float,
            default=1.0,
            help="Seconds to wait before trying again when the database is locked.",
        )

    def handle(self, *args, once=False, interval=60.0, retry_wait=1.0, **options):
        self.retry_wait = retry_wait
        self.stop_requested = False
        self.busy = False
        previous = {
            number: signal.signal(number, self.request_stop)
            for number in (signal.SIGINT, signal.SIGTERM)
        }
        tasks = clock.registered()
        if options["verbosity"] >= 1 and not once:
            self.stdout.write(f"Clock: {len(tasks)} task(s) every {interval:g} s (Ctrl+C stops).")
        try:
            while not self.stop_requested:
                self.busy = True
                try:
                    enqueued = self.enqueue_round(tasks)
                finally:
                    self.busy = False
                if options["verbosity"] >= 2:
                    self.stdout.write(f"Enqueued {enqueued} task(s).")
                if once or self.stop_requested:
                    break
                time.sleep(interval)
        except Stopped:
            pass
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
        if not once:
            self.stdout.write("Clock stopped.")

    def request_stop(self, signum, frame):
        """Stop at once while waiting; finish the round first while enqueueing."""
        self.stop_requested = True
        if not self.busy:
            raise Stopped

    def enqueue_round(self, tasks):
        enqueued = 0
        for task in tasks:
            if self.enqueue(task):
                enqueued += 1
        return enqueued

    def enqueue(self, task):
        """Enqueue one task, waiting out a locked database (unless asked to stop)."""
        while True:
            try:
                task.enqueue()
                return True
            except OperationalError as error:
                if not database_locked(error):
                    raise
                if self.stop_requested:
                    log.warning("Clock: stopping; %s not enqueued: %s", task.module_path, error)
                    return False
                log.warning(
                    "Clock: the database is locked (%s); trying %s again in %g s.",
                    error,
                    task.module_path,
                    self.retry_wait,
                )
                # Drop the connection if the error left it unusable.
                close_old_connections()
                time.sleep(self.retry_wait)

"""Send queued index updates to the search engine, in bulk, with retries."""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import OperationalError, close_old_connections

from search.engines import EngineUnavailable
from search.index import ParticipationIndex
from search.outbox import send_waiting

log = logging.getLogger(__name__)


def database_locked(error):
    # SQLite: "database is locked", "database table is locked". Another process (the
    # web server, the task worker) is writing; the lock goes away by itself.
    return "is locked" in str(error)


class Command(BaseCommand):
    help = "Send the search outbox to the engine; runs until stopped (or once with --once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Send everything waiting (due or backed off) if the engine answers, then stop.",
        )
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls.")
        parser.add_argument(
            "--retry-wait",
            type=float,
            default=1.0,
            help="Seconds to wait before trying again when the database is locked.",
        )

    def handle(self, *args, once=False, interval=1.0, retry_wait=1.0, **options):
        try:
            self.run(once, interval, retry_wait)
        except KeyboardInterrupt:
            self.stdout.write("Search worker stopped.")

    def run(self, once, interval, retry_wait):
        last_problem = None
        # The first round sends what a previous worker left backed off, if the engine
        # answers; later rounds send what is due, and everything once an engine that
        # was away answers again (search/outbox.py, send_waiting).
        first_round = True
        while True:
            try:
                index = ParticipationIndex()
                sent = send_waiting(index, everything=once or first_round)
            except EngineUnavailable as error:
                # Keep polling: the outbox holds everything until the engine is back.
                # Without ELASTICSEARCH_URL nothing is queued and the worker just waits,
                # harmlessly. Said once, not every second.
                if str(error) != last_problem:
                    self.stderr.write(str(error))
                last_problem = str(error)
                sent = 0
            except OperationalError as error:
                if not database_locked(error):
                    raise
                # Not a round: what was due is still due, sent on the next attempt.
                log.warning(
                    "Search worker: the database is locked (%s); trying again in %g s.",
                    error,
                    retry_wait,
                )
                # Drop the connection if the error left it unusable.
                close_old_connections()
                time.sleep(retry_wait)
                continue
            else:
                last_problem = None
                first_round = False
            if sent:
                self.stdout.write(f"Sent {sent} index updates.")
            if once:
                return
            time.sleep(interval)

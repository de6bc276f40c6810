"""Send queued index updates to the search engine, in bulk, with retries."""

import time

from django.core.management.base import BaseCommand

from search.engines import EngineUnavailable
from search.index import ParticipationIndex
from search.outbox import send_all_due


class Command(BaseCommand):
    help = "Send the search outbox to the engine; runs until stopped (or once with --once)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Send what is due, then stop.")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls.")

    def handle(self, *args, once=False, interval=1.0, **options):
        while True:
            try:
                index = ParticipationIndex()
                sent = send_all_due(index)
            except EngineUnavailable as error:
                # Keep polling: the outbox holds everything until the engine is back.
                self.stderr.write(str(error))
                sent = 0
            if sent:
                self.stdout.write(f"Sent {sent} index updates.")
            if once:
                return
            time.sleep(interval)

"""Rebuild both search indexes from the database: the participation index (swapped in with
no gap and no write lost, search/rebuild.py) and Wagtail's page index."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from search.conf import search_setting
from search.documents import count_records
from search.index import ParticipationIndex
from search.rebuild import RebuildRunning, rebuild_participation_index


class Command(BaseCommand):
    help = (
        "Fill a new participation index from the database and move the alias to it (writes "
        "made meanwhile reach it), then rebuild Wagtail's page index."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--take-over",
            action="store_true",
            help="Start even though an earlier rebuild did not say it finished (it was killed).",
        )

    def handle(self, *args, take_over=False, **options):
        if search_setting("URL"):
            self.rebuild_participation(take_over)
        else:
            self.stdout.write(
                "No search engine is configured (ELASTICSEARCH_URL): there is no participation "
                "index to fill, and page search runs on the database."
            )
        self.stdout.write("Rebuilding the page index (Wagtail's update_index)")
        call_command("update_index", backend_name="default", verbosity=0, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("The page index is rebuilt."))

    def rebuild_participation(self, take_over):
        index = ParticipationIndex()
        total = sum(count_records().values())
        width = 30

        def progress(done):
            if done % 100 and done != total:
                return
            filled = width * done // max(total, 1)
            self.stdout.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending=""
            )
            self.stdout.flush()

        try:
            written, changed = rebuild_participation_index(
                index, on_progress=progress, take_over=take_over
            )
        except RebuildRunning as error:
            raise CommandError(str(error)) from error
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {written} documents into {index.name} ({index.product.name} "
                f"{index.product.version}, {index.analysis} analysis)."
            )
        )
        if changed:
            self.stdout.write(
                f"{changed} records changed during the rebuild: queued again for "
                "search_worker, which sends their current state."
            )

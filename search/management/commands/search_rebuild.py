"""Rebuild the participation index from the database and swap it in with no gap."""

from django.core.management.base import BaseCommand

from search.documents import all_documents, count_records
from search.index import ParticipationIndex


class Command(BaseCommand):
    help = "Fill a new participation index from the database, then move the alias to it."

    def handle(self, *args, **options):
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

        written = index.rebuild(all_documents, on_progress=progress)
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {written} documents into {index.name} ({index.product.name} "
                f"{index.product.version}, {index.analysis} analysis)."
            )
        )

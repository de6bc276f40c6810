"""Compare what the database holds with what the index holds."""

from django.core.management.base import BaseCommand, CommandError

from search.analytics import vote_tallies
from search.documents import count_records
from search.index import ParticipationIndex


class Command(BaseCommand):
    help = "Report differences in document counts between the database and the index."

    def handle(self, *args, **options):
        index = ParticipationIndex()
        index.refresh()
        in_database = count_records()
        result = index.search(
            {"size": 0, "aggs": {"types": {"terms": {"field": "doc_type", "size": 50}}}}
        )
        in_index = {b["key"]: b["doc_count"] for b in result["aggregations"]["types"]["buckets"]}
        differences = 0
        for name in sorted(set(in_database) | set(in_index)):
            db_count, index_count = in_database.get(name, 0), in_index.get(name, 0)
            mark = "ok" if db_count == index_count else "DIFFERENT"
            differences += db_count != index_count
            self.stdout.write(f"{name:12} database {db_count:>8}  index {index_count:>8}  {mark}")
        differences += self._compare_tallies(index)
        if differences:
            raise CommandError(f"{differences} document types differ; run search_rebuild.")
        self.stdout.write(self.style.SUCCESS("The index matches the database."))

    def _compare_tallies(self, index):
        """Votes per consultation, widget and option: the numbers staff read in reports."""
        from collections import Counter

        from consultation_blocks.models import Vote

        in_database = Counter()
        votes = Vote.objects.values_list("consultation", "widget", "choices")
        for consultation, widget, choices in votes.iterator(chunk_size=2000):
            for choice in choices:
                in_database[(str(consultation), widget, choice)] += 1
        in_index = vote_tallies(index)
        differing = sorted(
            key
            for key in set(in_database) | set(in_index)
            if in_database.get(key) != in_index.get(key)
        )
        for consultation, widget, option in differing:
            key = (consultation, widget, option)
            self.stdout.write(
                f"tally {widget}/{option}: database {in_database.get(key, 0)}  "
                f"index {in_index.get(key, 0)}  DIFFERENT"
            )
        self.stdout.write(f"vote tallies: {len(in_database)} compared, {len(differing)} different")
        return len(differing)

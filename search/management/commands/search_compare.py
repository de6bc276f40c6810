"""Compare what the database holds with what the index holds."""

from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from search.analytics import comment_tallies, vote_tallies
from search.documents import count_records
from search.index import ParticipationIndex


def vote_tallies_in_database():
    from consultation_blocks.models import Vote

    tallies = Counter()
    votes = Vote.objects.values_list("consultation", "widget", "choices")
    for consultation, widget, choices in votes.iterator(chunk_size=2000):
        for choice in choices:
            tallies[(str(consultation), widget, choice)] += 1
    return tallies


def comment_tallies_in_database():
    from django.db.models import Count

    from consultation_blocks.models import Comment

    rows = (
        Comment.objects.order_by()
        .values_list("consultation", "anchor", "state")
        .annotate(Count("pk"))
    )
    return {(str(consultation), anchor, state): n for consultation, anchor, state, n in rows}


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
        # The numbers staff read in reports: votes per consultation, widget and option;
        # comments per consultation, paragraph and moderation state (a comment hidden or
        # approved behind the outbox's back changes no count above, but changes these).
        differences += self._compare(
            "vote tallies", "tally {1}/{2}", vote_tallies_in_database(), vote_tallies(index)
        )
        differences += self._compare(
            "comment tallies",
            "comments {1}/{2}",
            comment_tallies_in_database(),
            comment_tallies(index),
        )
        if differences:
            raise CommandError(f"{differences} counts differ; run search_rebuild.")
        self.stdout.write(self.style.SUCCESS("The index matches the database."))

    def _compare(self, title, label, in_database, in_index):
        differing = sorted(
            key
            for key in set(in_database) | set(in_index)
            if in_database.get(key) != in_index.get(key)
        )
        for key in differing:
            self.stdout.write(
                f"{label.format(*key)}: database {in_database.get(key, 0)}  "
                f"index {in_index.get(key, 0)}  DIFFERENT"
            )
        self.stdout.write(f"{title}: {len(in_database)} compared, {len(differing)} different")
        return len(differing)

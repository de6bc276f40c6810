"""Compare what the database holds with what the index holds."""

from django.core.management.base import BaseCommand, CommandError

from search.analytics import tallies
from search.documents import count_records
from search.index import ParticipationIndex
from search.mapping import MAPPING_VERSION


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
        # An index made with an older analysis answers differently from the database's
        # search and from a new one (decision 022) until search_rebuild fills a new one.
        version = index.mapping_version()
        if version is not None and version != MAPPING_VERSION:
            differences += 1
            self.stdout.write(
                f"{'mapping':12} version {version} in the index, {MAPPING_VERSION} in the code  "
                "DIFFERENT"
            )
        for name in sorted(set(in_database) | set(in_index)):
            db_count, index_count = in_database.get(name, 0), in_index.get(name, 0)
            mark = "ok" if db_count == index_count else "DIFFERENT"
            differences += db_count != index_count
            self.stdout.write(f"{name:12} database {db_count:>8}  index {index_count:>8}  {mark}")
        # The numbers staff read in reports, as each document type counts them (votes
        # per consultation, widget, option and voter group; comments per consultation,
        # paragraph and moderation state): a comment hidden or approved behind the
        # outbox's back changes no count above, but changes these.
        for name, (in_database, in_index) in tallies(index).items():
            differences += self._compare(name, in_database, in_index)
        if differences:
            raise CommandError(f"{differences} counts differ; run search_rebuild.")
        self.stdout.write(self.style.SUCCESS("The index matches the database."))

    def _compare(self, name, in_database, in_index):
        differing = sorted(
            key
            for key in set(in_database) | set(in_index)
            if in_database.get(key) != in_index.get(key)
        )
        for key in differing:
            self.stdout.write(
                f"{name} {'/'.join(key[1:])}: database {in_database.get(key, 0)}  "
                f"index {in_index.get(key, 0)}  DIFFERENT"
            )
        self.stdout.write(
            f"{name} tallies: {len(in_database)} compared, {len(differing)} different"
        )
        return len(differing)

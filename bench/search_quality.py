"""Does each search path find what it should and reject look-alikes? On our own Thai set.

    .venv/bin/python bench/search_quality.py                  # the shared node, SQLite
    DATABASE_URL=$(bash site/scripts/postgres.sh) .venv/bin/python bench/search_quality.py
    .venv/bin/python bench/search_quality.py --own-node       # a node of its own, stopped after

The set is bench/thai_eval/pairs.tsv: hand-written pairs of a resident's text and what staff
type, each saying whether the text should be found, with a category. Every text is its own
document (a comment of the participation index, an information page of the page index),
all of them in one index per path. Each row's query runs over the whole index, as the search
box sends it, and the row counts as found when its own document is among the hits. Whether
a document matches is decided document by document (no path's matching depends on other
documents), and every hit is read, not a first page, so the other texts neither help nor
hurt a row: this is the same as asking each text alone, in one index instead of one per text.

The paths, each as the site runs it:

- participation: `ParticipationIndex` (the words of search/thai.py in title_words and
  text_words) and the public query `search.public.search_body` (every word);
- pages on the engine: Wagtail's page index through `search.backends.engine` (the same
  words, a whitespace analyser) and the site's page search `search.queries.search_pages`;
- database on SQLite: `search.backends.database` (the same words, FTS5), the same
  `search_pages`;
- database on PostgreSQL, when DATABASE_URL (or --database-url) names a server: the same, in
  a database of its own (`bokrao_quality`, created and dropped) and a process of its own;
- no analysis (the ceiling of bench/search_index.py): an index whose text is `standard`
  only, filled with the client's plain bulk helper and asked the same public query.

Then the cost: every path indexes all texts `--repeat` times (the paths taking turns) and runs
every query `--query-rounds` times, and docs/s and query p95 are printed as ratios to the
ceiling's. Indexes are named `bokrao-quality-<time>-<pid>-*` and deleted at the end.
"""

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "site")]

PAIRS = REPO / "bench" / "thai_eval" / "pairs.tsv"
# BOKRAO_QUALITY_DATABASE: another name, for runs that share a server.
DATABASE_NAME = os.environ.get("BOKRAO_QUALITY_DATABASE", "bokrao_quality")
RUN_INDEX = re.compile(r"^bokrao-quality-\d{8}t\d{6}-(\d+)-")
BATCH = 500  # search.conf's OUTBOX_BATCH: what the outbox sends in one bulk request
LOCALE = "th"


def say(message):
    print(f"quality: {message}", file=sys.stderr)


# ---------------------------------------------------------------- the evaluation set
@dataclass(frozen=True)
class Pair:
    number: int  # line in pairs.tsv
    category: str
    should_match: bool
    query: str
    text: str


def read_pairs(path=PAIRS):
    pairs = []
    with path.open(encoding="utf-8") as lines:
        rows = csv.reader(
            (line for line in lines if line.strip() and not line.startswith("#")),
            delimiter="\t",
            quoting=csv.QUOTE_NONE,
        )
        header = next(rows)
        if header != ["category", "expect", "query", "text"]:
            raise SystemExit(f"{path}: unexpected header {header}")
        for number, row in enumerate(rows, start=1):
            category, expect, query, text = row
            if expect not in ("match", "no"):
                raise SystemExit(f"{path}: row {number}: expect is 'match' or 'no', not {expect!r}")
            pairs.append(Pair(number, category, expect == "match", query, text))
    for category, group in _by_category(pairs).items():
        if len({pair.should_match for pair in group}) > 1:
            raise SystemExit(f"{path}: category {category} has rows of both expectations")
    return pairs


# ---------------------------------------------------------------- the paths
class SearchPath:
    """One way of searching: index every pair's text, answer a query with matching rows."""

    name = ""
    label = ""

    def index_all(self):
        raise NotImplementedError

    def ready(self):
        """Make what was indexed visible to queries (an engine refresh)."""

    def query(self, text):
        """The numbers of the pairs whose document matches `text`."""
        raise NotImplementedError

    def close(self):
        pass


def comment_document(pair):
    """A published comment as consultation_blocks/comments/documents.py builds one."""
    return {
        "doc_type": "comment",
        "object_id": str(pair.number),
        "page_id": 1,
        "page_title": "",
        "consultation": "bench-quality",
        "widget": "bench-widget",
        "anchor": "",
        "text": pair.text,
        "url": None,
        "voter_group": "resident",
        "area": "inside",
        "verification_level": "1",
        "locale": LOCALE,
        "participant": f"p{pair.number}",
        "moderation_state": "published",
        "created_at": "2026-01-15T09:00:00+07:00",
        "process_type": "debate",
        "status": "open",
    }


def _public_query(text, rows):
    """The public search box's request, with every hit on one page so all are read."""
    from search.public import search_body

    body = search_body(text, {})
    body["from"], body["size"] = 0, rows
    return body


def _batches(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Participation(SearchPath):
    name, label = "participation", "participation index (engine)"

    def __init__(self, url, index_name, pairs):
        from search.index import ParticipationIndex

        self.index = ParticipationIndex(url, index_name)
        self.index.ensure()
        self.pairs = pairs
        self.documents = [(str(pair.number), comment_document(pair)) for pair in pairs]

    def index_all(self):
        for batch in _batches(self.documents):
            # As search.documents.actions_for builds them: to the alias, an id per record.
            self.index.bulk([{"_index": self.index.name, "_id": i, "_source": d} for i, d in batch])

    def ready(self):
        self.index.refresh()

    def query(self, text):
        result = self.index.search(_public_query(text, len(self.pairs)))
        return {int(hit["_id"]) for hit in result["hits"]["hits"]}

    def close(self):
        self.index.drop()


class Ceiling(SearchPath):
    """bench/search_index.py's raw index: `standard` text only, the client's bulk helper."""

    name, label = "no-analysis", "engine, no analysis (ceiling)"

    def __init__(self, url, index_name, pairs):
        from bench.search_index import plain_body
        from search.index import ParticipationIndex

        engine = ParticipationIndex(url, index_name)  # for its client and helpers only
        self.client, self.helpers = engine.client, engine.helpers
        self.index_name, self.pairs = index_name, pairs
        self.documents = [(str(pair.number), comment_document(pair)) for pair in pairs]
        self.client.indices.create(index=index_name, body=plain_body())

    def index_all(self):
        name = self.index_name
        actions = ({"_index": name, "_id": i, "_source": d} for i, d in self.documents)
        self.helpers.bulk(self.client, actions, chunk_size=BATCH)

    def ready(self):
        self.client.indices.refresh(index=self.index_name)

    def query(self, text):
        # The public query's filters, over the `standard` title and text as written (the
        # ceiling's documents have no words fields), every word.
        body = _public_query(text, len(self.pairs))
        body["query"]["bool"]["must"] = [
            {"multi_match": {"query": text, "fields": ["title^3", "text"], "operator": "and"}}
        ]
        result = self.client.search(index=self.index_name, body=body)
        return {int(hit["_id"]) for hit in result["hits"]["hits"]}

    def close(self):
        self.client.indices.delete(index=self.index_name, ignore_unavailable=True)


class Pages(SearchPath):
    """Wagtail's page search as the site asks it (search.queries.search_pages), on one of
    WAGTAILSEARCH_BACKENDS: information pages, one per pair, the text as its paragraph."""

    def __init__(self, name, label, backend_name, pages, page_rows):
        from modelsearch.backends import get_search_backend

        from pb_pages.models import InformationPage

        self.name, self.label = name, label
        self.backend_name = backend_name
        self.model = InformationPage
        self.pages, self.page_rows = pages, page_rows
        self.backend = get_search_backend(backend_name)
        self.rows = len(pages)

    def index_all(self):
        self.backend.add_bulk(self.model, self.pages)

    def ready(self):
        self.backend.get_index_for_model(self.model).refresh()

    def query(self, text):
        from django.conf import settings

        from search.queries import search_pages

        backends = settings.WAGTAILSEARCH_BACKENDS
        backends["default"] = backends[self.backend_name]  # search_pages asks "default"
        found = search_pages(text, LOCALE)[: self.rows + 10]
        return {self.page_rows[page.pk] for page in found if page.pk in self.page_rows}


class EnginePages(Pages):
    def __init__(self, *args):
        super().__init__(*args)
        from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend

        if not isinstance(self.backend, ElasticsearchBaseSearchBackend):
            raise SystemExit("quality: the page backend fell back to the database: no engine?")
        index = self.backend.get_index_for_model(self.model)
        index.reset()  # created with the backend's settings: THAI_INDEX_SETTINGS
        index.add_model(self.model)
        self.index = index

    def close(self):
        self.index.delete()


# ---------------------------------------------------------------- measuring
def rotated(paths, number):
    shift = number % len(paths)
    return paths[shift:] + paths[:shift]


def forget_segmentation():
    """search/thai.py keeps words it has split; production text is mostly new to it."""
    from search import thai

    for name in ("_split", "_parts"):
        getattr(thai, name).cache_clear()


def measure(paths, pairs, repeat, query_rounds):
    results = {path.name: {"label": path.label} for path in paths}
    # Round 0 fills the indexes (fresh ones: the engine creates its shard, the JIT warms
    # up) and is not timed; each later round sends every text again, the same ids.
    seconds = defaultdict(float)
    for number in range(repeat + 1):
        for path in rotated(paths, number):
            forget_segmentation()
            started = time.perf_counter()
            path.index_all()
            if number:
                seconds[path.name] += time.perf_counter() - started
        say(f"  indexing round {number}/{repeat}" + (" (untimed)" if not number else ""))
    for path in paths:
        path.ready()
        results[path.name]["docs_per_s"] = repeat * len(pairs) / seconds[path.name]

    latencies = defaultdict(list)
    found = {path.name: {} for path in paths}
    errors = {path.name: {} for path in paths}
    for round_number in range(query_rounds):
        forget_segmentation()
        for number, pair in enumerate(pairs):
            for path in rotated(paths, number + round_number):
                started = time.perf_counter()
                try:
                    hits = path.query(pair.query)
                except Exception as error:  # a query a path cannot run: not found, and said
                    hits = set()
                    errors[path.name][pair.number] = repr(error)[:200]
                latencies[path.name].append((time.perf_counter() - started) * 1000)
                found[path.name][pair.number] = pair.number in hits
        say(f"  query round {round_number + 1}/{query_rounds}")
    for path in paths:
        result = results[path.name]
        result["query_ms_p50"] = percentile(latencies[path.name], 50)
        result["query_ms_p95"] = percentile(latencies[path.name], 95)
        result.update(score(pairs, found[path.name], errors[path.name]))
    return results


def score(pairs, found, errors):
    should = [pair for pair in pairs if pair.should_match]
    should_not = [pair for pair in pairs if not pair.should_match]
    failures = defaultdict(list)
    for pair in pairs:
        if found[pair.number] != pair.should_match:
            failures[pair.category].append(
                {
                    "row": pair.number,
                    "query": pair.query,
                    "text": pair.text,
                    "expected": "match" if pair.should_match else "no",
                    **({"error": errors[pair.number]} if pair.number in errors else {}),
                }
            )
    return {
        "should_match": len(should),
        "found": sum(found[pair.number] for pair in should),
        "should_not_match": len(should_not),
        "rejected": sum(not found[pair.number] for pair in should_not),
        "failures": dict(failures),
        "rows_per_category": {
            category: ("match" if group[0].should_match else "no", len(group))
            for category, group in _by_category(pairs).items()
        },
        "errors": len(errors),
    }


def _by_category(pairs):
    groups = defaultdict(list)
    for pair in pairs:
        groups[pair.category].append(pair)
    return groups


def percentile(values, p):
    ordered = sorted(values)
    return ordered[max(0, round(p / 100 * len(ordered)) - 1)]  # nearest rank


# ---------------------------------------------------------------- one database, one process
def setup_django(database_url, backends):
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bokrao_site.settings.test",
            "DATABASE_URL": database_url,
            "ELASTICSEARCH_URL": "",  # no outbox writes; our paths name their engine
        }
    )
    import logging

    import django
    from django.conf import settings

    django.setup()
    logging.getLogger().setLevel(logging.ERROR)
    # Indexing is done by the paths, timed; saving a page indexes nothing by itself.
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**conf, "AUTO_UPDATE": False} for name, conf in backends.items()
    }
    settings.WAGTAILSEARCH_BACKENDS["default"] = settings.WAGTAILSEARCH_BACKENDS["database"]


def create_pages(pairs):
    """A Thai home page and an information page per pair; {page pk: pair number}."""
    from django.core.management import call_command
    from django.db import transaction
    from wagtail.rich_text import RichText

    from pb_pages.factories import make_home
    from pb_pages.models import InformationPage

    call_command("migrate", verbosity=0, interactive=False)
    with transaction.atomic():
        home = make_home(title="Bench home", slug="bench-quality")
        page_rows = {}
        for pair in pairs:
            # A title no query finds: the text is the page's only Thai.
            page = home.add_child(
                instance=InformationPage(
                    title=f"zq{pair.number:04d}",
                    slug=f"pair-{pair.number}",
                    locale=home.locale,
                    body=[("paragraph", RichText(f"<p>{escape(pair.text)}</p>"))],
                )
            )
            page_rows[page.pk] = pair.number
    pages = list(InformationPage.objects.filter(pk__in=page_rows).order_by("pk"))
    return pages, page_rows


def run_process(args, url, prefix, pairs, database_url, with_engine_paths):
    backends = {"database": {"BACKEND": "search.backends.database"}}
    if with_engine_paths:
        backends["engine"] = {
            "BACKEND": "search.backends.engine",
            "URLS": [url],
            "INDEX_PREFIX": f"{prefix}-pages-",
        }
    setup_django(database_url, backends)
    from django.db import connection

    say(f"migrating {connection.vendor} and creating {len(pairs)} pages")
    pages, page_rows = create_pages(pairs)
    vendor = "SQLite" if connection.vendor == "sqlite" else "PostgreSQL"
    paths = []
    try:
        paths.append(Ceiling(url, f"{prefix}-ceiling", pairs))
        if with_engine_paths:
            paths.append(Participation(url, f"{prefix}-participation", pairs))
            paths.append(EnginePages("pages", "pages (engine)", "engine", pages, page_rows))
        database = Pages(
            f"database-{connection.vendor}", f"database ({vendor})", "database", pages, page_rows
        )
        paths.append(database)
        return measure(paths, pairs, args.repeat, args.query_rounds)
    finally:
        for path in paths:
            try:
                path.close()
            except Exception as error:  # the node went away: main's clean-up retries
                say(f"could not clean up {path.label}: {error}")


def run_postgres_child(args, url, prefix):
    """The PostgreSQL path in a process of its own (Django has one default database)."""
    from bench.participation_site import Database

    database = Database(args.database_url, DATABASE_NAME)
    say(f"PostgreSQL {database.create()}: database {database.name}")
    try:
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            command = [
                sys.executable,
                __file__,
                "--child",
                database.url,
                "--engine-url",
                url,
                "--prefix",
                f"{prefix}-pg",
                "--out",
                out.name,
                "--repeat",
                str(args.repeat),
                "--query-rounds",
                str(args.query_rounds),
                "--pairs",
                str(args.pairs),
            ]
            subprocess.run(command, check=True)
            return json.loads(Path(out.name).read_text())
    finally:
        database.drop()
        say(f"database {database.name} dropped")


# ---------------------------------------------------------------- report
def share(part, whole):
    return part / whole if whole else 0.0


def fraction(part, whole):
    return f"{share(part, whole):6.1%} {part:>3}/{whole}"


def print_report(results, examples):
    ceiling = results["no-analysis"]
    print("\nThai search quality (bench/thai_eval/pairs.tsv)\n")
    header = f"{'path':34} {'found':>13} {'rejected':>13} {'docs/s':>9} {'/ceil':>6}"
    header += f" {'p95 ms':>7} {'/ceil':>6}"
    print(header)
    print("-" * len(header))
    for result in results.values():
        found = fraction(result["found"], result["should_match"])
        rejected = fraction(result["rejected"], result["should_not_match"])
        print(
            f"{result['label']:34} {found:>13} {rejected:>13} {result['docs_per_s']:9,.0f}"
            f" {result['docs_per_s'] / ceiling['docs_per_s']:6.2f} {result['query_ms_p95']:7.1f}"
            f" {result['query_ms_p95'] / ceiling['query_ms_p95']:6.2f}"
        )
    print_categories(results)
    for result in results.values():
        if result["label"] == ceiling["label"]:
            continue
        print(f"\n{result['label']}: failures by category")
        if not result["failures"]:
            print("  none")
        for category, failed in sorted(result["failures"].items(), key=lambda kv: -len(kv[1])):
            way = "missed" if failed[0]["expected"] == "match" else "false hit"
            print(f"  {category}: {len(failed)} {way}")
            for failure in failed[:examples]:
                error = f"  [{failure['error']}]" if "error" in failure else ""
                print(f"    {failure['query']!r:>28} in {failure['text'][:60]}{error}")


def print_categories(results):
    """Rows answered right, per category and path."""
    rows = results["no-analysis"]["rows_per_category"]
    names = list(results)
    print(
        f"\n{'category':18} {'expect':>6} {'rows':>4} " + " ".join(f"{n[:13]:>13}" for n in names)
    )
    for category, (expect, count) in rows.items():
        right = [count - len(results[name]["failures"].get(category, [])) for name in names]
        print(f"{category:18} {expect:>6} {count:>4} " + " ".join(f"{r:>13}" for r in right))


# ---------------------------------------------------------------- main
def delete_stale_indexes(client):
    """Indexes of runs whose process is gone (a node restarted under them)."""
    stale = []
    for name in client.indices.get(index="bokrao-quality-*", allow_no_indices=True):
        match = RUN_INDEX.match(name)
        try:
            alive = match and b"search_quality" in Path(f"/proc/{match[1]}/cmdline").read_bytes()
        except OSError:
            alive = False
        if match and not alive:
            client.indices.delete(index=name, ignore_unavailable=True)
            stale.append(name)
    return stale


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine-url", help="default: the local OpenSearch (node.sh start)")
    parser.add_argument(
        "--own-node",
        nargs="?",
        const=9211,
        type=int,
        metavar="PORT",
        help="start a node only for this run (bench/.engine/, port 9211) and stop it after",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL"),
        help=f"a PostgreSQL server (default: DATABASE_URL); the run creates {DATABASE_NAME} there",
    )
    parser.add_argument("--repeat", type=int, default=20, help="timed indexing rounds")
    parser.add_argument("--query-rounds", type=int, default=3, help="times each query runs")
    parser.add_argument("--examples", type=int, default=3, help="failures shown per category")
    parser.add_argument(
        "--pairs", type=Path, default=PAIRS, help="the set (default: bench/thai_eval/pairs.tsv)"
    )
    parser.add_argument("--results", type=Path, default=REPO / "bench" / "results")
    # A child process: the PostgreSQL path (internal).
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--prefix", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    pairs = read_pairs(args.pairs)
    if args.child:
        results = run_process(args, args.engine_url, args.prefix, pairs, args.child, False)
        Path(args.out).write_text(json.dumps(results, ensure_ascii=False))
        return 0

    from bench.node import Node, delete_run_indexes

    if args.own_node and args.engine_url:
        sys.exit("quality: --own-node or --engine-url, not both")
    counts = Counter(pair.should_match for pair in pairs)
    say(f"{len(pairs)} pairs: {counts[True]} should match, {counts[False]} should not")
    node = Node(args.engine_url, own_port=args.own_node)
    url = node.start()
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    prefix = f"bokrao-quality-{stamp.lower()}-{os.getpid()}"
    started = time.perf_counter()
    results, problem = {}, None
    try:
        from search.engines import client_for, product_for

        product = product_for(url)
        say(f"{product.name} {product.version} at {url}, indexes {prefix}-*")
        if stale := delete_stale_indexes(client_for(url)):
            say(f"deleted indexes of earlier runs: {', '.join(stale)}")
        with tempfile.TemporaryDirectory() as folder:
            sqlite_url = f"sqlite:///{folder}/quality.sqlite3"
            results["sqlite"] = run_process(args, url, prefix, pairs, sqlite_url, True)
        if args.database_url:
            results["postgresql"] = run_postgres_child(args, url, prefix)
    except KeyboardInterrupt:
        problem = "interrupted"
    except Exception as error:
        traceback.print_exc()
        problem = repr(error)
    finally:
        if left := delete_run_indexes(client_for, url, prefix):
            say(f"deleted {', '.join(left)}")
        node.stop()  # only a node started for this run
    if not results:
        say(problem or "nothing measured")
        return 1
    for run, measured in results.items():
        print(f"\n=== {run} process" + (" (engine paths and SQLite)" if run == "sqlite" else ""))
        print_report(measured, args.examples)
    record = {
        "benchmark": "search_quality",
        "started_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "engine": {"url": url, "product": product.name, "version": product.version},
        "pairs": len(pairs),
        "repeat": args.repeat,
        "query_rounds": args.query_rounds,
        "wall_seconds": time.perf_counter() - started,
        "runs": results,
        **({"stopped": problem} if problem else {}),
    }
    args.results.mkdir(parents=True, exist_ok=True)
    path = args.results / f"search_quality-{stamp}.json"
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    print(f"\nresults: {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    return 1 if problem else 0


if __name__ == "__main__":
    sys.exit(main())

"""How fast the participation index fills and answers, against a ceiling from the same run.

    .venv/bin/python bench/search_index.py                       # 100,000 and 1,000,000 documents
    .venv/bin/python bench/search_index.py --sizes 100000 --queries 200
    .venv/bin/python bench/search_index.py --own-node    # a node of its own, stopped after

For each size N the same seeded documents (bench/corpus.py) go, batch by batch, into
three indexes on one engine:

- ours: `ParticipationIndex.bulk` in batches of 500, exactly as the outbox sends them
  (the project's mapping and Thai analysis, the alias, the check that the index exists);
- ceiling: the client's plain `helpers.bulk`, same chunk size, into an index with the
  same settings and mapping, so ours / ceiling is our code's overhead, not analysis;
- raw, no analysis: the same helper into an index whose text is `standard` only (no
  Thai tokenizer, no English subfield), so ceiling / no-analysis is what analysis costs.

The three take turns batch by batch (the order rotates), so a busy shared node slows
them alike and the ratios stay meaningful. Then, after a refresh and once merges
have settled, a mix of queries runs on the three in turn. Timings are client-side.
The indexes are named `bokrao-bench-<run>-*` and deleted at the end, Ctrl+C included.
"""

import argparse
import json
import os
import signal
import sys
import time
import traceback
from datetime import datetime
from itertools import islice
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from django.conf import settings  # noqa: E402

if not settings.configured:
    # ParticipationIndex only needs the clock's time zone setting; no database.
    settings.configure(USE_TZ=True)

from bench.corpus import Corpus  # noqa: E402
from bench.memory import MemoryWatch, bench_peak_rss_mib  # noqa: E402
from bench.node import Node, delete_run_indexes, delete_stale_indexes  # noqa: E402
from bench.queries import query_mix  # noqa: E402
from bench.report import print_table  # noqa: E402
from search.conf import DEFAULTS  # noqa: E402
from search.engines import client_for, product_for  # noqa: E402
from search.index import ParticipationIndex  # noqa: E402
from search.mapping import index_body  # noqa: E402

BATCH = DEFAULTS["OUTBOX_BATCH"]  # what the outbox sends in one bulk request
PATHS = ("ours", "ceiling", "plain")


def say(message):
    print(f"bench: {message}", file=sys.stderr)


# ---------------------------------------------------------------- the three indexes
def plain_body():
    """Same keywords, dates and settings, but text is `standard` only, searched as sent
    (documents go in without search.mapping.analysed: no words fields filled)."""
    body = index_body()
    for field in ("title", "text"):
        body["mappings"]["properties"][field] = {"type": "text", "analyzer": "standard"}
    return body


class Indexes:
    """Ours (through ParticipationIndex), the ceiling and the no-analysis index for one size."""

    def __init__(self, url, prefix, client):
        self.client = client
        self.ours = ParticipationIndex(url, f"{prefix}-ours")
        self.ours.ensure()
        self.names = {"ours": self.ours.name, "ceiling": f"{prefix}-ceiling"}
        self.names["plain"] = f"{prefix}-plain"
        client.indices.create(index=self.names["ceiling"], body=index_body())
        client.indices.create(index=self.names["plain"], body=plain_body())
        # bulk() asks the engine whether the index exists before every batch: timed
        # apart (a wrapper on this one object), to tell that cost from the rest.
        self.ensure_seconds = 0.0
        ensure = self.ours.ensure

        def timed_ensure():
            started = time.perf_counter()
            try:
                return ensure()
            finally:
                self.ensure_seconds += time.perf_counter() - started

        self.ours.ensure = timed_ensure

    def send(self, path, batch):
        if path == "ours":
            # As search.documents.actions_for builds them: to the alias, id per record.
            actions = [{"_index": self.ours.name, "_id": _id, "_source": doc} for _id, doc in batch]
            self.ours.bulk(actions)
        else:
            index = self.names[path]
            actions = ({"_index": index, "_id": _id, "_source": doc} for _id, doc in batch)
            self.ours.helpers.bulk(self.client, actions, chunk_size=BATCH)

    def search(self, path, body):
        if path == "ours":
            return self.ours.search(body)
        return self.client.search(index=self.names[path], body=body)

    def settle(self, timeout=600):
        """Refresh, then wait until no merge runs, so queries do not race indexing's tail."""
        names = ",".join(self.names.values())
        self.client.indices.refresh(index=names)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            stats = self.client.indices.stats(index=names, metric="merge")
            if stats["_all"]["primaries"]["merges"]["current"] == 0:
                return
            time.sleep(0.5)

    def stats(self, path):
        stats = self.client.indices.stats(index=self.names[path], metric="docs,store")
        primaries = stats["_all"]["primaries"]
        return primaries["docs"]["count"], primaries["store"]["size_in_bytes"]

    def delete(self):
        self.ours.drop()
        for path in ("ceiling", "plain"):
            self.client.indices.delete(index=self.names[path], ignore_unavailable=True)


# ---------------------------------------------------------------- indexing
def batches(pairs, size):
    while batch := list(islice(pairs, size)):
        yield batch


def index_documents(indexes, corpus, count, progress):
    seconds = dict.fromkeys(PATHS, 0.0)
    batch_ms = {path: [] for path in PATHS}
    generation = 0.0
    documents = batches(corpus.documents(count), BATCH)
    number = 0
    while True:
        started = time.perf_counter()
        batch = next(documents, None)
        generation += time.perf_counter() - started
        if batch is None:
            break
        for path in PATHS[number % 3 :] + PATHS[: number % 3]:  # rotate who goes first
            started = time.perf_counter()
            indexes.send(path, batch)
            elapsed = time.perf_counter() - started
            seconds[path] += elapsed
            batch_ms[path].append(elapsed * 1000)
        number += 1
        progress(number * BATCH)
    result = {
        path: {
            "seconds": seconds[path],
            "docs_per_s": count / seconds[path],
            "batch_ms_p50": percentile(batch_ms[path], 50),
            "batch_ms_p95": percentile(batch_ms[path], 95),
        }
        for path in PATHS
    }
    result["ours"]["ensure_seconds"] = indexes.ensure_seconds
    result["generation"] = {"seconds": generation, "docs_per_s": count / generation}
    return result


# ---------------------------------------------------------------- queries
def run_queries(indexes, mix, warmup):
    """Each query on the three indexes in turn (rotating); the first `warmup` are not kept."""
    result = {}
    for kind, bodies in mix.items():
        latencies = {path: [] for path in PATHS}
        hits = {path: 0 for path in PATHS}
        capped = {path: False for path in PATHS}  # track_total_hits stops counting at 10,000
        for number, body in enumerate(bodies):
            for path in PATHS[number % 3 :] + PATHS[: number % 3]:
                started = time.perf_counter()
                response = indexes.search(path, body)
                elapsed = time.perf_counter() - started
                if number >= warmup:
                    latencies[path].append(elapsed * 1000)
                    total = response["hits"]["total"]
                    hits[path] += total["value"]
                    capped[path] |= total["relation"] == "gte"
        kept = len(bodies) - warmup
        row = {
            path: {
                "p50_ms": percentile(latencies[path], 50),
                "p95_ms": percentile(latencies[path], 95),
                "mean_hits": hits[path] / kept,
                "hits_capped": capped[path],
            }
            for path in PATHS
        }
        row["ratio_p50"] = row["ours"]["p50_ms"] / row["ceiling"]["p50_ms"]
        row["ratio_p95"] = row["ours"]["p95_ms"] / row["ceiling"]["p95_ms"]
        row["queries"] = kept
        result[kind] = row
    return result


def percentile(values, p):
    ordered = sorted(values)
    return ordered[max(0, round(p / 100 * len(ordered)) - 1)]  # nearest rank


# ---------------------------------------------------------------- one size, all sizes
def run_size(url, client, prefix, corpus, count, args, memory):
    started = time.perf_counter()
    memory.reset()
    indexes = Indexes(url, prefix, client)
    try:
        step = max(count // 10, BATCH)

        def progress(done):
            if done % step < BATCH:
                elapsed = time.perf_counter() - started
                say(f"  {min(done, count):>9,} documents, {elapsed:6.0f} s")

        indexing = index_documents(indexes, corpus, count, progress)
        settle_started = time.perf_counter()
        indexes.settle()
        indexing["settle_seconds"] = time.perf_counter() - settle_started
        for path in PATHS:
            stored, size = indexes.stats(path)
            if stored != count:
                raise RuntimeError(f"{path}: {stored} documents in the index, expected {count}")
            indexing[path]["store_mib"] = size / 2**20
        say(f"  querying ({args.queries} of each kind)")
        mix = query_mix(corpus, args.warmup_queries + args.queries, corpus.seed)
        queries = run_queries(indexes, mix, args.warmup_queries)
    finally:
        try:
            indexes.delete()
        except Exception:  # the node went away: main's cleanup retries
            pass
    indexing["ratio"] = indexing["ours"]["docs_per_s"] / indexing["ceiling"]["docs_per_s"]
    indexing["analysis_cost"] = indexing["plain"]["docs_per_s"] / indexing["ceiling"]["docs_per_s"]
    return {
        "documents": count,
        "indexing": indexing,
        "queries": queries,
        "engine_memory": memory.report(),
        "bench_peak_rss_mib": bench_peak_rss_mib(),
        "wall_seconds": time.perf_counter() - started,
    }


def _interrupt(*_):
    raise KeyboardInterrupt


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated counts")
    parser.add_argument("--engine-url", help="default: the local OpenSearch (node.sh start)")
    parser.add_argument("--engine-pid", type=int, help="for its memory, if not node.sh's node")
    parser.add_argument(
        "--own-node",
        nargs="?",
        const=9211,
        type=int,
        metavar="PORT",
        help="start a node only for this run (bench/.engine/, port 9211) and stop it after",
    )
    parser.add_argument("--queries", type=int, default=300, help="kept per kind of query")
    parser.add_argument("--warmup-queries", type=int, default=20, help="run first, not kept")
    parser.add_argument("--warmup-documents", type=int, default=5000, help="0: no warm-up")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--results", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args(argv)
    args.sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size]
    return args


def main(argv=None):
    args = parse_args(argv)
    if args.own_node and args.engine_url:
        sys.exit("bench: --own-node or --engine-url, not both")
    node = Node(args.engine_url, own_port=args.own_node, pid=args.engine_pid)
    url = node.start()
    try:
        return run(args, node, url)
    finally:
        node.stop()  # only a node started for this run


def run(args, node, url):
    product = product_for(url)
    client = client_for(url)
    pid = node.pid()
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    run_prefix = f"bokrao-bench-{stamp.lower()}-{os.getpid()}"
    corpus = Corpus(seed=args.seed)
    heap = client.nodes.stats(node_id="_local", metric="jvm")["nodes"]
    results = {
        "benchmark": "search_index",
        "started_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "engine": {"url": url, "product": product.name, "version": product.version},
        "engine_pid": pid,
        "engine_heap_mib": next(iter(heap.values()))["jvm"]["mem"]["heap_max_in_bytes"] / 2**20,
        "own_node": node.own,
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "batch": BATCH,
        "seed": args.seed,
        "runs": [],
    }
    say(f"{product.name} {product.version} at {url}, indexes {run_prefix}-*")
    if stale := delete_stale_indexes(client):
        say(f"deleted indexes of earlier runs that did not finish: {', '.join(stale)}")
    memory = MemoryWatch(pid)
    # Ctrl+C and SIGTERM clean up, even when started from a shell that ignores SIGINT.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        if args.warmup_documents:
            say(f"warm-up: {args.warmup_documents:,} documents")
            warmup = argparse.Namespace(queries=10, warmup_queries=0)
            prefix, count = f"{run_prefix}-warmup", args.warmup_documents
            run_size(url, client, prefix, corpus, count, warmup, memory)
        for count in args.sizes:
            say(f"{count:,} documents")
            measured = run_size(url, client, f"{run_prefix}-{count}", corpus, count, args, memory)
            results["runs"].append(measured)
    except KeyboardInterrupt:
        say("interrupted")
        results["stopped"] = "interrupted"
    except Exception as error:  # e.g. a shared node stopped by someone's test run
        traceback.print_exc()
        results["stopped"] = repr(error)
    finally:
        for name in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl+C must not stop the cleanup
            signal.signal(name, signal.SIG_IGN)
        if left := delete_run_indexes(client_for, url, run_prefix):
            say(f"deleted {', '.join(left)}")
        memory.stop()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if results["runs"]:  # what finished, even if a later size did not
        args.results.mkdir(parents=True, exist_ok=True)
        path = args.results / f"search_index-{stamp}.json"
        path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        print_table(results)
        print(f"\nresults: {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    return 1 if "stopped" in results else 0


if __name__ == "__main__":
    sys.exit(main())

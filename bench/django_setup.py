"""What the benchmarks that build a site in a database of their own share: their
messages on stderr, and Django set up on that database without a search engine."""

import os
import sys


def say(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def setup_django(database_url):
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "bokrao_site.settings.test",
            "DATABASE_URL": database_url,
            "ELASTICSEARCH_URL": "",  # no search engine: the outbox writes nothing
        }
    )
    import logging

    import django

    django.setup()
    logging.getLogger().setLevel(logging.ERROR)


def in_scratch_database(database_url, scratch_name, prefix, run):
    """`run(url)` on a database of the benchmark's own: a scratch PostgreSQL database
    beside the one `database_url` names (dropped afterwards), or a new SQLite file."""
    import tempfile

    scratch = None
    if database_url.startswith("postgres"):
        from bench.participation_site import Database

        scratch = Database(database_url, scratch_name)
        scratch.create()
        url = scratch.url
    else:
        folder = tempfile.mkdtemp(prefix=f"bokrao-bench-{prefix}-")
        url = f"sqlite:///{folder}/bench.sqlite3"
    try:
        return run(url)
    finally:
        if scratch is not None:
            from django.db import connections

            connections.close_all()
            scratch.drop()


def save_results(repo, name, results):
    """The run's results as bench/results/<name>-<time>.json."""
    import json
    import time

    out = repo / "bench" / "results"
    out.mkdir(exist_ok=True)
    path = out / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2))
    say(f"results in {path.relative_to(repo)}")

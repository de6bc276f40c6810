"""Does the platform slow down as municipalities join it?

Builds a platform in a scratch database (SQLite in a temporary folder, or a PostgreSQL
database of its own next to the one DATABASE_URL names), renders the platform's front
page, one municipality's home page and one consultation with Django's test client while
the platform holds ONE municipality, then again after the others have joined, and prints
each page's time as a ratio: many / one, same run, same machine. 1.00 is no slow-down.
The number of queries of each page is printed too: it must not move.

    .venv/bin/python bench/municipalities.py                        # 200 x 20, about a minute
    .venv/bin/python bench/municipalities.py --municipalities 1000 --consultations 100
    DATABASE_URL=$(bash site/scripts/postgres.sh) .venv/bin/python bench/municipalities.py

The pages are placed in bulk (pb_pages.factories.bulk_municipalities): each municipality
has a debate section with `--consultations` debates, every other one open. The table goes
to stdout, progress to stderr, the numbers to bench/results/ as JSON.
"""

import argparse
import os
import platform as host
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "site")]

from django_setup import in_scratch_database, save_results, say, setup_django  # noqa: E402  (bench/, beside this file)

SCRATCH_NAME = "bokrao_bench_municipalities"
PAGES = {
    # One municipality is listed; past PlatformHomePage.LISTED_AT_ONCE, the provinces
    # are (other rows, other queries: not compared).
    "front page": "/th/",
    # The first municipality's province, listing its municipalities (a tenth of them).
    "province": "/th/?province=" + quote("จังหวัดทดสอบ 0"),
    "home page": "/th/m0/",
    "consultation": "/th/m0/debates/d2/",
}
# Pages whose list is the same kind of list with one municipality and with many.
SAME_QUERIES = ("province", "home page", "consultation")
CHUNK = 50  # municipalities placed per round: a thousand pages at a time in memory


def measure(client, repeat):
    """Each page: its queries (one render, once warm) and the median of `repeat` renders."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = {}
    for name, url in PAGES.items():
        for _warm_up in range(3):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        # Now: the next request empties the connection's log that `captured` reads.
        queries = len(captured)
        times = []
        for _round in range(repeat):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        result[name] = {
            "url": url,
            "queries": queries,
            "median_ms": statistics.median(times),
            "p90_ms": statistics.quantiles(times, n=10)[-1] if len(times) > 1 else times[0],
        }
    return result


def build(municipalities, consultations, start, end):
    from django.db import transaction

    from pb_pages.factories import bulk_municipalities
    from pb_pages.models import PlatformHomePage

    platform = PlatformHomePage.objects.get()
    for begin in range(start, end, CHUNK):
        count = min(CHUNK, end - begin)
        with transaction.atomic():
            bulk_municipalities(
                platform, count, consultations=consultations, start=begin, open_every=2
            )
        if begin // CHUNK % 4 == 0 or begin + count == end:
            say(f"{begin + count:,} of {municipalities:,} municipalities placed")


def run(args, database_url):
    setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from pb_pages.factories import make_platform

    say("migrating the scratch database")
    call_command("migrate", verbosity=0, interactive=False)
    make_platform()
    build(args.municipalities, args.consultations, 0, 1)
    client = Client()
    say("rendering with one municipality")
    one = measure(client, args.repeat)
    started = time.perf_counter()
    build(args.municipalities, args.consultations, 1, args.municipalities)
    built_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would give them soon
    say(f"rendering with {args.municipalities:,} municipalities")
    many = measure(client, args.repeat)
    return {
        "database": connection.vendor,
        "database_version": connection.Database.sqlite_version
        if connection.vendor == "sqlite"
        else connection.cursor().connection.info.server_version,
        "municipalities": args.municipalities,
        "consultations_per_municipality": args.consultations,
        "pages_total": args.municipalities * (args.consultations + 2) + 1,
        "build_s": built_s,
        "repeat": args.repeat,
        "python": host.python_version(),
        "one": one,
        "many": many,
    }


def print_table(results):
    print(
        f"\nThe platform with {results['municipalities']:,} municipalities x "
        f"{results['consultations_per_municipality']} consultations "
        f"({results['pages_total']:,} pages, {results['database']} "
        f"{results['database_version']}) against one municipality, same run; "
        f"median of {results['repeat']} renders through Django's test client."
    )
    print("ratio = many / one: 1.00 is no slow-down. The queries must be equal.\n")
    print(f"  {'page':<14} {'queries 1':>9} {'queries N':>9} {'ms 1':>7} {'ms N':>7} {'ratio':>6}")
    for name in PAGES:
        one, many = results["one"][name], results["many"][name]
        print(
            f"  {name:<14} {one['queries']:>9} {many['queries']:>9} {one['median_ms']:>7.1f} "
            f"{many['median_ms']:>7.1f} {many['median_ms'] / one['median_ms']:>6.2f}"
        )
    print(f"\n  placing the pages took {results['build_s']:.0f} s (not a page's time)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--municipalities", type=int, default=200)
    parser.add_argument("--consultations", type=int, default=20, help="per municipality (>= 3)")
    parser.add_argument("--repeat", type=int, default=30, help="timed renders of each page")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="a PostgreSQL server to make a scratch database on; SQLite without it",
    )
    args = parser.parse_args()
    if args.consultations < 3:
        parser.error("--consultations must be at least 3 (the page timed is the third)")

    results = in_scratch_database(
        args.database_url, SCRATCH_NAME, "municipalities", lambda url: run(args, url)
    )
    print_table(results)
    save_results(REPO, "municipalities", results)
    problems = [
        name
        for name in SAME_QUERIES
        if results["one"][name]["queries"] != results["many"][name]["queries"]
    ]
    if problems:
        say(f"PROBLEM: the queries grew with the municipalities on {', '.join(problems)}")
        sys.exit(1)


if __name__ == "__main__":
    main()

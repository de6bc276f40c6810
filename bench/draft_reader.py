"""What does participation cost the reader of a long draft?

Builds, in a scratch database (SQLite in a temporary folder, or a PostgreSQL database of
its own next to the one DATABASE_URL names), two drafts with the same text of
`--paragraphs` paragraphs: one with `--comments` comments spread over its paragraphs and
agree / disagree on each paragraph, one with no comments and paragraph votes off (the
ceiling: the same template, the same text, nothing said). Each page is rendered through
Django's test client (every middleware), the two taking turns so that other work on the
machine slows them alike, and the table gives the median time of each as a ratio:
participation / ceiling, same run, same machine (goal: at most 2). The queries of each
page are printed too: the reading page's must be equal (the counts are one query however
many comments there are), or the run exits non-zero; an opened paragraph of the ceiling
asks less, having no agree / disagree to tally.

    .venv/bin/python bench/draft_reader.py                    # 300 x 20,000, about a minute
    .venv/bin/python bench/draft_reader.py --paragraphs 600 --comments 40000
    DATABASE_URL=$(bash site/scripts/postgres.sh) .venv/bin/python bench/draft_reader.py

The rows: the reading page (the text with each paragraph's count and the contents'
heat) and one paragraph opened (`p/<key>/?fragment=1`, what drafts.js fetches: its
comments, paged, and its form), as a visitor and signed in. The table goes to stdout,
progress to stderr, the numbers to bench/results/ as JSON.
"""

import argparse
import os
import platform as host
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "site")]

from django_setup import in_scratch_database, save_results, say, setup_django  # noqa: E402  (bench/, beside this file)

SCRATCH_NAME = "bokrao_bench_draft_reader"
PAGES = {
    "reading page": "{draft}",
    "paragraph opened": "{draft}p/{key}/?fragment=1",
}


def build(paragraphs, comments):
    """The two drafts, with the same text: {"participation": (page, keys), "ceiling": ...}."""
    from consultation_blocks.drafts import anchoring, versions
    from consultation_blocks.drafts import factories as f
    from consultation_blocks.factories import make_participant
    from consultation_blocks.participants.choices import Residence, VoterGroup
    from pb_pages.factories import make_draft, make_home, make_section

    home = make_home()
    section = make_section(home, "legislation", slug="drafts")
    sections = max(1, paragraphs // 3)
    text = f.long_text(sections, 3, chapters=max(1, sections // 10))
    drafts = {}
    for name, votes in (("participation", True), ("ceiling", False)):
        page = make_draft(section, text, slug=name, title=f"ร่าง {name}", paragraph_votes=votes)
        entries = versions.entries_of(versions.latest(page), "th")[0]
        drafts[name] = (page, [entry["key"] for entry in anchoring.commentable(entries)])
    authors = [
        make_participant(f"writer{n}", voter_group=group, area=area)
        for n, (group, area) in enumerate(
            (group, area) for group in VoterGroup.values for area in Residence.values
        )
    ]
    page, keys = drafts["participation"]
    f.bulk_paragraph_comments(page, keys, comments, authors)
    return drafts, authors[0]


def measure(client, drafts, repeat):
    """Each page of each draft: its queries (one render, once warm) and the median of
    `repeat` renders, the drafts taking turns."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = {}
    for row, pattern in PAGES.items():
        urls = {
            name: pattern.format(draft=page.url, key=keys[len(keys) // 2])
            for name, (page, keys) in drafts.items()
        }
        times = {name: [] for name in drafts}
        queries = {}
        for name, url in urls.items():
            for _warm_up in range(3):
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            queries[name] = len(captured)
        for turn in range(repeat):
            # Rotate who goes first, so neither always follows the other.
            order = list(urls) if turn % 2 == 0 else list(reversed(urls))
            for name in order:
                started = time.perf_counter()
                client.get(urls[name])
                times[name].append((time.perf_counter() - started) * 1000)
        result[row] = {
            name: {
                "url": urls[name],
                "queries": queries[name],
                "median_ms": statistics.median(times[name]),
                "p90_ms": statistics.quantiles(times[name], n=10)[-1],
            }
            for name in drafts
        }
    return result


def run(args, database_url):
    setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client

    say("migrating the scratch database")
    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    say(f"building two drafts of {args.paragraphs} paragraphs, {args.comments:,} comments")
    with transaction.atomic():  # one commit, not one per row of a file database
        drafts, reader = build(args.paragraphs, args.comments)
    built_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would give them soon
    results = {
        "database": connection.vendor,
        "database_version": connection.Database.sqlite_version
        if connection.vendor == "sqlite"
        else connection.cursor().connection.info.server_version,
        "paragraphs": len(drafts["participation"][1]),
        "comments": args.comments,
        "build_s": built_s,
        "repeat": args.repeat,
        "python": host.python_version(),
    }
    client = Client()
    say("rendering as a visitor")
    results["visitor"] = measure(client, drafts, args.repeat)
    client.force_login(reader.user)
    say("rendering signed in")
    results["signed in"] = measure(client, drafts, args.repeat)
    return results


def print_table(results):
    print(
        f"\nThe reader of a draft of {results['paragraphs']} paragraphs with "
        f"{results['comments']:,} comments and agree / disagree, against the same draft "
        f"with none and no votes ({results['database']} {results['database_version']}); "
        f"median of {results['repeat']} renders each, in turns, through Django's test client."
    )
    print(
        "ratio = participation / ceiling (goal: at most 2). "
        "The reading page's queries must be equal.\n"
    )
    print(f"  {'page':<28} {'queries':>7} {'ceiling':>7} {'ms':>8} {'ceiling':>8} {'ratio':>6}")
    for who in ("visitor", "signed in"):
        for row in PAGES:
            ours, ceiling = results[who][row]["participation"], results[who][row]["ceiling"]
            print(
                f"  {f'{row}, {who}':<28} {ours['queries']:>7} {ceiling['queries']:>7} "
                f"{ours['median_ms']:>8.1f} {ceiling['median_ms']:>8.1f} "
                f"{ours['median_ms'] / ceiling['median_ms']:>6.2f}"
            )
    print(f"\n  building the drafts took {results['build_s']:.0f} s (not a page's time)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, default=300, help="a multiple of 3")
    parser.add_argument("--comments", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=20, help="timed renders of each page")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="a PostgreSQL server to make a scratch database on; SQLite without it",
    )
    parser.add_argument(
        "--scratch-name",
        default=SCRATCH_NAME,
        help="the PostgreSQL database the run creates and drops",
    )
    args = parser.parse_args()

    results = in_scratch_database(
        args.database_url, args.scratch_name, "draft-reader", lambda url: run(args, url)
    )
    print_table(results)
    save_results(REPO, "draft-reader", results)
    problems = [
        f"{row}, {who}"
        for who in ("visitor", "signed in")
        for row in ("reading page",)
        if results[who][row]["participation"]["queries"] != results[who][row]["ceiling"]["queries"]
    ]
    if problems:
        say(f"PROBLEM: participation costs more queries on {', '.join(problems)}")
        sys.exit(1)


if __name__ == "__main__":
    main()

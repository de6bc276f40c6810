"""Counting a budget round: 100,000 ballots across 10 parts and 200 projects, by most
votes first (the tally and the rule) and by the Method of Equal Shares (streamed
approval sets and the rule), against the ceiling: one SQL GROUP BY over the ballot
lines. Goal: greedy at most 1.5x the ceiling; equal shares is printed for information.
Ballots are bulk-inserted into a scratch database and never loaded as model objects.

    DATABASE_URL=postgres://... python bench/budget_count.py [--ballots 100000]

Last run (PostgreSQL, 2 cores, 2026-12-02): ceiling 72.5 ms, greedy 107.0 ms (1.48x;
1.40x on a quiet machine the day before), both rules as count_round computes them
6.6 s (was 224 s before equal_shares counted supporters by class of money left).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "site")]

from django_setup import in_scratch_database, save_results, say, setup_django  # noqa: E402

SCRATCH_NAME = "bokrao_bench_budget_count"
CEILING = 1.5


def _timed(work, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(args, url):
    setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from consultation_blocks.budgeting import factories as budget
    from consultation_blocks.budgeting.counting import tally
    from consultation_blocks.budgeting.counting.factories import bulk_ballots
    from pb_pages.factories import make_home, make_round, make_section

    rng = random.Random(14)
    parts = [budget.part(f"p{n}", f"ส่วนที่ {n}", 1_000_000) for n in range(args.parts)]
    page = make_round(make_section(make_home(), "budget"), parts=parts)
    per_part = args.projects // args.parts
    projects = {
        part["id"]: [
            (
                budget.make_project(
                    page,
                    part["id"],
                    title=f"{part['id']}-{i}",
                    cost=rng.randrange(50_000, 400_000, 1000),
                )
            )
            for i in range(per_part)
        ]
        for part in parts
    }
    say(f"inserting {args.ballots:,} ballots")
    rows = []
    for _ in range(args.ballots):
        key = f"p{rng.randrange(args.parts)}"
        chosen, money = [], 1_000_000
        for project in rng.sample(projects[key], len(projects[key])):
            if project.cost <= money and rng.random() < 0.5:
                chosen.append(project.pk)
                money -= project.cost
        rows.append((key, chosen or [projects[key][0].pk], "resident", "inside", "online"))
    bulk_ballots(page.translation_key, rows)
    key = page.translation_key

    from django.db import connection

    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load: fresh statistics and visibility, so
        # that both the ceiling and the count read the indexes as in a running site.
        with connection.cursor() as cursor:
            for table in ("bokrao_blocks_ballot", "bokrao_blocks_ballotline"):
                cursor.execute(f"VACUUM ANALYZE {table}")

    from consultation_blocks.budgeting.counting import services

    def ceiling():
        # The floor of any count: one GROUP BY over the round's counted ballot lines.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT project_id, COUNT(*) FROM bokrao_blocks_ballotline"
                " WHERE consultation = %s AND counted GROUP BY project_id",
                [key],
            )
            cursor.fetchall()

    def by_greedy():
        # What the count does for most votes first: the tally's queries and the rule.
        services.greedy_parts(page)

    def by_equal_shares():
        # The whole count (both rules, as count_round computes them): the streamed
        # approval sets and the Method of Equal Shares.
        services.compute(page)

    pieces = {
        "votes_per_project_s": lambda: tally.votes_per_project(key),
        "ballots_counted_s": lambda: tally.ballots_counted(key),
        "ballot_projects_s": lambda: services.ballot_projects(page),
        "approval_sets_s": lambda: sum(1 for _ in tally.approval_sets(key)),
    }
    results = {
        "ballots": args.ballots,
        "parts": args.parts,
        "projects": args.projects,
        "ceiling_s": _timed(ceiling, args.repeat),
        "greedy_s": _timed(by_greedy, args.repeat),
        "equal_shares_s": _timed(by_equal_shares, 1) if not args.greedy_only else None,
        **{name: _timed(work, args.repeat) for name, work in pieces.items()},
    }
    results["greedy_ratio"] = results["greedy_s"] / results["ceiling_s"]
    if results["equal_shares_s"] is not None:
        results["equal_shares_ratio"] = results["equal_shares_s"] / results["ceiling_s"]
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--parts", type=int, default=10)
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--greedy-only", action="store_true", help="skip the (slow) Method of Equal Shares"
    )
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--scratch-name", default=SCRATCH_NAME)
    args = parser.parse_args()
    results = in_scratch_database(
        args.database_url, args.scratch_name, "budget-count", lambda url: run(args, url)
    )
    print(
        f"\nCounting {results['ballots']:,} ballots, {results['parts']} parts, "
        f"{results['projects']} projects"
    )
    print(f"ceiling (one GROUP BY): {results['ceiling_s'] * 1000:.1f} ms")
    print(
        f"greedy (tally + rule):  {results['greedy_s'] * 1000:.1f} ms, "
        f"{results['greedy_ratio']:.2f}x (ceiling {CEILING}x)"
    )
    if results["equal_shares_s"] is not None:
        print(
            f"equal shares (info):    {results['equal_shares_s'] * 1000:.1f} ms, "
            f"{results['equal_shares_ratio']:.1f}x"
        )
    for name in (
        "votes_per_project_s",
        "ballots_counted_s",
        "ballot_projects_s",
        "approval_sets_s",
    ):
        print(f"  {name[:-2]}: {results[name] * 1000:.1f} ms")
    save_results(REPO, "budget-count", results)
    if results["greedy_ratio"] > CEILING:
        say("PROBLEM: greedy counting is above its ceiling")
        sys.exit(1)


if __name__ == "__main__":
    main()

"""Where a ballot action's time goes: queries and Python time per request.

    .venv/bin/python bench/ballot_profile.py                 # about a minute
    .venv/bin/python bench/ballot_profile.py --no-profile    # queries and times only

bench/participation_profile.py's machinery (its database, browsers, timing and profiler,
imported) with bench/ballot_http.py's round: one part of 1,000 baht, eight projects,
balloting now. One process sends, through django.test.Client, the ceiling's POST and
the ballot actions as ballot.js sends them (Accept: JSON): each participant in turn adds
the 50 baht project and takes it off again. It prints the queries of an add and of a
remove, milliseconds per request against the ceiling's, and cProfile of the actions.
"""

import argparse
import secrets
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "site")]

from bench import participation_profile as profiling  # noqa: E402
from bench.ballot_http import make_round  # noqa: E402
from bench.participation_site import (  # noqa: E402
    Database,
    build,
    close_connections,
    say,
    server_environment,
    setup_django,
)


class BallotPaths(profiling.Paths):
    """The ceiling as participation_profile sends it, and add/remove of one project."""

    def __init__(self, browsers, consultation, round_page, ballot_url, project):
        super().__init__(browsers, consultation)
        self.round_page, self.ballot_url, self.project = round_page, ballot_url, project

    def ballot(self):
        n, browser = self._next("ballot")
        # Browser n adds on its odd turns, removes on its even ones: every action is valid.
        action = "add" if (n // len(self.browsers)) % 2 == 0 else "remove"
        fields = {
            "action": action,
            "project": self.project,
            "page": self.round_page.pk,
            "part": "town",
            "next": self.ballot_url,
        }
        return browser.post("/th/participate/ballot/", fields), 200

    def next_action(self):
        n = self.counter["ballot"]
        return "add" if (n // len(self.browsers)) % 2 == 0 else "remove"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=300, help="profiled and timed, per path")
    parser.add_argument("--top", type=int, default=30, help="functions listed per table")
    parser.add_argument("--database-url", help="a PostgreSQL URL; default: postgres.sh's")
    parser.add_argument("--database-name", default="bokrao_ballot_profile")
    parser.add_argument("--no-profile", action="store_true", help="queries and times only")
    args = parser.parse_args(argv)

    database = Database(profiling.admin_database_url(args.database_url), args.database_name)
    environment = server_environment(database.url, secrets.token_urlsafe(50), profiling.HOST)
    try:
        database.create()
        setup_django(environment)
        say("migrating and creating the round and participants")
        consultation, participants = build(32, 1, False)
        round_page, ballot_url, projects = make_round(consultation)
        cheapest = min(projects, key=lambda item: item[1])[0]
        browsers = [profiling.Browser(participant, consultation) for participant in participants]
        paths = BallotPaths(browsers, consultation, round_page, ballot_url, cheapest)
        kinds = {"ceiling": paths.ceiling, "ballot": paths.ballot}
        for path in kinds.values():
            for _ in range(2 * len(browsers)):
                profiling.send(path)

        print("# Queries per request")
        profiling.print_queries(*profiling.queries_of(paths.ceiling, "ceiling"))
        for wanted in ("add", "remove"):
            while paths.next_action() != wanted:
                profiling.send(paths.ballot)
            profiling.print_queries(*profiling.queries_of(paths.ballot, f"ballot ({wanted})"))

        print("\n# Milliseconds per request, one process: wall, CPU of Python, of PostgreSQL\n")
        print(f"  {'':<8} {'wall':>7} {'Python':>7} {'PostgreSQL':>10} {'CPU / ceiling':>14}")
        times = profiling.timed(kinds, args.requests)
        ceiling = sum(times["ceiling"][1:])
        for kind, (wall, python, postgres) in times.items():
            ratio = (python + postgres) / ceiling
            print(f"  {kind:<8} {wall:7.2f} {python:7.2f} {postgres:10.2f} {ratio:14.2f}")
        if not args.no_profile:
            print("\n# Profile: ballot")
            profiling.profile(paths.ballot, args.requests, args.top)
    finally:
        try:
            close_connections()
        except Exception:  # Django never started
            pass
        database.drop()
        say(f"database {database.name} dropped")
    return 0


if __name__ == "__main__":
    sys.exit(main())

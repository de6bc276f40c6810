"""Where a vote's and a comment's time goes: queries and Python time per request.

    .venv/bin/python bench/participation_profile.py              # about a minute
    .venv/bin/python bench/participation_profile.py --requests 400 --top 30

The same database, page, participants and settings as bench/participation_http.py (a
database of its own, `bokrao_profile`, created and dropped), but no server and no load:
one process sends the ceiling's, a vote's and a comment's POST through django.test.Client
(the whole middleware, the CSRF check enforced, HTTPS as behind the proxy) and prints

- the queries of one typical request of each path, in order, and how many a request
  makes (a vote's first answer and its change, a comment and a reply);
- milliseconds per request in one process: wall, CPU of Python (Django and the test
  client) and CPU of the PostgreSQL backend serving it, the paths taking turns, and
  the CPU per request as a ratio to the ceiling's;
- where the CPU goes: each step of a request (the page, the participant, the rules,
  storing, the counts, ...) timed by wrapping the functions it goes through, its own
  time per request, with the rest of the request;
- cProfile (CPU time) of `--requests` requests of each path: our functions
  (consultation_blocks, pb_pages, theme, search) by cumulative time, and every function
  by own time.

The numbers are one process's, not gunicorn's under load: they say where the time goes,
bench/participation_http.py says how much throughput that leaves.
"""

import argparse
import cProfile
import pstats
import random
import re
import secrets
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "site")]

from bench.participation_site import (  # noqa: E402
    Database,
    build,
    close_connections,
    say,
    server_environment,
    setup_django,
)

HOST = "127.0.0.1"
OURS = ("consultation_blocks/", "pb_pages/", "theme/", "search/", "bench/")


def admin_database_url(given):
    from bench.participation_http import admin_database_url as started

    return started(given)


class Browser:
    """One signed-in participant's browser: session cookie, CSRF cookie and form token."""

    def __init__(self, participant, consultation):
        from django.test import Client

        self.participant, self.consultation = participant, consultation
        self.client = Client(
            enforce_csrf_checks=True, HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https"
        )
        self.client.cookies["sessionid"] = participant.session_key
        page = self.client.get(consultation.url, secure=True)
        assert page.status_code == 200, page.status_code
        self.token = re.search(
            r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()
        ).group(1)
        self.origin = f"https://{HOST}"

    def post(self, path, fields):
        fields = {
            "csrfmiddlewaretoken": self.token,
            "page": self.consultation.page_id,
            "next": self.consultation.url,
            **fields,
        }
        return self.client.post(
            path,
            fields,
            secure=True,
            HTTP_ACCEPT="application/json",
            HTTP_ORIGIN=self.origin,
        )


class Paths:
    """Endless requests of each path, each one valid (new rows, votes changed, replies)."""

    def __init__(self, browsers, consultation):
        self.browsers, self.consultation = browsers, consultation
        self.counter = Counter()
        self.threads = []
        # As in the load: each (participant, widget) votes, then again 8 votes later, the
        # same choice or another one; first votes INSERT, the others UPDATE.
        from bench.participation_http import vote_plan

        by_participant = {browser.participant.id: browser for browser in browsers}
        self.votes = [
            (kind, by_participant[participant.id], widget, choice)
            for kind, participant, widget, choice in vote_plan(
                random.Random(2026),
                [browser.participant for browser in browsers],
                consultation.vote_widgets,
            )
        ]

    def _next(self, kind):
        n = self.counter[kind]
        self.counter[kind] += 1
        return n, self.browsers[n % len(self.browsers)]

    def ceiling(self):
        n, browser = self._next("ceiling")
        return browser.post(
            "/th/bench/ceiling/",
            {
                "widget": self.consultation.vote_widgets[0],
                "choice": "agree",
                "consultation": self.consultation.consultation,
                "target": f"profile-{n}",
            },
        ), 200

    def vote(self):
        kind, browser, widget, choice = self.votes[self.counter["vote"]]
        self.counter["vote"] += 1
        return browser.post("/th/participate/vote/", {"widget": widget, "choice": choice}), 200

    def next_vote(self):
        """ "first" (a new row), "same" (sent again) or "changed": what vote() sends next."""
        return self.votes[self.counter["vote"]][0]

    def comment(self):
        n, browser = self._next("comment")
        fields = {
            "widget": self.consultation.comment_widget,
            "text": f"ขอให้เพิ่มไฟส่องสว่างในซอยข้างตลาดหนองมน (profile #{n})",
            "anchor": self.consultation.anchors[n % 3] if n % 10 < 3 else "",
        }
        if n % 4 == 3 and self.threads:
            fields["parent"] = self.threads[-1]
        response = browser.post("/th/participate/comment/", fields)
        if response.status_code == 201 and "parent" not in fields:
            self.threads.append(response.json()["id"])
        return response, 201


def send(path):
    response, expected = path()
    if response.status_code != expected:
        raise RuntimeError(f"{response.status_code}: {response.content[:300]!r}")
    return response


def queries_of(path, label):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        send(path)
    return label, [query["sql"] for query in captured.captured_queries]


def short(sql, width=150):
    sql = re.sub(r"\s+", " ", sql)
    sql = re.sub(r'"[a-z_]+"\."([a-z_]+)"', r"\1", sql)  # "table"."column" -> column
    if sql.startswith("SELECT "):
        # The columns are left out: from the outer FROM on (a subquery's stays inside).
        depth = 0
        for at in range(len(sql)):
            depth += {"(": 1, ")": -1}.get(sql[at], 0)
            if depth == 0 and sql.startswith(" FROM ", at) and at > 60:
                sql = f"SELECT …{sql[at:]}"
                break
    return sql if len(sql) <= width else sql[: width - 1] + "…"


def print_queries(label, queries):
    print(f"\n### {label}: {len(queries)} queries\n")
    for number, sql in enumerate(queries, start=1):
        print(f"{number:>3}. {short(sql)}")


def timed(kinds, count, rounds=10):
    """{kind: (wall, Python CPU, PostgreSQL CPU) milliseconds per request}.

    The paths take turns in `rounds` rounds, so that other work on the machine slows
    them alike (the ratios to the ceiling hold better than the milliseconds)."""
    from django.db import connection

    from bench.participation_http import CLOCK_TICKS, cpu_ticks

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (backend,) = cursor.fetchone()
    spent = {kind: [0.0, 0.0, 0.0] for kind in kinds}
    for _round in range(rounds):
        for kind, path in kinds.items():
            database_before = cpu_ticks([backend]).get(backend, 0)
            started, cpu_started = time.perf_counter(), time.process_time()
            for _ in range(count // rounds):
                send(path)
            totals = spent[kind]
            totals[0] += time.perf_counter() - started
            totals[1] += time.process_time() - cpu_started
            totals[2] += (cpu_ticks([backend]).get(backend, 0) - database_before) / CLOCK_TICKS
    done = count // rounds * rounds
    return {kind: tuple(seconds * 1000 / done for seconds in spent[kind]) for kind in kinds}


def _ours(filename):
    return "/.venv/" not in filename and any(f"/{part}" in filename for part in OURS)


# The steps of a request, timed by wrapping the functions the code calls them through
# (module attributes looked up at call time). Steps the code does not have are skipped,
# so the same list times an older version of it.
STEPS = [
    ("django.contrib.auth.middleware", "get_user", "session and account (request.user)"),
    ("consultation_blocks.widgets.views", "get_object_or_404", "the page (Wagtail's specific)"),
    ("consultation_blocks.comments.views", "get_object_or_404", "the page (Wagtail's specific)"),
    ("consultation_blocks.responses", "live_page", "the page (Wagtail's specific)"),
    ("consultation_blocks.participants.services", "participant_for", "the participant"),
    ("consultation_blocks.limits", "check", "rate limits"),
    ("consultation_blocks.widgets.rules", "source_page", "the source page's rules"),
    ("pb_pages.phases.services", "timeline_of_page", "the phases (timeline)"),
    ("consultation_blocks.walker", "find", "the walker (find a widget or anchor)"),
    ("consultation_blocks.widgets.rules", "may_take_part", "the rules (may take part)"),
    ("django.db.models.query.QuerySet", "update_or_create", "storing the vote"),
    ("django.db.models.query.QuerySet", "bulk_create", "storing the vote"),
    ("consultation_blocks.comments.services", "_same_comment_just_posted", "the same comment?"),
    ("consultation_blocks.participants.services", "locked", "locking the participant"),
    ("consultation_blocks.comments.moderation", "hold_reasons", "moderation rules"),
    ("consultation_blocks.models.Comment", "save", "storing the comment (xtd's tree)"),
    ("django_comments_xtd.models.XtdComment", "save", "storing the comment (xtd's tree)"),
    ("consultation_blocks.widgets.views", "tally", "the counts in the answer"),
    ("consultation_blocks.comments.views", "render_to_string", "the comment's HTML"),
]


def split(path, count):
    """[(step, CPU ms per request)], each step's own time (the steps it calls are theirs),
    and the rest of the request."""
    import importlib

    spent, running, undo = {}, [], []

    def timed_step(function, label):
        def step(*args, **kwargs):
            running.append(0.0)
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.process_time() - started
                inner = running.pop()
                spent[label] = spent.get(label, 0.0) + elapsed - inner
                if running:
                    running[-1] += elapsed

        return step

    for module_name, attribute, label in STEPS:
        owner_name, _, class_name = module_name.rpartition(".")
        try:
            owner = importlib.import_module(module_name)
        except ImportError:  # a class: module.Class
            owner = getattr(importlib.import_module(owner_name), class_name, None)
        function = owner.__dict__.get(attribute) if owner is not None else None
        if function is None:
            continue
        undo.append((owner, attribute, function))
        setattr(owner, attribute, timed_step(function, label))
    try:
        started = time.process_time()
        for _ in range(count):
            send(path)
        total = time.process_time() - started
    finally:
        for owner, attribute, function in reversed(undo):
            setattr(owner, attribute, function)
    steps = sorted(spent.items(), key=lambda item: -item[1])
    rest = total - sum(spent.values())
    steps.append(("the rest (middleware, CSRF, the view, JSON, the test client)", rest))
    return [(label, seconds * 1000 / count) for label, seconds in steps], total * 1000 / count


def print_split(kind, path, count):
    steps, total = split(path, count)
    print(f"\n## {kind}: {total:.2f} ms of CPU per request\n")
    for label, milliseconds in steps:
        print(f"  {milliseconds:6.2f}  {label}")


def profile(path, count, top):
    # CPU time, not wall time: waiting for PostgreSQL is not Python's time.
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for _ in range(count):
        send(path)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    rows = []
    for (filename, line, name), (_cc, calls, own, cumulative, _callers) in stats.stats.items():
        rows.append((filename, line, name, calls, own, cumulative))

    def where(filename, line, name):
        for part in OURS:
            if f"/{part}" in filename and _ours(filename):
                return f"{part}{filename.split('/' + part, 1)[1]}:{line} {name}"
        site = filename.split("site-packages/", 1)[-1]
        return f"{site}:{line} {name}"

    def table(title, chosen, key):
        print(f"\n{title}\n")
        print(f"  {'ms/request':>10} {'calls/req':>9}  function")
        for filename, line, name, calls, own, cumulative in sorted(chosen, key=key)[:top]:
            seconds = own if key is by_own else cumulative
            print(
                f"  {seconds * 1000 / count:>10.2f} {calls / count:>9.1f}  "
                f"{where(filename, line, name)}"
            )

    def by_cumulative(row):
        return -row[5]

    def by_own(row):
        return -row[4]

    ours = [row for row in rows if _ours(row[0])]
    print(
        f"\ncProfile (CPU time), {count} requests: {total * 1000 / count:.2f} ms per request "
        "(with the profiler's own overhead)"
    )
    table("Our functions, cumulative time:", ours, by_cumulative)
    table("Every function, own time:", rows, by_own)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=300, help="profiled and timed, per path")
    parser.add_argument("--top", type=int, default=25, help="functions listed per table")
    parser.add_argument("--database-url", help="a PostgreSQL URL; default: postgres.sh's")
    parser.add_argument("--database-name", default="bokrao_profile", help="created and dropped")
    parser.add_argument("--only", choices=["ceiling", "vote", "comment"], help="one path")
    parser.add_argument("--no-profile", action="store_true", help="queries and times only")
    args = parser.parse_args(argv)

    database = Database(admin_database_url(args.database_url), args.database_name)
    environment = server_environment(database.url, secrets.token_urlsafe(50), HOST)
    try:
        database.create()
        setup_django(environment)
        say("migrating and creating the consultation and participants")
        consultation, participants = build(128, 4, True)
        browsers = [Browser(participant, consultation) for participant in participants]
        paths = Paths(browsers, consultation)
        kinds = {"ceiling": paths.ceiling, "vote": paths.vote, "comment": paths.comment}
        if args.only:
            kinds = {args.only: kinds[args.only]}
        for path in kinds.values():  # warm up: imports, templates, the page's caches
            for _ in range(20):
                send(path)

        print("# Queries per request")
        if "ceiling" in kinds:
            print_queries(*queries_of(paths.ceiling, "ceiling"))
        if "vote" in kinds:
            for wanted in ("first", "changed"):
                while paths.next_vote() != wanted:
                    send(paths.vote)
                print_queries(*queries_of(paths.vote, f"vote ({wanted})"))
        if "comment" in kinds:
            while paths.counter["comment"] % 4 != 0:
                send(paths.comment)
            print_queries(*queries_of(paths.comment, "comment (top level)"))
            for _ in range(2):
                send(paths.comment)
            print_queries(*queries_of(paths.comment, "comment (a reply)"))

        print("\n# Milliseconds per request, one process: wall, CPU of Python, of PostgreSQL\n")
        print(f"  {'':<8} {'wall':>7} {'Python':>7} {'PostgreSQL':>10} {'CPU / ceiling':>14}")
        times = timed(kinds, args.requests)
        ceiling = sum(times["ceiling"][1:]) if "ceiling" in times else None
        for kind, (wall, python, postgres) in times.items():
            ratio = f"{(python + postgres) / ceiling:14.2f}" if ceiling else ""
            print(f"  {kind:<8} {wall:7.2f} {python:7.2f} {postgres:10.2f} {ratio}")
        print("\n# Where the CPU goes: each step's own CPU ms per request (no profiler)")
        for kind, path in kinds.items():
            print_split(kind, path, args.requests)
        for kind, path in ({} if args.no_profile else kinds).items():
            print(f"\n# Profile: {kind}")
            profile(path, args.requests, args.top)
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

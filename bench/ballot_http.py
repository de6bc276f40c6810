"""Ballots cast over HTTP through gunicorn and PostgreSQL, against the bare view.

    .venv/bin/python bench/ballot_http.py              # about a minute on 2 cores

The machinery is bench/participation_http.py's (its database, gunicorn, sessions, CPU
meter and load driver, imported, not copied): the same signed-in participants, plus a
budget round with one part of 1,000 baht and eight projects on its ballot, balloting
now. 32 concurrent clients send, round after round:

- ceiling: POST to the bare Django view (bench/participation_urls.py), one INSERT;
- ballots: POST where the part's ballot page sends its forms, with the fields they
  carry, as ballot.js sends them (Accept: JSON): each participant adds projects that
  fit (sometimes takes one off again) and submits.

Then check in the database that each participant has one ballot, submitted, holding
exactly the projects they left on it, within the part's money, every line counted.
Goal: ballots' requests per second at least 0.5 of the ceiling's. Exit status 1 if a
request failed, a ballot is wrong, or the goal is missed.
"""

import asyncio
import json
import os
import random
import re
import secrets
import sys
import time
import traceback
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "site")]

from bench import participation_http as http  # noqa: E402
from bench.http_load import Site  # noqa: E402
from bench.participation_site import (  # noqa: E402
    Database,
    build,
    close_connections,
    say,
    server_environment,
    setup_django,
    stored_ceiling_rows,
)

KINDS = ("ceiling", "ballots")
GOAL = 0.5
MONEY = 1000
COSTS = [300, 250, 200, 150, 120, 100, 80, 50]


def ballot_plan(rng, participants, projects):
    """Per participant: projects added while they fit (one in four taken off again at
    once), then submit; the participants' steps interleaved, each one's kept in order."""
    steps = []
    for participant in participants:
        own, left = [], MONEY
        for pk, cost in rng.sample(projects, len(projects))[:4]:
            if cost > left:
                continue
            own.append(("add", participant, pk))
            if left < MONEY and rng.random() < 0.25:  # never empty: submit needs one
                own.append(("remove", participant, pk))
            else:
                left -= cost
        own.append(("submit", participant, None))
        steps.append(own)
    plan = []
    while any(steps):
        for own in steps:
            if own:
                plan.append(own.pop(0))
    return plan


class BallotClient(http.Client):
    """participation_http's client, sending ballot actions to the part's page."""

    def __init__(self, index, participants, consultation, plans, ballot_url):
        super().__init__(index, participants, consultation, plans)
        self.ballot_url = ballot_url
        self.sent = {kind: [] for kind in KINDS}

    async def sign_in_page(self, site):
        response = await site.get(
            self.ballot_url, cookies={"sessionid": self.participants[0].session_key}
        )
        html = response.body.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if response.status != 200 or not token or "data-ballot-form" not in html:
            raise RuntimeError(f"GET {self.ballot_url}: {response.status}, no ballot form")
        self.form_token = token.group(1)
        # Where the page's forms send an action, and what they name, as ballot.js sends it.
        form = re.search(r'<form method="post" action="([^"]+)" data-ballot-form>', html)
        named = dict(re.findall(r'<input type="hidden" name="(page|part)" value="([^"]+)">', html))
        if not form or set(named) != {"page", "part"}:
            raise RuntimeError(f"GET {self.ballot_url}: no ballot form naming its page and part")
        self.action_url, self.form_fields = form.group(1), named
        self.csrf_cookie = response.cookies()["csrftoken"]

    def request_for(self, kind, item):
        if kind == "ceiling":
            return super().request_for(kind, item)
        action, participant, project = item
        fields = {
            "csrfmiddlewaretoken": self.form_token,
            **self.form_fields,
            "action": action,
            "next": self.ballot_url,
        }
        if project is not None:
            fields["project"] = project
        return self.action_url, participant, fields, 200


def make_round(consultation):
    from wagtail.models import Page

    from consultation_blocks.budgeting import factories as budget
    from consultation_blocks.participants.choices import VerificationLevel
    from pb_pages.factories import make_round as round_factory
    from pb_pages.factories import make_section

    home = Page.objects.get(pk=consultation.page_id).get_parent().get_parent().specific
    page = round_factory(
        make_section(home, "budget", slug="budget"),
        parts=[budget.part("town", "ทั้งเมือง", MONEY)],
        slug="pb",
        ballot_verification=VerificationLevel.EMAIL,
    )
    projects = [
        (budget.make_project(page, "town", f"โครงการ {n}", cost=cost).pk, cost)
        for n, cost in enumerate(COSTS, start=1)
    ]
    return page, page.url + page.reverse_subpage("ballot_part", args=["town"]), projects


def check(clients, page, projects):
    """One submitted ballot per participant, the lines they left, within the money."""
    from consultation_blocks.budgeting.models import Ballot, BallotLine

    cost = dict(projects)
    expected = {}
    for client in clients:
        for (action, participant, project), *_ in client.sent["ballots"]:
            lines = expected.setdefault(participant.id, set())
            if action == "add":
                lines.add(project)
            elif action == "remove":
                lines.discard(project)
    ballots = list(
        Ballot.objects.filter(consultation=page.translation_key).values_list(
            "participant_id", "part", "submitted_at"
        )
    )
    stored = {}
    for _ballot, participant, project, counted in BallotLine.objects.filter(
        consultation=page.translation_key
    ).values_list("ballot_id", "ballot__participant_id", "project_id", "counted"):
        stored.setdefault(participant, []).append((project, counted))
    problems = []
    per_participant = [participant for participant, _part, _at in ballots]
    if len(per_participant) != len(set(per_participant)):
        problems.append("ballots: a participant has more than one ballot")
    if set(per_participant) != set(expected):
        problems.append(f"ballots: {len(expected)} expected, {len(set(per_participant))} stored")
    if unsubmitted := [p for p, _part, at in ballots if at is None]:
        problems.append(f"ballots: {len(unsubmitted)} not submitted")
    for participant, lines in expected.items():
        found = stored.get(participant, [])
        if sorted(p for p, _c in found) != sorted(lines):
            problems.append(f"ballots: participant {participant} holds {found}, sent {lines}")
        elif not all(counted for _p, counted in found):
            problems.append(f"ballots: participant {participant} has lines not counted")
        if sum(cost[p] for p, _c in found) > MONEY:
            problems.append(f"ballots: participant {participant} over the money")
    sent = sorted(
        (item[1].user_id, item[4]) for client in clients for item, *_ in client.sent["ceiling"]
    )
    if sorted(stored_ceiling_rows()) != sent:
        problems.append("ceiling: rows stored are not the rows sent")
    summary = {
        "ballots_expected": len(expected),
        "ballots_stored": len(ballots),
        "lines_stored": sum(len(found) for found in stored.values()),
        "ceiling_rows": len(sent),
    }
    return summary, problems[:10]


def main(argv=None):
    args = http.parse_args(argv)
    started = time.perf_counter()
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    database = Database(http.admin_database_url(args.database_url), args.database_name)
    environment = server_environment(database.url, secrets.token_urlsafe(50), http.HOST)
    server, problems = None, []
    participants_count = args.clients * args.participants_per_client
    results = {
        "benchmark": "ballot_http",
        "started_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "clients": args.clients,
        "participants": participants_count,
        "rounds": args.rounds,
        "workers": args.workers,
        "goal_ratio_per_s": GOAL,
    }
    try:
        results["postgres"] = database.create()
        say(f"database {database.name} created (PostgreSQL {results['postgres']})")
        setup_django(environment)
        say("migrating and creating the round and participants")
        consultation, participants = build(participants_count, 1, False)
        page, ballot_url, projects = make_round(consultation)
        close_connections()
        rng = random.Random(args.seed)
        clients = []
        for index in range(args.clients):
            own = participants[index :: args.clients]
            ballots = ballot_plan(rng, own, projects)
            plans = {
                "ballots": ballots,
                "ceiling": http.ceiling_plan(
                    rng, index, own, consultation.vote_widgets, len(ballots)
                ),
            }
            plans = {k: http.split(plan, args.warmup, args.rounds) for k, plan in plans.items()}
            clients.append(BallotClient(index, own, consultation, plans, ballot_url))
        server = http.Server(environment, args.workers, args.worker_class, args.threads)
        server.start()
        say(f"gunicorn on {http.HOST}:{server.port}, {args.workers} {args.worker_class} workers")
        site = Site(http.HOST, server.port)
        meter = http.CpuMeter(server, database)
        measured, results["guards"] = asyncio.run(
            http.drive(site, clients, meter, KINDS, args.rounds)
        )
        results["paths"] = http.summarize(measured)
        for kind, statuses in results["guards"].items():
            if set(statuses.values()) != {403}:
                problems.append(f"{kind}: not refused without CSRF token or session: {statuses}")
        server.stop()
        failures = [failure for client in clients for failure in client.failures]
        results["failed_requests"] = len(failures)
        for kind, item, status, answer in failures[:5]:
            problems.append(f"{kind}: {status} {answer} for {item[0]}")
        results["check"], found = check(clients, page, projects)
        problems += found
    except KeyboardInterrupt:
        problems.append("interrupted")
    except Exception as error:
        traceback.print_exc()
        problems.append(repr(error))
        if server and server.process:
            say(f"gunicorn's log: {server.log.name}\n{server.tail()}")
    finally:
        if server:
            server.stop()
        http.close_connections_quietly()
        try:
            database.drop()
            say(f"database {database.name} dropped")
        except Exception as error:
            problems.append(f"could not drop {database.name}: {error}")
    results["wall_seconds"] = time.perf_counter() - started
    if "paths" in results:
        paths = results["paths"]
        print(f"\nBallots over HTTP: {args.clients} clients, {participants_count} participants")
        for kind in KINDS:
            row = paths[kind]
            print(
                f"  {kind:<8} {row['requests']:>6,} requests {row['per_s']:>6,.0f} req/s "
                f"p50 {row['p50_ms']:>5.0f} ms p95 {row['p95_ms']:>5.0f} ms "
                f"ratio {row['ratio_per_s']:.2f}"
            )
        ratio = paths["ballots"]["ratio_per_s"]
        met = "meets" if ratio >= GOAL else "MISSES"
        print(f"  ballots / ceiling req/s = {ratio:.2f}: {met} the goal of {GOAL:.2f}")
        print(f"  check: {results.get('check')}")
        if ratio < GOAL:
            problems.append(f"ratio {ratio:.2f} below the goal {GOAL}")
        results["problems"] = problems
        args.results.mkdir(parents=True, exist_ok=True)
        path = args.results / f"ballot_http-{stamp}.json"
        path.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n")
        print(f"results: {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

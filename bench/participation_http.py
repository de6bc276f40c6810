"""Votes and comments over HTTP through gunicorn and PostgreSQL, against a bare Django view.

    .venv/bin/python bench/participation_http.py              # 1 to 3 minutes on 2 cores
    .venv/bin/python bench/participation_http.py --workers 5  # another server size

One run: create a database of its own on the PostgreSQL of `site/scripts/postgres.sh`
(`bokrao_bench`), migrate it, create a consultation with agree/disagree widgets and a
comment widget and N email-confirmed participants with signed-in sessions, start gunicorn
(3 sync workers) with the production settings (plus bench/participation_settings.py: the
ceiling's URL, rate limits out of reach), and let 32 concurrent clients send, round after
round:

- ceiling: POST to a bare Django view (bench/participation_urls.py) that authenticates
  the session (request.user) and INSERTs one row shaped like a vote, CSRF checked;
- votes: POST /th/participate/vote/ as participate.js sends it;
- comments: POST /th/participate/comment/, some of them replies.

Then check in the database that every vote and comment is stored exactly once, print
requests per second, p50 and p95 and the ratio to the ceiling, write bench/results/, stop
gunicorn and drop the database. Exit status 1 if a request failed or a row is missing or
doubled.
"""

import argparse
import asyncio
import json
import os
import platform
import random
import re
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "site")]

from bench.http_load import Site, percentile  # noqa: E402
from bench.participation_report import print_table  # noqa: E402
from bench.participation_site import (  # noqa: E402
    Database,
    build,
    close_connections,
    say,
    server_environment,
    setup_django,
    stored_ceiling_rows,
    stored_comments,
    stored_votes,
)

HOST = "127.0.0.1"
KINDS = ("ceiling", "votes", "comments")
CHOICES = ("agree", "disagree", "neutral")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- the load, planned ahead
def vote_plan(rng, participants, widgets, lag=8):
    """Every (participant, widget) pair votes once, then once more `lag` steps later.

    The second vote is the same choice again (a re-send) or a different one (a change):
    both update the first row. So the rows expected are exactly the pairs, each with the
    choice sent last, and inserts and updates are mixed through the whole run.
    """
    pairs = [(participant, widget) for participant in participants for widget in widgets]
    rng.shuffle(pairs)
    firsts, agains = [], []
    for participant, widget in pairs:
        choice = rng.choice(CHOICES)
        firsts.append(("first", participant, widget, choice))
        if rng.random() < 0.5:
            agains.append(("same", participant, widget, choice))
        else:
            other = rng.choice([c for c in CHOICES if c != choice])
            agains.append(("changed", participant, widget, other))
    plan = []
    for n, first in enumerate(firsts):
        plan.append(first)
        if n >= lag:
            plan.append(agains[n - lag])
    plan += agains[max(0, len(firsts) - lag) :]
    return plan


def ceiling_plan(rng, client, participants, widgets, count):
    """`count` rows, each new: the target is unique to this client and request."""
    return [
        (
            "row",
            participants[n % len(participants)],
            widgets[n % len(widgets)],
            rng.choice(CHOICES),
            f"c{client}-{n}",
        )
        for n in range(count)
    ]


def comment_plan(rng, client, participants, count, anchors, reply_share=0.25):
    """`count` comments with unique texts; about a quarter reply to an earlier one of this
    client's, some are about a paragraph (anchor)."""
    plan = []
    for n in range(count):
        reply = n > 0 and rng.random() < reply_share
        anchor = rng.choice(anchors) if anchors and rng.random() < 0.3 else ""
        text = f"{rng.choice(COMMENT_TEXTS)} (bench c{client} #{n})"
        kind = "reply" if reply else "comment"
        plan.append((kind, participants[n % len(participants)], text, anchor))
    return plan


COMMENT_TEXTS = [
    "อยากให้เพิ่มไฟส่องสว่างในซอยข้างตลาดหนองมน ตอนกลางคืนมืดมาก",
    "ช่วงหน้าฝนน้ำท่วมขังหน้าบ้านทุกปี ขอให้ขยายท่อระบายน้ำก่อนเป็นอันดับแรก",
    "เห็นด้วยกับการปรับปรุงหลังคาตลาด แต่ควรมีที่จอดรถเพิ่มด้วย",
    "Please keep the beach road open for cyclists during the works.",
    "ควรแจ้งผู้ค้าในตลาดล่วงหน้าอย่างน้อยหนึ่งเดือนก่อนเริ่มงาน",
    "งบประมาณส่วนนี้ควรเปิดเผยรายละเอียดให้ประชาชนตรวจสอบได้",
]


def split(plan, warmup, rounds):
    """The plan as [warm-up chunk, round 1, ..., round `rounds`]."""
    head, rest = plan[:warmup], plan[warmup:]
    size, extra = divmod(len(rest), rounds)
    chunks, start = [head], 0
    for n in range(rounds):
        end = start + size + (n < extra)
        chunks.append(rest[start:end])
        start = end
    return chunks


# ---------------------------------------------------------------- one simulated browser each
class Client:
    """One of the concurrent clients: a browser shared by a few participants in turn.

    It loads the consultation page once (signed in, untimed) for the CSRF cookie and the
    form's token, as a browser does, and sends both with every POST like participate.js.
    """

    def __init__(self, index, participants, consultation, plans):
        self.index, self.participants, self.consultation = index, participants, consultation
        self.chunks = plans
        self.csrf_cookie = self.form_token = None
        self.threads = []  # ids of this client's published top-level comments
        self.sent = {kind: [] for kind in KINDS}  # (item, fields, status, answer) per request
        self.failures = []

    async def sign_in_page(self, site):
        participant = self.participants[0]
        response = await site.get(
            f"{self.consultation.url}", cookies={"sessionid": participant.session_key}
        )
        if response.status != 200:
            raise RuntimeError(f"GET {self.consultation.url}: {response.status}")
        html = response.body.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if not token or "data-vote-form" not in html:
            raise RuntimeError("the page offers no vote form to a signed-in participant")
        self.form_token = token.group(1)
        self.csrf_cookie = response.cookies()["csrftoken"]

    def _cookies(self, participant):
        return {"sessionid": participant.session_key, "csrftoken": self.csrf_cookie}

    def _headers(self, site):
        return {"Accept": "application/json", "Origin": site.origin}

    async def run(self, site, kind, chunk):
        """Send this client's part of a chunk, one request after the other.

        Returns [(seconds, finished at)] per request."""
        timings = []
        for item in self.chunks[kind][chunk]:
            path, participant, fields, expected = self.request_for(kind, item)
            response = await site.post(
                path, self._cookies(participant), fields, self._headers(site)
            )
            timings.append((response.seconds, time.perf_counter()))
            answer = _answer(response)
            self.sent[kind].append((item, fields, response.status, answer))
            if response.status != expected or not answer.get("ok"):
                self.failures.append((kind, item, response.status, answer))
            elif kind == "comments" and "parent" not in fields and answer["state"] == "published":
                self.threads.append(answer["id"])
        return timings

    async def probe_guards(self, site, kind):
        """The same request without the CSRF token, then without the session: both must
        be refused (403) before anything is stored, by the ceiling as by our views."""
        path, participant, fields, _expected = self.request_for(kind, self.chunks[kind][0][0])
        del fields["csrfmiddlewaretoken"]
        no_token = await site.post(path, self._cookies(participant), fields, self._headers(site))
        fields["csrfmiddlewaretoken"] = self.form_token
        signed_out = {"csrftoken": self.csrf_cookie}
        no_session = await site.post(path, signed_out, fields, self._headers(site))
        return {"without_csrf_token": no_token.status, "without_session": no_session.status}

    def request_for(self, kind, item):
        """(path, participant, form fields, the status that means stored) for one item."""
        if kind == "comments":
            kind_of_comment, participant, text, anchor = item
            fields = self._form_fields(self.consultation.comment_widget)
            fields.update(text=text, anchor=anchor)
            if kind_of_comment == "reply" and self.threads:
                # Replies go to top-level comments: replies to replies stop at a depth.
                fields["parent"] = self.threads[-1]
            return "/th/participate/comment/", participant, fields, 201
        if kind == "votes":
            _kind, participant, widget, choice = item
            fields = self._form_fields(widget)
            fields["choice"] = choice  # the button pressed, as participate.js adds it
            return "/th/participate/vote/", participant, fields, 200
        _kind, participant, widget, choice, target = item
        fields = self._form_fields(widget)
        fields.update(choice=choice, consultation=self.consultation.consultation, target=target)
        return "/th/bench/ceiling/", participant, fields, 200

    def _form_fields(self, widget):
        # What participate.js sends: the widget form's fields (FormData).
        return {
            "csrfmiddlewaretoken": self.form_token,
            "page": self.consultation.page_id,
            "widget": widget,
            "next": self.consultation.url,
        }


def _answer(response):
    try:
        return response.json()
    except ValueError:
        return {"body": response.body[:300].decode(errors="replace")}


# ---------------------------------------------------------------- gunicorn
class Server:
    """gunicorn as production starts it (README), on a free port, its log in a file."""

    def __init__(self, environment, workers, worker_class, threads):
        self.environment = {**os.environ, **environment}
        self.workers, self.worker_class, self.threads = workers, worker_class, threads
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115
            prefix="bokrao-bench-gunicorn-", suffix=".log", delete=False
        )
        self.process = None
        self.port = None

    def start(self, timeout=60):
        with socket.socket() as probe:
            probe.bind((HOST, 0))
            self.port = probe.getsockname()[1]
        command = [
            sys.executable, "-m", "gunicorn",
            "--pythonpath", f"{REPO / 'site'},{REPO}",
            "--bind", f"{HOST}:{self.port}",
            "--workers", str(self.workers),
            "--worker-class", self.worker_class,
            "--threads", str(self.threads),
            "--log-level", "warning",
            "bokrao_site.wsgi",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command,
            cwd=REPO,
            env=self.environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl+C reaches the benchmark, which stops it in order
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.tail()}")
            if len(self.worker_pids()) == self.workers:
                try:
                    with socket.create_connection((HOST, self.port), timeout=1):
                        return
                except OSError:
                    pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start in {timeout} s: {self.tail()}")

    def worker_pids(self):
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # quick shutdown: nothing is in flight
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def tail(self, lines=30):
        return "\n".join(Path(self.log.name).read_text(errors="replace").splitlines()[-lines:])


def cpu_ticks(pids):
    """{pid: user + system clock ticks} from /proc; processes that are gone are skipped."""
    ticks = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks[pid] = int(fields[11]) + int(fields[12])
    return ticks


class CpuMeter:
    """CPU seconds spent by gunicorn's workers, by PostgreSQL for this database, and by
    this process (the clients), between two samples."""

    def __init__(self, server, database):
        self.server, self.database = server, database

    def sample(self):
        return {
            "server": cpu_ticks(self.server.worker_pids()),
            "database": cpu_ticks(self.database.backend_pids()),
            "clients": _own_cpu(),
        }

    @staticmethod
    def spent(before, after):
        spent = {"clients": after["clients"] - before["clients"]}
        for part in ("server", "database"):
            # A database connection closed between samples (CONN_MAX_AGE) loses its last
            # few ticks here; one opened in between counts from zero.
            spent[part] = (
                sum(ticks - before[part].get(pid, 0) for pid, ticks in after[part].items())
                / CLOCK_TICKS
            )
        return spent


def _own_cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# ---------------------------------------------------------------- the run
async def drive(site, clients, meter, kinds, rounds):
    say(f"{len(clients)} clients load the consultation page (CSRF cookie and token)")
    await asyncio.gather(*(client.sign_in_page(site) for client in clients))
    guards = {kind: await clients[0].probe_guards(site, kind) for kind in kinds}
    say(f"refused without CSRF token / without session: {guards}")
    say("warm-up (sent and checked, not timed)")
    for kind in kinds:
        await asyncio.gather(*(client.run(site, kind, 0) for client in clients))
    measured = {
        kind: {"latencies": [], "steady_requests": 0, "steady_seconds": 0.0, "cpu": {}}
        for kind in kinds
    }
    for round_number in range(1, rounds + 1):
        shift = (round_number - 1) % len(kinds)  # each kind goes first in turn
        for kind in kinds[shift:] + kinds[:shift]:
            before, started = meter.sample(), time.perf_counter()
            per_client = await asyncio.gather(
                *(client.run(site, kind, round_number) for client in clients)
            )
            spent = CpuMeter.spent(before, meter.sample())
            # Requests per second while all clients are busy: up to the moment the first
            # one has sent its share. After that fewer than `clients` are in flight.
            steady_end = min(timings[-1][1] for timings in per_client if timings)
            done = [finished for timings in per_client for _s, finished in timings]
            steady = sum(finished <= steady_end for finished in done)
            row = measured[kind]
            row["latencies"] += [seconds for timings in per_client for seconds, _f in timings]
            row["steady_requests"] += steady
            row["steady_seconds"] += steady_end - started
            for part, value in spent.items():
                row["cpu"][part] = row["cpu"].get(part, 0.0) + value
            rate = steady / (steady_end - started)
            say(f"round {round_number}/{rounds} {kind}: {rate:,.0f} requests/s")
    return measured, guards


def summarize(measured):
    rows = {}
    for kind, row in measured.items():
        latencies, count = row["latencies"], len(row["latencies"])
        cpu = {part: seconds * 1000 / count for part, seconds in row["cpu"].items()}
        rows[kind] = {
            "requests": count,
            "per_s": row["steady_requests"] / row["steady_seconds"],
            "steady_requests": row["steady_requests"],
            "steady_seconds": row["steady_seconds"],
            "p50_ms": percentile(latencies, 50) * 1000,
            "p95_ms": percentile(latencies, 95) * 1000,
            "cpu_ms_per_request": cpu,
            "server_and_database_cpu_ms": cpu["server"] + cpu["database"],
        }
    ceiling = rows["ceiling"]
    for row in rows.values():
        row["ratio_per_s"] = row["per_s"] / ceiling["per_s"]
        row["ratio_p50"] = row["p50_ms"] / ceiling["p50_ms"]
        row["ratio_p95"] = row["p95_ms"] / ceiling["p95_ms"]
        # CPU per request moves little when other work shares the machine.
        row["ratio_cpu"] = row["server_and_database_cpu_ms"] / ceiling["server_and_database_cpu_ms"]
    return rows


# ---------------------------------------------------------------- the check
def check(clients, consultation, kinds):
    """Every vote and comment stored exactly once; a re-sent vote updated its row."""
    problems, expected = [], {}

    final = {}
    counts = {"first": 0, "same": 0, "changed": 0}
    for client in clients:
        for (kind, participant, widget, choice), *_ in client.sent["votes"]:
            counts[kind] += 1
            final[(participant.id, widget, "")] = choice
    stored, rows, duplicates = stored_votes(consultation.consultation)
    expected["votes"] = {**counts, "rows_expected": len(final), "rows_stored": rows}
    if duplicates:
        problems.append(f"votes: {duplicates} doubled rows")
    if missing := final.keys() - stored.keys():
        problems.append(f"votes: {len(missing)} missing, e.g. {sorted(missing)[:3]}")
    if extra := stored.keys() - final.keys():
        problems.append(f"votes: {len(extra)} never sent, e.g. {sorted(extra)[:3]}")
    if wrong := [key for key in final.keys() & stored.keys() if stored[key] != final[key]]:
        problems.append(f"votes: {len(wrong)} rows do not hold the last choice sent")

    sent = sorted(
        (item[1].user_id, item[4]) for client in clients for item, *_ in client.sent["ceiling"]
    )
    rows = sorted(stored_ceiling_rows())
    expected["ceiling"] = {"rows_expected": len(sent), "rows_stored": len(rows)}
    if rows != sent:
        problems.append(f"ceiling: {len(sent)} rows sent, {len(rows)} stored, or not the same")

    if "comments" in kinds:
        problems += _check_comments(clients, consultation, expected)
    return expected, problems


def _check_comments(clients, consultation, expected):
    """Each comment sent is stored once, under the id the server answered, by the
    participant who sent it, and a reply under the comment it replied to."""
    problems = []
    sent = {}  # text (unique by construction) -> (id answered, participant, parent sent)
    for client in clients:
        for (_kind, participant, text, _anchor), fields, _status, answer in client.sent["comments"]:
            sent[text] = (answer.get("id"), participant.id, fields.get("parent"))
    stored = {}
    for pk, participant, text, parent, state in stored_comments(consultation.consultation):
        stored.setdefault(text, []).append((pk, participant, parent, state))
    rows = sum(len(found) for found in stored.values())
    expected["comments"] = {
        "rows_expected": len(sent),
        "rows_stored": rows,
        "replies_sent": sum(parent is not None for *_, parent in sent.values()),
        "held": sum(state == "held" for found in stored.values() for *_, state in found),
    }
    if doubled := [text for text, found in stored.items() if len(found) > 1]:
        problems.append(f"comments: {len(doubled)} stored more than once")
    if missing := sent.keys() - stored.keys():
        problems.append(f"comments: {len(missing)} missing, e.g. {sorted(missing)[:2]}")
    if extra := stored.keys() - sent.keys():
        problems.append(f"comments: {len(extra)} stored that were never sent")
    wrong = [
        text
        for text, (pk, participant, parent) in sent.items()
        if text in stored and stored[text][0][:3] != (pk, participant, parent or pk)
    ]
    if wrong:
        problems.append(f"comments: {len(wrong)} with another id, participant or parent")
    return problems


# ---------------------------------------------------------------- main
def _interrupt(*_):
    raise KeyboardInterrupt


def admin_database_url(given):
    if given:
        return given
    started = subprocess.run(
        ["bash", str(REPO / "site" / "scripts" / "postgres.sh")],
        check=True,
        capture_output=True,
        text=True,
    )
    return started.stdout.strip().splitlines()[-1]


def comment_endpoint_ready():
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("bokrao_comment")
    except NoReverseMatch:
        return False
    return True


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=32, help="concurrent HTTP clients")
    parser.add_argument(
        "--participants-per-client", type=int, default=4, help="signed-in participants each"
    )
    parser.add_argument("--widgets", type=int, default=4, help="agree/disagree widgets")
    parser.add_argument(
        "--comments", type=int, help="comments per client (default: as many as votes)"
    )
    parser.add_argument("--rounds", type=int, default=6, help="timed rounds of each kind")
    parser.add_argument("--warmup", type=int, default=4, help="untimed requests per client/kind")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=1, help="per worker (gthread)")
    parser.add_argument("--database-url", help="a PostgreSQL URL; default: postgres.sh's")
    parser.add_argument("--database-name", default="bokrao_bench", help="created and dropped")
    parser.add_argument("--only", choices=["votes"], help="skip the comments")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--results", type=Path, default=REPO / "bench" / "results")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    started = time.perf_counter()
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    database = Database(admin_database_url(args.database_url), args.database_name)
    environment = server_environment(database.url, secrets.token_urlsafe(50), HOST)
    server = None
    results = {
        "benchmark": "participation_http",
        "started_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "load_average_before": os.getloadavg(),
        "python": platform.python_version(),
        "clients": args.clients,
        "participants": args.clients * args.participants_per_client,
        "vote_widgets": args.widgets,
        "rounds": args.rounds,
        "seed": args.seed,
    }
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    problems = []
    phases = results["phases_seconds"] = {}
    phase_started = [time.perf_counter()]

    def phase(name):
        now = time.perf_counter()
        phases[name] = phases.get(name, 0.0) + now - phase_started[0]
        phase_started[0] = now

    try:
        results["postgres"] = database.create()
        say(f"database {database.name} created (PostgreSQL {results['postgres']})")
        setup_django(environment)
        from importlib.metadata import version

        from django.conf import settings

        kinds = KINDS if args.only != "votes" and comment_endpoint_ready() else KINDS[:2]
        if "comments" not in kinds:
            results["comments_skipped"] = (
                "--only votes" if args.only else "no comment endpoint (bokrao_comment) yet"
            )
            say(f"comments skipped: {results['comments_skipped']}")
        phase("database and Django")
        say("migrating and creating the consultation and participants")
        consultation, participants = build(
            results["participants"], args.widgets, "comments" in kinds
        )
        phase("migrate, page, participants, sessions")
        results["rate_limits"] = settings.BOKRAO_PARTICIPATION["RATE_LIMITS"]
        results["server"] = {
            "gunicorn": version("gunicorn"),
            "django": version("django"),
            "wagtail": version("wagtail"),
            "workers": args.workers,
            "worker_class": args.worker_class,
            "threads": args.threads,
            "settings": environment["DJANGO_SETTINGS_MODULE"],
            "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
            "cache": settings.CACHES["default"]["BACKEND"],
        }
        close_connections()  # this process's connection must not count as the server's

        rng = random.Random(args.seed)
        clients = []
        for index in range(args.clients):
            own = participants[index :: args.clients]
            votes = vote_plan(rng, own, consultation.vote_widgets)
            plans = {
                "votes": votes,
                "ceiling": ceiling_plan(rng, index, own, consultation.vote_widgets, len(votes)),
                "comments": comment_plan(
                    rng, index, own, args.comments or len(votes), consultation.anchors
                ),
            }
            plans = {kind: split(plan, args.warmup, args.rounds) for kind, plan in plans.items()}
            clients.append(Client(index, own, consultation, plans))

        server = Server(environment, args.workers, args.worker_class, args.threads)
        server.start()
        phase("gunicorn start")
        say(f"gunicorn on {HOST}:{server.port}, {args.workers} {args.worker_class} workers")
        site = Site(HOST, server.port)
        meter = CpuMeter(server, database)
        measured, results["guards"] = asyncio.run(drive(site, clients, meter, kinds, args.rounds))
        results["paths"] = summarize(measured)
        for kind, statuses in results["guards"].items():
            if set(statuses.values()) != {403}:
                problems.append(f"{kind}: not refused without CSRF token or session: {statuses}")
        phase("load")
        server.stop()
        phase("gunicorn stop")

        failures = [failure for client in clients for failure in client.failures]
        results["failed_requests"] = len(failures)
        for kind, item, status, answer in failures[:5]:
            problems.append(f"{kind}: {status} {answer} for {item[:3]}")
        if failures:
            say(f"gunicorn's log: {server.log.name}\n{server.tail()}")
        results["check"], found = check(clients, consultation, kinds)
        problems += found
        phase("check")
    except KeyboardInterrupt:
        problems.append("interrupted")
    except Exception as error:
        traceback.print_exc()
        problems.append(repr(error))
        if server and server.process:
            say(f"gunicorn's log: {server.log.name}\n{server.tail()}")
    finally:
        for name in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl+C must not stop this
            signal.signal(name, signal.SIG_IGN)
        if server:
            server.stop()
        close_connections_quietly()
        try:
            database.drop()
            say(f"database {database.name} dropped")
        except Exception as error:
            problems.append(f"could not drop {database.name}: {error}")
        phase("drop")
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)

    results["problems"] = problems
    results["wall_seconds"] = time.perf_counter() - started
    results["load_average_after"] = os.getloadavg()
    if "paths" in results:
        args.results.mkdir(parents=True, exist_ok=True)
        path = args.results / f"participation_http-{stamp}.json"
        path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        print_table(results)
        print(f"\nresults: {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    if server and not problems:
        os.unlink(server.log.name)
    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if problems else 0


def close_connections_quietly():
    try:
        close_connections()
    except Exception:  # Django never started
        pass


if __name__ == "__main__":
    sys.exit(main())

"""The participation benchmark's table, from its JSON results."""

ROWS = (
    ("ceiling", "ceiling: bare view, 1 INSERT"),
    ("votes", "votes: /participate/vote/"),
    ("comments", "comments: /participate/comment/"),
)


def print_table(results):
    server = results["server"]
    print(
        f"\nParticipation over HTTP: gunicorn {server['gunicorn']} ({server['workers']} "
        f"{server['worker_class']} workers"
        + (f" x {server['threads']} threads" if server["threads"] > 1 else "")
        + f"), Django {server['django']}, Wagtail {server['wagtail']}, PostgreSQL "
        f"{results['postgres']}, {results['cpus']} CPUs shared by server, database and clients"
    )
    print(
        f"{results['clients']} concurrent clients, {results['participants']:,} signed-in "
        f"participants, {results['rounds']} rounds; settings {server['settings']} "
        f"(production + the ceiling's URL)"
    )
    limits = ", ".join(results["rate_limits"])
    print(
        f"Rate limits RAISED for this run: {limits} allow "
        f"{next(iter(results['rate_limits'].values()))[0]:,} per window (still counted, in the "
        f"database)"
    )
    print(
        "ratio = ours / ceiling, same run. req/s (while all clients are busy): 1.00 is no "
        "overhead, lower is slower;\nlatency (client-side, includes waiting for a free worker) "
        "and CPU: higher is slower. CPU ms per request:\ngunicorn workers + PostgreSQL (its "
        "ratio moves least when others load the machine); the clients' own in brackets."
    )
    print(
        f"\n  {'':<32} {'requests':>8} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'ratio: req/s':>12} {'p50':>5} {'p95':>5}   {'CPU ms/req':>17} {'ratio':>5}"
    )
    paths = results["paths"]
    for kind, label in ROWS:
        if kind not in paths:
            print(f"  {label:<32} not measured: {results.get('comments_skipped', 'skipped')}")
            continue
        row, cpu = paths[kind], paths[kind]["cpu_ms_per_request"]
        spent = f"{cpu['server']:.1f} + {cpu['database']:.1f} ({cpu['clients']:.1f})"
        print(
            f"  {label:<32} {row['requests']:>8,} {row['per_s']:>6,.0f} {row['p50_ms']:>7.0f} "
            f"{row['p95_ms']:>7.0f} {row['ratio_per_s']:>12.2f} {row['ratio_p50']:>5.1f} "
            f"{row['ratio_p95']:>5.1f}   {spent:>17} {row['ratio_cpu']:>5.1f}"
        )

    check = results.get("check", {})
    if votes := check.get("votes"):
        print(
            f"\n  votes sent (warm-up included): {votes['first']:,} first votes + "
            f"{votes['same']:,} re-sent unchanged + {votes['changed']:,} changed; expected "
            f"{votes['rows_expected']:,} rows (one per participant per widget, the last "
            f"choice), stored {votes['rows_stored']:,}"
        )
    if ceiling := check.get("ceiling"):
        print(
            f"  ceiling rows: expected {ceiling['rows_expected']:,}, stored "
            f"{ceiling['rows_stored']:,}"
        )
    if comments := check.get("comments"):
        print(
            f"  comments sent: {comments['rows_expected']:,} ({comments['replies_sent']:,} "
            f"replies); stored {comments['rows_stored']:,} ({comments['held']:,} held for review)"
        )
    if guards := results.get("guards"):
        statuses = ", ".join(
            f"{kind} {codes['without_csrf_token']}/{codes['without_session']}"
            for kind, codes in guards.items()
        )
        print(f"  without CSRF token / without session (nothing stored): {statuses}")
    verdict = "every row stored exactly once" if not results["problems"] else "PROBLEMS:"
    print(f"  check: {verdict}")
    for problem in results["problems"]:
        print(f"    {problem}")
    phases = ", ".join(
        f"{name} {seconds:.0f} s" for name, seconds in results["phases_seconds"].items()
    )
    print(
        f"\n  whole run {results['wall_seconds']:.0f} s ({phases}); load average "
        f"{results['load_average_before'][0]:.1f} before, {results['load_average_after'][0]:.1f}"
        " after"
    )

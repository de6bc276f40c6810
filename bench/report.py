"""The search index benchmark's table, from its JSON results."""

INDEXING_ROWS = (
    ("ours", "ours: ParticipationIndex.bulk"),
    ("ceiling", "ceiling: helpers.bulk, same mapping"),
    ("plain", "raw, no analysis (standard text)"),
)


def print_table(results):
    engine = results["engine"]
    print(
        f"\nSearch index benchmark: {engine['product']} {engine['version']} "
        f"(heap {results['engine_heap_mib']:.0f} MiB), {results['cpus']} CPUs, "
        f"bulk batches of {results['batch']}, seed {results['seed']}"
    )
    print(
        "ratio = ours / ceiling, from the same run. docs/s: 1.00 means no overhead, lower "
        "is slower;\nlatency: 1.00 means no overhead, higher is slower. Timings are client-side."
    )
    for run in results["runs"]:
        _print_run(run)


def _print_run(run):
    indexing = run["indexing"]
    ceiling = indexing["ceiling"]["docs_per_s"]
    print(f"\n{run['documents']:,} documents (wall time {run['wall_seconds']:.0f} s)")
    print(f"  {'indexing':<38} {'docs/s':>9} {'seconds':>9} {'vs ceiling':>11} {'store MiB':>10}")
    for path, label in INDEXING_ROWS:
        row = indexing[path]
        print(
            f"  {label:<38} {row['docs_per_s']:>9,.0f} {row['seconds']:>9.1f} "
            f"{row['docs_per_s'] / ceiling:>11.2f} {row['store_mib']:>10.1f}"
        )
    ours = indexing["ours"]
    print(
        f"  (ours includes {ours['ensure_seconds']:.1f} s in ParticipationIndex.ensure(), called"
        f" before every batch: {ours['ensure_seconds'] / ours['seconds']:.1%} of its time)"
    )
    generation = indexing["generation"]
    print(
        f"  (generating the documents, outside the timings: {generation['docs_per_s']:,.0f} "
        f"docs/s; refresh and merges after: {indexing['settle_seconds']:.1f} s)"
    )

    queries = run["queries"]
    kept = next(iter(queries.values()))["queries"]
    print(
        f"\n  {f'queries ({kept} each), ms':<26} {'ours p50':>9} {'p95':>7} "
        f"{'ceil p50':>9} {'p95':>7} {'ratio p50':>10} {'p95':>6} "
        f"{'no-an p50':>10}   mean hits ours / no-analysis"
    )
    for kind, row in queries.items():
        ours, ceiling_row, plain = row["ours"], row["ceiling"], row["plain"]
        print(
            f"  {kind:<26} {ours['p50_ms']:>9.1f} {ours['p95_ms']:>7.1f} "
            f"{ceiling_row['p50_ms']:>9.1f} {ceiling_row['p95_ms']:>7.1f} "
            f"{row['ratio_p50']:>10.2f} {row['ratio_p95']:>6.2f} {plain['p50_ms']:>10.1f}   "
            f"{_hits(ours)} / {_hits(plain)}"
        )

    memory = run["engine_memory"]
    if memory:
        print(
            f"\n  engine peak RSS during this size: {memory['peak_rss_mib']:,.0f} MiB "
            f"(anonymous {memory['peak_rss_anon_mib']:,.0f}, mapped files "
            f"{memory['peak_rss_file_mib']:,.0f}); VmHWM over the node's life "
            f"{memory['lifetime_vmhwm_mib']:,.0f} MiB"
        )
    else:
        print("\n  engine memory: unknown (not node.sh's node; pass --engine-pid)")
    print(f"  benchmark process peak RSS: {run['bench_peak_rss_mib']:,.0f} MiB")


def _hits(row):
    """Mean hits per query; "+": the engine stopped counting at 10,000 for some queries."""
    return f"{row['mean_hits']:,.0f}{'+' if row['hits_capped'] else ''}"

"""The fuzz test's longer run: tests/test_fuzz.py with BOKRAO_FUZZ_SCALE times as many
requests (default 4: about 11,000), then the requests sent and the answers by status.

    .venv/bin/python bench/fuzz.py            # about 4 minutes on 2 cores
    .venv/bin/python bench/fuzz.py --scale 8  # about 22,000 requests

It fails (exit code 1) as the test does: on any 5xx, on any row a refused request
stored, on control characters left in stored text. The numbers are written to
bench/results/fuzz.json.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=4.0)
    args = parser.parse_args()
    results = REPO / "bench" / "results"
    results.mkdir(exist_ok=True)
    report = results / "fuzz.json"
    env = {**os.environ, "BOKRAO_FUZZ_SCALE": str(args.scale), "BOKRAO_FUZZ_REPORT": str(report)}
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_fuzz.py", "-q", "-p", "no:cacheprovider"],
        cwd=REPO,
        env=env,
    )
    seconds = time.monotonic() - started
    found = json.loads(report.read_text())
    found["scale"], found["seconds"], found["passed"] = (
        args.scale,
        round(seconds),
        not run.returncode,
    )
    report.write_text(json.dumps(found, indent=2))
    print(f"\nrequests sent: {found['requests']} in {seconds:.0f} s (scale {args.scale})")
    print("answers by status:", ", ".join(f"{s}: {n}" for s, n in found["by_status"].items()))
    for actor, statuses in found["by_actor"].items():
        print(f"  {actor}:", ", ".join(f"{s}: {n}" for s, n in statuses.items()))
    print("passed" if not run.returncode else "FAILED: see the test output above")
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())

"""The search node the benchmark runs against.

By default node.sh's local OpenSearch, which other engineers' tests share: `make test`
stops it when it ends, and their queries land in our timings. `--own-node` starts a
second node through the same node.sh, with its own folder (bench/.engine/) and port,
measures only that one and stops it at the end.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NODE_SH = REPO / "search" / "engine" / "node.sh"
OWN_STATE = REPO / "bench" / ".engine"
# bokrao-bench-<stamp>-<pid of the benchmark>-...
RUN_INDEX = re.compile(r"^bokrao-bench-\d{8}t\d{6}-(\d+)-")


class Node:
    def __init__(self, url=None, own_port=None, pid=None):
        self.url, self.own, self.given_pid = url, own_port is not None, pid
        self.env = dict(os.environ)
        if self.own:
            self.env["BOKRAO_SEARCH_STATE"] = str(OWN_STATE)
            self.env["BOKRAO_OPENSEARCH_PORT"] = str(own_port)

    def _node_sh(self, *args):
        return subprocess.run(
            ["bash", str(NODE_SH), *args], stdout=subprocess.PIPE, text=True, env=self.env
        )

    def start(self):
        if self.url:
            return self.url
        result = self._node_sh("start", "opensearch")
        if result.returncode != 0:
            sys.exit("bench: search/engine/node.sh start opensearch failed (see above)")
        self.url = result.stdout.strip().splitlines()[-1]
        return self.url

    def stop(self):
        """Only a node this benchmark started for itself."""
        if self.own:
            self._node_sh("stop", "opensearch")

    def pid(self):
        """The engine's pid, for its memory: node.sh's pid file, or None (a remote engine)."""
        if self.given_pid:
            return self.given_pid
        state = Path(self.env.get("BOKRAO_SEARCH_STATE", REPO / "search" / ".engine"))
        for engine in ("opensearch", "elasticsearch"):
            if self._node_sh("url", engine).stdout.strip() != self.url.rstrip("/"):
                continue
            try:
                pid = int((state / engine / "node.pid").read_text().strip())
            except (OSError, ValueError):
                return None
            return pid if Path(f"/proc/{pid}/status").exists() else None
        return None


def _running_benchmark(pid):
    try:
        return b"search_index" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def delete_stale_indexes(client):
    """Indexes of benchmark runs that died without cleaning up (e.g. the node was stopped)."""
    stale = [
        name
        for name in client.indices.get(index="bokrao-bench-*", allow_no_indices=True)
        if (match := RUN_INDEX.match(name)) and not _running_benchmark(int(match[1]))
    ]
    for name in stale:
        client.indices.delete(index=name, ignore_unavailable=True)
    return stale


def delete_run_indexes(client_for, url, run_prefix, patience=60):
    """Every index this run created, whatever state it stopped in (Ctrl+C included).

    Waits up to `patience` seconds for a node that went away (a shared node restarted).
    """
    deadline = time.monotonic() + patience
    while True:
        try:
            client = client_for(url)  # a fresh client: the old one may be mid-request
            found = client.indices.get(index=f"{run_prefix}-*", allow_no_indices=True)
            for name in found:
                if name.startswith(f"{run_prefix}-"):  # never a wildcard delete
                    client.indices.delete(index=name, ignore_unavailable=True)
            return sorted(found)
        except Exception as error:  # the node is down: Elasticsearch's or OpenSearch's error
            if time.monotonic() > deadline:
                print(
                    f"bench: could not delete {run_prefix}-* ({error}); the next run deletes them",
                    file=sys.stderr,
                )
                return []
            time.sleep(2)

"""Which search `make run` uses (site/scripts/search.sh, sourced by run.sh)."""

import os
import subprocess
from urllib.parse import urlsplit

import pytest

from .conftest import REPO

SHOW = 'echo "url=${ELASTICSEARCH_URL:-} node=${search_node}"'


def _choose(**env):
    environment = {name: value for name, value in os.environ.items() if name != "ELASTICSEARCH_URL"}
    environment.update(env)
    script = f"set -euo pipefail; source site/scripts/search.sh; choose_search; {SHOW}"
    result = subprocess.run(
        ["bash", "-c", script],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_bokrao_search_database_says_so_and_uses_no_engine():
    out = _choose(BOKRAO_SEARCH="database", ELASTICSEARCH_URL="http://127.0.0.1:9")
    assert "== Search runs on the database (BOKRAO_SEARCH=database)" in out
    assert out.splitlines()[-1] == "url= node="


def test_without_java_17_it_says_search_runs_on_the_database_and_goes_on(tmp_path):
    out = _choose(BOKRAO_SEARCH_JAVA_HOME=str(tmp_path / "no-java"))
    assert "no Java 17 with its Thai dictionary" in out
    assert "Starting the local search node" not in out
    assert out.splitlines()[-1] == "url= node="


def test_a_named_server_is_used_as_it_is():
    out = _choose(ELASTICSEARCH_URL="http://search.example:9200")
    assert "== Search runs on http://search.example:9200" in out
    assert out.splitlines()[-1] == "url=http://search.example:9200 node="


@pytest.mark.alone  # it needs the node up, which another test stops for a while
def test_with_java_17_it_uses_the_local_node_and_leaves_one_already_running(opensearch_url):
    port = str(urlsplit(opensearch_url).port)
    out = _choose(BOKRAO_OPENSEARCH_PORT=port)
    assert "Starting the local search node" in out
    # Started before (by the test fixtures): not this run's to stop.
    assert out.splitlines()[-1] == f"url={opensearch_url} node="

#!/usr/bin/env bash
# The Quick start's first command: set up, load the demo platform, serve it with
# its workers and, when Java 17 is there, the local search node with both indexes
# filled. Ctrl+C (or SIGTERM) stops the server, every worker and that node with it.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash site/scripts/setup.sh site
echo "== Migrating the database (SQLite in var/ unless DATABASE_URL is set)"
.venv/bin/python manage.py migrate --no-input -v0
echo "== Loading demo content"
.venv/bin/python manage.py load_demo_content

declare -A children=()  # pid -> what it runs
search_node=""  # the local search node this run started, stopped with the site
stop_children() {
  trap - EXIT HUP INT TERM
  if [ "${#children[@]}" -gt 0 ]; then
    echo "== Stopping the server and the workers"
    kill -TERM "${!children[@]}" 2>/dev/null || true
    wait "${!children[@]}" 2>/dev/null || true
  fi
  if [ -n "$search_node" ]; then
    echo "== Stopping the local search node"
    bash search/engine/node.sh stop "$search_node" || true
  fi
}
trap stop_children EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# Search: ELASTICSEARCH_URL, the local node, or the database (site/scripts/search.sh).
source site/scripts/search.sh
choose_search
if [ -n "${ELASTICSEARCH_URL:-}" ]; then
  echo "== Filling the search indexes from the database (search_rebuild)"
  # --take-over: a rebuild an earlier `make run` was killed in cannot block this one.
  .venv/bin/python manage.py search_rebuild --take-over
fi

start() {
  .venv/bin/python manage.py "$@" &
  children[$!]="$1"
}
echo "== Starting the workers: tasks (db_worker), search outbox (search_worker), clock (bokrao_clock)"
# Emails and the every-minute jobs. No autoreload: restart `make run` after changing a task.
start db_worker --no-reload
# Sends the outbox (new votes, comments, pages) to the search engine; without one it waits.
start search_worker
start bokrao_clock
echo "== Serving http://127.0.0.1:8000/th/ (Ctrl+C stops everything)"
start runserver 127.0.0.1:8000
# Until the server or a worker ends (a worker that fails should not go unnoticed);
# then the EXIT trap stops the others.
status=0
wait -n || status=$?
if [ "$status" -ne 0 ]; then
  for pid in "${!children[@]}"; do
    kill -0 "$pid" 2>/dev/null || echo "== ${children[$pid]} failed (status $status)" >&2
  done
fi
exit "$status"

#!/usr/bin/env bash
# The Quick start's first command: set up, load the demo municipality, serve it with
# its workers. Ctrl+C (or SIGTERM) stops the server and every worker with it.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash site/scripts/setup.sh site
echo "== Migrating the database (SQLite in var/ unless DATABASE_URL is set)"
.venv/bin/python manage.py migrate --no-input -v0
echo "== Loading demo content"
.venv/bin/python manage.py load_demo_content

declare -A children=()  # pid -> what it runs
stop_children() {
  trap - EXIT HUP INT TERM
  if [ "${#children[@]}" -gt 0 ]; then
    echo "== Stopping the server and the workers"
    kill -TERM "${!children[@]}" 2>/dev/null || true
    wait "${!children[@]}" 2>/dev/null || true
  fi
}
trap stop_children EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

start() {
  .venv/bin/python manage.py "$@" &
  children[$!]="$1"
}
echo "== Starting the workers: tasks (db_worker), search outbox (search_worker), clock (bokrao_clock)"
# Emails and the every-minute jobs. No autoreload: restart `make run` after changing a task.
start db_worker --no-reload
# Sends the outbox to the engine named by ELASTICSEARCH_URL; without one it only waits.
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

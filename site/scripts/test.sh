#!/usr/bin/env bash
# The Quick start's second command: the whole test suite, on SQLite and on PostgreSQL.
# Installs what the tests need (Python packages, npm packages, Chromium, PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash site/scripts/setup.sh site,test

# poppler-utils: pdftotext, pdffonts and pdftoppm read the PDF reports back.
if ! command -v chromium >/dev/null || ! command -v pg_lsclusters >/dev/null || ! command -v pdftotext >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "== Installing Chromium, PostgreSQL and poppler-utils from Debian"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium postgresql gettext poppler-utils >/dev/null
  else
    echo "Install Debian's chromium, postgresql and poppler-utils packages first (sudo apt-get install chromium postgresql poppler-utils)." >&2
    exit 1
  fi
fi
if [ ! -d theme/node_modules/axe-core ]; then
  echo "== Installing npm packages (axe-core for the accessibility audit)"
  (cd theme && npm ci --no-audit --no-fund --loglevel=error)
fi

echo "== Starting the local search nodes (search/engine/node.sh)"
# Stop them on any exit, also when the second one fails to start.
trap 'bash search/engine/node.sh stop >/dev/null 2>&1 || true' EXIT
BOKRAO_TEST_OPENSEARCH_URL="$(bash search/engine/node.sh start opensearch)"
BOKRAO_TEST_ELASTICSEARCH_URL="$(bash search/engine/node.sh start elasticsearch)"
export BOKRAO_TEST_OPENSEARCH_URL BOKRAO_TEST_ELASTICSEARCH_URL

echo "== Lint and migrations"
.venv/bin/ruff check .
.venv/bin/python manage.py makemigrations --check --dry-run -v0

# On both cores (pytest-xdist), then the few tests that stop or start the search node,
# by themselves (marked "alone"). Options such as -k may leave none of those: pytest's
# "no tests collected" (5) is then no failure.
alone() {
  local status=0
  "$@" || status=$?
  if [ "$status" != 0 ] && [ "$status" != 5 ]; then exit "$status"; fi
}

echo "== Tests on SQLite"
env -u DATABASE_URL .venv/bin/pytest -n 2 -m "not postgres and not alone" "$@"
alone env -u DATABASE_URL .venv/bin/pytest -m "not postgres and alone" "$@"

echo "== Tests on PostgreSQL"
database_url="${DATABASE_URL:-$(bash site/scripts/postgres.sh)}"
DATABASE_URL="$database_url" .venv/bin/pytest -n 2 -m "not slow and not browser and not alone" "$@"
alone env DATABASE_URL="$database_url" .venv/bin/pytest -m "not slow and not browser and alone" "$@"

#!/usr/bin/env bash
# The Quick start's first command: set up, load the demo municipality, serve it.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash site/scripts/setup.sh site
echo "== Migrating the database (SQLite in var/ unless DATABASE_URL is set)"
.venv/bin/python manage.py migrate --no-input -v0
echo "== Loading demo content"
.venv/bin/python manage.py load_demo_content
echo "== Serving http://127.0.0.1:8000/th/ (Ctrl+C stops)"
exec .venv/bin/python manage.py runserver 127.0.0.1:8000

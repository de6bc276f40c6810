#!/usr/bin/env bash
# Creates .venv and installs the project with the given extras (default: site).
# Re-runs pip only when pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/../.."
extras="${1:-site}"
python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null || python=python3

if [ ! -x .venv/bin/python ]; then
  echo "== Creating .venv with $($python --version)"
  "$python" -m venv .venv
fi
stamp=".venv/.installed-$(echo "$extras" | tr ',' '-')-$(sha1sum pyproject.toml | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  echo "== Installing Python packages ($extras)"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[$extras]"
  rm -f .venv/.installed-"$(echo "$extras" | tr ',' '-')"-*
  touch "$stamp"
fi

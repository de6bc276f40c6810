#!/usr/bin/env bash
# Creates .venv and installs the project with the given extras (default: site).
# Re-runs pip only when pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/../.."
extras="${1:-site}"
python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null || python=python3

# WeasyPrint (the hearing report's PDF, decision 029) loads Pango and HarfBuzz's
# subsetter from the system.
pdf_libraries="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
system_libraries="$(/sbin/ldconfig -p 2>/dev/null || ldconfig -p 2>/dev/null || true)"
if ! grep -q "libpangoft2-1.0.so.0" <<<"$system_libraries" \
  || ! grep -q "libharfbuzz-subset.so.0" <<<"$system_libraries"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== Installing Pango and HarfBuzz from Debian (for the PDF reports)"
    apt-get update -q >/dev/null
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $pdf_libraries >/dev/null
  else
    echo "Install Debian's $pdf_libraries first (sudo apt-get install $pdf_libraries)." >&2
    exit 1
  fi
fi

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

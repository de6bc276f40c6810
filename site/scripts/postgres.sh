#!/usr/bin/env bash
# Starts a local PostgreSQL for the tests and prints its DATABASE_URL.
# Uses Debian's postgresql package (installed if missing, when run as root).
set -euo pipefail
if ! command -v pg_lsclusters >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
  else
    echo "PostgreSQL is not installed; install Debian's postgresql package or set DATABASE_URL." >&2
    exit 1
  fi
fi
read -r version cluster port status _ < <(pg_lsclusters --no-header | head -n 1)
if [ "$status" != "online" ]; then
  pg_ctlcluster "$version" "$cluster" start >&2
fi
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
as_postgres psql -q -p "$port" -tAc "SELECT 1 FROM pg_roles WHERE rolname='bokrao'" | grep -q 1 ||
  as_postgres psql -q -p "$port" -c "CREATE ROLE bokrao LOGIN CREATEDB PASSWORD 'bokrao'" >&2
as_postgres psql -q -p "$port" -tAc "SELECT 1 FROM pg_database WHERE datname='bokrao'" | grep -q 1 ||
  as_postgres createdb -p "$port" -O bokrao bokrao >&2
echo "postgres://bokrao:bokrao@127.0.0.1:$port/bokrao"

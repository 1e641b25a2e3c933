#!/usr/bin/env bash
# Runs a command (from the repository root) with a throwaway PostgreSQL cluster and
# CUSTOMERS_TEST_PG set to its base URL, then drops the cluster:
#   scripts/with-postgres.sh cargo test -p server --test api
# The cluster is Debian's pg_virtualenv (postgresql-common, with the `postgresql` package that
# scripts/bootstrap.sh installs): the newest installed server, in a temporary directory (-t: as
# root too, so that runs side by side never share /etc/postgresql/*/regress), on a free port, as
# the `postgres` role with trust auth on localhost, fsync off (pg_virtualenv's default: the crash
# tests kill the app server, never PostgreSQL), no TLS (as the app's own servers connect), and 300
# connections for the tests' parallel pools. If the command fails, pg_virtualenv prints the tail
# of PostgreSQL's log after it.
set -uo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "usage: scripts/with-postgres.sh COMMAND [ARGS...]" >&2; exit 2; }
command -v pg_virtualenv >/dev/null || {
  echo "with-postgres: pg_virtualenv is missing: install Debian's postgresql (scripts/bootstrap.sh does)" >&2
  exit 1
}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# pg_virtualenv's own lines go to stderr; the command writes to this script's stdout (fd 3).
PGPORT=$port exec pg_virtualenv -t -i '-A trust' -c '--locale C.UTF-8 --encoding UTF8' \
  -o max_connections=300 -o ssl=off \
  bash -c 'export CUSTOMERS_TEST_PG="postgres://$PGUSER@127.0.0.1:$PGPORT/postgres"
    echo "with-postgres: PostgreSQL $PGVERSION at $CUSTOMERS_TEST_PG" >&2
    exec "$@" >&3 3>&-' with-postgres "$@" 3>&1 >&2

#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster (CUSTOMERS_TEST_PG set), then stops it:
#   scripts/with-postgres.sh cargo test -p server --test api
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/pg-cluster.sh
[ $# -gt 0 ] || { echo "usage: scripts/with-postgres.sh COMMAND [ARGS...]" >&2; exit 2; }
trap pg_cluster_stop EXIT
pg_cluster_start || exit 1
"$@"

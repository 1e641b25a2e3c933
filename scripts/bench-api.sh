#!/usr/bin/env bash
# Latency of the customer list at 1,000 and 100,000 customers on SQLite and on PostgreSQL, each
# with the list accelerator off (the database answers: --cache-mb 0) and on (--cache-mb 256):
# builds the server crate in release, runs inside a throwaway PostgreSQL cluster
# (scripts/with-postgres.sh, dropped at the end), seeds a "bench" reseller in a fresh database per
# size (a temporary SQLite file, or a database created on the cluster and dropped afterwards), and
# times list requests (the first page of every sort, each filter, page 50 and a deep page,
# selective and broad searches) in-process through the whole router (auth, SQL or the
# accelerator, JSON; no network). The sizes' requests alternate, so that they meet the same load
# on a shared machine; the load average is printed before and after. Prints the first request per
# size, p50/p95 per scenario, the API process's RSS (PostgreSQL's own memory is not in it) and the
# growth from the smallest to the largest size; no pass/fail.
# Targets (issue 13, accelerator off, 100k): p95 <= 5 ms for first pages, filters and deep pages,
# <= 10 ms for selective searches, <= 50 ms for broad ones; <= 2x growth from 1k to 100k;
# RSS < 100 MB. Accelerator on: p95 < 1 ms, RSS within the cap + 50 MB.
#
#   scripts/bench-api.sh [--sizes 1000,100000] [--requests 300] [--db sqlite|postgres]
#
# Seeding 100k customers takes 10-30 s on SQLite and about a minute on PostgreSQL (2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

args=("$@")
dbs="sqlite postgres"
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --db) dbs="${2:?--db sqlite|postgres}"; shift 2 ;;
    --sizes|--requests) pass+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    *) echo "bench-api.sh: unknown flag $1; use --sizes, --requests and --db" >&2; exit 2 ;;
  esac
done

case " $dbs " in
  *" postgres "*)
    [ -n "${BENCH_API_IN_CLUSTER:-}" ] ||
      BENCH_API_IN_CLUSTER=1 exec scripts/with-postgres.sh scripts/bench-api.sh "${args[@]}" ;;
esac
echo "bench-api: building the benchmark (and the server crate) in release" >&2
cargo build --release -p bench-api --quiet
target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')

for db in $dbs; do
  for mb in 0 256; do
    echo "== --db $db, list accelerator --cache-mb $mb" >&2
    "$target_dir/release/bench-api" --db "$db" --cache-mb "$mb" "${pass[@]}"
  done
done

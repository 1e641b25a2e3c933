#!/usr/bin/env bash
# List requests under load (issue 27 §4): the release server, accelerator off, one reseller with
# LOAD_CUSTOMERS (100,000) customers, each request shape on its own (the first page, page 3,000,
# the two-letter search `q=oy`) from wrk at each connection count, on SQLite and on PostgreSQL
# (one server each; loopback only; LOAD_SECS per run). Writes bench/LOAD-LISTS.md with the
# targets: at 200 connections on PostgreSQL every request answered and no 503, page 3,000 at no
# less than two thirds of the first page's throughput, `q=oy` at ≥ 1,000 requests/s with p99
# ≤ 250 ms.
#   scripts/load-lists.sh                                              both, 50 and 200 connections, 15 s
#   LOAD_SECS=5 LOAD_CONNECTIONS=200 LOAD_SETUPS=postgres scripts/load-lists.sh   a quick try
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${LOAD_IN_CLUSTER:-}" ]; then
  bash scripts/bootstrap.sh
  LOAD_IN_CLUSTER=1 exec scripts/with-postgres.sh scripts/load-lists.sh "$@"
fi
source scripts/env.sh
source scripts/load/lib.sh

secs=${LOAD_SECS:-15}
read -r -a conns <<<"${LOAD_CONNECTIONS:-50 200}"
read -r -a setups <<<"${LOAD_SETUPS:-sqlite postgres}"
export LOAD_CUSTOMERS=${LOAD_CUSTOMERS:-100000}
out=${LOAD_REPORT:-bench/LOAD-LISTS.md}
shapes=("first page=/api/v1/customers" "page 3,000=/api/v1/customers?page=3000" "q=oy=/api/v1/customers?q=oy")

cargo build --release -p server --quiet
bin=${CARGO_TARGET_DIR:-target}/release/server
work=$(mktemp -d)
pids=()
dbs=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for db in "${dbs[@]}"; do psql -q "$CUSTOMERS_TEST_PG" -c "DROP DATABASE IF EXISTS $db" >/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

for setup in "${setups[@]}"; do
  port=$(free_port)
  started=$(date +%s)
  if [ "$setup" = sqlite ]; then
    start_server server "$port" "$work/lists.sqlite3"
  else
    db="lists_$(date +%s)"
    psql -q "$CUSTOMERS_TEST_PG" -c "CREATE DATABASE $db" >/dev/null
    dbs+=("$db")
    start_server server "$port" "${CUSTOMERS_TEST_PG%/*}/$db"
    # As after any bulk load: the planner's statistics, and the visibility map for index-only scans.
    psql -q "${CUSTOMERS_TEST_PG%/*}/$db" -c "VACUUM ANALYZE" >/dev/null
  fi
  echo "load-lists: $setup seeded $LOAD_CUSTOMERS customers in $(($(date +%s) - started)) s"
  for c in "${conns[@]}"; do
    for shape in "${shapes[@]}"; do
      name=${shape%%=/*} path=/${shape#*=/}
      echo "load-lists: $setup, $c connections, $name, ${secs} s"
      LOAD_PATH=$path wrk -t2 -c"$c" -d"${secs}s" --timeout 35s -s scripts/load/path.lua \
        "http://127.0.0.1:$port" >"$work/wrk.out" 2>&1 || true
      line=$(grep '^RESULT ' "$work/wrk.out" | sed 's/^RESULT //') || {
        echo "load-lists: wrk printed no result:" >&2
        cat "$work/wrk.out" >&2
        exit 1
      }
      python3 -c 'import json, sys; r = json.loads(sys.argv[1]); r.update(setup=sys.argv[2], connections=int(sys.argv[3]), part=sys.argv[4], part_connections=int(sys.argv[3])); print(json.dumps(r))' \
        "$line" "$setup" "$c" "$name" >>"$work/results.jsonl"
    done
  done
  rss "$setup" "$server_pid"
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
done
python3 scripts/load/lists_report.py "$work" "$secs" "$LOAD_CUSTOMERS" >"$out"
echo "load-lists: wrote $out"
cat "$out"

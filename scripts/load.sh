#!/usr/bin/env bash
# Load test: the release server under a request mix from wrk (Debian's), on loopback only and
# bounded in time, on SQLite and on PostgreSQL with two replicas behind haproxy. Writes
# bench/LOAD.md (throughput, p50, p99, answers by status, peak RSS, acknowledged creates).
#   scripts/load.sh                                   both setups, 50/200/500 connections, 30 s each
#   LOAD_SECS=5 LOAD_CONNECTIONS=50 LOAD_SETUPS=sqlite scripts/load.sh   a quick try
# The mix splits each run's connections: 80 % lists (first pages, filters, sorts, searches, deep
# pages), 15 % gets, 5 % writes (creates and edits), each part its own wrk process
# (scripts/load/*.lua), so each part has its own latencies. The list accelerator is off.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${LOAD_IN_CLUSTER:-}" ]; then
  bash scripts/bootstrap.sh
  LOAD_IN_CLUSTER=1 exec scripts/with-postgres.sh scripts/load.sh "$@"
fi
source scripts/env.sh
source scripts/load/lib.sh

secs=${LOAD_SECS:-30}
read -r -a conns <<<"${LOAD_CONNECTIONS:-50 200 500}"
read -r -a setups <<<"${LOAD_SETUPS:-sqlite postgres}"
export LOAD_CUSTOMERS=${LOAD_CUSTOMERS:-20000}
out=${LOAD_REPORT:-bench/LOAD.md}

cargo build --release -p server --quiet
bin=${CARGO_TARGET_DIR:-target}/release/server
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The bench reseller's customer count at URL.
total() {
  curl -fsS -H 'Authorization: Bearer bench-token' "$1/api/v1/customers?per_page=1" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])'
}

# A Lua file returning 1,000 of the bench reseller's customer ids (for gets and edits).
write_ids() {
  local url=$1 page
  for page in $(seq 1 10); do
    curl -fsS -H 'Authorization: Bearer bench-token' "$url/api/v1/customers?per_page=100&page=$page"
    echo
  done | python3 -c '
import json, sys
ids = [c["id"] for line in sys.stdin for c in json.loads(line)["items"]]
print("return {" + ",".join(json.dumps(i) for i in ids) + "}")' >"$work/ids.lua"
}

# run_mix SETUP URL CONNECTIONS PIDS...: one run of the mix; appends its parts to results.jsonl.
run_mix() {
  local setup=$1 url=$2 c=$3 part n
  shift 3
  local lists=$((c * 80 / 100)) gets=$((c * 15 / 100))
  ((gets > 0)) || gets=1
  local writes=$((c - lists - gets))
  ((writes > 0)) || writes=1
  echo "load: $setup, $c connections ($lists lists, $gets gets, $writes writes), ${secs} s"
  local clients=()
  for part in lists gets writes; do
    n=${!part}
    LOAD_IDS="$work/ids.lua" LOAD_RUN="$setup-$c" \
      wrk -t1 -c"$n" -d"${secs}s" --timeout 35s -s "scripts/load/$part.lua" "$url" >"$work/$part.out" 2>&1 &
    clients+=($!)
  done
  wait "${clients[@]}" || true
  for part in lists gets writes; do
    n=${!part}
    local line
    line=$(grep '^RESULT ' "$work/$part.out" | sed 's/^RESULT //') || {
      echo "load: wrk ($part) printed no result:" >&2
      cat "$work/$part.out" >&2
      return 1
    }
    python3 -c 'import json, sys; r = json.loads(sys.argv[1]); r.update(setup=sys.argv[2], connections=int(sys.argv[3]), part=sys.argv[4], part_connections=int(sys.argv[5])); print(json.dumps(r))' \
      "$line" "$setup" "$c" "$part" "$n" >>"$work/results.jsonl"
  done
}

run_setup() {
  local setup=$1 url before after c
  if [ "$setup" = sqlite ]; then
    local port
    port=$(free_port)
    start_server sqlite "$port" "$work/load.sqlite3"
    url="http://127.0.0.1:$port"
    server_pids=("$sqlite_pid")
  else
    local a b front db
    db="load_$(date +%s)"
    psql -q "$CUSTOMERS_TEST_PG" -c "CREATE DATABASE $db" >/dev/null
    a=$(free_port)
    start_server replica_a "$a" "${CUSTOMERS_TEST_PG%/*}/$db"
    b=$(free_port)
    start_server replica_b "$b" "${CUSTOMERS_TEST_PG%/*}/$db"
    front=$(free_port)
    cat >"$work/haproxy.cfg" <<EOF
global
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
frontend api
  bind 127.0.0.1:$front
  default_backend replicas
backend replicas
  balance roundrobin
  option httpchk GET /api/health/ready
  server a 127.0.0.1:$a check inter 2s
  server b 127.0.0.1:$b check inter 2s
EOF
    haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
    pids+=($!)
    url="http://127.0.0.1:$front"
    for _ in $(seq 1 50); do curl -fsS "$url/api/health/ready" >/dev/null 2>&1 && break; sleep 0.2; done
    server_pids=("$replica_a_pid" "$replica_b_pid")
  fi
  write_ids "$url"
  before=$(total "$url")
  for c in "${conns[@]}"; do
    run_mix "$setup" "$url" "$c"
  done
  after=$(total "$url")
  echo "{\"setup\":\"$setup\",\"before\":$before,\"after\":$after}" >>"$work/counts.jsonl"
  rss "$setup" "${server_pids[@]}"
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}

for setup in "${setups[@]}"; do
  run_setup "$setup"
done
python3 scripts/load/report.py "$work" "$secs" "$LOAD_CUSTOMERS" >"$out"
echo "load: wrote $out"
cat "$out"

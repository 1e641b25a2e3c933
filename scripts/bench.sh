#!/usr/bin/env bash
# The benchmark command (separate from scripts/test.sh: figures, no pass/fail). Builds our release
# SPA, the API server, the table benchmark page (bench/table) and the react-admin baseline
# (bench/react-admin), then measures side by side on Debian's Chromium:
#   shipped bytes (brotli-11: first load and total), table rendering (1,000 / 10,000 rows), Lighthouse 12.2.3 (desktop and
#   mobile), input latency at 4× CPU throttling and a 5,000-row customer import (preview and
#   import). Prints the figures and writes bench/REPORT.md.
#
#   scripts/bench.sh
#   BENCH_RUNS=10 BENCH_LH_RUNS=3 BENCH_KEYS=20 BENCH_IMPORT_RUNS=5 scripts/bench.sh    # the defaults
#
# Needs only registries (crates.io, npm): installs twiggy if missing; never downloads a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
RUNS="${BENCH_RUNS:-10}"
LH_RUNS="${BENCH_LH_RUNS:-3}"
KEYS="${BENCH_KEYS:-20}"
IMPORT_RUNS="${BENCH_IMPORT_RUNS:-5}"
TWIGGY_VERSION=0.8.0
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"   # where cargo builds (the bench page shares it)
OUT="$ROOT/bench/.out"          # private copies of what is measured (others rebuild dist/ meanwhile)
RESULTS="$ROOT/bench/results"
started=$(date +%s)

others() { pgrep -c -f 'rustc|cargo |trunk |wasm-bindgen-test-runner|playwright test|chromedriver' || true; }
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
others_start=$(others)

bash scripts/bootstrap.sh
source scripts/env.sh
if ! command -v twiggy >/dev/null || [ "$(twiggy --version | awk '{print $2}')" != "$TWIGGY_VERSION" ]; then
  echo "bench: installing twiggy $TWIGGY_VERSION (crates.io)"
  cargo install twiggy --version "$TWIGGY_VERSION" --locked
fi

pids=()
tmp="$(mktemp -d)"
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

rm -rf "$OUT" "$RESULTS"
mkdir -p "$OUT" "$RESULTS"

# npm ci, skipped when node_modules was installed from this very lockfile.
npm_ci() {
  local stamp="$1/node_modules/.bench-lock.sha256" sum
  sum=$(sha256sum "$1/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then
    echo "bench: $1/node_modules is installed from its lockfile"
    return
  fi
  echo "bench: npm ci in $1"
  (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$sum" >"$stamp"
}
npm_ci bench
npm_ci bench/react-admin

echo "bench: building our SPA (trunk build --release)"
trunk build --release
cp -r dist "$OUT/ours"
cp "$TARGET/wasm32-unknown-unknown/wasm-release/customers-app.wasm" "$OUT/customers-app.cargo.wasm"

echo "bench: building the API server (release)"
cargo build --release -p server --quiet
cp "$TARGET/release/server" "$OUT/server"

echo "bench: building the table benchmark page (bench/table, release)"
(cd bench/table && CARGO_TARGET_DIR="$TARGET" trunk build --release)
cp -r bench/table/dist "$OUT/table"

echo "bench: building the react-admin baseline (vite build)"
(cd bench/react-admin && npx vite build --logLevel warn)

echo "bench: shipped bytes"
node bench/bytes.mjs --ours "$OUT/ours" --theirs bench/react-admin/dist

echo "bench: what the wasm is made of (twiggy)"
wasm-bindgen "$OUT/customers-app.cargo.wasm" --out-dir "$tmp/wb" --out-name customers-app --target web --no-typescript
wasm-opt -Oz -g "$tmp/wb/customers-app_bg.wasm" -o "$OUT/customers-app.named.wasm"
node bench/twiggy.mjs --wasm "$OUT/customers-app.named.wasm" --twiggy "$(command -v twiggy)"

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_for() {
  for _ in $(seq 1 100); do curl -fsS -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "bench: $1 did not come up" >&2
  return 1
}

api_port=$(free_port)
"$OUT/server" --bind "127.0.0.1:$api_port" --static-dir "$OUT/ours" --seed-demo --db "$tmp/bench.sqlite3" >"$tmp/server.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$api_port/api/health"
ra_port=$(free_port)
node bench/serve.mjs --dir bench/react-admin/dist --port "$ra_port" --spa --proxy "http://127.0.0.1:$api_port" >"$tmp/ra.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$ra_port/"
table_port=$(free_port)
node bench/serve.mjs --dir "$OUT/table" --port "$table_port" >"$tmp/table.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$table_port/index.html"

echo "bench: first-load bytes (what the browser fetches before the list shows)"
node bench/first-load.mjs --ours-url "http://127.0.0.1:$api_port/customers" --ours-dir "$OUT/ours" \
  --theirs-url "http://127.0.0.1:$ra_port/#/customers" --theirs-dir bench/react-admin/dist

echo "bench: input latency (Add customer, 4x CPU throttling)"
node bench/latency.mjs --base "http://127.0.0.1:$api_port" --keys "$KEYS"

echo "bench: table rendering ($RUNS alternated runs per size)"
node bench/table.mjs --base "http://127.0.0.1:$table_port" --runs "$RUNS"

echo "bench: Lighthouse ($LH_RUNS alternated runs per preset)"
node bench/lighthouse.mjs --ours "http://127.0.0.1:$api_port/customers" \
  --theirs "http://127.0.0.1:$ra_port/#/customers" --runs "$LH_RUNS"

# Last: it creates 5,000 customers, which the list measured above must not see.
echo "bench: import customers (5,000-row file: preview, then the import)"
node bench/import.mjs --base "http://127.0.0.1:$api_port" --runs "$IMPORT_RUNS"

for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
pids=()
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
others_end=$(others)
elapsed=$(($(date +%s) - started))

LOAD_START="$load_start" LOAD_END="$load_end" OTHERS_START="$others_start" OTHERS_END="$others_end" \
DATE="$(date '+%Y-%m-%d %H:%M %Z')" NPROC="$(nproc)" MEMORY="$(free -h | awk '/^Mem:/ {print $2}')" \
CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" \
CHROMIUM_VERSION="$(/usr/bin/chromium --version 2>/dev/null | tail -1)" \
COMMIT="$(git rev-parse --short HEAD)" DIRTY="$(git status --porcelain | head -1)" \
DURATION="$((elapsed / 60)) min $((elapsed % 60)) s" \
node -e '
const e = process.env;
const first = (s) => Number(String(s).split(" ")[0]);
require("fs").writeFileSync(process.argv[1], JSON.stringify({
  date: e.DATE, nproc: Number(e.NPROC), memory: e.MEMORY, cpu: e.CPU, chromium: e.CHROMIUM_VERSION,
  commit: e.COMMIT, dirty: e.DIRTY !== "", duration: e.DURATION,
  loadStart: e.LOAD_START, loadEnd: e.LOAD_END, othersStart: Number(e.OTHERS_START), othersEnd: Number(e.OTHERS_END),
  shared: first(e.LOAD_START) > 1 || first(e.LOAD_END) > 1 || Number(e.OTHERS_START) + Number(e.OTHERS_END) > 0,
}, null, 2));' "$RESULTS/machine.json"

node bench/report.mjs
echo "bench: done in $((elapsed / 60)) min $((elapsed % 60)) s"

#!/usr/bin/env bash
# Runs every test layer and exits non-zero if any fails. `.ci/run` calls exactly this.
#   scripts/test.sh                 all layers
#   scripts/test.sh native e2e      only the named layers (lint, native, browser, e2e)
# Every layer runs even after a failure, so one run shows everything that is broken.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh || { echo "test: bootstrap failed" >&2; exit 1; }
source scripts/env.sh

layers=("$@")
[ ${#layers[@]} -gt 0 ] || layers=(lint native browser e2e)

lint() {
  cargo fmt --all -- --check &&
    cargo clippy --workspace --all-targets -- -D warnings &&
    cargo clippy -p customers-app --target wasm32-unknown-unknown --all-targets -- -D warnings
}

# Domain rules and property tests, the API server against temporary SQLite databases (oneshot,
# no port), and the SPA's pure helpers.
native() {
  cargo test --workspace
}

# Components mounted in headless Chromium by wasm-bindgen-test-runner + chromedriver.
browser() {
  cargo test -p customers-app --target wasm32-unknown-unknown --test '*'
}

# Playwright in Debian's Chromium against the release SPA served by the real server, on a free
# port with a fresh demo database that is removed afterwards.
e2e() {
  trunk build --release || return 1
  cargo build -p server --quiet || return 1
  local port data server_pid status
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  data=$(mktemp -d)
  target/debug/server --bind "127.0.0.1:$port" --db "$data/e2e.sqlite3" --static-dir dist --seed-demo \
    >"$data/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  (cd end2end && E2E_BASE_URL="http://127.0.0.1:$port" npx playwright test)
  status=$?
  kill "$server_pid" 2>/dev/null
  wait "$server_pid" 2>/dev/null
  if [ $status -ne 0 ]; then
    echo "--- server log (last 60 lines) ---"
    tail -n 60 "$data/server.log"
  fi
  rm -rf "$data"
  return $status
}

passed=0 failed=0 summary=()
for layer in "${layers[@]}"; do
  if ! declare -F "$layer" >/dev/null; then
    echo "test: unknown layer '$layer' (lint, native, browser, e2e)" >&2
    exit 2
  fi
  printf '\n\033[1m=== %s ===\033[0m\n' "$layer"
  start=$SECONDS
  if "$layer"; then
    passed=$((passed + 1)); summary+=("PASS  $layer  ($((SECONDS - start)) s)")
  else
    failed=$((failed + 1)); summary+=("FAIL  $layer  ($((SECONDS - start)) s)")
  fi
done

printf '\n'
printf '%s\n' "${summary[@]}"
echo "layers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# Runs every test layer and exits non-zero if any fails. `.ci/run` calls exactly this.
#   scripts/test.sh                 all layers
#   scripts/test.sh native e2e      only the named layers (lint, native, browser, e2e, api-fuzz)
# Every layer runs even after a failure, so one run shows everything that is broken.
set -uo pipefail
cd "$(dirname "$0")/.."
layers=("$@")
[ ${#layers[@]} -gt 0 ] || layers=(lint native browser e2e api-fuzz)

# One throwaway PostgreSQL cluster per run for the layers that test the PostgreSQL backend
# (CUSTOMERS_TEST_PG: each test creates its own database on it): after bootstrap (which installs
# PostgreSQL) the run starts again inside scripts/with-postgres.sh, which drops the cluster at
# the end.
if [ -z "${TEST_SH_IN_CLUSTER:-}" ]; then
  bash scripts/bootstrap.sh || { echo "test: bootstrap failed" >&2; exit 1; }
  case " ${layers[*]} " in
    *" native "* | *" api-fuzz "* | *" e2e "*)
      TEST_SH_IN_CLUSTER=1 exec scripts/with-postgres.sh scripts/test.sh "${layers[@]}" ;;
  esac
fi
source scripts/env.sh

# A fresh database for one server: a SQLite file in `dir`, or (`pg`) a new database on the
# run's cluster. Prints the --db value.
fresh_db() {
  local kind=$1 dir=$2 name
  if [ "$kind" = pg ]; then
    name="customers_server_$(basename "$dir" | tr -dc 'a-zA-Z0-9' | tr 'A-Z' 'a-z')"
    psql -q "$CUSTOMERS_TEST_PG" -c "CREATE DATABASE $name" >/dev/null || return 1
    echo "${CUSTOMERS_TEST_PG%/*}/$name"
  else
    echo "$dir/e2e.sqlite3"
  fi
}

# The table benchmark page (bench/table, its own Cargo project) uses the app's table: checked
# here so that a change to the app cannot leave scripts/bench.sh unable to build it.
lint() {
  cargo fmt --all -- --check &&
    cargo clippy --workspace --all-targets -- -D warnings &&
    cargo clippy -p customers-app --target wasm32-unknown-unknown --all-targets -- -D warnings &&
    CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}" cargo clippy --manifest-path bench/table/Cargo.toml \
      --target wasm32-unknown-unknown -- -D warnings &&
    # The split points (src/shell/lazy.rs) only exist with the feature trunk builds with.
    cargo clippy -p customers-app --target wasm32-unknown-unknown --features split -- -D warnings
}

# Domain rules and property tests, the API server against temporary SQLite databases and fresh
# PostgreSQL databases on the run's cluster (oneshot, no port; every API test runs on both), and
# the SPA's pure helpers.
native() {
  cargo test --workspace
}

# Components mounted in headless Chromium by wasm-bindgen-test-runner + chromedriver.
browser() {
  cargo test -p customers-app --target wasm32-unknown-unknown --test '*'
}

# `n` free loopback ports, one a line (all held open until each is known, so they differ).
free_ports() {
  python3 -c 'import socket, sys
held = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in held: s.bind(("127.0.0.1", 0))
print("\n".join(str(s.getsockname()[1]) for s in held))' "$1"
}

# The server binary that `cargo build -p server` makes.
server_bin="${CARGO_TARGET_DIR:-target}/debug/server"

# Starts the server on a free port with a fresh demo database (SQLite, or PostgreSQL with `pg`
# as second argument) for `dist_dir`; sets SERVER_URL, SERVER_PID and SERVER_LOG. The caller
# stops it with stop_server.
start_server() {
  local dist_dir=$1 kind=${2:-sqlite} data port db
  shift 2
  data=$(mktemp -d)
  port=$(free_ports 1)
  SERVER_LOG="$data/server.log"
  db=$(fresh_db "$kind" "$data") || return 1
  # The suites send bad credentials on purpose, all from one address, and many requests with one
  # credential: the rate limits (tested on their own in crates/server/tests/api/identity.rs)
  # would answer them 429.
  "$server_bin" --bind "127.0.0.1:$port" --db "$db" --static-dir "$dist_dir" --seed-demo \
    --auth-failures-per-minute 1000000 --requests-per-minute 1000000 "$@" >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  SERVER_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    curl -fsS "$SERVER_URL/api/health" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "test: the server did not start:" >&2
  cat "$SERVER_LOG" >&2
  return 1
}

stop_server() {
  kill "$1" 2>/dev/null
  wait "$1" 2>/dev/null
}

# Playwright in Debian's Chromium against the release build served by the real server (and the
# example host page embedding it). Playwright starts the servers (end2end/playwright.config.ts,
# webServer) on the free ports and fresh demo databases given here, and stops them at the end:
# the app on SQLite for the desktop project, the app on PostgreSQL for the phone project, and the
# host page on SQLite behind the stand-in portal that signs people in (examples/dev-portal).
e2e() {
  trunk build --release || return 1
  trunk build --release --dist dist-host examples/host-page/index.html || return 1
  cargo build -p server -p dev-portal --quiet || return 1
  local data ports pg_db status
  data=$(mktemp -d)
  pg_db=$(fresh_db pg "$data") || { rm -rf "$data"; return 1; }
  mapfile -t ports < <(free_ports 4)
  # E2E_UPDATE_SCREENSHOTS=1 rewrites the committed screenshots that differ (after a change to
  # the look that is meant); without it a difference fails the layer.
  local update=()
  [ -n "${E2E_UPDATE_SCREENSHOTS:-}" ] && update=(--update-snapshots=changed)
  # E2E_ARGS (e.g. "edit-usage.spec.ts -g Suggest") narrows the run while working on one view.
  local narrow=()
  [ -n "${E2E_ARGS:-}" ] && read -ra narrow <<<"$E2E_ARGS"
  (
    export E2E_START_SERVERS=1 E2E_SERVER_BIN="$server_bin"
    export E2E_BASE_URL="http://127.0.0.1:${ports[0]}" E2E_DB="$data/app.sqlite3"
    export E2E_PG_BASE_URL="http://127.0.0.1:${ports[1]}" E2E_PG_DB="$pg_db"
    export E2E_PORTAL_BIN="${server_bin%/server}/dev-portal"
    export E2E_HOST_URL="http://127.0.0.1:${ports[2]}" E2E_HOST_API_URL="http://127.0.0.1:${ports[3]}"
    export E2E_HOST_DB="$data/host.sqlite3"
    cd end2end && npx playwright test "${update[@]}" "${narrow[@]}"
  )
  status=$?
  rm -rf "$data"
  return $status
}

# schemathesis (scripts/fuzz: pinned requirements and settings) sends requests generated from the
# server's OpenAPI document, valid and invalid, and fails on any 5xx, undocumented status or answer
# that does not match the schema. A fixed seed keeps runs reproducible; FUZZ_SEED and
# FUZZ_EXAMPLES (per operation) explore further.
# The two runs go side by side (each mostly waits on its server), their output printed in turn.
api-fuzz() {
  cargo build -p server -p dev-portal --quiet || return 1
  local status=0 logs sqlite pg
  logs=$(mktemp -d) || return 1
  fuzz_one sqlite token >"$logs/sqlite" 2>&1 &
  sqlite=$!
  fuzz_one pg jwt >"$logs/pg" 2>&1 &
  pg=$!
  # Background jobs ignore Ctrl-C: an interrupted run stops them (and their servers) itself.
  trap 'pkill -P "$sqlite,$pg"; kill "$sqlite" "$pg" 2>/dev/null; rm -rf "$logs"; exit 130' INT TERM
  wait "$sqlite" || status=1
  echo "--- api-fuzz on sqlite, signed in with an API token ---"
  cat "$logs/sqlite"
  wait "$pg" || status=1
  echo "--- api-fuzz on pg, signed in with a portal JWT ---"
  cat "$logs/pg"
  trap - INT TERM
  rm -rf "$logs"
  return $status
}

# Starts the stand-in portal (examples/dev-portal) on a free port: sets PORTAL_URL, PORTAL_PID.
start_portal() {
  PORTAL_URL="http://127.0.0.1:$(free_ports 1)"
  "${server_bin%/server}/dev-portal" --bind "${PORTAL_URL#http://}" >/dev/null 2>&1 &
  PORTAL_PID=$!
  for _ in $(seq 1 100); do
    curl -fsS "$PORTAL_URL/portal/jwks.json" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "test: the stand-in portal did not start" >&2
  return 1
}

# fuzz_one sqlite|pg token|jwt: signed in as the demo reseller's manager with its seeded API
# token, or with a JWT from the stand-in portal whose JWKS the server checks it against.
fuzz_one() {
  local status work root=$PWD token=demo-token extra=()
  PORTAL_PID=""
  if [ "$2" = jwt ]; then
    start_portal || { stop_server "$PORTAL_PID"; return 1; }
    extra=(--jwt-jwks-url "$PORTAL_URL/portal/jwks.json" --jwt-issuer dev-portal --jwt-audience customers-api)
  fi
  if start_server dist "$1" "${extra[@]}"; then
    # A JWT for an hour, longer than the run.
    [ "$2" = jwt ] && token=$(curl -fsS "$PORTAL_URL/portal/token?expires_in=3600" |
      python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
    # The fuzzing accepts 401 answers, so first make sure the credential really signs in.
    if curl -fsS -H "Authorization: Bearer $token" "$SERVER_URL/api/v1/me" | grep -q '"role":"manager"'; then
      work=$(dirname "$SERVER_LOG")
      # Run in the throwaway directory: schemathesis keeps its caches in the working directory.
      (cd "$work" && "$root/.venv-schemathesis/bin/schemathesis" \
        --config-file "$root/scripts/fuzz/schemathesis.toml" run "$SERVER_URL/api/openapi.json" \
        --header "Authorization: Bearer $token" --checks all \
        --max-examples "${FUZZ_EXAMPLES:-100}" --seed "${FUZZ_SEED:-1}" --generation-database none \
        --no-color)
      status=$?
    else
      echo "test: the $2 credential does not sign in as the demo manager" >&2
      status=1
    fi
    stop_server "$SERVER_PID"
    if [ $status -ne 0 ]; then
      echo "--- server log (last 40 lines) ---"; tail -n 40 "$SERVER_LOG"
    fi
    rm -rf "$(dirname "$SERVER_LOG")"
  else
    status=1
  fi
  [ -n "$PORTAL_PID" ] && stop_server "$PORTAL_PID"
  return $status
}

passed=0 failed=0 summary=()
for layer in "${layers[@]}"; do
  if ! declare -F "$layer" >/dev/null; then
    echo "test: unknown layer '$layer' (lint, native, browser, e2e, api-fuzz)" >&2
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

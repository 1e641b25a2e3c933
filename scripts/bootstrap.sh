#!/usr/bin/env bash
# Installs every tool the build and the tests need, skipping what is already at the pinned version.
# Registries only (crates.io, npm, Debian): no step downloads a prebuilt binary from elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock: the generated glue is versioned.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock 2>/dev/null || true)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}

log() { printf '\033[1mbootstrap:\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

# 1. Rust target (rust-toolchain.toml names the channel).
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. Debian packages: Chromium for Playwright, chromedriver for wasm-bindgen-test, PostgreSQL 15
#    (server and contrib's pg_trgm) for the server's PostgreSQL tests, wrk and haproxy for the
#    load test (scripts/load.sh), python3-venv for schemathesis (4).
missing_debs=()
for pkg in chromium chromium-driver postgresql wrk haproxy; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing_debs+=("$pkg")
done
python3 -c 'import ensurepip, venv' 2>/dev/null || missing_debs+=(python3-venv)
SUDO=""
if [ "$(id -u)" -ne 0 ] && ((${#missing_debs[@]})); then
  # Asked here, before the install moves to the background where its prompt would be lost.
  SUDO="sudo"
  sudo -v
fi
debian_packages() {
  if ((${#missing_debs[@]})); then
    log "installing ${missing_debs[*]} from Debian"
    $SUDO apt-get update -qq
    # A brand-new machine may be running its own upgrades: wait for dpkg's lock, do not fail.
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=300 "${missing_debs[@]}"
  fi
}

# 3. npm packages, pinned by package-lock.json: binaryen's wasm-opt and esbuild (scripts/node-tools) and
#    Playwright (end2end; it never downloads a browser, the tests use Debian's Chromium).
npm_packages() {
  local dir stamp
  for dir in scripts/node-tools end2end; do
    stamp="$dir/node_modules/.bootstrap-lock"
    if ! cmp -s "$dir/package-lock.json" "$stamp" 2>/dev/null; then
      log "npm ci in $dir"
      (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
      cp "$dir/package-lock.json" "$stamp"
    fi
  done
}

# 4. schemathesis for the api-fuzz layer, with every dependency pinned, in .venv-schemathesis
#     (PyPI). Reinstalled only when scripts/fuzz/requirements.txt changes.
schemathesis() {
  local fuzz_stamp=.venv-schemathesis/.bootstrap-requirements
  if ! cmp -s scripts/fuzz/requirements.txt "$fuzz_stamp" 2>/dev/null; then
    log "installing schemathesis into .venv-schemathesis"
    rm -rf .venv-schemathesis
    python3 -m venv .venv-schemathesis
    .venv-schemathesis/bin/pip install --quiet --disable-pip-version-check --no-input -r scripts/fuzz/requirements.txt
    cp scripts/fuzz/requirements.txt "$fuzz_stamp"
  fi
}

# The downloads (Debian, then PyPI; npm) run beside the cargo installs below, which keep both
# cores busy: a brand-new machine is ready minutes sooner. Their output is shown after the cargo
# steps; if one of those fails, the script still waits for them (an apt-get cut short would
# leave dpkg half-configured).
jobs_dir=$(mktemp -d)
trap 'wait; rm -rf "$jobs_dir"' EXIT
(set -e; debian_packages; schemathesis) >"$jobs_dir/debian-pypi.log" 2>&1 &
debian_pid=$!
(set -e; npm_packages) >"$jobs_dir/npm.log" 2>&1 &
npm_pid=$!

# 5. Cargo-installed tools, pinned.
installed_version() { "$1" --version 2>/dev/null | awk '{print $2}'; }
if [ "$(installed_version trunk)" != "$TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (about 8 minutes cold)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi
if [ "$(installed_version wasm-bindgen)" != "$WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes cold)"
  # Without --locked: its lockfile pins a webpki-roots version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# 5b. The code splitter the trunk build runs (scripts/node-tools/split.mjs); its own lockfile
#     pins its dependencies. 0.2.4 knows wasm-bindgen >= 0.2.128's describe symbol.
WASM_SPLIT_VERSION=0.2.4
# Read the whole list first: grep -q stopping early would give cargo a SIGPIPE under pipefail.
if ! cargo install --list | grep -Fx "wasm_split_cli_support v$WASM_SPLIT_VERSION:" >/dev/null; then
  log "installing wasm-split-cli $WASM_SPLIT_VERSION (about 3 minutes cold)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
fi

# 6. Crates for the offline trunk build (Trunk.toml sets offline = true).
cargo fetch --quiet

# The background jobs: their output, and a failure stops the run.
for job in debian-pypi:$debian_pid npm:$npm_pid; do
  status=0
  wait "${job#*:}" || status=$?
  cat "$jobs_dir/${job%%:*}.log"
  if [ "$status" -ne 0 ]; then
    echo "bootstrap: the ${job%%:*} step failed (exit $status)" >&2
    exit 1
  fi
done

# 7. Fail loudly if the pins ever drift apart.
lock_wb=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock 2>/dev/null || true)
cli_wb=$(installed_version wasm-bindgen)
toml_wb=$(sed -n 's/^wasm_bindgen *= *"\(.*\)"/\1/p' Trunk.toml 2>/dev/null || true)
if [ -n "$lock_wb" ] && { [ "$lock_wb" != "$cli_wb" ] || [ "$lock_wb" != "$toml_wb" ]; }; then
  echo "bootstrap: wasm-bindgen versions differ: Cargo.lock=$lock_wb cli=$cli_wb Trunk.toml=$toml_wb" >&2
  exit 1
fi
log "tools ready (trunk $(installed_version trunk), wasm-bindgen $cli_wb, $(chromium --version 2>/dev/null | head -1))"

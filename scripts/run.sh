#!/usr/bin/env bash
# Builds the SPA in release mode and serves it, with the API and demo data, on one port.
#   CUSTOMERS_BIND=127.0.0.1:9000 scripts/run.sh   to listen elsewhere (default 127.0.0.1:8080)
#   CUSTOMERS_DB=path.sqlite3 scripts/run.sh       to keep the data elsewhere (default .data/demo.sqlite3)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
source scripts/env.sh

addr="${CUSTOMERS_BIND:-127.0.0.1:8080}"
db="${CUSTOMERS_DB:-.data/demo.sqlite3}"

echo "run: building the SPA (release, wasm-opt -Oz)"
trunk build --release
echo "run: building the API server (release)"
cargo build --release -p server --quiet

# The server creates and migrates the database on first start, seeds the demo resellers, signs the
# browser in as the demo reseller on its first visit, and prints the URL to open.
exec target/release/server --bind "$addr" --db "$db" --static-dir dist --seed-demo

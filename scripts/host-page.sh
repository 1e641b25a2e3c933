#!/usr/bin/env bash
# Builds the example partner-portal page (examples/host-page/) that embeds the app under the base
# path /partner/backup, and serves it as a portal would: the stand-in portal (examples/dev-portal)
# signs its people in with 5-minute JWTs and proxies to the API server, which checks those JWTs
# against the portal's JWKS and serves the page and the demo data.
#   HOST_PAGE_ADDR=127.0.0.1:8082 (default)  → open http://127.0.0.1:8082/partner/backup/customers
#   HOST_PAGE_API_ADDR=127.0.0.1:8083 (default): the API server behind it
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
source scripts/env.sh

addr="${HOST_PAGE_ADDR:-127.0.0.1:8082}"
api="${HOST_PAGE_API_ADDR:-127.0.0.1:8083}"
trunk build --release --dist dist-host examples/host-page/index.html
cargo build --release -p server -p dev-portal --quiet
target/release/dev-portal --bind "$addr" --upstream "http://$api" &
portal=$!
trap 'kill $portal 2>/dev/null' EXIT
target/release/server --bind "$api" --db "${HOST_PAGE_DB:-.data/host-page.sqlite3}" \
  --static-dir dist-host --seed-demo \
  --jwt-jwks-url "http://$addr/portal/jwks.json" --jwt-issuer dev-portal --jwt-audience customers-api

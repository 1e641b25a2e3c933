#!/usr/bin/env bash
# Builds the example partner-portal page (examples/host-page/) that embeds the app under the base
# path /partner/backup with a bearer token, and serves it with the API and demo data.
#   HOST_PAGE_ADDR=127.0.0.1:8082 (default)  → open http://127.0.0.1:8082/partner/backup/customers
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
source scripts/env.sh

addr="${HOST_PAGE_ADDR:-127.0.0.1:8082}"
trunk build --release --dist dist-host examples/host-page/index.html
cargo build --release -p server --quiet
echo "Host page: http://$addr/partner/backup/customers"
exec target/release/server --bind "$addr" --db "${HOST_PAGE_DB:-.data/host-page.sqlite3}" --static-dir dist-host --seed-demo

#!/usr/bin/env bash
# Latency of the customer list at 1,000 and 100,000 customers: builds the server crate in release,
# seeds a "bench" reseller in a temporary SQLite database per size, and times list requests
# (search, sort, first and deep pages) in-process through the whole router (auth, the in-memory
# list index and its freshness check against SQLite, JSON; no network). The sizes' requests
# alternate, so that they meet the same load on a shared machine; the load average is printed
# before and after. Prints the first (index-loading) request per size, p50/p95 per scenario and
# the growth from the smallest to the largest size; no pass/fail.
# Targets: p95 < 15 ms at 100k, and at most 1.5x growth from 1k to 100k.
#
#   scripts/bench-api.sh [--sizes 1000,100000] [--requests 300]
#
# Seeding 100k customers takes 5-20 s on 2 cores; loading their index on the first request a few
# seconds more.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

echo "bench-api: building the server crate in release" >&2
cargo build --release -p server --bin bench-api --quiet
target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
exec "$target_dir/release/bench-api" "$@"

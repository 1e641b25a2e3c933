#!/usr/bin/env bash
# Latency of the customer list at 1,000 and 100,000 customers, with the list accelerator off (the
# database answers: --cache-mb 0) and on (--cache-mb 256): builds the server crate in release,
# seeds a "bench" reseller in a temporary SQLite database per size, and times list requests (the
# first page of every sort, each filter, page 50 and a deep page, selective and broad searches)
# in-process through the whole router (auth, SQL or the accelerator, JSON; no network). The
# sizes' requests alternate, so that they meet the same load on a shared machine; the load
# average is printed before and after. Prints the first request per size, p50/p95 per scenario,
# the process's RSS and the growth from the smallest to the largest size; no pass/fail.
# Targets (issue 13, accelerator off, 100k): p95 <= 5 ms for first pages, filters and deep pages,
# <= 10 ms for selective searches, <= 50 ms for broad ones; <= 2x growth from 1k to 100k.
#
#   scripts/bench-api.sh [--sizes 1000,100000] [--requests 300]
#
# Seeding 100k customers takes 10-30 s on 2 cores per mode.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

echo "bench-api: building the server crate in release" >&2
cargo build --release -p server --bin bench-api --quiet
target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
for mb in 0 256; do
  echo "== list accelerator: --cache-mb $mb" >&2
  "$target_dir/release/bench-api" --cache-mb "$mb" "$@"
done

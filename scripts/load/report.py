"""bench/LOAD.md from the results scripts/load.sh collected in its work directory."""

import json
import platform
import subprocess
import sys
from datetime import date
from pathlib import Path

work, secs, customers = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])


def lines(name):
    path = work / name
    return [json.loads(l) for l in path.read_text().splitlines()] if path.exists() else []


results, counts, rss = lines("results.jsonl"), lines("counts.jsonl"), lines("rss.jsonl")
ALLOWED = {200, 201, 409, 412, 429, 503}
cpu = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()

out = [
    "# Load test (`scripts/load.sh`)",
    "",
    f"{date.today():%d %B %Y}, this machine ({cpu} cores, {platform.machine()}), the client (wrk) on the",
    f"same cores. The release server, accelerator off, JSON logs at info to a file; one reseller",
    f"with {customers:,} customers; {secs} s per run. Each run splits its connections 80 % lists",
    "(first pages, filters, sorts, searches, deep pages), 15 % gets, 5 % writes (half creates,",
    "half edits with `If-Match: *`), each part a wrk process of its own with its own latencies.",
    "PostgreSQL: two replicas on one database behind haproxy (round robin, readiness checks).",
    "",
]
setups = []
for r in results:
    if r["setup"] not in setups:
        setups.append(r["setup"])
checks = []
for setup in setups:
    title = "SQLite, one server" if setup == "sqlite" else "PostgreSQL, two replicas behind haproxy"
    out += [f"## {title}", "",
            "| connections | part | conns | requests/s | p50 | p99 | max | answers by status | socket errors / timeouts |",
            "|---|---|---|---|---|---|---|---|---|"]
    for r in (r for r in results if r["setup"] == setup):
        statuses = ", ".join(f"{k}: {v:,}" for k, v in sorted(r["statuses"].items()))
        rate = r["requests"] / r["seconds"] if r["seconds"] else 0
        out.append(
            f"| {r['connections']} | {r['part']} | {r['part_connections']} | {rate:,.0f} | "
            f"{r['p50_ms']:.1f} ms | {r['p99_ms']:.1f} ms | {r['max_ms']:.0f} ms | {statuses} | "
            f"{r['socket_errors']} / {r['timeouts']} |")
        bad = {k: v for k, v in r["statuses"].items() if int(k) not in ALLOWED}
        if bad:
            checks.append(f"- **miss**: {setup}, {r['connections']} connections, {r['part']}: answers {bad}")
    peaks = [x["peak_rss_kib"] for x in rss if x["setup"] == setup]
    out += ["", "Peak RSS per server: " + ", ".join(f"{k / 1024:.0f} MiB" for k in peaks) + "."]
    created = sum(r["statuses"].get("201", 0) for r in results if r["setup"] == setup)
    for c in (c for c in counts if c["setup"] == setup):
        grew = c["after"] - c["before"]
        verdict = "none lost" if grew >= created else f"**{created - grew} lost**"
        out.append(f"Acknowledged creates: {created:,}; the reseller grew by {grew:,} ({verdict}; "
                   "a create cut off by the end of a run may be stored unacknowledged).")
        if grew < created:
            checks.append(f"- **miss**: {setup}: {created - grew} acknowledged creates are missing")
    out.append("")

out += ["## Targets", ""]
pg200 = [r for r in results if r["setup"] == "postgres" and r["connections"] == 200 and r["part"] == "lists"]
for r in pg200:
    ok = r["p99_ms"] <= 250
    checks.append(f"- {'met' if ok else '**miss**'}: list p99 at 200 connections on PostgreSQL "
                  f"{r['p99_ms']:.0f} ms (target ≤ 250 ms)")
for r in (r for r in results if r["connections"] == 500):
    ok = r["p99_ms"] < 30_000 and r["timeouts"] == 0
    checks.append(f"- {'met' if ok else '**miss**'}: {r['setup']} at 500, {r['part']}: p99 of the answered "
                  f"{r['p99_ms']:.0f} ms, {r['timeouts']} client timeouts (target: under the 30 s request timeout)")
if not any("miss" in c for c in checks):
    checks.insert(0, "- every answer was 2xx, 409, 412, 429 or a shed 503")
out += checks + [
    "",
    "Notes: wrk reports one latency distribution per process, so where the server sheds (`503`",
    "`overloaded`, answered at once) the p50 and p99 include those answers. Every figure is the",
    "machine's whole capacity shared by the client, the servers, haproxy and PostgreSQL.",
    "",
]
print("\n".join(out))

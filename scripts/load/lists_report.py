"""bench/LOAD-LISTS.md from the results scripts/load-lists.sh collected in its work directory."""

import json
import os
import platform
import subprocess
import sys
from datetime import date
from pathlib import Path

work, secs, customers = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])


def lines(name):
    path = work / name
    return [json.loads(l) for l in path.read_text().splitlines()] if path.exists() else []


results, rss = lines("results.jsonl"), lines("rss.jsonl")
cpu = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
load = " ".join(f"{x:.2f}" for x in os.getloadavg())

out = [
    "# Lists under load (`scripts/load-lists.sh`)",
    "",
    f"{date.today():%d %B %Y}, this machine ({cpu} cores, {platform.machine()}; load average {load} at",
    f"the end), wrk on the same cores. The release server, accelerator off (`--list-cache-mb 0`),",
    f"one reseller with {customers:,} customers, one server per database, each request shape on its",
    f"own for {secs} s (25 rows a page, the default sort).",
    "",
    "| database | connections | request | requests/s | p50 | p99 | max | answers by status | socket errors / timeouts |",
    "|---|---|---|---|---|---|---|---|---|",
]


def rate(r):
    return r["requests"] / r["seconds"] if r["seconds"] else 0


for r in results:
    statuses = ", ".join(f"{k}: {v:,}" for k, v in sorted(r["statuses"].items()))
    name = "SQLite" if r["setup"] == "sqlite" else "PostgreSQL"
    out.append(
        f"| {name} | {r['connections']} | {r['part']} | {rate(r):,.0f} | {r['p50_ms']:.1f} ms | "
        f"{r['p99_ms']:.1f} ms | {r['max_ms']:.0f} ms | {statuses} | {r['socket_errors']} / {r['timeouts']} |")
out += ["", "Peak RSS: " + ", ".join(f"{x['setup']} {x['peak_rss_kib'] / 1024:.0f} MiB" for x in rss) + ".", ""]

out += ["## Targets (PostgreSQL, 200 connections; SQLite for comparison)", ""]
for setup in ("postgres", "sqlite"):
    at = {r["part"]: r for r in results if r["setup"] == setup and r["connections"] == 200}
    if not at:
        continue
    tag = "" if setup == "postgres" else " (SQLite, not a target)"
    for part, r in at.items():
        bad = {k: v for k, v in r["statuses"].items() if k != "200"}
        ok = not bad and r["socket_errors"] == 0 and r["timeouts"] == 0
        out.append(f"- {'met' if ok else '**miss**'}{tag}: {part}, every request answered 200 "
                   f"({bad or 'no other status'}, {r['socket_errors']} socket errors, {r['timeouts']} timeouts)")
    if "first page" in at and "page 3,000" in at:
        ratio = rate(at["page 3,000"]) / rate(at["first page"]) if rate(at["first page"]) else 0
        out.append(f"- {'met' if ratio >= 2 / 3 else '**miss**'}{tag}: page 3,000 at {ratio:.2f}× the first "
                   f"page's throughput ({rate(at['page 3,000']):,.0f} vs {rate(at['first page']):,.0f}/s; target ≥ 0.67×)")
    if "q=oy" in at:
        r = at["q=oy"]
        ok = rate(r) >= 1000 and r["p99_ms"] <= 250
        out.append(f"- {'met' if ok else '**miss**'}{tag}: `q=oy` {rate(r):,.0f}/s, p99 {r['p99_ms']:.0f} ms "
                   "(target ≥ 1,000/s, p99 ≤ 250 ms)")
out += ["", "Every figure shares the machine's cores between wrk, the server and PostgreSQL.", ""]
print("\n".join(out))

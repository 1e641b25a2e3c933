// Writes bench/REPORT.md from bench/results/*.json (written by the other drivers and
// scripts/bench.sh) and prints its summary table.
import fs from 'node:fs';
import path from 'node:path';
import { BENCH, RESULTS, fmt } from './lib.mjs';

const read = (name) => {
  const file = path.join(RESULTS, `${name}.json`);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
};
const machine = read('machine');
const bytes = read('bytes');
const first = read('first-load');
const twiggy = read('twiggy');
const table = read('table');
const lh = read('lighthouse');
const lat = read('latency');
const imp = read('import');

const kB = (n) => `${fmt(n / 1000, 1)} kB`;
const ms = (n, d = 0) => `${fmt(n, d)} ms`;
const spread = (s, d = 0, unit = ' ms') => `${fmt(s.median, d)}${unit} (IQR ${fmt(s.p25, d)}–${fmt(s.p75, d)}, range ${fmt(s.min, d)}–${fmt(s.max, d)}, n=${s.n})`;
const x = (r) => `${fmt(r, 2)}×`;
const verdictRatio = (ratio, target) => (ratio <= target ? `**met**` : `**missed** by ${fmt(ratio / target, 2)}× (${x(ratio)} vs ≤ ${x(target)})`);

const chain = (requests) => requests.map((r) => `${r.path} ${fmt(r.start, 0)}→${fmt(r.end, 0)} ms (${fmt(r.kB, 1)} kB)`).join(', ');

const rows = [];
const notes = [];

/** A bytes row against a ratio target, saying by how much it is over when missed. */
const bytesRow = (label, ours, theirs, target) => {
  const r = ours / theirs;
  return [label, kB(ours), kB(theirs) + ' (react-admin)', x(r), `≤ ${x(target)}`,
    r <= target ? '**met**' : `**missed**: ${kB(ours - target * theirs)} over (need ≤ ${kB(target * theirs)})`];
};
if (first) {
  rows.push(bytesRow('First-load bytes: fetched before the list shows, brotli-11', first.ours.br, first.theirs.br, 0.6));
}
if (bytes) {
  rows.push(bytesRow('Total bytes, HTML+JS+wasm+CSS with every chunk, brotli-11', bytes.ours.total.br, bytes.theirs.total.br, 1.0));
}
if (table) {
  for (const n of table.sizes) {
    const s = table.sizesResult[n];
    const r = s.ours.raf.median / s.plain.raf.median;
    rows.push([`Table ${n.toLocaleString('en-US')} rows: click → next rAF`, ms(s.ours.raf.median), ms(s.plain.raf.median) + ' (plain JS)', x(r), '≤ 1.25×', verdictRatio(r, 1.25)]);
    const rf = s.ours.frame.median / s.plain.frame.median;
    rows.push([`Table ${n.toLocaleString('en-US')} rows: click → frame painted`, ms(s.ours.frame.median), ms(s.plain.frame.median) + ' (plain JS)', x(rf), '(info)', '']);
  }
}
if (lh) {
  for (const [preset, p] of Object.entries(lh.presets)) {
    const so = p.ours.score.median;
    rows.push([`Lighthouse ${preset}: performance score`, fmt(so, 2), fmt(p.theirs.score.median, 2), '', preset === 'desktop' ? '≥ 0.98' : '(info)',
      preset === 'desktop' ? (so >= 0.98 ? '**met**' : `**missed** by ${fmt(0.98 - so, 2)}`) : '']);
    const lcpR = p.ours.lcp.median / p.theirs.lcp.median;
    rows.push([`Lighthouse ${preset}: LCP`, ms(p.ours.lcp.median), ms(p.theirs.lcp.median), x(lcpR), '≤ 0.5×', verdictRatio(lcpR, 0.5)]);
    const tbtR = p.theirs.tbt.median > 0 ? p.ours.tbt.median / p.theirs.tbt.median : (p.ours.tbt.median === 0 ? 0 : Infinity);
    rows.push([`Lighthouse ${preset}: TBT`, ms(p.ours.tbt.median), ms(p.theirs.tbt.median), x(tbtR), '≤ 0.25×', verdictRatio(tbtR, 0.25)]);
    const cls = p.ours.cls.median;
    rows.push([`Lighthouse ${preset}: CLS`, fmt(cls, 3), fmt(p.theirs.cls.median, 3), '', '≤ 0.05', cls <= 0.05 ? '**met**' : `**missed** by ${fmt(cls - 0.05, 3)}`]);
  }
}
if (lat) {
  const m = lat.frame.median;
  const floor = lat.plainFrame?.median;
  rows.push(['Input latency, 4× CPU: keystroke → message painted', ms(m, 1), floor === undefined ? '' : `${ms(floor, 1)} (same page, plain JS)`,
    floor === undefined ? '' : x(m / floor), '< 16 ms', m < 16 ? '**met**' : `**missed** by ${fmt(m - 16, 1)} ms`]);
}

if (imp) {
  const n = imp.rows.toLocaleString('en-US');
  rows.push([`Import ${n} rows: file chosen → preview shown`, ms(imp.shown.median), '', '', '< 1000 ms',
    imp.shown.median < 1000 ? '**met**' : `**missed** by ${ms(imp.shown.median - 1000)}`]);
  rows.push([`Import ${n} rows: confirmed → every row answered`, `${fmt(imp.importMs / 1000, 1)} s`, '', '', '< 60 s',
    imp.importMs < 60000 ? '**met**' : `**missed** by ${fmt(imp.importMs / 1000 - 60, 1)} s`]);
}

const tableMd = ['| measure (medians) | ours | baseline | ratio | target | verdict |', '|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

// What dominates, from the numbers.
if (bytes) {
  const o = bytes.ours.byKind;
  notes.push(`**Shipped bytes.** Ours: ${Object.entries(o).map(([k, v]) => `${k} ${kB(v.br)}`).join(', ')} ` +
    `(raw ${kB(bytes.ours.total.raw)}). react-admin: ${Object.entries(bytes.theirs.byKind).map(([k, v]) => `${k} ${kB(v.br)}`).join(', ')} ` +
    `(raw ${kB(bytes.theirs.total.raw)}). Byte counts are deterministic for a build, so they are measured once, not as medians.` +
    ` The wasm is ${fmt(100 * (o.wasm?.br || 0) / bytes.ours.total.br, 0)} % of our total.`);
}
if (first) {
  notes.push(`**First load** (Chromium at 1366 px, each file the page requested before its first list row appeared, counted at brotli-11 from the build): ` +
    `ours ${first.ours.files.map((f) => `${f.file} ${kB(f.br)}`).join(', ')}; ` +
    `react-admin ${first.theirs.files.map((f) => `${f.file} ${kB(f.br)}`).join(', ')}. ` +
    'The Add, Edit and Import views are chunks of their own (`split_*`, `chunk_*`), fetched when the pointer or focus first reaches a control.');
}
if (twiggy) {
  const names = twiggy.crates.find((c) => c.crate === '(names/custom sections)');
  const code = twiggy.total - (names ? names.size : 0);
  const top = twiggy.crates.filter((c) => !c.crate.startsWith('(names')).slice(0, 12);
  notes.push(`**What the wasm is made of** (twiggy on the app's wasm after wasm-bindgen and \`wasm-opt -Oz -g\`: the shipped code with its name section kept; ${kB(code)} without names). ` +
    `Shallow bytes by defining crate: ${top.map((c) => `${c.crate} ${kB(c.size)} (${fmt(100 * c.size / code, 0)} %)`).join(', ')}. ` +
    'Generic code is counted under the crate that defines it, so the reactive system (reactive_graph), the renderer (tachys) and ' +
    'the router (leptos_router) also carry the app\'s monomorphised views; `core`/`alloc` are mostly formatting and collections.');
}
if (table) {
  for (const n of table.sizes) {
    const s = table.sizesResult[n];
    notes.push(`**Table, ${n.toLocaleString('en-US')} rows.** Script part of the click (DOM built): ours ${spread(s.ours.script)}, plain ${spread(s.plain.script)}. ` +
      `Click → next rAF: ours ${spread(s.ours.raf)}, plain ${spread(s.plain.raf)}. ` +
      `Click → frame painted (rAF, then a posted message: includes style, layout and paint, which are the same markup on both sides): ` +
      `ours ${spread(s.ours.frame)}, plain ${spread(s.plain.frame)}.`);
  }
  if (table.profile) {
    const b = table.profile.breakdown;
    const line = (o) => Object.entries(o).filter(([, v]) => v >= 0.5).map(([k, v]) => `${k} ${fmt(v, 0)} ms`).join(', ');
    notes.push(`**Where the table's click time goes** (CPU profile of click → next rAF, ${table.profile.rows.toLocaleString('en-US')} rows, median self time of ${table.profile.runs} profiled clicks; ` +
      `the profiler slows everything, compare within a line): ours: ${line(b.ours)}; plain: ${line(b.plain)}. ` +
      'The DOM work is about the same on both sides; what ours adds is the wasm code itself (Leptos\'s renderer and reactive bookkeeping per row) ' +
      'and crossing the wasm boundary (wasm-bindgen glue, and every tag, attribute and text decoded from wasm memory into a JS string).');
  }
  notes.push(`Markup check: for 200 rows the two pages produce ${table.identical ? 'identical' : '**different**'} HTML ` +
    '(Leptos\'s empty placeholder comments `<!---->` removed before comparing).');
}
if (lh) {
  for (const [preset, p] of Object.entries(lh.presets)) {
    notes.push(`**Lighthouse ${preset}** (${lh.runs} runs each, alternated): ours score ${spread(p.ours.score, 2, '')}, LCP ${spread(p.ours.lcp)}, ` +
      `TBT ${spread(p.ours.tbt)}, CLS ${spread(p.ours.cls, 3, '')}, FCP ${spread(p.ours.fcp)}, transfer ${fmt(p.ours.transferKiB.median, 0)} KiB; ` +
      `react-admin score ${spread(p.theirs.score, 2, '')}, LCP ${spread(p.theirs.lcp)}, TBT ${spread(p.theirs.tbt)}, CLS ${spread(p.theirs.cls, 3, '')}, ` +
      `FCP ${spread(p.theirs.fcp)}, transfer ${fmt(p.theirs.transferKiB.median, 0)} KiB.` +
      ` Observed request chain of the first run (unthrottled; Lighthouse simulates the throttling from it): ours ${chain(p.ours.requests)}; react-admin ${chain(p.theirs.requests)}. ` +
      `Main-thread work (ours / react-admin): ${Object.keys({ ...p.ours.mainThread, ...p.theirs.mainThread }).map((k) => `${k} ${fmt(p.ours.mainThread[k], 0)} / ${fmt(p.theirs.mainThread[k], 0)} ms`).join(', ')}.` +
      (p.ours.warnings.length + p.theirs.warnings.length ? ` Lighthouse warnings: ${[...new Set([...p.ours.warnings, ...p.theirs.warnings])].join('; ')}` : ''));
  }
}
if (lat) {
  notes.push(`**Input latency** (${lat.keys} keystrokes at 4× CPU throttling): keystroke → message painted ${spread(lat.frame, 1)}; ` +
    `→ DOM updated ${spread(lat.dom, 1)}; → next rAF ${spread(lat.raf, 1)}. Message appearing (Backspace): median ${ms(lat.appear.median, 1)}; ` +
    `clearing ("b"): median ${ms(lat.clear.median, 1)}. ` +
    (lat.plainFrame ? `The floor, the same page and CSS with the wasm blocked and plain JavaScript showing the same message: ${spread(lat.plainFrame, 1)}. ` : '') +
    `Main-thread time per keystroke (trace of ${lat.traceKeys} more keys, 4×): ${Object.entries(lat.breakdown).map(([k, v]) => `${k} ${ms(v, 1)}`).join('; ')}. Chrome's own Event Timing (event → next paint, reported only when ≥ 16 ms): ${lat.eventTimingOver16} key/input events reported; keydown median ${ms(lat.eventTimingKeydown.median, 0)} (n=${lat.eventTimingKeydown.n}), input median ${ms(lat.eventTimingInput.median, 0)} (n=${lat.eventTimingInput.n}).`);
}

if (imp) {
  notes.push(`**Import** (a valid ${imp.rows.toLocaleString('en-US')}-row file of ${kB(imp.bytes)}, chosen through the file input, desktop width): ` +
    `file chosen → totals and table on screen (read, every row checked by the domain crate, first page drawn) ${spread(imp.shown)}; ` +
    `→ the existing-customers check over (one lookup request per batch of 500) ${spread(imp.checked)}. ` +
    `The import (4 create requests in flight, each with its Idempotency-Key) took ${fmt(imp.importMs / 1000, 1)} s and ended "${imp.summary}". ` +
    `The progress bar was on screen from ${ms(imp.progress.firstSeenMs)} after the confirmation in ${imp.progress.withBar} of ${imp.progress.samples} samples ` +
    `taken every 250 ms, moved in ${imp.progress.moving} of them, and the longest gap between samples was ${ms(imp.progress.longestGapMs)}.`);
}

const m = machine || {};
const shared = m.shared
  ? `**Shared machine**: other engineers' builds and tests ran during the benchmark (load average ${m.loadStart} at the start, ${m.loadEnd} at the end on ${m.nproc} cores; ${m.othersStart} other compiler/test processes at the start, ${m.othersEnd} at the end). Timings are noisy; runs were alternated so both sides share the noise, and the spreads below show it.`
  : `The machine looked idle apart from the benchmark (load average ${m.loadStart} → ${m.loadEnd} on ${m.nproc} cores).`;

const md = `# Performance report

Generated by \`scripts/bench.sh\` (the benchmark command; not part of \`scripts/test.sh\`). How it measures: \`bench/README.md\`.

- Date: ${m.date}
- Machine: ${m.nproc} cores (\`nproc\`), ${m.memory} memory, CPU ${m.cpu}
- Browser: ${m.chromium} (Debian's \`/usr/bin/chromium\`, headless; the same binary for every measurement)
- Code: commit ${m.commit}${m.dirty ? ' with uncommitted changes in the working tree (others work in parallel; the build measured is the working tree at the time)' : ''}
- Runs: table rendering ${table ? table.runs : '?'} alternated runs per size and side; Lighthouse ${lh ? lh.runs : '?'} alternated runs per preset and side (slow: fewer runs, as allowed); input latency ${lat ? lat.keys : '?'} keystrokes; import preview ${imp ? imp.runs : '?'} fresh page loads, the import once (it creates the customers); bytes once (deterministic).
- Duration: ${m.duration}
- ${shared}

## Figures

${tableMd}

Ratios are ours ÷ baseline (lower is better). Baselines: a react-admin 5 app with the same three screens built by Vite (\`bench/react-admin/\`) for bytes and Lighthouse; plain JavaScript building identical markup (\`bench/table/plain.js\`) for table rendering.

## Details and what dominates

Experiments behind these explanations (variants of the table row, the LCP request chain, the latency trace) and what they suggest: \`bench/README.md\`, "Findings".

${notes.map((n) => `- ${n}`).join('\n')}

${twiggy ? `### \`twiggy top -n 20\` (app wasm after wasm-bindgen and \`wasm-opt -Oz -g\`)\n\n\`\`\`\n${twiggy.top.trim()}\n\`\`\`\n` : ''}
`;
fs.writeFileSync(path.join(BENCH, 'REPORT.md'), md);
console.log(`\n${tableMd}\n\nwrote bench/REPORT.md`);

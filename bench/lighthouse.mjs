// Lighthouse 12.2.3 (performance category) on our Customers tab and on the react-admin baseline,
// desktop and mobile presets, alternating ours / react-admin. Chrome is Debian's /usr/bin/chromium
// (CHROME_PATH), with the same flags as the other drivers (lib.mjs): headless, background
// networking off, non-loopback requests sent to a dead proxy, so nothing leaves the machine.
//   node bench/lighthouse.mjs --ours URL --theirs URL [--runs 3]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH, CHROMIUM, CHROME_ARGS, stats, writeResult, arg, fmt } from './lib.mjs';

const urls = { ours: arg('--ours'), theirs: arg('--theirs') };
const runs = Number(arg('--runs', '3'));
const presets = arg('--presets', 'desktop,mobile').split(',');
const LIGHTHOUSE = path.join(BENCH, 'node_modules', 'lighthouse', 'cli', 'index.js');
const FLAGS = CHROME_ARGS.join(' ');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lh-'));

function once(which, preset, i) {
  const out = path.join(tmp, `${which}-${preset}-${i}.json`);
  const args = [LIGHTHOUSE, urls[which], '--only-categories=performance', '--output=json', `--output-path=${out}`,
    `--chrome-flags=${FLAGS}`, '--quiet', '--disable-full-page-screenshot', '--max-wait-for-load=60000'];
  if (preset === 'desktop') args.push('--preset=desktop');
  execFileSync(process.execPath, args, { env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ['ignore', 'ignore', 'inherit'] });
  const lhr = JSON.parse(fs.readFileSync(out, 'utf8'));
  const a = lhr.audits;
  if (lhr.runtimeError) throw new Error(`${which} ${preset}: ${lhr.runtimeError.message}`);
  // The observed (unthrottled) request chain: what has to arrive before what.
  const requests = (a['network-requests']?.details?.items || []).map((i) => ({
    path: new URL(i.url).pathname.replace(/-[0-9a-zA-Z_]{8,}(?=[._])/, '-<hash>'),
    type: i.resourceType, start: i.networkRequestTime, end: i.networkEndTime, kB: i.transferSize / 1000,
  }));
  const mainThread = Object.fromEntries((a['mainthread-work-breakdown']?.details?.items || []).map((i) => [i.groupLabel || i.group, i.duration]));
  return {
    requests,
    mainThread,
    score: lhr.categories.performance.score,
    lcp: a['largest-contentful-paint'].numericValue,
    tbt: a['total-blocking-time'].numericValue,
    cls: a['cumulative-layout-shift'].numericValue,
    fcp: a['first-contentful-paint'].numericValue,
    transferKiB: a['total-byte-weight'].numericValue / 1024,
    warnings: lhr.runWarnings,
  };
}

function medianOfKeys(objects) {
  const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
  return Object.fromEntries(keys.map((k) => [k, stats(objects.map((o) => o[k] ?? 0)).median]));
}

const raw = {};
for (const preset of presets) {
  raw[preset] = { ours: [], theirs: [] };
  for (let i = 0; i < runs; i++) {
    const order = i % 2 ? ['theirs', 'ours'] : ['ours', 'theirs'];
    for (const which of order) {
      raw[preset][which].push(once(which, preset, i));
      process.stdout.write(`lighthouse: ${preset} ${which} run ${i + 1}/${runs}      \r`);
    }
  }
}
fs.rmSync(tmp, { recursive: true, force: true });

const result = { runs, urls, presets: {} };
for (const preset of presets) {
  const p = {};
  for (const which of ['ours', 'theirs']) {
    const r = raw[preset][which];
    p[which] = {
      score: stats(r.map((x) => x.score)), lcp: stats(r.map((x) => x.lcp)), tbt: stats(r.map((x) => x.tbt)),
      cls: stats(r.map((x) => x.cls)), fcp: stats(r.map((x) => x.fcp)), transferKiB: stats(r.map((x) => x.transferKiB)),
      warnings: [...new Set(r.flatMap((x) => x.warnings))],
      requests: r[0].requests,
      mainThread: medianOfKeys(r.map((x) => x.mainThread)),
    };
  }
  result.presets[preset] = p;
  console.log(`lighthouse ${preset}: score ours ${fmt(p.ours.score.median, 2)} / react-admin ${fmt(p.theirs.score.median, 2)}; ` +
    `LCP ${fmt(p.ours.lcp.median, 0)} / ${fmt(p.theirs.lcp.median, 0)} ms; TBT ${fmt(p.ours.tbt.median, 0)} / ${fmt(p.theirs.tbt.median, 0)} ms; ` +
    `CLS ${fmt(p.ours.cls.median, 3)} / ${fmt(p.theirs.cls.median, 3)}`);
}
writeResult('lighthouse', result);

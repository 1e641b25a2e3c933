// Shared helpers for the benchmark drivers: Debian's Chromium through playwright-core (never a
// downloaded browser), statistics, and result files under bench/results/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

export const BENCH = path.dirname(fileURLToPath(import.meta.url));
export const RESULTS = path.join(BENCH, 'results');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROME_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-extensions',
  '--disable-default-apps', '--metrics-recording-only', '--mute-audio',
  // Nothing may leave the machine: every non-loopback request goes to a dead proxy (loopback is
  // never proxied).
  '--proxy-server=http://127.0.0.1:9',
];

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROME_ARGS });
}

export function median(values) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

export function quantile(values, q) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const pos = (v.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}

/** Median with the spread: min, interquartile range and max. */
export function stats(values) {
  return {
    n: values.length,
    median: median(values),
    min: Math.min(...values),
    p25: quantile(values, 0.25),
    p75: quantile(values, 0.75),
    max: Math.max(...values),
    values,
  };
}

export function writeResult(name, data) {
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(path.join(RESULTS, `${name}.json`), JSON.stringify(data, null, 2));
}

export function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

export const fmt = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

/** Every file under `dir`, recursively. */
export function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(path.join(dir, d.name)) : [path.join(dir, d.name)]);
}

/** The kinds of file counted as shipped code and markup, by extension. */
export const KINDS = { '.html': 'html', '.js': 'js', '.mjs': 'js', '.wasm': 'wasm', '.css': 'css' };

/** Size of `bytes` at brotli quality 11 (Node's zlib), as the release build precompresses. */
export function brotli11(bytes) {
  return zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;
}

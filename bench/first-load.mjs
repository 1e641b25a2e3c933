// First-load bytes: what a first visit fetches of an app's own files (HTML, JS, wasm, CSS) before
// its list shows, each counted at brotli-11 from the build directory. Lazy chunks fetched later
// do not count; API responses are data, not the app, and are left out on both sides.
//   node bench/first-load.mjs --ours-url URL --ours-dir dist --theirs-url URL --theirs-dir DIR
import fs from 'node:fs';
import path from 'node:path';
import { launch, writeResult, arg, fmt, KINDS, brotli11 } from './lib.mjs';

// What "the list shows" means on each side: a customer's name in its row.
const OURS_READY = '[role=rowheader]';
const THEIRS_READY = '.RaDatagrid-row';

async function firstLoad(browser, url, dir, ready) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 850 } });
  const page = await context.newPage();
  const requested = [];
  page.on('request', (r) => requested.push({ url: r.url(), type: r.resourceType() }));
  await page.goto(url);
  await page.waitForSelector(ready, { timeout: 60_000 });
  const before = [...requested];
  await context.close();

  const out = { files: [], br: 0, raw: 0 };
  const seen = new Set();
  for (const { url: u, type } of before) {
    const pathname = decodeURIComponent(new URL(u).pathname);
    // The document is the app's index.html whatever route it was asked for.
    const rel = type === 'document' ? 'index.html' : path.basename(pathname);
    if (!KINDS[path.extname(rel)] || seen.has(rel)) continue;
    const file = type === 'document' ? path.join(dir, rel) : findUnder(dir, pathname);
    if (!file) continue;
    seen.add(rel);
    const raw = fs.readFileSync(file);
    const br = brotli11(raw);
    out.files.push({ file: path.relative(dir, file), raw: raw.length, br });
    out.br += br;
    out.raw += raw.length;
  }
  return out;
}

/** The build file a URL path names: the longest suffix of the path that exists under `dir`. */
function findUnder(dir, pathname) {
  const parts = pathname.split('/').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const file = path.join(dir, ...parts.slice(i));
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return null;
}

const browser = await launch();
try {
  const ours = await firstLoad(browser, arg('--ours-url'), arg('--ours-dir'), OURS_READY);
  const theirs = await firstLoad(browser, arg('--theirs-url'), arg('--theirs-dir'), THEIRS_READY);
  const ratio = ours.br / theirs.br;
  const kb = (n) => fmt(n / 1000, 1);
  for (const [name, m] of [['ours', ours], ['react-admin', theirs]]) {
    console.log(`first load ${name}: ${kb(m.br)} kB brotli-11 in ${m.files.length} files: ` +
      m.files.map((f) => `${f.file} ${kb(f.br)}`).join(', '));
  }
  console.log(`first load ratio ours / react-admin: ${fmt(ratio, 2)}×`);
  writeResult('first-load', { ours, theirs, ratio });
} finally {
  await browser.close();
}

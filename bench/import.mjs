// Import customers (issue 17) with a 5,000-row file against the local server: how long from the
// file chosen to the preview shown (every row checked by the domain crate in wasm, the table
// drawn), and from the confirmed import to the last row answered, with the progress bar sampled
// throughout. The preview is timed on fresh page loads (`--runs`); the import runs once, since it
// creates the customers (a second run of the same file would skip them all).
//   node bench/import.mjs --base http://127.0.0.1:PORT [--rows 5000] [--runs 5]
import { launch, stats, writeResult, arg, fmt } from './lib.mjs';

const base = arg('--base');
const rows = Number(arg('--rows', '5000'));
const runs = Number(arg('--runs', '5'));
const tag = `Bench ${Date.now().toString(36)}`;

/** A valid file of `rows` customers, each with a name and domain of its own. */
function csv() {
  const lines = ['Organization name,Domain,User Licenses,Extra Storage,Notify Users,Storage Type'];
  for (let i = 1; i <= rows; i++) {
    const domain = `${tag.toLowerCase().replace(/ /g, '-')}-${i}.fi`;
    lines.push(`${tag} ${i} Oy,${domain},${1 + (i % 300)},${i % 2 ? '1 TB' : '500 GB'},it@${domain};cto@${domain},${i % 3 ? 'Azure (Ireland)' : 'Finnish S3 Storage'}`);
  }
  return lines.join('\r\n') + '\r\n';
}
const text = csv();

/** Marks, in the page's clock, the file input's change and the first frame showing the totals
 *  (read, checked and drawn) and the first frame with the existing-customers check over. */
async function armPreviewClock(page) {
  await page.evaluate(() => {
    window.__preview = {};
    const input = document.querySelector('#cm-import-file');
    input.addEventListener('change', () => { window.__preview.chosen = performance.now(); }, { capture: true });
    const watch = () => {
      const totals = document.querySelector('.cm-import__totals');
      const now = performance.now();
      if (totals && window.__preview.shown === undefined) window.__preview.shown = now;
      if (totals && !document.querySelector('.cm-import__checking')) {
        window.__preview.checked = now;
        return;
      }
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  });
}

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
const shown = [];
const checked = [];
let page;
for (let run = 0; run < runs; run++) {
  if (page) await page.close();
  page = await context.newPage();
  await page.goto(`${base}/customers/import`);
  await page.waitForSelector('#cm-import-file');
  await armPreviewClock(page);
  await page.locator('#cm-import-file').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  await page.waitForFunction(() => window.__preview.checked !== undefined, null, { timeout: 60_000, polling: 50 });
  const p = await page.evaluate(() => window.__preview);
  shown.push(p.shown - p.chosen);
  checked.push(p.checked - p.chosen);
  const totals = await page.textContent('.cm-import__totals');
  if (!totals.startsWith(`${rows.toLocaleString('en-US')} ready`) && !totals.startsWith(`${rows} ready`)) {
    throw new Error(`import bench: the preview says "${totals}", not ${rows} ready`);
  }
  console.log(`  preview run ${run + 1}: shown ${fmt(shown.at(-1), 0)} ms, checked ${fmt(checked.at(-1), 0)} ms`);
}

// The import itself, on the last preview: progress sampled every 250 ms until it is finished.
const started = Date.now();
await page.getByRole('button', { name: new RegExp(`^Import ${rows.toLocaleString('en-US')} customers$|^Import ${rows} customers$`) }).click();
await page.getByRole('dialog').getByRole('button', { name: 'Import', exact: true }).click();
const samples = [];
for (;;) {
  const sample = await page.evaluate(() => {
    const bar = document.querySelector('#cm-import-progress');
    return {
      value: bar ? Number(bar.value) : null,
      max: bar ? Number(bar.max) : null,
      status: document.querySelector('.cm-import__status')?.textContent ?? '',
    };
  });
  samples.push({ t: Date.now() - started, ...sample });
  if (sample.status === 'Import finished' || Date.now() - started > 600_000) break;
  await page.waitForTimeout(250);
}
const importMs = Date.now() - started;
const summary = await page.textContent('.cm-import__summary-line');
await browser.close();

const withBar = samples.filter((s) => s.value !== null);
const gaps = withBar.slice(1).map((s, i) => s.t - withBar[i].t);
const result = {
  rows,
  runs,
  bytes: Buffer.byteLength(text),
  shown: stats(shown),
  checked: stats(checked),
  importMs,
  summary,
  progress: {
    samples: samples.length,
    withBar: withBar.length,
    firstSeenMs: withBar[0]?.t ?? null,
    longestGapMs: gaps.length ? Math.max(...gaps) : null,
    moving: withBar.filter((s, i) => i > 0 && s.value > withBar[i - 1].value).length,
  },
};
writeResult('import', result);
console.log(`import: ${rows} rows (${fmt(result.bytes / 1000, 0)} kB): preview shown ${fmt(result.shown.median, 0)} ms (median of ${runs}), ` +
  `existing-customers check over ${fmt(result.checked.median, 0)} ms; import ${fmt(importMs / 1000, 1)} s: ${summary}`);
if (summary !== `${rows.toLocaleString('en-US')} created, 0 already existed (skipped), 0 failed` && summary !== `${rows} created, 0 already existed (skipped), 0 failed`) {
  throw new Error(`import bench: the import ended with "${summary}"`);
}

// Table rendering: the app's CustomersTable (Leptos, bench/table/src/main.rs) vs plain JavaScript
// (bench/table/plain.js) building the same markup for the same rows. One run = a fresh page that
// prepares N rows, then a click on #render; we time performance.now() from just before the click
// to the next animation frame (rAF: the target metric) and to just after that frame (rAF + a
// posted message, i.e. after style, layout and paint; information only). Runs alternate ours / plain for each size.
//   node bench/table.mjs --base http://127.0.0.1:PORT [--runs 10] [--sizes 1000,10000]
import { launch, stats, writeResult, arg, fmt } from './lib.mjs';

const base = arg('--base');
const runs = Number(arg('--runs', '10'));
const sizes = arg('--sizes', '1000,10000').split(',').map(Number);
const PAGES = { ours: 'index.html', plain: 'plain.html' };

const browser = await launch();

async function open(which, n) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}/${PAGES[which]}?n=${n}`);
  await page.waitForSelector('#render:not([disabled])', { timeout: 60000 });
  if (errors.length) throw new Error(`${which}: ${errors.join('; ')}`);
  return { context, page };
}

async function markup(which, n) {
  const { context, page } = await open(which, n);
  await page.click('#render');
  await page.waitForSelector('#mount table');
  const html = await page.$eval('#mount', (e) => e.innerHTML);
  await context.close();
  // Leptos marks empty optional slots with empty comments; they are not markup the user sees.
  return html.replace(/<!---->/g, '');
}

async function once(which, n, painted) {
  const { context, page } = await open(which, n);
  // Let start-up work settle: two frames and a short idle.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 200)))));
  const t = await page.evaluate((painted) => new Promise((resolve) => {
    const button = document.getElementById('render');
    const t0 = performance.now();
    button.click();
    const script = performance.now() - t0;
    requestAnimationFrame(() => {
      const raf = performance.now() - t0;
      const rows = document.querySelectorAll('#mount tbody tr').length;
      if (!painted) return resolve({ script, raf, frame: NaN, rows });
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({ script, raf, frame: performance.now() - t0, rows });
      channel.port2.postMessage(0);
    });
  }), painted);
  await context.close();
  if (t.rows !== n) throw new Error(`${which} rendered ${t.rows} rows, expected ${n}`);
  return t;
}

const check = { ours: await markup('ours', 200), plain: await markup('plain', 200) };
const identical = check.ours === check.plain;
console.log(`table: markup for 200 rows identical: ${identical ? 'yes' : 'NO'} (${check.ours.length} chars)`);
if (!identical) {
  let i = 0;
  while (check.ours[i] === check.plain[i]) i++;
  console.log(`  first difference at ${i}:\n  ours:  ${check.ours.slice(i - 80, i + 120)}\n  plain: ${check.plain.slice(i - 80, i + 120)}`);
}

const PAINTED_RUNS = 3;
const raw = {};
for (const n of sizes) raw[n] = { ours: [], plain: [] };
for (let r = 0; r < runs; r++) {
  for (const n of sizes) {
    // Alternate which goes first so neither always runs on a warmer machine.
    const order = r % 2 ? ['plain', 'ours'] : ['ours', 'plain'];
    // Waiting for 10,000 rows to be laid out and painted takes many seconds: the painted time
    // (information only) is taken in the first PAINTED_RUNS runs of the large size.
    const painted = n <= 1000 || r < PAINTED_RUNS;
    for (const which of order) raw[n][which].push(await once(which, n, painted));
  }
  process.stdout.write(`table: run ${r + 1}/${runs}\r`);
}
process.stdout.write('\n');

// Where the click's time goes: a CPU profile of the click → next rAF (console.profile around it),
// self time summed into categories. Wasm function names are stripped in the release build, so
// all wasm is one category; the JS glue and the DOM calls it makes are named.
function category(frame) {
  const name = frame.functionName || '';
  if (frame.url.startsWith('wasm://') || frame.url.endsWith('.wasm') || /^\$|^wasm-function/.test(name)) return 'wasm code';
  if (['(program)', '(idle)', '(root)'].includes(name)) return null;
  if (name === '(garbage collector)') return 'garbage collection';
  if (/^(decode|decodeText|getStringFromWasm0|passStringToWasm0|encode|encodeInto|get buffer|getUint8ArrayMemory0)$/.test(name)) return 'strings across the wasm boundary';
  if (name === 'wasm-to-js' || name === 'js-to-wasm' || frame.url.includes('bench-table') || /^__wbg|^__wbindgen|handleError|addToExternrefTable/.test(name)) return 'wasm-bindgen glue';
  if (frame.url === '') return 'DOM calls (native)';
  return 'page JavaScript';
}

async function profile(which, n) {
  const { context, page } = await open(which, n);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  const finished = new Promise((resolve) => cdp.once('Profiler.consoleProfileFinished', resolve));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 200))));
  await page.evaluate(() => new Promise((resolve) => {
    console.profile('render');
    document.getElementById('render').click();
    requestAnimationFrame(() => {
      console.profileEnd('render');
      resolve();
    });
  }));
  const { profile: prof } = await finished;
  await context.close();
  const byId = new Map(prof.nodes.map((node) => [node.id, node]));
  const self = {};
  prof.samples.forEach((id, i) => {
    const c = category(byId.get(id).callFrame);
    if (c) self[c] = (self[c] || 0) + (prof.timeDeltas[i] || 0) / 1000;
  });
  return self;
}

const PROFILE_RUNS = 3;
const PROFILE_ROWS = 1000;
const profiles = { ours: [], plain: [] };
for (let r = 0; r < PROFILE_RUNS; r++) for (const which of ['ours', 'plain']) profiles[which].push(await profile(which, PROFILE_ROWS));
const breakdown = {};
for (const which of ['ours', 'plain']) {
  const keys = [...new Set(profiles[which].flatMap((p) => Object.keys(p)))];
  breakdown[which] = Object.fromEntries(keys.map((k) => [k, stats(profiles[which].map((p) => p[k] || 0)).median]).sort((a, b) => b[1] - a[1]));
  console.log(`table profile ${which} (${PROFILE_ROWS} rows, median self time of ${PROFILE_RUNS} profiled clicks): ` +
    Object.entries(breakdown[which]).map(([k, v]) => `${k} ${fmt(v, 0)} ms`).join(', '));
}

const result = { runs, sizes, identical, paintedRunsLarge: PAINTED_RUNS, profile: { rows: PROFILE_ROWS, runs: PROFILE_RUNS, breakdown }, sizesResult: {} };
for (const n of sizes) {
  const s = {};
  for (const which of ['ours', 'plain']) {
    s[which] = {
      script: stats(raw[n][which].map((t) => t.script)),
      raf: stats(raw[n][which].map((t) => t.raf)),
      frame: stats(raw[n][which].map((t) => t.frame).filter(Number.isFinite)),
    };
  }
  // The target metric is click → next rAF; the painted frame is information.
  s.ratio = s.ours.raf.median / s.plain.raf.median;
  s.ratioPainted = s.ours.frame.median / s.plain.frame.median;
  result.sizesResult[n] = s;
  console.log(`table ${n} rows: click→next rAF ours ${fmt(s.ours.raf.median)} ms, plain ${fmt(s.plain.raf.median)} ms, ratio ${fmt(s.ratio, 2)}×; ` +
    `click→frame painted ours ${fmt(s.ours.frame.median)} / plain ${fmt(s.plain.frame.median)} ms, ratio ${fmt(s.ratioPainted, 2)}× ` +
    `(script ours ${fmt(s.ours.script.median)} / plain ${fmt(s.plain.script.median)} ms)`);
}
await browser.close();
writeResult('table', result);

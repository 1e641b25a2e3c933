// Input latency in the Add customer form at 4× CPU throttling: the "Organization name" field
// validates as you type once it has lost focus. With "A" typed and the field left once (so
// "must be at least 2 characters" shows), each keystroke alternately fixes ("b") and breaks
// (Backspace) the value, so the field's message area changes on every key. We time from the
// keydown's event.timeStamp (when the browser created the input event) to the DOM change in
// the message area, to the next animation frame, and to just after that frame (painted).
// Chrome's own Event Timing entries (key → next paint, ≥ 16 ms only) are counted as a cross-check.
//   node bench/latency.mjs --base http://127.0.0.1:PORT [--keys 20]
import { launch, stats, writeResult, arg, fmt } from './lib.mjs';

const base = arg('--base');
const keys = Number(arg('--keys', '20'));
const FIELD = '#cm-organization-name';
const MESSAGES = '#cm-organization-name-message';

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await context.newPage();
await page.goto(`${base}/customers/new`);
await page.waitForSelector(FIELD);
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });

await page.click(FIELD);
await page.keyboard.type('A');
await page.keyboard.press('Tab');
await page.waitForSelector(`${MESSAGES} .cm-field__error`);
await page.focus(FIELD);
await page.keyboard.press('End');
await page.waitForTimeout(500);

await page.evaluate(({ FIELD, MESSAGES }) => {
  window.__lat = [];
  window.__eventTiming = [];
  let pending = null;
  document.addEventListener('keydown', (e) => {
    if (e.target.matches(FIELD)) pending = { key: e.key, t0: e.timeStamp };
  }, true);
  new MutationObserver(() => {
    if (!pending) return;
    const p = pending;
    pending = null;
    p.dom = performance.now() - p.t0;
    p.error = !!document.querySelector(`${MESSAGES} .cm-field__error`);
    requestAnimationFrame(() => {
      p.raf = performance.now() - p.t0;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        p.frame = performance.now() - p.t0;
        window.__lat.push(p);
      };
      channel.port2.postMessage(0);
    });
  }).observe(document.querySelector(MESSAGES), { childList: true, subtree: true, characterData: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (['keydown', 'keypress', 'keyup', 'input', 'beforeinput'].includes(e.name)) {
        window.__eventTiming.push({ name: e.name, duration: e.duration, start: e.startTime });
      }
    }
  }).observe({ type: 'event', durationThreshold: 16 });
}, { FIELD, MESSAGES });

for (let i = 0; i < keys; i++) {
  await page.keyboard.press(i % 2 === 0 ? 'b' : 'Backspace');
  await page.waitForFunction((n) => window.__lat.length >= n, i + 1, { polling: 100, timeout: 10000 });
  await page.waitForTimeout(250);
}
const samples = await page.evaluate(() => window.__lat);
const eventTiming = await page.evaluate(() => window.__eventTiming);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
await browser.close();

const slowKeys = new Set(eventTiming.filter((e) => e.name === 'keydown' || e.name === 'input').map((e) => Math.round(e.start)));
const result = {
  throttling: 4,
  keys: samples.length,
  frame: stats(samples.map((s) => s.frame)),
  raf: stats(samples.map((s) => s.raf)),
  dom: stats(samples.map((s) => s.dom)),
  appear: stats(samples.filter((s) => s.error).map((s) => s.frame)),
  clear: stats(samples.filter((s) => !s.error).map((s) => s.frame)),
  eventTimingOver16: slowKeys.size,
  eventTiming,
  samples,
};
console.log(`latency (4× CPU): keystroke→message painted median ${fmt(result.frame.median)} ms ` +
  `(DOM updated ${fmt(result.dom.median)} ms, next rAF ${fmt(result.raf.median)} ms; ` +
  `min ${fmt(result.frame.min)}, max ${fmt(result.frame.max)}; ${samples.length} keys; ` +
  `Event Timing ≥ 16 ms on ${result.eventTimingOver16})`);
writeResult('latency', result);

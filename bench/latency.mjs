// Input latency in the Add customer form at 4× CPU throttling: the "Organization name" field
// validates as you type once it has lost focus. With "A" typed and the field left once (so
// "must be at least 2 characters" shows), each keystroke alternately fixes ("b") and breaks
// (Backspace) the value, so the field's message area changes on every key. We time from the
// keydown's event.timeStamp (when the browser created the input event) to the DOM change in
// the message area, to the next animation frame, and to just after that frame (painted).
// Chrome's own Event Timing entries (key → next paint, ≥ 16 ms only) are counted as a cross-check.
// The same keys are then timed on the same page driven by plain JavaScript: the browser's floor.
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
// The form as the app rendered it, for the plain JavaScript floor below.
const formHtml = await page.evaluate(() => document.body.innerHTML);
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
const samples = await timeKeys(page);

/** Primes the field (one character, then Tab, so the error shows) and times `keys` keystrokes. */
async function timeKeys(page) {
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
  return page.evaluate(() => window.__lat);
}
const eventTiming = await page.evaluate(() => window.__eventTiming);

// Where a keystroke's main-thread time goes: a trace of 10 more keystrokes; the key events'
// dispatch (their nesting merged: the app's handlers, validation and DOM update) against
// Chromium's rendering steps for the frame that shows the change.
const TRACE_KEYS = 10;
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' });
for (let i = 0; i < TRACE_KEYS; i++) {
  await page.keyboard.press(i % 2 === 0 ? 'b' : 'Backspace');
  await page.waitForTimeout(300);
}
const traced = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
await cdp.send('Tracing.end');
const { stream } = await traced;
let traceText = '';
for (;;) {
  const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream });
  traceText += base64Encoded ? Buffer.from(data, 'base64').toString() : data;
  if (eof) break;
}
await cdp.send('IO.close', { handle: stream });
const trace = JSON.parse(traceText);
const traceEvents = Array.isArray(trace) ? trace : trace.traceEvents;
const KEY_EVENTS = new Set(['keydown', 'keypress', 'textInput', 'beforeinput', 'input', 'keyup']);
const dispatch = traceEvents.filter((e) => e.ph === 'X' && e.name === 'EventDispatch' && KEY_EVENTS.has(e.args?.data?.type));
const mainThread = dispatch.length ? `${dispatch[0].pid}:${dispatch[0].tid}` : null;
const onMain = (e) => e.ph === 'X' && `${e.pid}:${e.tid}` === mainThread;
// The outermost of (possibly nested) events, so nothing is counted twice.
const outermost = (events) => {
  const out = [];
  let reach = -Infinity;
  for (const e of [...events].sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
    if (e.ts + e.dur <= reach) continue;
    out.push(e);
    reach = e.ts + e.dur;
  }
  return out;
};
const keyEvents = outermost(dispatch);
const inKeyEvent = (e) => keyEvents.some((k) => e.ts >= k.ts && e.ts + e.dur <= k.ts + k.dur);
// Script the key events run: the app's handlers and the reactive updates and DOM changes they
// trigger (wasm through its JS glue), in listeners and the microtasks after them.
const appScript = outermost(traceEvents.filter((e) => onMain(e) && ['FunctionCall', 'RunMicrotasks'].includes(e.name) && inKeyEvent(e)));
const total = (events, field) => events.reduce((sum, e) => sum + (e[field] ?? 0), 0) / 1000 / TRACE_KEYS;
const perKey = (names, field = 'dur') => total(outermost(traceEvents.filter((e) => onMain(e) && names.includes(e.name))), field);
const split = (field) => ({
  'key events: app script (handlers, validation, reactive DOM update)': total(appScript, field),
  "key events: the browser's own (text editing, event dispatch, forced style and layout)": total(keyEvents, field) - total(appScript, field),
  'style recalculation (all)': perKey(['UpdateLayoutTree'], field),
  'layout (all)': perKey(['Layout'], field),
  'pre-paint, paint, layerize': perKey(['PrePaint', 'Paint', 'Layerize'], field),
  'commit to the compositor': perKey(['Commit'], field),
});
// Wall time, and the main thread's CPU time (less sensitive to other processes on a loaded
// machine). Style and layout include what the key events forced.
const breakdown = split('dur');
const breakdownCpu = split('tdur');

// The floor: the same page (the app's HTML and CSS, captured above) with the wasm blocked and
// ten lines of plain JavaScript showing and clearing the same message. What the browser itself
// needs from keystroke to painted message on this machine at 4×; the app cannot go below it.
// A fresh context: the app's page must not keep its renderer busy meanwhile.
await context.close();
const plainContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const plainPage = await plainContext.newPage();
await plainPage.route(/\.wasm$/, (route) => route.abort());
await plainPage.goto(`${base}/customers/new`);
await plainPage.evaluate(({ html, FIELD, MESSAGES }) => {
  document.body.innerHTML = html;
  const input = document.querySelector(FIELD);
  const messages = document.querySelector(MESSAGES);
  const field = input.closest('.cm-field');
  input.addEventListener('input', () => {
    const bad = input.value.trim().length < 2;
    const shown = messages.querySelector('.cm-field__error');
    if (bad && !shown) {
      const p = document.createElement('p');
      p.className = 'cm-field__error';
      const prefix = document.createElement('span');
      prefix.className = 'cm-visually-hidden';
      prefix.textContent = 'Error: ';
      p.append(prefix, 'Organization name must be at least 2 characters.');
      messages.append(p);
    } else if (!bad && shown) {
      shown.remove();
    }
    input.setAttribute('aria-invalid', String(bad));
    field.classList.toggle('cm-field--invalid', bad);
  });
}, { html: formHtml, FIELD, MESSAGES });
const plainCdp = await plainContext.newCDPSession(plainPage);
await plainCdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
const plainSamples = await timeKeys(plainPage);
await browser.close();

const slowKeys = new Set(eventTiming.filter((e) => e.name === 'keydown' || e.name === 'input').map((e) => Math.round(e.start)));
const result = {
  throttling: 4,
  breakdown,
  breakdownCpu,
  traceKeys: TRACE_KEYS,
  keys: samples.length,
  frame: stats(samples.map((s) => s.frame)),
  plainFrame: stats(plainSamples.map((s) => s.frame)),
  raf: stats(samples.map((s) => s.raf)),
  dom: stats(samples.map((s) => s.dom)),
  appear: stats(samples.filter((s) => s.error).map((s) => s.frame)),
  clear: stats(samples.filter((s) => !s.error).map((s) => s.frame)),
  eventTimingOver16: slowKeys.size,
  eventTimingKeydown: stats(eventTiming.filter((e) => e.name === 'keydown').map((e) => e.duration)),
  eventTimingInput: stats(eventTiming.filter((e) => e.name === 'input').map((e) => e.duration)),
  eventTiming,
  samples,
};
console.log(`latency (4× CPU): keystroke→message painted median ${fmt(result.frame.median)} ms ` +
  `(DOM updated ${fmt(result.dom.median)} ms, next rAF ${fmt(result.raf.median)} ms; ` +
  `min ${fmt(result.frame.min)}, max ${fmt(result.frame.max)}; ${samples.length} keys; ` +
  `Event Timing ≥ 16 ms on ${result.eventTimingOver16})`);
console.log(`latency floor (same page and CSS, plain JavaScript, 4× CPU): keystroke→message painted median ${fmt(result.plainFrame.median)} ms ` +
  `(min ${fmt(result.plainFrame.min)}, max ${fmt(result.plainFrame.max)}; ${plainSamples.length} keys)`);
console.log(`latency main-thread time per key (4×, traced): ${Object.entries(breakdown).map(([k, v]) => `${k} ${fmt(v, 1)} ms`).join(', ')}`);
console.log(`latency main-thread CPU time per key (4×, traced): ${Object.entries(breakdownCpu).map(([k, v]) => `${k} ${fmt(v, 1)} ms`).join(', ')}`);
writeResult('latency', result);

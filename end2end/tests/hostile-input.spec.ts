import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

import { charCount, HOSTILE, normalised } from '../fixtures/hostile';
import { addForm, type Customer } from './support/app';

// Hostile input (issue 9): a corpus of XSS and injection payloads, stored through the API as
// organization names and typed into every text field of the Add form and the list's search, must
// show as the exact text everywhere (list, edit view, dialogs, toasts, CSV export with formula
// cells neutralised), with no script running (the `window.__xss` canary stays undefined, no
// dialog opens), no markup injected and no Content-Security-Policy violation.
//
// The corpus lives in the "small" demo reseller, so its 60-odd odd-looking names never crowd the
// demo reseller's list that the other specs read. Every name ends with a tag unique to the worker,
// so parallel workers (and re-runs against one server) never collide.
//
// On PostgreSQL (the phone project) the corpus is stored, listed, searched, resent and exported
// as on SQLite. The tests tagged @desktop-only (playwright.config.ts) run at 1366 px on SQLite
// only: they show names the list already read back from both backends, in views whose text
// depends on neither the width nor the backend (the edit view, its confirmation and toast; the
// Add form's fields), and save through the same create and edit requests that add-customer and
// edit-customer check on both backends.
const DESKTOP_ONLY = { tag: '@desktop-only' };

const SMALL = { Authorization: 'Bearer small-token' };

type Stored = { kind: string; text: string; name: string; id: string; version: number };

/** This worker's corpus, created once. */
let corpus: Stored[] = [];
let tag = '';
/** Ends the names created through the Add form, so they stay out of the corpus's list. */
let uiTag = '';

test.beforeAll(async ({ playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  expect(HOSTILE.length).toBeGreaterThanOrEqual(50);
  tag = `hx${Date.now().toString(36).slice(-5)}${Math.random().toString(36).slice(2, 5)}`;
  uiTag = `ux${Date.now().toString(36).slice(-5)}${Math.random().toString(36).slice(2, 5)}`;
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: SMALL });
  corpus = [];
  for (const { kind, text } of HOSTILE) {
    const name = `${text} ${tag}`;
    expect(charCount(normalised(name)), `${kind} fits the 200-character limit`).toBeLessThanOrEqual(200);
    const response = await api.post('/api/v1/customers', {
      data: {
        organization_name: name,
        user_licenses: 10,
        extra_storage_gb: 100,
        notify_emails: ['it@hostile-e2e.fi'],
        storage_type: 'azure_ireland',
      },
    });
    expect(response.status(), `${kind}: ${await response.text()}`).toBe(201);
    const created = (await response.json()) as Customer;
    // Stored exactly as typed (only whitespace collapsed): nothing is "sanitised" away, so what
    // the views show below is really the hostile text.
    expect(created.organization_name, kind).toBe(normalised(name));
    corpus.push({ kind, text, name: created.organization_name, id: created.id, version: created.version });
  }
  await api.dispose();
});

/**
 * Watches the page for anything a payload could make happen: the canary, dialogs, CSP violations
 * (reported by `securitypolicyviolation` and on the console), uncaught errors.
 */
async function watch(page: Page) {
  const seen = { dialogs: [] as string[], console: [] as string[], errors: [] as string[] };
  page.on('dialog', async (d) => {
    seen.dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) seen.console.push(m.text());
  });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  return {
    /** Nothing ran, nothing was blocked, nothing was injected. */
    async expectClean(where: string) {
      const state = await page.evaluate(() => {
        const w = window as unknown as { __xss?: unknown; __csp: string[] };
        const all = Array.from(document.querySelectorAll('*'));
        return {
          xss: w.__xss,
          csp: w.__csp,
          handlers: all.flatMap((el) =>
            Array.from(el.attributes)
              .filter((a) => /^on/i.test(a.name))
              .map((a) => `<${el.localName} ${a.name}>`),
          ),
          javascriptUrls: all
            .filter((el) => /^\s*(javascript|vbscript|data):/i.test(el.getAttribute('href') ?? el.getAttribute('src') ?? ''))
            .map((el) => el.outerHTML.slice(0, 80)),
          injected: Array.from(
            document.querySelectorAll(
              '.cm-app :is(script, img, iframe, object, embed, style, link, meta, base, template, details, video, source, marquee, math, noscript, x, b, input:not(.cm-input):not(.cm-chips__input):not([type=radio]):not([type=search]):not([type=checkbox]))',
            ),
          ).map((el) => el.outerHTML.slice(0, 80)),
          bodyScripts: document.querySelectorAll('body script').length,
        };
      });
      expect(state.xss, `${where}: no payload script ran`).toBeUndefined();
      expect(state.csp, `${where}: no CSP violation`).toEqual([]);
      expect(state.handlers, `${where}: no event-handler attribute in the DOM`).toEqual([]);
      expect(state.javascriptUrls, `${where}: no script URL in the DOM`).toEqual([]);
      expect(state.injected, `${where}: no element made from a payload`).toEqual([]);
      expect(state.bodyScripts, `${where}: no script element in the body`).toBe(0);
      expect(seen.dialogs, `${where}: no dialog opened`).toEqual([]);
      expect(seen.console.filter((t) => /Content.Security.Policy/i.test(t)), `${where}: no CSP report`).toEqual([]);
      expect(seen.errors, `${where}: no uncaught error`).toEqual([]);
    },
  };
}

async function signInAsSmall(page: Page) {
  await page.goto('/api/v1/demo/sign-in?reseller=small');
  await expect(page).toHaveURL(/\/customers$/);
  await page.goto('/customers?q=pikkuyritys');
  await expect(page.getByRole('rowheader', { name: 'Pikkuyritys Oy' })).toBeVisible();
}

async function listCorpus(page: Page) {
  await page.goto(`/customers?q=${encodeURIComponent(tag)}&per_page=100`);
  await expect(page.getByRole('rowheader')).toHaveCount(corpus.length);
}

test('the list shows every payload as its exact text', async ({ page }) => {
  const guard = await watch(page);
  await signInAsSmall(page);
  await listCorpus(page);
  const rows = await page.getByRole('row').evaluateAll((rows) =>
    rows
      .filter((r) => r.querySelector('th[scope=row]'))
      .map((r) => ({
        name: r.querySelector('th[scope=row]')!.textContent,
        edit: r.querySelector('a[aria-label^="Edit customer"]')?.getAttribute('aria-label'),
        resend: r.querySelector('button[aria-label^="Resend"]')?.getAttribute('aria-label'),
      })),
  );
  for (const { kind, name } of corpus) {
    const row = rows.find((r) => r.name === name);
    expect(row, `${kind}: a row shows the name as text`).toBeDefined();
    expect(row!.edit, kind).toBe(`Edit customer ${name}`);
    expect(row!.resend, kind).toBe(`Resend activation email to ${name}`);
  }
  await guard.expectClean('the list');
});

test('searching for payloads (typed into Search) finds them and shows them as text', async ({ page }) => {
  // About 40 searches in one test: 30 s was not enough on a loaded 2-core machine (PostgreSQL run).
  test.setTimeout(90_000);
  const guard = await watch(page);
  await signInAsSmall(page);
  const search = page.getByRole('searchbox', { name: 'Search' });
  const kinds = ['closing a tag first', 'SQL, boolean', 'FTS query syntax', 'LIKE wildcards', 'CSV formula, DDE', 'JS template literal', 'RTL override', 'zero-width characters'];
  for (const kind of kinds) {
    const entry = corpus.find((c) => c.kind === kind)!;
    await search.fill(entry.name);
    await expect(search).toHaveValue(entry.name);
    await expect(page).toHaveURL((url) => url.searchParams.get('q') === entry.name);
    await expect.poll(() => page.getByRole('rowheader').allTextContents(), { message: kind }).toEqual([entry.name]);
    await guard.expectClean(`search for ${kind}`);
  }
  // LIKE/FTS wildcards are literal: "%" finds only names that contain it.
  await search.fill('%');
  await expect(page).toHaveURL((url) => url.searchParams.get('q') === '%');
  await expect
    .poll(async () => {
      const names = await page.getByRole('rowheader').allTextContents();
      return names.length > 0 && names.every((n) => n.includes('%'));
    }, { message: 'only names with a literal %' })
    .toBe(true);
  // The server answers every payload as a search, too (FTS and scan paths), with the right row.
  for (const entry of corpus) {
    const response = await page.request.get(`/api/v1/customers?q=${encodeURIComponent(entry.name)}`, { headers: SMALL });
    expect(response.status(), entry.kind).toBe(200);
    const ids = ((await response.json()) as { items: Customer[] }).items.map((c) => c.id);
    expect(ids, `${entry.kind}: the search finds it`).toContain(entry.id);
  }
  await guard.expectClean('the searches');
});

/** The Edit view, its confirmation and the toast after saving, for one stored payload. */
async function editAndSave(page: Page, entry: Stored) {
  await page.goto(`/customers/${entry.id}/edit`);
  await expect(page.getByRole('heading', { level: 1, name: 'Edit customer' })).toBeVisible();
  const shown = page.locator('.cm-readonly__item').filter({ has: page.getByRole('term').filter({ hasText: /^Organization name$/ }) }).getByRole('definition');
  expect(await shown.textContent(), `${entry.kind}: edit view`).toBe(entry.name);
  const licenses = page.getByRole('textbox', { name: 'User Licenses', exact: true });
  await licenses.fill('11');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  expect(await dialog.getByRole('heading').textContent(), `${entry.kind}: confirmation`).toBe(`Save changes to ${entry.name}?`);
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(/\/customers$/);
  const toast = page.locator('.cm-toast').filter({ hasText: 'updated: User Licenses 10 → 11' });
  await expect(toast).toBeVisible();
  expect(await toast.locator('span').first().textContent(), `${entry.kind}: toast`).toBe(
    `${entry.name} updated: User Licenses 10 → 11.`,
  );
  await toast.getByRole('button', { name: 'Dismiss' }).click();
}

// The Edit round trip for every payload, in four parallel parts.
const PARTS = 4;
for (let part = 0; part < PARTS; part++) {
  test(`the edit view, confirmation and toast show payloads as text (part ${part + 1} of ${PARTS})`, DESKTOP_ONLY, async ({ page }) => {
    test.setTimeout(120_000);
    const guard = await watch(page);
    await signInAsSmall(page);
    for (const entry of corpus.filter((_, i) => i % PARTS === part)) {
      await editAndSave(page, entry);
      await guard.expectClean(`editing ${entry.kind}`);
    }
  });
}

test('the resend confirmation and its toast show a payload as text', async ({ page }) => {
  const guard = await watch(page);
  await signInAsSmall(page);
  for (const kind of ['img onerror', 'svg onload', 'RTL override']) {
    const entry = corpus.find((c) => c.kind === kind)!;
    await page.goto(`/customers?q=${encodeURIComponent(entry.name)}`);
    await page.getByRole('button', { name: `Resend activation email to ${entry.name}`, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Resend activation email?' });
    await expect(dialog).toBeVisible();
    expect(await dialog.locator('p').textContent(), kind).toBe(
      `The service activation instructions for ${entry.name} are sent again to it@hostile-e2e.fi.`,
    );
    await dialog.getByRole('button', { name: 'Resend' }).click();
    // Queued, or (the creation just sent one) refused for now: either way the name is text.
    const toast = page.locator('.cm-toast').filter({ hasText: tag });
    await expect(toast).toBeVisible();
    const said = await toast.locator('span').first().textContent();
    expect(
      [
        `Activation email to ${entry.name} queued for it@hostile-e2e.fi.`,
        `An activation email to ${entry.name} was sent moments ago.`,
      ].some((start) => said?.startsWith(start)),
      `${kind}: toast “${said}”`,
    ).toBe(true);
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    await guard.expectClean(`resending to ${kind}`);
  }
});

test('payloads typed into every Add field stay text; a hostile name is created and toasted', DESKTOP_ONLY, async ({ page }) => {
  test.setTimeout(120_000);
  const guard = await watch(page);
  await signInAsSmall(page);
  const f = addForm(page);
  const kinds = ['img onerror', 'attribute break, double quote', 'svg onload', 'Angular/Vue template', 'CSV @HYPERLINK', 'RTL override'];
  for (const [i, kind] of kinds.entries()) {
    const text = HOSTILE.find((h) => h.kind === kind)!.text;
    const name = `${text} ${i} ${uiTag}`;
    await page.goto('/customers/new');
    await expect(f.name).toBeEditable();
    // Every text field gets the payload; the ones it is not valid for say so, quoting it as text.
    for (const field of [f.name, f.domain, f.licenses, f.storage]) await field.fill(name);
    await f.notify.fill(text);
    await f.notify.blur();
    await expect(f.name).toHaveValue(name);
    await expect(f.domain).toHaveValue(name);
    await expect(f.licenses).toHaveValue(name);
    await expect(f.storage).toHaveValue(name);
    await expect(f.domain).toHaveAttribute('aria-invalid', 'true');
    await expect(f.licenses).toHaveAttribute('aria-invalid', 'true');
    await expect(f.storage).toHaveAttribute('aria-invalid', 'true');
    // Notify Users splits what was typed into address chips: each shows a piece of it, as text.
    const chips = (await f.chips.allTextContents()).map((c) => c.replace(/×$/, ''));
    expect(chips.length, `${kind}: chips`).toBeGreaterThan(0);
    for (const chip of chips) expect(text, `${kind}: chip “${chip}” is part of what was typed`).toContain(chip);
    await f.save.click();
    await expect(page.getByRole('alert').filter({ hasText: 'problems' })).toBeVisible();
    await guard.expectClean(`typing ${kind} into the Add form`);

    // Valid values everywhere but the name: the hostile name is created.
    await f.domain.fill('');
    await f.licenses.fill('5');
    await f.storage.fill('50');
    for (let n = await f.chips.count(); n > 0; n--) await f.chips.first().getByRole('button', { name: /^Remove / }).click();
    await f.notify.fill('it@hostile-e2e.fi;');
    await f.azure.check();
    await f.save.click();
    await expect(page).toHaveURL(/\/customers$/);
    const toast = page.locator('.cm-toast').filter({ hasText: 'created.' });
    await expect(toast).toBeVisible();
    expect(await toast.locator('span').first().textContent(), `${kind}: toast`).toBe(
      `${normalised(name)} created. Activation instructions sent to it@hostile-e2e.fi.`,
    );
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    await page.goto(`/customers?q=${encodeURIComponent(normalised(name))}`);
    await expect.poll(() => page.getByRole('rowheader').allTextContents(), { message: kind }).toEqual([normalised(name)]);
    await guard.expectClean(`creating ${kind}`);
  }
});

/** RFC 4180 CSV: fields in double quotes may hold separators, quotes (doubled) and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

test('the CSV export has every payload, formulas neutralised with a leading quote', async ({ page }) => {
  const guard = await watch(page);
  await signInAsSmall(page);
  await listCorpus(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  const rows = parseCsv(await readFile(await download.path(), 'utf8'));
  const header = rows[0];
  const nameAt = header.indexOf('organization_name');
  const idAt = header.indexOf('id');
  expect(nameAt).toBeGreaterThanOrEqual(0);
  expect(rows.length - 1).toBe(corpus.length);
  for (const entry of corpus) {
    const row = rows.find((r) => r[idAt] === entry.id);
    expect(row, `${entry.kind}: in the export`).toBeDefined();
    const formula = /^[=+\-@\t\r]/.test(entry.name);
    expect(row![nameAt], `${entry.kind}: CSV cell`).toBe(formula ? `'${entry.name}` : entry.name);
  }
  // No cell anywhere starts like a formula.
  for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  await guard.expectClean('exporting');
});

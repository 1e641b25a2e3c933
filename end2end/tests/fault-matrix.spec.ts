import { expect, test, type Locator, type Page, type Route } from '@playwright/test';
import { mkdirSync, openSync, closeSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  addForm,
  API_AUTH,
  createCustomer,
  CREATE_URL,
  editForm,
  LIST_URL,
  ONE_URL,
  openAdd,
  openEdit,
  problem,
  unique,
  type Customer,
} from './support/app';

// The fault matrix of issue 9: for the list, Add and Edit, every way a request can fail, injected
// with request interception against the real app and server. Each cell asserts a specific
// message (not a generic "error"), a way forward that works once the fault is gone, and that
// everything the user typed is still there. The matrix is printed as a table at the end.
//
// Faults are what this server would answer where it can produce that status (401, 404 for a
// customer, 409 duplicate, 412 with `current`, 422 with field errors, 429 with Retry-After); where
// it cannot, what a proxy or an unexpected server would: a bare status with no explanation.

const FAULTS = [
  'unreachable',
  '500',
  'timeout',
  'malformed JSON',
  '401',
  '403',
  '404',
  '409',
  '412',
  '422',
  '429',
  'offline',
] as const;
type Fault = (typeof FAULTS)[number];
const VIEWS = ['list', 'add', 'edit'] as const;
type View = (typeof VIEWS)[number];

/** What each cell must show: the message and the control that leads on. */
type Expectation = { message: RegExp; forward: string | RegExp };

const COMMON: Record<Fault, Expectation> = {
  unreachable: { message: /Could not reach the server\. Check your connection/, forward: 'Retry' },
  '500': { message: /The server failed \(HTTP 500\)\. Try again in a moment\./, forward: 'Retry' },
  timeout: { message: /The server did not answer in time\./, forward: 'Retry' },
  'malformed JSON': { message: /The server sent an answer the app could not read/, forward: 'Retry' },
  '401': { message: /Your session has expired\. Sign in again/, forward: 'Sign in again' },
  '403': { message: /You do not have permission to do this\. Ask your administrator/, forward: 'Try again' },
  '404': { message: /The server does not offer this request \(HTTP 404\).*reload the page/, forward: 'Try again' },
  '409': { message: /conflicts with data it already has \(HTTP 409\)/, forward: 'Try again' },
  '412': { message: /The server refused the request \(HTTP 412\)/, forward: 'Try again' },
  '422': { message: /The server did not accept what was sent \(HTTP 422\)/, forward: 'Try again' },
  '429': { message: /Too many requests: the server asks to wait 30 seconds/, forward: 'Retry' },
  offline: { message: /You are offline\. Nothing was sent/, forward: 'Retry' },
};

const EXPECTED: Record<View, Record<Fault, Expectation>> = {
  list: COMMON,
  add: {
    ...COMMON,
    '409': { message: /^Another customer already has this organization name\.$/, forward: /Another customer already has/ },
    '422': { message: /is not a valid domain/, forward: /is not a valid domain/ },
  },
  edit: {
    ...COMMON,
    '404': { message: /This customer does not exist or is not yours\./, forward: 'Go to Customers' },
    '412': { message: /Someone else changed this customer/, forward: 'Apply my changes to the new version' },
    '422': { message: /is already in use; allocate at least that much/, forward: /is already in use/ },
  },
};

/** Texts that say nothing about what happened. */
const GENERIC = /^\s*(an? )?(unknown |unexpected )?(error|failure|failed|something went wrong|request failed|oops)[.!]?\s*$/i;

const bare = (status: number) => ({
  status,
  contentType: 'text/html',
  body: `<html><body><h1>${status}</h1></body></html>`,
});
const problemJson = (status: number, body: string, headers: Record<string, string> = {}) => ({
  status,
  contentType: 'application/problem+json',
  headers,
  body,
});

/** The answer for `fault` on `view` (`customer` is the one being edited). */
function answer(view: View, fault: Fault, customer?: Customer, domain = 'matrix-e2e.fi') {
  switch (fault) {
    case '500':
      return bare(500);
    case '401':
      return problemJson(
        401,
        problem(401, 'Unauthorized', 'Sign in first: send `Authorization: Bearer <token>` (or the demo session cookie).', {
          code: 'unauthorized',
        }),
        { 'WWW-Authenticate': 'Bearer' },
      );
    case '403':
      return bare(403);
    case '404':
      return view === 'edit'
        ? problemJson(404, problem(404, 'Not Found', `No customer ${customer?.id}.`))
        : problemJson(404, problem(404, 'Not Found', 'There is no API endpoint at /api/v1/customers.'));
    case '409':
      return view === 'add'
        ? problemJson(
            409,
            problem(409, 'Conflict', 'Another customer already has this organization name.', {
              code: 'duplicate',
              errors: [
                {
                  field: 'organization_name',
                  code: 'duplicate',
                  params: {},
                  message: 'Another customer already has this organization name.',
                },
              ],
            }),
          )
        : bare(409);
    case '412':
      return view === 'edit' && customer
        ? problemJson(
            412,
            problem(412, 'Precondition Failed', 'The customer was changed by someone else.', {
              code: 'stale_version',
              current: customer,
            }),
          )
        : bare(412);
    case '422':
      if (view === 'add') {
        const issue = {
          field: 'domain',
          code: 'invalid_domain',
          params: { value: domain, reason: 'the domain is already registered to another tenant' },
          message: `“${domain}” is not a valid domain: the domain is already registered to another tenant.`,
        };
        return problemJson(422, problem(422, 'Unprocessable Entity', `The request is not valid: ${issue.message}`, {
          code: 'validation_failed',
          errors: [issue],
        }));
      }
      if (view === 'edit') {
        const issue = {
          field: 'extra_storage_gb',
          code: 'below_usage',
          params: { used: '2.4 TB' },
          message: '2.4 TB is already in use; allocate at least that much.',
        };
        return problemJson(422, problem(422, 'Unprocessable Entity', `The request is not valid: ${issue.message}`, {
          code: 'validation_failed',
          errors: [issue],
        }));
      }
      return bare(422);
    case '429':
      return { status: 429, contentType: 'text/plain', headers: { 'Retry-After': '30' }, body: 'Too Many Requests' };
    case 'malformed JSON':
      return view === 'list'
        ? { status: 200, contentType: 'application/json', body: '{"items": [{"id": "c1", "organization_name": ' }
        : { status: view === 'add' ? 201 : 200, contentType: 'application/json', body: '<!doctype html><p>Saved</p>' };
    default:
      throw new Error(`no canned answer for ${fault}`);
  }
}

/** What a cell observed, for the printed matrix. */
type Cell = { view: View; fault: Fault; message: string; forward: string; kept: string; ok: boolean };

/**
 * Puts the fault on the view's request (GET list, POST create, PATCH customer) while `on` is
 * true. Offline is the browser's, not a route.
 */
async function injectFault(page: Page, view: View, fault: Fault, customer?: Customer, domain?: string) {
  const state = { on: true, hits: 0 };
  const [url, method] = view === 'list' ? [LIST_URL, 'GET'] : view === 'add' ? [CREATE_URL, 'POST'] : [ONE_URL, 'PATCH'];
  if (fault === 'offline') {
    await page.context().setOffline(true);
    return {
      off: async () => {
        await page.context().setOffline(false);
      },
      state,
    };
  }
  await page.route(url, async (route: Route) => {
    if (!state.on || route.request().method() !== method) return route.fallback();
    state.hits += 1;
    if (fault === 'unreachable') return route.abort('connectionrefused');
    if (fault === 'timeout') return; // the answer never comes
    return route.fulfill(answer(view, fault, customer, domain));
  });
  return {
    off: async () => {
      state.on = false;
    },
    state,
  };
}

/** The message the cell shows: the failure panel, the field error summary or the conflict view. */
function messageRegion(page: Page, view: View, fault: Fault): Locator {
  if (view === 'list') return page.locator('.cm-error-panel__message');
  if ((view === 'add' && (fault === '409' || fault === '422')) || (view === 'edit' && fault === '422')) {
    return page.getByRole('alert').filter({ hasText: 'There is a problem' }).getByRole('listitem');
  }
  if (view === 'edit' && fault === '412') return page.getByRole('alert').filter({ hasText: 'Someone else changed' }).getByRole('heading');
  return page.locator('.cm-save-failure__message');
}

/**
 * Playwright's clock lets the app's 15 s request timeout pass at once. It is installed once the
 * page is up, just before the request, so only the request's own timer runs on it.
 */
async function letTimeoutPass(page: Page, fault: Fault) {
  if (fault === 'timeout') await page.clock.fastForward(16_000);
}

/** The cell the current test fills in; written out after the test, whatever its outcome. */
let current: Cell | null = null;

test.describe('fault matrix', () => {
  for (const view of VIEWS) {
    for (const fault of FAULTS) {
      test(`${view} × ${fault}`, async ({ page }) => {
        const cell: Cell = { view, fault, message: '—', forward: '—', kept: '—', ok: false };
        current = cell;
        const expected = EXPECTED[view][fault];
        if (view === 'list') await listCell(page, fault, expected, cell);
        else if (view === 'add') await addCell(page, fault, expected, cell);
        else await editCell(page, fault, expected, cell);
      });
    }
  }
});

test.afterEach(async ({}, testInfo) => {
  if (!current) return;
  current.ok = testInfo.status === 'passed';
  record(testInfo.project.outputDir, current);
  current = null;
});

/** The way forward as the table shows it. */
function describeForward(fault: Fault, text: string, toField: boolean) {
  if (toField) return 'the summary links to the field';
  if (fault === '401') return `${text} + Retry`;
  return text;
}

/** Checks the message is the expected, specific one; returns its text. */
async function expectMessage(region: Locator, expected: Expectation): Promise<string> {
  await expect(region.first()).toBeVisible();
  await expect(region.first()).toHaveText(expected.message);
  const text = (await region.first().innerText()).replace(/\s+/g, ' ').trim();
  expect(text, 'a specific message, not a generic one').not.toMatch(GENERIC);
  expect(text.length).toBeGreaterThan(25);
  return text;
}

async function listCell(page: Page, fault: Fault, expected: Expectation, cell: Cell) {
  await page.goto('/customers');
  await expect(page.getByRole('rowheader', { name: 'Contoso Oy' })).toBeVisible();
  if (fault === 'timeout') await page.clock.install();
  const fault_ = await injectFault(page, 'list', fault);
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('oy');
  await expect(page).toHaveURL(/[?&]q=oy/);
  await letTimeoutPass(page, fault);
  cell.message = await expectMessage(messageRegion(page, 'list', fault), expected);

  const forward = page.locator('.cm-error-panel').getByRole('button', { name: expected.forward });
  await expect(forward).toBeVisible();
  cell.forward = await forward.innerText();
  await expect(search).toHaveValue('oy');
  cell.kept = 'search “oy” (field and URL)';

  // The way forward works once the fault is gone.
  await fault_.off();
  await forward.click();
  await expect(page.getByRole('rowheader', { name: 'Contoso Oy' })).toBeVisible();
  await expect(search).toHaveValue('oy');
}

async function addCell(page: Page, fault: Fault, expected: Expectation, cell: Cell) {
  const name = unique('Matrix New');
  // Domains are unique among customers too: one per cell.
  const domain = `${name.split(' ').pop()}.matrix-e2e.fi`;
  await openAdd(page);
  const f = addForm(page);
  await f.name.fill(name);
  await f.domain.fill(domain);
  await f.licenses.fill('300');
  await f.storage.fill('1.5');
  await f.unit.selectOption('TB');
  await f.notify.fill('it@matrix-e2e.fi; ceo@matrix-e2e.fi;');
  await f.azure.check();
  if (fault === 'timeout') await page.clock.install();
  const fault_ = await injectFault(page, 'add', fault, undefined, domain);
  await f.save.click();
  await letTimeoutPass(page, fault);
  cell.message = await expectMessage(messageRegion(page, 'add', fault), expected);

  const kept = async () => {
    await expect(f.name).toHaveValue(name);
    await expect(f.domain).toHaveValue(domain);
    await expect(f.licenses).toHaveValue('300');
    await expect(f.storage).toHaveValue('1.5');
    await expect(f.unit).toHaveValue('TB');
    await expect(f.chips).toHaveText(['it@matrix-e2e.fi×', 'ceo@matrix-e2e.fi×']);
    await expect(f.azure).toBeChecked();
  };
  await kept();
  cell.kept = 'all 7 fields';

  const fieldError = typeof expected.forward !== 'string';
  const forward = fieldError
    ? page.getByRole('alert').filter({ hasText: 'There is a problem' }).getByRole('link', { name: expected.forward })
    : page.locator('.cm-save-failure').getByRole(expected.forward === 'Sign in again' ? 'link' : 'button', {
        name: expected.forward,
      });
  await expect(forward).toBeVisible();
  cell.forward = describeForward(fault, (await forward.innerText()).replace(/\s+/g, ' ').trim(), typeof expected.forward !== 'string');
  await fault_.off();

  if (fault === '409' || fault === '422') {
    // The summary link leads to the field; fixing it and saving again succeeds.
    await forward.click();
    const field = fault === '409' ? f.name : f.domain;
    await expect(field).toBeFocused();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    if (fault === '409') await field.fill(`${name} 2`);
    else await field.fill('');
    await f.save.click();
  } else if (fault === '401') {
    const [tab] = await Promise.all([page.context().waitForEvent('page'), forward.click()]);
    await tab.waitForLoadState();
    await tab.close();
    await page.locator('.cm-save-failure').getByRole('button', { name: 'Retry' }).click();
  } else {
    await forward.click();
  }
  await expect(page).toHaveURL(/\/customers$/);
  await expect(page.getByRole('status').filter({ hasText: 'created.' })).toBeVisible();
}

async function editCell(page: Page, fault: Fault, expected: Expectation, cell: Cell) {
  const customer = await createCustomer(page.request, unique('Matrix Edit'));
  await openEdit(page, customer.id);
  const f = editForm(page);
  await f.licenses.fill('320');
  await f.storage.fill('3');
  await f.unit.selectOption('TB');
  let now = customer;
  if (fault === '412') {
    // Someone else really saves first, so the version the conflict view offers is the server's.
    const other = await page.request.patch(`/api/v1/customers/${customer.id}`, {
      headers: { ...API_AUTH, 'If-Match': `"${customer.version}"` },
      data: { extra_storage_gb: 2500 },
    });
    expect(other.status()).toBe(200);
    now = (await other.json()) as Customer;
  }
  if (fault === 'timeout') await page.clock.install();
  const fault_ = await injectFault(page, 'edit', fault, now);
  await f.save.click();
  await f.confirm.getByRole('button', { name: 'Save changes' }).click();
  await letTimeoutPass(page, fault);
  cell.message = await expectMessage(messageRegion(page, 'edit', fault), expected);

  await expect(f.licenses).toHaveValue('320');
  await expect(f.storage).toHaveValue('3');
  await expect(f.unit).toHaveValue('TB');
  cell.kept = 'licenses, storage, unit';

  const forward =
    fault === '422'
      ? page.getByRole('alert').filter({ hasText: 'There is a problem' }).getByRole('link', { name: expected.forward })
      : fault === '412'
        ? f.conflict.getByRole('button', { name: expected.forward })
        : page
            .locator('.cm-save-failure')
            .getByRole(expected.forward === 'Sign in again' || expected.forward === 'Go to Customers' ? 'link' : 'button', {
              name: expected.forward,
            });
  await expect(forward).toBeVisible();
  cell.forward = describeForward(fault, (await forward.innerText()).replace(/\s+/g, ' ').trim(), typeof expected.forward !== 'string');
  await fault_.off();

  if (fault === '404') {
    // The customer is gone: the list is the way on (the leave guard asks first).
    await forward.click();
    await page.getByRole('dialog', { name: 'Leave without saving?' }).getByRole('button', { name: 'Leave without saving' }).click();
    await expect(page).toHaveURL(/\/customers$/);
    return;
  }
  if (fault === '422') {
    await forward.click();
    await expect(f.storage).toBeFocused();
    await f.storage.fill('3.5');
    await f.save.click();
  } else if (fault === '412') {
    // Applying on top of the other change asks again with the new summary.
    await forward.click();
    await expect(f.storage).toHaveValue('3');
  } else if (fault === '401') {
    const [tab] = await Promise.all([page.context().waitForEvent('page'), forward.click()]);
    await tab.close();
    await page.locator('.cm-save-failure').getByRole('button', { name: 'Retry' }).click();
  } else {
    await forward.click();
  }
  if (await f.confirm.isVisible()) await f.confirm.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(/\/customers$/);
  await expect(page.getByRole('status').filter({ hasText: 'updated' })).toBeVisible();
}

// ------------------------------------------------------------------------------------------------
// The printed matrix. Workers run cells in parallel, so each cell is written to the run's output
// directory (emptied at the start of every run); the worker that finishes last prints the table.

function record(outputDir: string, cell: Cell) {
  const dir = join(outputDir, 'fault-matrix');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${cell.view}-${cell.fault.replace(/\W+/g, '_')}.json`), JSON.stringify(cell));
}

test.afterAll(async ({}, testInfo) => {
  const dir = join(testInfo.project.outputDir, 'fault-matrix');
  let cells: Cell[] = [];
  try {
    cells = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Cell);
  } catch {
    return;
  }
  // Printed once, by the worker that finishes the last cell.
  if (cells.length < VIEWS.length * FAULTS.length) return;
  try {
    closeSync(openSync(join(dir, 'printed'), 'wx'));
  } catch {
    return;
  }
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    '',
    'Fault matrix: what each view shows for each fault, the way forward, and what input is kept',
    '',
    '| view | fault | message shown | way forward | input kept | ok |',
    '|---|---|---|---|---|---|',
  ];
  for (const view of VIEWS) {
    for (const fault of FAULTS) {
      const c = cells.find((x) => x.view === view && x.fault === fault);
      if (c) lines.push(`| ${view} | ${fault} | ${esc(c.message)} | ${esc(c.forward)} | ${esc(c.kept)} | ${c.ok ? '✓' : '✗'} |`);
    }
  }
  console.log(lines.join('\n'));
});

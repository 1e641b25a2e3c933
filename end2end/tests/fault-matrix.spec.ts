import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync, openSync, closeSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { addForm, API_AUTH, createCustomer, editForm, openAdd, openEdit, unique, type Customer } from './support/app';
import {
  EXPECTED,
  FAULTS,
  GENERIC,
  injectFault,
  letTimeoutPass,
  messageRegion,
  VIEWS,
  type Expectation,
  type Fault,
  type View,
} from './support/faults';

// The fault matrix of issue 9: for the list, Add and Edit, every way a request can fail, injected
// with request interception against the real app and server. Each cell asserts a specific
// message (not a generic "error"), a way forward that works once the fault is gone, and that
// everything the user typed is still there. The matrix is printed as a table at the end. The
// faults themselves, and what each cell must show: support/faults.ts.

/** What a cell observed, for the printed matrix. */
type Cell = { view: View; fault: Fault; message: string; forward: string; kept: string; ok: boolean };

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

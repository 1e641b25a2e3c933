import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

import { getCustomer } from './support/app';

// Edit customer against the real server. Tests that save create their own customer through the
// API (tests run in parallel on one database). The usage panel: edit-usage.spec.ts.

type Customer = {
  id: string;
  organization_name: string;
  user_licenses: number;
  licenses_in_use: number;
  extra_storage_gb: number;
  storage_used_gb: number;
  version: number;
};

const unique = (prefix: string) =>
  `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Signs the browser in (the demo server sets the session cookie when the page loads). */
async function signIn(page: Page) {
  await page.goto('/customers');
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
}

/** A new customer with 250 licenses and 2 TB, created through the API. */
async function createCustomer(request: APIRequestContext, name: string): Promise<Customer> {
  const response = await request.post('/api/v1/customers', {
    data: {
      organization_name: name,
      user_licenses: 250,
      extra_storage_gb: 2000,
      notify_emails: ['it@edit-e2e.fi'],
      storage_type: 'finnish_s3',
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as Customer;
}

function form(page: Page) {
  return {
    licenses: page.getByRole('textbox', { name: 'User Licenses', exact: true }),
    storage: page.getByRole('textbox', { name: 'Extra Storage', exact: true }),
    unit: page.getByRole('combobox', { name: 'Extra Storage unit' }),
    save: page.getByRole('button', { name: 'Save', exact: true }),
    confirm: page.getByRole('dialog', { name: /^Save changes to / }),
    conflict: page.getByRole('alert').filter({ hasText: 'Someone else changed this customer' }),
  };
}

async function openEdit(page: Page, id: string) {
  await page.goto(`/customers/${id}/edit`);
  await expect(page.getByRole('heading', { level: 1, name: 'Edit customer' })).toBeVisible();
}

test('edits licenses and storage end to end and the list shows the new values', async ({ page }) => {
  await signIn(page);
  const name = unique('Edit Me');
  const created = await createCustomer(page.request, name);

  // From the list, by the row's edit action.
  await page.goto(`/customers?q=${encodeURIComponent(name)}`);
  await page.getByRole('link', { name: `Edit customer ${name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${created.id}/edit$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Edit customer' })).toBeVisible();

  const details = page.getByRole('definition');
  await expect(details.filter({ hasText: name })).toBeVisible();
  await expect(details.filter({ hasText: 'Not registered' })).toBeVisible();
  await expect(page.getByText('Finnish S3 Storage')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Contact support' })).toBeVisible();
  await expect(page.getByText('0 licenses in use')).toBeVisible();
  await expect(page.getByText(/^0 GB of 2 TB used \(as of .+\)$/)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Organization name' })).toHaveCount(0);

  const f = form(page);
  await expect(f.licenses).toHaveValue('250');
  await expect(f.storage).toHaveValue('2');
  await expect(f.unit).toHaveValue('TB');
  await expect(f.save).toBeDisabled();
  await page.evaluate(() => {
    (window as any).__updated = [];
    document.addEventListener('customer-updated', (e) => (window as any).__updated.push((e as CustomEvent).detail));
  });

  await f.licenses.fill('300');
  await f.storage.fill('3');
  await f.save.click();
  await expect(f.confirm).toBeVisible();
  await expect(f.confirm.getByRole('listitem')).toHaveText(['User Licenses 250 → 300', 'Extra Storage 2 TB → 3 TB']);
  await f.confirm.getByRole('button', { name: 'Save changes' }).click();

  await expect(page).toHaveURL(/\/customers$/);
  await expect(page.getByRole('status').filter({ hasText: `${name} updated` })).toContainText(
    `${name} updated: User Licenses 250 → 300; Extra Storage 2 TB → 3 TB.`,
  );
  const events = await page.evaluate(() => (window as any).__updated);
  expect(events).toEqual([
    {
      id: created.id,
      organization_name: name,
      changes: { user_licenses: { old: 250, new: 300 }, extra_storage_gb: { old: 2000, new: 3000 } },
    },
  ]);

  await page.goto(`/customers?q=${encodeURIComponent(name)}`);
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
  await expect(row).toContainText('0 / 300');
  await expect(row).toContainText('3 TB');
  const saved = await getCustomer(page.request, created.id);
  expect(saved.user_licenses).toBe(300);
  expect(saved.extra_storage_gb).toBe(3000);
  expect(saved.version).toBe(created.version + 1);

  // The audit trail below the form shows the change.
  await openEdit(page, created.id);
  const history = page.getByRole('table', { name: /Changes to this customer/ });
  await expect(history).toContainText('User Licenses 250 → 300');
  await expect(history).toContainText('Extra Storage 2 TB → 3 TB');
  await expect(history).toContainText('Customer created');
});

test('a second editor gets the conflict view, loses nothing, and can apply on top', async ({ browser }) => {
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  await signIn(first);
  await signIn(second);
  const name = unique('Two Editors');
  const created = await createCustomer(first.request, name);
  await openEdit(first, created.id);
  await openEdit(second, created.id);

  // The first editor saves storage.
  await form(first).storage.fill('2.5');
  await form(first).save.click();
  await form(first).confirm.getByRole('button', { name: 'Save changes' }).click();
  await expect(first).toHaveURL(/\/customers$/);

  // The second, still on the old version, changes licenses.
  const f = form(second);
  await f.licenses.fill('300');
  await f.save.click();
  await f.confirm.getByRole('button', { name: 'Save changes' }).click();
  await expect(f.conflict).toBeVisible();
  await expect(f.conflict).toBeFocused();
  const storageRow = f.conflict.getByRole('row', { name: /Extra Storage/ });
  await expect(storageRow.getByRole('cell')).toHaveText(['2 TB', '2.5 TB', 'not changed']);
  const licensesRow = f.conflict.getByRole('row', { name: /User Licenses/ });
  await expect(licensesRow.getByRole('cell')).toHaveText(['250', '250', '300']);
  await expect(f.licenses).toHaveValue('300');
  expect((await getCustomer(second.request, created.id)).user_licenses).toBe(250);

  await f.conflict.getByRole('button', { name: 'Apply my changes to the new version' }).click();
  await expect(f.storage).toHaveValue('2.5');
  await expect(f.confirm.getByRole('listitem')).toHaveText(['User Licenses 250 → 300']);
  await f.confirm.getByRole('button', { name: 'Save changes' }).click();
  await expect(second).toHaveURL(/\/customers$/);

  const saved = await getCustomer(second.request, created.id);
  expect(saved.user_licenses).toBe(300);
  expect(saved.extra_storage_gb).toBe(2500);
  expect(saved.version).toBe(created.version + 2);
});

test('storage below what is used is refused; licenses below use only warn', async ({ page }) => {
  await signIn(page);
  const list = await page.request.get('/api/v1/customers?sort=-storage_used_gb&per_page=1');
  const used = ((await list.json()) as { items: Customer[] }).items[0];
  expect(used.storage_used_gb).toBeGreaterThan(1);
  await openEdit(page, used.id);
  const f = form(page);

  await f.storage.fill('1');
  await f.unit.selectOption('GB');
  await f.storage.blur();
  await expect(f.storage).toHaveAttribute('aria-invalid', 'true');
  await expect(f.storage).toHaveAccessibleDescription(/is already in use; allocate at least that much\./);
  await f.save.click();
  await expect(f.confirm).toBeHidden();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText([/is already in use/]);

  // The server refuses it as well, whatever a client sends.
  const patch = await page.request.patch(`/api/v1/customers/${used.id}`, {
    headers: { 'If-Match': `"${used.version}"` },
    data: { extra_storage_gb: 1 },
  });
  expect(patch.status()).toBe(422);
  expect((await patch.json()).errors[0].code).toBe('below_usage');

  // Licenses below the number in use: a warning, not a block.
  await f.storage.fill(String(used.extra_storage_gb));
  await f.licenses.fill(String(Math.max(1, used.licenses_in_use - 1)));
  await f.licenses.blur();
  if (used.licenses_in_use > 1) {
    await expect(f.licenses).toHaveAccessibleDescription(/Inadequate licenses/);
  }
  await expect(f.licenses).toHaveAttribute('aria-invalid', 'false');
  await expect(f.save).toBeEnabled();
});

test('the confirmation traps focus, Escape closes it and focus returns to Save', async ({ page }) => {
  await signIn(page);
  const created = await createCustomer(page.request, unique('Keyboard Edit'));
  await openEdit(page, created.id);
  const f = form(page);
  await f.licenses.fill('260');
  await f.save.focus();
  await page.keyboard.press('Enter');
  await expect(f.confirm).toBeVisible();
  const confirmButton = f.confirm.getByRole('button', { name: 'Save changes' });
  const keepEditing = f.confirm.getByRole('button', { name: 'Keep editing' });
  await expect(confirmButton).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(keepEditing).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(confirmButton).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(keepEditing).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(f.confirm).toBeHidden();
  await expect(f.save).toBeFocused();
  await expect(f.licenses).toHaveValue('260');
  expect((await getCustomer(page.request, created.id)).version).toBe(created.version);
});

test('the edit URL works on reload, and an unknown id shows a not-found view', async ({ page }) => {
  await signIn(page);
  const created = await createCustomer(page.request, unique('Reload Edit'));
  await openEdit(page, created.id);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit customer' })).toBeVisible();
  await expect(form(page).licenses).toHaveValue('250');

  await page.goto('/customers/no-such-customer/edit');
  await expect(page.getByRole('heading', { level: 1, name: 'Customer not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to Customers' }).click();
  await expect(page).toHaveURL(/\/customers$/);
});

test('leaving with unsaved changes asks first; after a save it does not', async ({ page }) => {
  await signIn(page);
  const created = await createCustomer(page.request, unique('Leave Edit'));
  await openEdit(page, created.id);
  await form(page).licenses.fill('270');
  await page.getByRole('link', { name: 'Cancel' }).click();
  const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(leave).toBeVisible();
  await leave.getByRole('button', { name: 'Stay on this page' }).click();
  await expect(form(page).licenses).toHaveValue('270');

  await form(page).save.click();
  await form(page).confirm.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(/\/customers$/);
  await expect(leave).toHaveCount(0);
});

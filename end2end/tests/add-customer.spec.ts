import { expect, test, type Page } from '@playwright/test';

// Add customer against the real server (fresh demo database; tests run in parallel, so every
// created customer gets a unique name).

const unique = (prefix: string) =>
  `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The Add customer form's controls, found the way a user finds them: by role and label. */
function form(page: Page) {
  return {
    name: page.getByRole('textbox', { name: 'Organization name', exact: true }),
    domain: page.getByRole('textbox', { name: 'Domain', exact: true }),
    licenses: page.getByRole('textbox', { name: 'User Licenses', exact: true }),
    storage: page.getByRole('textbox', { name: 'Extra Storage', exact: true }),
    unit: page.getByRole('combobox', { name: 'Extra Storage unit' }),
    notify: page.getByRole('textbox', { name: 'Notify Users', exact: true }),
    azure: page.getByRole('radio', { name: 'Azure (Ireland)' }),
    finnish: page.getByRole('radio', { name: 'Finnish S3 Storage' }),
    save: page.getByRole('button', { name: 'Save', exact: true }),
    cancel: page.getByRole('link', { name: 'Cancel' }),
  };
}

async function openAddCustomer(page: Page) {
  await page.goto('/customers/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Add customer' })).toBeVisible();
}

async function fillValid(page: Page, name: string, emails = 'it@example.fi; ceo@example.fi;') {
  const f = form(page);
  await f.name.fill(name);
  await f.licenses.fill('300');
  await f.storage.fill('2');
  await f.unit.selectOption('TB');
  await f.notify.fill(emails);
  await f.finnish.check();
}

/** The reseller's customers whose name, domain or id contains `q`, through the API. */
async function findCustomers(page: Page, q: string) {
  const response = await page.request.get(`/api/v1/customers?q=${encodeURIComponent(q)}`);
  expect(response.ok()).toBeTruthy();
  return (await response.json()) as { total: number; items: { id: string; organization_name: string }[] };
}

test('creates a customer end to end: toast, list, activation email in the outbox', async ({ page }) => {
  const name = unique('Northwind');
  await openAddCustomer(page);
  const f = form(page);
  await f.name.fill(name);
  await f.domain.fill('https://www.Northwind-E2E.fi/');
  await f.domain.blur();
  await expect(page.getByText('Saved as northwind-e2e.fi')).toBeVisible();
  await f.domain.fill('');
  await f.licenses.fill('1 000');
  await f.storage.fill('1.5');
  await f.unit.selectOption('TB');
  await f.notify.fill('anna@northwind.fi; bob@northwind.fi;');
  await expect(page.getByRole('list', { name: 'Addresses added' }).getByRole('listitem')).toHaveCount(2);
  await f.azure.check();
  await f.save.click();

  await expect(page).toHaveURL(/\/customers$/);
  await expect(page.getByRole('status').filter({ hasText: `${name} created.` })).toContainText(
    `${name} created. Activation instructions sent to anna@northwind.fi, bob@northwind.fi.`,
  );

  const found = await findCustomers(page, name);
  expect(found.total).toBe(1);
  const id = found.items[0].id;
  await page.goto(`/customers?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole('rowheader', { name })).toBeVisible();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
  await expect(row).toContainText('Not registered');
  await expect(row).toContainText('1,000');
  await expect(row).toContainText('1.5 TB');
  await expect(row).toContainText('Azure (Ireland)');

  const outbox = await page.request.get('/api/v1/outbox');
  expect(outbox.ok()).toBeTruthy();
  const emails = (await outbox.json()) as { customer_id: string; recipients: string[]; subject: string }[];
  const activation = emails.filter((e) => e.customer_id === id);
  expect(activation).toHaveLength(1);
  expect(activation[0].recipients).toEqual(['anna@northwind.fi', 'bob@northwind.fi']);
  expect(activation[0].subject).toContain(name);
});

test('the form has its own URL that works on reload', async ({ page }) => {
  await openAddCustomer(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Add customer' })).toBeVisible();
  await expect(form(page).name).toBeVisible();
});

test('Save with errors lists them in a focused summary with links to the fields', async ({ page }) => {
  await openAddCustomer(page);
  await form(page).save.click();
  const summary = page.getByRole('alert').filter({ hasText: 'problems' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveCount(5);
  await summary.getByRole('link', { name: 'Notify Users needs at least one email address.' }).click();
  await expect(form(page).notify).toBeFocused();
  await expect(form(page).notify).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/customers\/new$/);
});

test('a duplicate organization name shows the server 409 at the field', async ({ page }) => {
  await openAddCustomer(page);
  await fillValid(page, 'Contoso Oy');
  await form(page).save.click();
  await expect(form(page).name).toHaveAttribute('aria-invalid', 'true');
  await expect(form(page).name).toHaveAccessibleDescription(/Another customer already has this organization name\./);
  await expect(page).toHaveURL(/\/customers\/new$/);
  // Everything typed is still there.
  await expect(form(page).licenses).toHaveValue('300');
  await expect(form(page).finnish).toBeChecked();
});

test('a double click on Save creates exactly one customer', async ({ page }) => {
  const name = unique('Double Click');
  let posts = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v1/customers')) posts += 1;
  });
  await openAddCustomer(page);
  await fillValid(page, name);
  await form(page).save.dblclick();
  await expect(page).toHaveURL(/\/customers$/);
  expect((await findCustomers(page, name)).total).toBe(1);
  expect(posts).toBe(1);
});

test('a lost answer is retried with the same Idempotency-Key and creates one customer', async ({ page }) => {
  const name = unique('Lost Answer');
  const keys: string[] = [];
  await page.route('**/api/v1/customers', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    keys.push(route.request().headers()['idempotency-key']);
    if (keys.length === 1) {
      // The server creates the customer, but the answer never reaches the browser.
      await route.fetch();
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  await openAddCustomer(page);
  await fillValid(page, name);
  await form(page).save.click();
  const failure = page.getByRole('alert').filter({ hasText: 'The customer was not created.' });
  await expect(failure).toContainText('Could not reach the server');
  await expect(form(page).name).toHaveValue(name);
  await failure.getByRole('button', { name: 'Retry' }).click();
  await expect(page).toHaveURL(/\/customers$/);
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(keys[1]).toBe(keys[0]);
  expect((await findCustomers(page, name)).total).toBe(1);
});

test('a keyboard-only run completes the form', async ({ page }) => {
  const name = unique('Keyboard');
  await openAddCustomer(page);
  const f = form(page);
  const tabTo = async (target: ReturnType<typeof page.locator>) => {
    await page.keyboard.press('Tab');
    await expect(target).toBeFocused();
  };
  await f.name.focus();
  await page.keyboard.type(name);
  await tabTo(f.domain);
  await tabTo(f.licenses);
  await page.keyboard.type('250');
  await tabTo(f.storage);
  await page.keyboard.type('500');
  await tabTo(f.unit);
  await tabTo(f.notify);
  await page.keyboard.type('first@keyboard.fi');
  await page.keyboard.press('Enter');
  await page.keyboard.type('second@keyboard.fi;');
  await expect(page.getByRole('button', { name: 'Remove second@keyboard.fi' })).toBeVisible();
  await tabTo(f.azure);
  await page.keyboard.press('ArrowDown');
  await expect(f.finnish).toBeChecked();
  await expect(f.finnish).toBeFocused();
  await tabTo(f.save);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/customers$/);
  await expect(page.getByRole('status').filter({ hasText: `${name} created.` })).toBeVisible();
  const found = await findCustomers(page, name);
  expect(found.total).toBe(1);
});

test('Cancel asks before throwing input away, and is silent when nothing was typed', async ({ page }) => {
  await openAddCustomer(page);
  await form(page).cancel.click();
  await expect(page).toHaveURL(/\/customers$/);

  await openAddCustomer(page);
  await form(page).name.fill('Half Typed Oy');
  await form(page).cancel.click();
  const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Stay on this page' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/customers\/new$/);
  await expect(form(page).name).toHaveValue('Half Typed Oy');

  await form(page).cancel.click();
  await dialog.getByRole('button', { name: 'Leave without saving' }).click();
  await expect(page).toHaveURL(/\/customers$/);
});

test('reloading with unsaved input asks the browser to confirm', async ({ page }) => {
  await openAddCustomer(page);
  await form(page).name.click();
  await page.keyboard.type('Unsaved Oy');
  const asked = new Promise<string>((resolve) => {
    page.once('dialog', async (d) => {
      resolve(d.type());
      await d.accept();
    });
  });
  await page.reload();
  expect(await asked).toBe('beforeunload');
  await expect(form(page).name).toHaveValue('');
});

test('Back with unsaved input asks first and staying keeps the form', async ({ page }) => {
  await page.goto('/customers');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Add customer' }).click();
  await expect(page).toHaveURL(/\/customers\/new$/);
  await form(page).name.fill('Back Button Oy');

  page.once('dialog', (d) => d.dismiss());
  await page.goBack();
  await expect(page).toHaveURL(/\/customers\/new$/);
  await expect(form(page).name).toHaveValue('Back Button Oy');

  page.once('dialog', (d) => d.accept());
  await page.goBack();
  await expect(page).toHaveURL(/\/customers$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
});

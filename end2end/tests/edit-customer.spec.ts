import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

// Edit customer against the real server. Tests that save create their own customer through the
// API (tests run in parallel on one database); the usage checks read a seeded customer.

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

async function getCustomer(request: APIRequestContext, id: string): Promise<Customer> {
  const response = await request.get(`/api/v1/customers/${id}`);
  expect(response.ok()).toBeTruthy();
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

// Issue 26: the usage chart, its table, and Suggest. A new customer gets 60 days of history
// through the usage API: 1,400 GB growing 5 GB a day (1,695 GB today) and 40 active users, so
// the 2 TB allocation runs out in 61 days and Suggest asks for 1,695 + 90 × 5 = 2,145 GB,
// rounded up to 2,150 GB, and 40 + 10 % = 44 licenses.
const USAGE_WORDS = {
  en: {
    locale: 'en-US',
    customers: 'Customers',
    heading: 'Edit customer',
    chart: 'Storage used over the last 90 days',
    table: 'Show as table',
    caption: 'Storage used and active users per day',
    suggest: 'Suggest',
    licenses: 'User Licenses',
    storage: 'Extra Storage',
    save: 'Save',
    confirm: /^Save changes to /,
    keep: 'Keep editing',
    figures: ['1.7 TB of 2 TB used. Storage runs out in 61 days', '40 active users of 250 licenses.'],
    today: '1.7 TB used, 40 active users',
    yesterday: '1.7 TB used, 40 active users',
    firstDay: '1.4 TB used, 40 active users',
    changes: ['User Licenses 250 → 44', 'Extra Storage 2 TB → 2.15 TB'],
    suggested: 'Suggested Extra Storage 2.15 TB and User Licenses 44. Review, then save.',
    runsOut: 'Runs out',
    short: 'Only 5 days of usage so far: the forecast needs 14 days.',
    none: 'No usage has been reported for this customer yet.',
  },
  fi: {
    locale: 'fi-FI',
    customers: 'Asiakkaat',
    heading: 'Muokkaa asiakasta',
    chart: 'Käytetty tallennustila viimeisten 90 päivän aikana',
    table: 'Näytä taulukkona',
    caption: 'Käytetty tallennustila ja aktiiviset käyttäjät päivittäin',
    suggest: 'Ehdota',
    licenses: 'Käyttäjälisenssit',
    storage: 'Lisätallennustila',
    save: 'Tallenna',
    confirm: /^Tallennetaanko asiakkaan .* muutokset\?$/,
    keep: 'Jatka muokkausta',
    figures: ['1,7 TB / 2 TB käytössä. Tallennustila loppuu 61 päivässä', '40 aktiivista käyttäjää, lisenssejä 250.'],
    today: '1,7 TB käytössä, 40 aktiivista käyttäjää',
    yesterday: '1,7 TB käytössä, 40 aktiivista käyttäjää',
    firstDay: '1,4 TB käytössä, 40 aktiivista käyttäjää',
    changes: ['Käyttäjälisenssit 250 → 44', 'Lisätallennustila 2 TB → 2,15 TB'],
    suggested: 'Ehdotettu lisätallennustila 2,15 TB ja käyttäjälisenssit 44. Tarkista ja tallenna.',
    runsOut: 'Loppuu',
    short: 'Käyttöä on toistaiseksi vain 5 päivältä: ennuste tarvitsee 14 päivää.',
    none: 'Tälle asiakkaalle ei ole vielä raportoitu käyttöä.',
  },
} as const;

/** Reports `days` days of usage ending today: `gb(k)` GB and `users` active users on day k (0 = oldest). */
async function reportUsage(request: APIRequestContext, id: string, days: number, gb: (k: number) => number, users: number) {
  const today = Date.now();
  const samples = Array.from({ length: days }, (_, k) => ({
    customer_id: id,
    date: new Date(today - (days - 1 - k) * 86_400_000).toISOString().slice(0, 10),
    used_storage_bytes: gb(k) * 1_000_000_000,
    active_users: users,
  }));
  const response = await request.post('/api/v1/usage', { headers: { Authorization: 'Bearer demo-token' }, data: { samples } });
  expect(response.status(), await response.text()).toBe(200);
}

for (const [lang, w] of Object.entries(USAGE_WORDS)) {
  test.describe(`usage in ${lang}`, () => {
    test.use({ locale: w.locale });

    test('the chart shows each day by keyboard and pointer, as a table too, and Suggest fills the fields without saving', async ({ page }) => {
      await page.goto('/customers');
      await expect(page.getByRole('heading', { level: 1, name: w.customers })).toBeVisible();
      const created = await createCustomer(page.request, unique('Usage Chart'));
      await reportUsage(page.request, created.id, 60, (k) => 1400 + 5 * k, 40);
      await page.goto(`/customers/${created.id}/edit`);
      await expect(page.getByRole('heading', { level: 1, name: w.heading })).toBeVisible();

      const chart = page.getByRole('img', { name: w.chart });
      await expect(chart).toBeVisible();
      const usage = page.getByRole('region', { name: lang === 'en' ? 'Usage' : 'Käyttö' });
      await expect(usage.getByRole('listitem')).toContainText([w.figures[0], w.figures[1]]);
      await expect(chart.getByText(w.runsOut)).toBeAttached();

      // Keyboard: the days are a listbox beside the image (nothing in an image can take focus).
      // Focus makes the newest day the active option, which a screen reader reads; arrows move
      // it; Home goes to the first. The visible readout says the same.
      const readout = page.locator('#cm-chart-readout');
      const days = page.getByRole('listbox', { name: w.caption });
      await expect(days.getByRole('option')).toHaveCount(60);
      const active = async () => {
        const id = await days.getAttribute('aria-activedescendant');
        return id ? page.locator(`[role=option][id="${id}"]`).textContent() : null;
      };
      await days.focus();
      await expect(days).toBeFocused();
      await expect.poll(active).toContain(w.today);
      await expect(readout).toContainText(w.today);
      const newest = (await readout.textContent())!;
      await page.keyboard.press('ArrowLeft');
      await expect(readout).not.toHaveText(newest);
      await expect(readout).toContainText(w.yesterday);
      await expect.poll(active).toBe(await readout.textContent());
      await page.keyboard.press('Home');
      await expect(readout).toContainText(w.firstDay);
      await expect.poll(active).toContain(w.firstDay);
      await expect(chart.locator('.cm-chart__point')).toHaveCount(1);
      // Pointer: hovering near the right end shows the newest day again.
      const box = (await chart.boundingBox())!;
      await page.mouse.move(box.x + box.width * (90 / 600), box.y + box.height / 2);
      await expect(readout).toContainText(w.firstDay);
      await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2);
      await expect(readout).toHaveText(newest);

      // The same days as a table.
      await page.getByRole('button', { name: w.table }).click();
      await expect(page.getByRole('button', { name: w.table })).toHaveAttribute('aria-pressed', 'true');
      const table = page.getByRole('table', { name: w.caption });
      await expect(table).toBeVisible();
      await expect(table.getByRole('row')).toHaveCount(61);
      await expect(table.getByRole('row').nth(1).getByRole('cell')).toHaveText([/^1[.,]7 TB$/, '40']);
      await expect(chart).toHaveCount(0);
      await page.getByRole('button', { name: w.table }).click();
      await expect(chart).toBeVisible();

      // Suggest fills the fields; the change summary names the change; nothing is saved yet.
      const licenses = page.getByRole('textbox', { name: w.licenses, exact: true });
      const storage = page.getByRole('textbox', { name: w.storage, exact: true });
      await page.getByRole('button', { name: w.suggest, exact: true }).click();
      await expect(licenses).toHaveValue('44');
      await expect(storage).toHaveValue('2.15');
      const note = page.getByRole('status').filter({ hasText: w.suggested });
      await expect(note).toBeVisible();
      expect((await getCustomer(page.request, created.id)).version).toBe(created.version);
      // A suggested field changed by hand: the values are the user's, the note goes.
      await licenses.fill('45');
      await expect(note).toHaveCount(0);
      await page.getByRole('button', { name: w.suggest, exact: true }).click();
      await expect(note).toBeVisible();
      await page.getByRole('button', { name: w.save, exact: true }).click();
      const confirm = page.getByRole('dialog', { name: w.confirm });
      await expect(confirm.getByRole('listitem')).toHaveText([...w.changes]);
      await confirm.getByRole('button', { name: w.keep }).click();
      await expect(confirm).toBeHidden();
      const unchanged = await getCustomer(page.request, created.id);
      expect([unchanged.version, unchanged.user_licenses, unchanged.extra_storage_gb]).toEqual([created.version, 250, 2000]);
    });

    test('too little history is shown and said; no history says so and offers no Suggest', async ({ page }) => {
      await page.goto('/customers');
      await expect(page.getByRole('heading', { level: 1, name: w.customers })).toBeVisible();
      const short = await createCustomer(page.request, unique('Usage Short'));
      await reportUsage(page.request, short.id, 5, (k) => 100 + k, 3);
      await page.goto(`/customers/${short.id}/edit`);
      await expect(page.getByRole('img', { name: w.chart })).toBeVisible();
      await expect(page.getByText(w.short)).toBeVisible();
      await expect(page.getByRole('button', { name: w.suggest, exact: true })).toBeVisible();

      const none = await createCustomer(page.request, unique('Usage None'));
      await page.goto(`/customers/${none.id}/edit`);
      await expect(page.getByText(w.none)).toBeVisible();
      await expect(page.getByRole('img', { name: w.chart })).toHaveCount(0);
      await expect(page.getByRole('button', { name: w.suggest, exact: true })).toHaveCount(0);
    });
  });
}

test('a failed usage load says so and Retry loads it', async ({ page }) => {
  await signIn(page);
  const created = await createCustomer(page.request, unique('Usage Retry'));
  await reportUsage(page.request, created.id, 20, (k) => 100 + k, 3);
  let fail = true;
  await page.route(/\/api\/v1\/customers\/[^/]+\/usage(\?.*)?$/, (route) =>
    fail
      ? route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ status: 503, title: 'Service Unavailable' }) })
      : route.continue(),
  );
  await openEdit(page, created.id);
  const failed = page.getByRole('alert').filter({ hasText: 'Usage could not be loaded' });
  await expect(failed).toBeVisible();
  await expect(page.getByRole('button', { name: 'Suggest', exact: true })).toHaveCount(0);
  fail = false;
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('img', { name: 'Storage used over the last 90 days' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Suggest', exact: true })).toBeVisible();
});

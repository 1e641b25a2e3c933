import { expect, test, type APIRequestContext } from '@playwright/test';

import { API_AUTH, createCustomer, getCustomer, openEdit, unique } from './support/app';

// The usage panel of Edit customer against the real server: each test creates its own customer
// and reports its history through the usage API (tests run in parallel on one database).

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
  const response = await request.post('/api/v1/usage', { headers: API_AUTH, data: { samples } });
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

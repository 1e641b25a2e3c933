import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';

import { API_AUTH, type Customer, type RunsOut } from './support/app';

// The list's forecast (issue 26 §3): the Runs out column, its sort and the "Runs out within 30
// days" filter, in English and Finnish, on the demo data (its 180 days of usage history). What
// the demo data says is read from the API, so the test follows the seed rather than a copy of it.

const LANGUAGES = [
  {
    locale: 'en-US',
    filter: 'Runs out within 30 days',
    column: 'Runs out',
    inDays: (n: number) => (n === 1 ? 'in 1 day' : `in ${n} days`),
    now: 'now',
    noForecast: 'No forecast',
    date: (d: Date) =>
      `${d.getUTCDate()} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]} ${d.getUTCFullYear()}`,
  },
  {
    locale: 'fi-FI',
    filter: 'Loppuu 30 päivässä',
    column: 'Loppuu',
    inDays: (n: number) => `${n} päivässä`,
    now: 'nyt',
    noForecast: 'Ei ennustetta',
    date: (d: Date) => `${d.getUTCDate()}.${d.getUTCMonth() + 1}.${d.getUTCFullYear()}`,
  },
] as const;

/** The list as the API orders it by `sort`, first 100. */
async function listed(request: APIRequestContext, query: string): Promise<Customer[]> {
  const response = await request.get(`/api/v1/customers?per_page=100&${query}`, { headers: API_AUTH });
  expect(response.ok()).toBe(true);
  return (await response.json()).items;
}

/** Days until one allocation runs out: 0 for now, null beyond the horizon or without a forecast. */
const days = (r: RunsOut) => (r.state === 'in_days' ? r.days : r.state === 'now' ? 0 : null);

/** The sooner of storage and licenses, as the column shows it. */
function soonest(c: Customer): number | null {
  const [s, l] = [days(c.forecast!.storage), days(c.forecast!.licenses)];
  return s === null ? l : l === null ? s : Math.min(s, l);
}

/** A customer's row, by its organization name. */
const rowOf = (page: Page, name: string): Locator =>
  page
    .getByRole('table')
    .locator('tbody tr')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) });

for (const lang of LANGUAGES) {
  test.describe(`Runs out (${lang.locale})`, () => {
    test.use({ locale: lang.locale });

    test('the filter finds the customer that runs out soonest; its date shows on keyboard focus and Escape hides it', async ({
      page,
      request,
    }) => {
      const [first] = await listed(request, 'sort=runs_out_days');
      const firstDays = soonest(first);
      expect(firstDays, `${first.organization_name} runs out within 30 days in the demo data`).not.toBeNull();
      expect(firstDays!).toBeLessThanOrEqual(30);
      const soon = await listed(request, 'runs_out_soon=true');

      await page.goto('/customers?per_page=100');
      await page.getByLabel(lang.filter).check();
      await expect(page).toHaveURL(/runs_out_soon=true/);
      await expect(page.getByRole('table').getByRole('rowheader')).toHaveCount(soon.length);
      const row = rowOf(page, first.organization_name);
      const when = row.locator('.cm-runs-out__when');
      await expect(when).toContainText(firstDays === 0 ? lang.now : lang.inDays(firstDays!));

      // The date is hidden until the forecast is hovered or focused; Tab reaches it from the name.
      const date = new Date(Date.parse(first.usage_updated_at.slice(0, 10)) + firstDays! * 86_400_000);
      const tooltip = when.locator('.cm-runs-out__date');
      await expect(tooltip).toContainText(lang.date(date));
      expect((await tooltip.boundingBox())!.width).toBeLessThanOrEqual(1);
      await row.getByRole('rowheader').getByRole('link').focus();
      await page.keyboard.press('Tab');
      await expect(when).toBeFocused();
      expect((await tooltip.boundingBox())!.width).toBeGreaterThan(20);
      await expect(tooltip).toBeInViewport();
      // Escape hides it without moving focus; it shows again the next time focus arrives.
      await page.keyboard.press('Escape');
      await expect(when).toBeFocused();
      await expect.poll(async () => (await tooltip.boundingBox())!.width).toBeLessThanOrEqual(1);
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      await expect(when).toBeFocused();
      expect((await tooltip.boundingBox())!.width).toBeGreaterThan(20);

      // Every customer the filter keeps runs out within 30 days or already has.
      for (const c of soon) expect(soonest(c), c.organization_name).not.toBeNull();
      for (const text of await page.locator('tbody .cm-runs-out__in').allInnerTexts()) {
        const n = text === lang.now ? 0 : Number(text.match(/\d+/)?.[0]);
        expect(n, text).toBeLessThanOrEqual(30);
      }
    });

    test('sorting by Runs out: soonest first, then those without a forecast first descending', async ({
      page,
      request,
    }) => {
      const expected = await listed(request, 'sort=runs_out_days');
      await page.goto('/customers?per_page=100');
      const header = page.getByRole('columnheader', { name: lang.column });
      await header.getByRole('button').click();
      await expect(page).toHaveURL(/sort=runs_out_days/);
      await expect(header).toHaveAttribute('aria-sort', 'ascending');
      await expect(page.getByRole('rowheader').first()).toHaveText(expected[0].organization_name);
      // The first rows read as the API's forecasts say: "now" or "in N days".
      const cells = page.locator('tbody .cm-runs-out');
      for (const [i, c] of expected.slice(0, 5).entries()) {
        const n = soonest(c);
        await expect(cells.nth(i)).toContainText(n === null ? '–' : n === 0 ? lang.now : lang.inDays(n));
      }

      await header.getByRole('button').click();
      await expect(page).toHaveURL(/sort=-runs_out_days/);
      await expect(header).toHaveAttribute('aria-sort', 'descending');
      // A customer without a forecast (Tailspin Toys Ab has 5 days of history) reads "–", and
      // "No forecast" to a screen reader; it is not a tab stop.
      const none = rowOf(page, 'Tailspin Toys Ab').locator('.cm-runs-out');
      await expect(none).toHaveText(`–${lang.noForecast}`);
      await expect(none.locator('[aria-hidden="true"]')).toHaveText('–');
      await expect(none.locator('[tabindex]')).toHaveCount(0);
      await expect(cells.first()).toContainText('–');
    });
  });
}

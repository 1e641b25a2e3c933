import { expect, test, type Page } from '@playwright/test';

import { AUDIT, CUSTOMERS, EDITED, ME, NOW, USAGE, page as listPage } from '../fixtures/visual';
import { LIST_URL, ONE_URL, problem } from './support/app';

// Visual regression (issue 15): screenshots of every main state at a laptop and a phone width, in
// English and Finnish, compared with the committed images in end2end/screenshots/. The API
// answers come from fixtures/visual.ts and the clock is fixed, so the images only change when
// the app's look does. Update them after an intended change:
//   E2E_UPDATE_SCREENSHOTS=1 scripts/test.sh e2e

const WIDTHS = [
  { name: '1366', viewport: { width: 1366, height: 850 } },
  { name: '390', viewport: { width: 390, height: 844 } },
];

/** What the tests type and click, in each language (the labels the user sees). */
const LANGUAGES = {
  en: {
    browser: 'en-US',
    domain: 'Domain',
    notify: 'Notify Users',
    licenses: 'User Licenses',
    save: 'Save',
    saveChanges: 'Save changes',
    chart: 'Storage used over the last 90 days',
  },
  fi: {
    browser: 'fi-FI',
    domain: 'Verkkotunnus',
    notify: 'Ilmoita käyttäjille',
    licenses: 'Käyttäjälisenssit',
    save: 'Tallenna',
    saveChanges: 'Tallenna muutokset',
    chart: 'Käytetty tallennustila viimeisten 90 päivän aikana',
  },
} as const;

/** Serves the list from `body` (status 200 unless given). */
async function serveList(page: Page, body: unknown, status = 200) {
  await page.route(LIST_URL, (route) =>
    route.request().method() === 'GET'
      ? route.fulfill({
          status,
          contentType: status === 200 ? 'application/json' : 'application/problem+json',
          body: JSON.stringify(body),
        })
      : route.continue(),
  );
}

/** Answers `GET /me` as a manager: the role the screenshots show, not the server's. */
async function serveMe(page: Page) {
  await page.route(/\/api\/v1\/me$/, (route) => route.fulfill({ json: ME }));
}

/** Serves the edited customer, its usage and its change history. */
async function serveCustomer(page: Page) {
  await page.route(ONE_URL, (route) =>
    route.request().method() === 'GET' ? route.fulfill({ json: EDITED }) : route.continue(),
  );
  await page.route(/\/api\/v1\/customers\/[^/]+\/audit$/, (route) => route.fulfill({ json: AUDIT }));
  await page.route(/\/api\/v1\/customers\/[^/]+\/usage(\?.*)?$/, (route) => route.fulfill({ json: USAGE }));
}

/** The whole page once the app has settled (fonts loaded, no pending frame). */
async function expectPage(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await expect(page).toHaveScreenshot(name, { fullPage: true });
}

for (const [lang, words] of Object.entries(LANGUAGES)) {
  for (const { name: width, viewport } of WIDTHS) {
    test.describe(`${lang} at ${width}`, () => {
      // The first visit follows the browser's language (no choice remembered yet).
      test.use({ viewport, locale: words.browser, timezoneId: 'Europe/Helsinki' });
      test.beforeEach(async ({ page }) => {
        await page.clock.setFixedTime(NOW);
        await serveMe(page);
      });
      const shot = (state: string) => `${state}-${lang}-${width}.png`;

      test('the list with data (cards at 390)', async ({ page }) => {
        await serveList(page, listPage(CUSTOMERS));
        await page.goto('/customers');
        await expect(page.getByRole('rowheader')).toHaveCount(CUSTOMERS.length);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await expectPage(page, shot('list'));
      });

      test('the empty list', async ({ page }) => {
        await serveList(page, listPage([]));
        await page.goto('/customers');
        await expect(page.locator('.cm-empty')).toBeVisible();
        await expectPage(page, shot('list-empty'));
      });

      test('the list failing to load', async ({ page }) => {
        await serveList(page, JSON.parse(problem(500, 'Internal Server Error', '')), 500);
        await page.goto('/customers');
        await expect(page.getByRole('alert')).toBeVisible();
        await expectPage(page, shot('list-error'));
      });

      test('Add customer with errors', async ({ page }) => {
        await page.goto('/customers/new');
        await page.getByRole('textbox', { name: words.domain, exact: true }).fill('http://bad domain');
        await page.getByRole('textbox', { name: words.notify, exact: true }).fill('not-an-address;');
        await page.getByRole('button', { name: words.save, exact: true }).click();
        await expect(page.locator('.cm-error-summary')).toBeVisible();
        await expectPage(page, shot('add-errors'));
      });

      test('Edit customer', async ({ page }) => {
        await serveCustomer(page);
        await page.goto(`/customers/${EDITED.id}/edit`);
        await expect(page.getByRole('textbox', { name: words.licenses, exact: true })).toHaveValue('250');
        await expect(page.locator('.cm-audit tbody tr')).toHaveCount(AUDIT.length);
        await expect(page.getByRole('img', { name: words.chart })).toBeVisible();
        await expectPage(page, shot('edit'));
      });

      test('the conflict view', async ({ page }) => {
        await serveCustomer(page);
        await page.route(ONE_URL, (route) =>
          route.request().method() === 'PATCH'
            ? route.fulfill({
                status: 412,
                contentType: 'application/problem+json',
                body: problem(412, 'Precondition Failed', '', {
                  code: 'stale_version',
                  current: { ...EDITED, extra_storage_gb: 2500, version: EDITED.version + 1, updated_at: '2026-11-28T10:50:00Z' },
                }),
              })
            : route.fallback(),
        );
        await page.goto(`/customers/${EDITED.id}/edit`);
        await expect(page.getByRole('img', { name: words.chart })).toBeVisible();
        await page.getByRole('textbox', { name: words.licenses, exact: true }).fill('300');
        await page.getByRole('button', { name: words.save, exact: true }).click();
        await page.getByRole('dialog').getByRole('button', { name: words.saveChanges, exact: true }).click();
        await expect(page.locator('.cm-conflict')).toBeFocused();
        await expectPage(page, shot('conflict'));
      });
    });
  }
}

test.describe('in the example host page', () => {
  const hostUrl = process.env.E2E_HOST_URL;
  test.skip(!hostUrl, 'E2E_HOST_URL is not set (scripts/test.sh e2e starts the host page server)');
  test.use({ locale: 'en-US', timezoneId: 'Europe/Helsinki' });
  test.beforeEach(async ({ page }) => {
    await page.clock.setFixedTime(NOW);
    await serveMe(page);
    await serveList(page, listPage(CUSTOMERS));
  });

  test("the list at 1366: the table fits the host's column", async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 850 });
    await page.goto(`${hostUrl}/partner/backup/customers`);
    await expect(page.getByRole('rowheader')).toHaveCount(CUSTOMERS.length);
    await expectPage(page, 'host-list-1366.png');
  });

  test('the list at 1024: the host leaves the app too little room for the table, so cards', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 850 });
    await page.goto(`${hostUrl}/partner/backup/customers`);
    await expect(page.getByRole('rowheader')).toHaveCount(CUSTOMERS.length);
    await expectPage(page, 'host-cards-1024.png');
  });
});

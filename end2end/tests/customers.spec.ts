import { expect, test } from '@playwright/test';

test('the Customers tab lists the seeded customers read from SQLite', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/customers$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'Organization' })).toBeVisible();
  await expect(table.getByRole('rowheader', { name: 'Contoso Oy' })).toBeVisible();
  expect(await table.getByRole('row').count()).toBeGreaterThan(5);
});

test('a reload of /customers still shows the list (deep link served by the server)', async ({ page }) => {
  await page.goto('/customers');
  await expect(page.getByRole('rowheader', { name: 'Contoso Oy' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Contoso Oy' })).toBeVisible();
});

test('an unknown path shows the not-found page with a way back', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to Customers' }).click();
  await expect(page).toHaveURL(/\/customers$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
});

test('an API failure shows the server message and Retry recovers', async ({ page }) => {
  let fail = true;
  await page.route(/\/api\/v1\/customers(\?|$)/, async (route) => {
    if (fail) {
      fail = false;
      await route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ title: 'Service Unavailable', status: 503, detail: 'Database is being upgraded' }),
      });
    } else {
      await route.continue();
    }
  });
  await page.goto('/customers');
  await expect(page.getByRole('alert')).toContainText('Database is being upgraded');
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('rowheader', { name: 'Contoso Oy' })).toBeVisible();
});

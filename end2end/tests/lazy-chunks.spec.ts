import { expect, test } from '@playwright/test';

// Release builds split the Add and Edit customer views into their own wasm chunks
// (src/app/lazy.rs, scripts/node-tools/split.mjs): the list never waits for them, and a chunk
// that cannot be fetched shows a message with Retry instead of a dead app.

const CHUNK = /\/(split|chunk)_[^/]*\.wasm$/;

test('the list shows before any form chunk is fetched; pointing at a control fetches them', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (r) => {
    if (CHUNK.test(new URL(r.url()).pathname)) fetched.push(r.url());
  });
  await page.goto('/customers');
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await expect(page.getByText('Contoso Oy').first()).toBeVisible();
  await page.waitForTimeout(500);
  expect(fetched).toEqual([]);
  await page.getByRole('button', { name: 'Add', exact: true }).hover();
  await expect.poll(() => fetched.filter((u) => /split_add_customer-/.test(u)).length).toBe(1);
});

test('a blocked chunk shows Retry, and Retry loads the view', async ({ page }) => {
  let blocked = true;
  await page.route(CHUNK, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  await page.goto('/customers/new');
  const alert = page.getByRole('alert').filter({ hasText: 'This view could not be loaded' });
  await expect(alert).toBeVisible();
  blocked = false;
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add customer' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Organization name', exact: true })).toBeVisible();
});

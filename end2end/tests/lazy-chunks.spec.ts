import { expect, test, type Page } from '@playwright/test';

// Release builds split the Add, Edit and Import customers views into their own wasm chunks
// (src/shell/lazy.rs, scripts/node-tools/split.mjs): the list never waits for them, and a chunk
// that cannot be fetched shows a message with Retry instead of a dead app.

const CHUNK = /\/(split|chunk)_[^/]*\.wasm$/;
const hostUrl = process.env.E2E_HOST_URL;

/** Records the chunk URLs the page requests. */
function watchChunks(page: Page) {
  const fetched: string[] = [];
  page.on('request', (r) => {
    if (CHUNK.test(new URL(r.url()).pathname)) fetched.push(r.url());
  });
  return fetched;
}

/** Fails every chunk request until the returned function is called. */
async function blockChunks(page: Page) {
  let blocked = true;
  await page.route(CHUNK, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  return () => {
    blocked = false;
  };
}

test('the list shows before any view chunk is fetched; pointing at a control fetches them', async ({ page }) => {
  const fetched = watchChunks(page);
  await page.goto('/customers');
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await expect(page.getByText('Contoso Oy').first()).toBeVisible();
  await page.waitForTimeout(500);
  expect(fetched).toEqual([]);
  await page.getByRole('button', { name: 'Add', exact: true }).hover();
  for (const view of ['add_customer', 'edit_customer', 'import_customers']) {
    await expect.poll(() => fetched.filter((u) => u.includes(`/split_${view}-`)).length).toBe(1);
  }
});

test('chunk names carry a content hash, so a page of an older build never gets a newer chunk', async ({ page }) => {
  const fetched = watchChunks(page);
  await page.goto('/customers/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Add customer' })).toBeVisible();
  expect(fetched.length).toBeGreaterThan(0);
  for (const url of fetched) expect(new URL(url).pathname).toMatch(/-[0-9a-f]{16}\.wasm$/);
});

for (const { path, heading } of [
  { path: '/customers/new', heading: 'Add customer' },
  { path: '/customers/import', heading: 'Import customers' },
]) {
  test(`a blocked chunk on ${path} shows Retry, and Retry loads the view`, async ({ page }) => {
    const unblock = await blockChunks(page);
    await page.goto(path);
    const alert = page.getByRole('alert').filter({ hasText: 'This view could not be loaded' });
    await expect(alert).toBeVisible();
    unblock();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  });
}

test('a blocked Edit chunk shows Retry, and Retry loads the customer', async ({ page }) => {
  await page.goto('/customers');
  const href = await page.getByRole('link', { name: /^Edit customer/ }).first().getAttribute('href');
  const unblock = await blockChunks(page);
  await page.goto(href!);
  const alert = page.getByRole('alert').filter({ hasText: 'This view could not be loaded' });
  await expect(alert).toBeVisible();
  unblock();
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit customer' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'User Licenses', exact: true })).toBeVisible();
});

test.describe('embedded in the partner portal', () => {
  test.skip(!hostUrl, 'E2E_HOST_URL is not set (scripts/test.sh e2e starts the host page server)');

  test('chunks load under the base path and the strict CSP, and a blocked one recovers with Retry', async ({ page }, info) => {
    test.skip(info.project.name === 'phone', 'the host page is checked at the laptop width');
    await page.addInitScript(() => {
      (window as any).__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as any).__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const fetched = watchChunks(page);
    const glue: string[] = [];
    page.on('request', (r) => {
      if (/\/customers-app-[0-9a-f]+\.js$/.test(new URL(r.url()).pathname)) glue.push(r.url());
    });
    const unblock = await blockChunks(page);
    await page.goto(`${hostUrl}/partner/backup/customers/import`);
    const app = page.locator('#customers-app');
    const alert = app.getByRole('alert').filter({ hasText: 'This view could not be loaded' });
    await expect(alert).toBeVisible();
    unblock();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(app.getByRole('heading', { level: 1, name: 'Import customers' })).toBeVisible();
    // The app's route is under the host's base path; its files, chunks included, sit beside the glue.
    expect(page.url()).toContain('/partner/backup/customers/import');
    const dir = (u: string) => new URL('.', u).href;
    expect(fetched.length).toBeGreaterThan(0);
    expect(new Set(fetched.map(dir))).toEqual(new Set([dir(glue[0])]));
    expect(await page.evaluate(() => (window as any).__csp as string[])).toEqual([]);
  });
});

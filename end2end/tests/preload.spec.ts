import { expect, test, type Page } from '@playwright/test';

// index.html starts the first list request while the wasm downloads (src/preload.js) and the app
// adopts it when its own first request has the same URL. The two build that URL separately (JS
// and Rust), so these tests catch them drifting apart: a mismatch shows as a second request.

/** Every list request the page makes (the CSV export excluded), and the URL preload.js started. */
async function listRequests(page: Page) {
  const urls: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === '/api/v1/customers') urls.push(url.search);
  });
  await page.addInitScript(() => {
    Object.defineProperty(window, '__cmListPreload', {
      configurable: true,
      set(value) {
        (window as any).__preloadStarted = new URL(value.url).search;
        Object.defineProperty(window, '__cmListPreload', { value, writable: true, configurable: true });
      },
    });
  });
  return { urls, started: () => page.evaluate(() => (window as any).__preloadStarted as string | undefined) };
}

const cases: [string, string][] = [
  ['/customers', ''],
  ['/customers?sort=-created_at&page=2&per_page=10', '?sort=-created_at&page=2&per_page=10'],
  ['/customers?q=%20%20oy%20&status=active&storage_type=azure_ireland&attention=true', '?q=oy&status=active&storage_type=azure_ireland&attention=true'],
  // Defaults and values the app ignores are left out of the request by both.
  ['/customers?page=1&per_page=25&status=bogus&attention=false', ''],
];

for (const [path, expected] of cases) {
  test(`the first list request starts with the page and is used once: ${path}`, async ({ page }) => {
    const requests = await listRequests(page);
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
    await expect(page.getByText(/\d+–\d+ of \d+|No customers match/)).toBeVisible();
    await page.waitForLoadState('networkidle');
    // One request, and it is the early one: the app adopted it instead of asking again.
    expect(await requests.started()).toBe(expected);
    expect(requests.urls).toEqual([expected]);
  });
}

test('a failed early request is reported like any list failure, and Retry fetches again', async ({ page }) => {
  let fail = true;
  await page.route('**/api/v1/customers?*', (route) => route.fallback());
  await page.route('**/api/v1/customers', (route) =>
    fail ? route.fulfill({ status: 500, contentType: 'application/problem+json', body: '{"title":"boom","status":500}' }) : route.fallback(),
  );
  await page.goto('/customers');
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
  fail = false;
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('rowheader', { name: 'Contoso Oy' })).toBeVisible();
});

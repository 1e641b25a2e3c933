import { expect, test, type Page } from '@playwright/test';

// The example partner-portal page (examples/host-page/) behind the stand-in portal
// (examples/dev-portal): the app is embedded under /partner/backup with the portal's JWT as its
// bearer token. scripts/test.sh sets the URL.
const hostUrl = process.env.E2E_HOST_URL;
test.skip(!hostUrl, 'E2E_HOST_URL is not set (scripts/test.sh e2e starts the host page server)');

const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Collects CSP violations from the moment the page starts. */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    (window as any).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as any).__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return async () => page.evaluate(() => (window as any).__csp as string[]);
}

/** Computed styles of the host's own elements, to compare with and without the app. */
async function hostStyles(page: Page) {
  return page.evaluate(() => {
    const pick = (selector: string, props: string[]) => {
      const el = document.querySelector(selector)!;
      const cs = getComputedStyle(el);
      return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
    };
    return {
      body: pick('body', ['font-family', 'background-color', 'margin-top', 'font-size']),
      header: pick('.portal-header', ['background-color', 'display', 'padding-top']),
      button: pick('#portal-sign-in', ['background-color', 'text-transform', 'letter-spacing', 'border-radius']),
      heading: pick('#portal-log-title', ['font-family', 'color']),
    };
  });
}

test('the app mounts under the base path with the host token, leaving host styles untouched and no CSP violation', async ({ page }) => {
  const violations = await watchCsp(page);
  // The host page alone: the app's wasm is blocked, so nothing of the app runs.
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.goto(`${hostUrl}/partner/backup/customers`);
  const before = await hostStyles(page);
  await page.unroute(/\.wasm$/);

  const authHeaders: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/customers')) authHeaders.push(r.headers()['authorization'] ?? '');
  });
  await page.goto(`${hostUrl}/partner/backup/customers`);
  const app = page.locator('#customers-app');
  await expect(app.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await expect(app.getByRole('rowheader', { name: 'Contoso Oy' })).toBeVisible();
  // The portal wrote a JWT for the signed-in person into data-token (examples/dev-portal).
  expect(authHeaders[0]).toMatch(/^Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  await expect(app.locator('.cm-app')).toHaveAttribute('lang', 'en');

  expect(await hostStyles(page)).toEqual(before);
  // The host's global `table`/`button` rules do not reach inside the app.
  const tableTransform = await app.getByRole('table').evaluate((t) => getComputedStyle(t.querySelector('td')!).textTransform);
  expect(tableTransform).toBe('none');
  const addButton = await app.getByRole('button', { name: 'Add', exact: true }).evaluate((b) => getComputedStyle(b).letterSpacing);
  expect(addButton).toBe('normal');
  expect(await violations()).toEqual([]);
});

test('navigation stays inside the base path and Back returns to the host URL', async ({ page }) => {
  await page.goto(`${hostUrl}/partner/backup/customers`);
  const app = page.locator('#customers-app');
  await app.getByRole('link', { name: 'Edit customer Contoso Oy' }).click();
  await expect(page).toHaveURL(/\/partner\/backup\/customers\/[^/]+\/edit$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/partner\/backup\/customers$/);
  await expect(app.getByRole('rowheader', { name: 'Contoso Oy' })).toBeVisible();
  // The host's own header is still there and its links untouched.
  await expect(page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Billing' })).toHaveAttribute('href', '/partner/billing');
});

test('a 401 raises auth-required for the host, and the list retries after the host hands a new token', async ({ page }) => {
  let rejected = 0;
  await page.route(/\/api\/v1\/customers(\?|$)/, async (route) => {
    if (rejected === 0) {
      rejected++;
      await route.fulfill({
        status: 401,
        contentType: 'application/problem+json',
        body: JSON.stringify({ title: 'Unauthorized', status: 401, detail: 'Token expired' }),
      });
    } else {
      await route.continue();
    }
  });
  await page.goto(`${hostUrl}/partner/backup/customers`);
  const app = page.locator('#customers-app');
  await expect(app.getByRole('alert')).toContainText('session has expired');
  await expect(page.locator('#portal-events li[data-event="auth-required"]')).toHaveCount(1);

  await page.getByRole('button', { name: 'Sign in again' }).first().click(); // the host's button
  await expect(app.getByRole('rowheader', { name: 'Contoso Oy' })).toBeVisible();
});

test('creating a customer in the embedded app tells the host with customer-created', async ({ page }) => {
  const name = unique('Embedded');
  await page.goto(`${hostUrl}/partner/backup/customers/new`);
  const app = page.locator('#customers-app');
  await app.getByRole('textbox', { name: 'Organization name', exact: true }).fill(name);
  await app.getByRole('textbox', { name: 'User Licenses', exact: true }).fill('25');
  await app.getByRole('textbox', { name: 'Extra Storage', exact: true }).fill('500');
  await app.getByRole('textbox', { name: 'Notify Users', exact: true }).fill('it@embedded.fi;');
  await app.getByRole('radio', { name: 'Azure (Ireland)' }).check();
  await app.getByRole('button', { name: 'Save', exact: true }).click();

  await expect(page).toHaveURL(/\/partner\/backup\/customers$/);
  const event = page.locator('#portal-events li[data-event="customer-created"]');
  await expect(event).toHaveCount(1);
  await expect(event).toContainText(name);
});

test('Export CSV works with bearer auth, where a plain link could not send the token', async ({ page }) => {
  await page.goto(`${hostUrl}/partner/backup/customers?storage_type=finnish_s3`);
  const app = page.locator('#customers-app');
  await expect(app.getByRole('rowheader').first()).toBeVisible();
  // Without the demo cookie only the bearer header can authenticate the export.
  await page.context().clearCookies();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    app.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('customers.csv');
  const { readFile } = await import('node:fs/promises');
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.split(/\r?\n/)[0]).toContain('organization_name');
  expect(csv).toContain('Litware Ab');
  expect(csv).not.toContain('Contoso Oy');
});

test('a save refused with 401 keeps the input and goes through once the host hands a new token', async ({ page }) => {
  const name = unique('Reauth');
  let refused = 0;
  await page.route(/\/api\/v1\/customers$/, async (route) => {
    if (route.request().method() === 'POST' && refused === 0) {
      refused++;
      await route.fulfill({
        status: 401,
        contentType: 'application/problem+json',
        body: JSON.stringify({ title: 'Unauthorized', status: 401, detail: 'Token expired' }),
      });
    } else {
      await route.continue();
    }
  });
  await page.goto(`${hostUrl}/partner/backup/customers/new`);
  const app = page.locator('#customers-app');
  const orgName = app.getByRole('textbox', { name: 'Organization name', exact: true });
  await orgName.fill(name);
  await app.getByRole('textbox', { name: 'User Licenses', exact: true }).fill('25');
  await app.getByRole('textbox', { name: 'Extra Storage', exact: true }).fill('500');
  await app.getByRole('textbox', { name: 'Notify Users', exact: true }).fill('it@reauth.fi;');
  await app.getByRole('radio', { name: 'Azure (Ireland)' }).check();
  await app.getByRole('button', { name: 'Save', exact: true }).click();

  await expect(page.locator('#portal-events li[data-event="auth-required"]')).toHaveCount(1);
  await expect(orgName).toHaveValue(name);
  await page.locator('#portal-sign-in').click();
  await expect(page.locator('#portal-events li[data-event="customer-created"]')).toContainText(name);
  await expect(page).toHaveURL(/\/partner\/backup\/customers$/);
});

test('the table fits the column the host gives the app: every header and Edit customer visible, no scrolling', async ({ page }) => {
  await page.goto(`${hostUrl}/partner/backup/customers`);
  const app = page.locator('#customers-app');
  await expect(app.getByRole('rowheader', { name: 'Contoso Oy' })).toBeVisible();
  const mount = (await app.boundingBox())!;
  expect(mount.width, 'the host gives the app less than the window').toBeLessThan(1100);
  expect(await app.locator('.cm-table-wrap').evaluate((w) => w.scrollWidth <= w.clientWidth)).toBe(true);
  for (const header of await app.getByRole('columnheader').all()) {
    const box = (await header.boundingBox())!;
    expect(box.x + box.width, await header.innerText()).toBeLessThanOrEqual(mount.x + mount.width);
  }
  const edit = (await app.getByRole('link', { name: 'Edit customer Contoso Oy' }).boundingBox())!;
  expect(edit.x + edit.width).toBeLessThanOrEqual(mount.x + mount.width);
  expect(await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)).toBe(false);
});

test.describe('language embedded', () => {
  // A Finnish browser with a choice remembered by the host's own use of the key: data-locale wins.
  test.use({ locale: 'fi-FI' });

  test("the host's data-locale wins, the mount element's lang says it, and nothing is written to the host's storage", async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('cm-locale', 'fi'));
    await page.goto(`${hostUrl}/partner/backup/customers`);
    const app = page.locator('#customers-app');
    await expect(app.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
    await expect(app).toHaveAttribute('lang', 'en');
    // The host set the language, so the app offers no switcher of its own.
    await expect(app.getByRole('combobox', { name: /Language|Kieli/ })).toHaveCount(0);
    expect(await page.evaluate(() => ({ ...localStorage }))).toEqual({ 'cm-locale': 'fi' });
  });

  /** The host page with the mount element's attributes changed before the app reads them
   *  (`null` removes one): the change is made as the parser inserts the element. */
  async function hostPageWith(page: import('@playwright/test').Page, attributes: Record<string, string | null>) {
    await page.addInitScript((set) => {
      new MutationObserver((_, observer) => {
        const el = document.getElementById('customers-app');
        if (!el) return;
        for (const [name, value] of Object.entries(set)) {
          if (value === null) el.removeAttribute(name);
          else el.setAttribute(name, value);
        }
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    }, attributes);
  }

  test('without data-locale the app follows the browser and offers a switcher, but remembers nothing unless allowed', async ({ page }) => {
    await hostPageWith(page, { 'data-locale': null });
    await page.goto(`${hostUrl}/partner/backup/customers`);
    const app = page.locator('#customers-app');
    await expect(app.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();
    await expect(app).toHaveAttribute('lang', 'fi');
    await app.getByRole('combobox', { name: 'Kieli' }).selectOption('en');
    await expect(app.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
    await expect(app).toHaveAttribute('lang', 'en');
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    await page.reload();
    await expect(app.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();
  });

  test('with data-remember-locale the choice is kept in the page storage and survives a reload', async ({ page }) => {
    await hostPageWith(page, { 'data-locale': null, 'data-remember-locale': '' });
    await page.goto(`${hostUrl}/partner/backup/customers`);
    const app = page.locator('#customers-app');
    await app.getByRole('combobox', { name: 'Kieli' }).selectOption('en');
    await expect(app.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('cm-locale'))).toBe('en');
    await page.reload();
    await expect(app.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
    await expect(app).toHaveAttribute('lang', 'en');
  });
});

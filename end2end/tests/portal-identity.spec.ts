import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// Sign-in as a partner portal does it: the example host page behind the stand-in portal
// (examples/dev-portal), whose JWTs the API checks against the portal's JWKS. Maija is a manager
// and Ville a viewer of the demo reseller. scripts/test.sh starts both servers.
const hostUrl = process.env.E2E_HOST_URL;
test.skip(!hostUrl, 'E2E_HOST_URL is not set (scripts/test.sh e2e starts the portal and its API server)');

const list = () => `${hostUrl}/partner/backup/customers`;

/** The host page's event log entries for `name`, as text. */
const events = (page: Page, name: string) => page.locator(`#portal-events li[data-event="${name}"]`);

/** Signs `person` in with the portal's own link and waits for the list. */
async function signInAs(page: Page, person: 'Maija Manager (manager)' | 'Ville Viewer (viewer)') {
  await page.goto(list());
  await page.getByRole('navigation', { name: 'Signed in as' }).getByRole('link', { name: person }).click();
  await expect(page.getByRole('navigation', { name: 'Signed in as' }).getByRole('link', { name: person })).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('#customers-app').getByRole('rowheader', { name: 'Contoso Oy' })).toBeVisible();
}

test('the app sends the portal JWT, and a token that expires during an edit is renewed: the save completes with the typed values and the history names the person', async ({ page }) => {
  const authorizations: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/')) authorizations.push(r.headers()['authorization'] ?? '');
  });
  await signInAs(page, 'Maija Manager (manager)');
  expect(authorizations[0]).toMatch(/^Bearer eyJ/);
  const app = page.locator('#customers-app');
  await app.getByRole('link', { name: 'Edit customer Contoso Oy' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Edit customer' })).toBeVisible();
  const licenses = app.getByRole('textbox', { name: 'User Licenses', exact: true });
  const typed = String(500 + Math.floor(Math.random() * 400));
  await licenses.fill(typed);

  // The portal hiccups once: the renewal the app asks for ahead of expiry fails, so the token in
  // hand really expires. The next renewal waits until the test has looked at the form.
  let renewals = 0;
  let releaseRenewal: () => void = () => {};
  const renewalHeld = new Promise<void>((resolve) => (releaseRenewal = resolve));
  await page.route('**/portal/token*', async (route) => {
    renewals++;
    if (renewals === 1) return route.abort();
    if (renewals === 2) await renewalHeld;
    return route.continue();
  });
  // A token that expired two minutes ago, past the API's 60 s of clock skew.
  const expired = (await (await page.request.get(`${hostUrl}/portal/token?expires_in=-120`)).json()).token as string;
  await app.evaluate((mount, token) => mount.dispatchEvent(new CustomEvent('set-token', { detail: token })), expired);
  await expect(events(page, 'auth-required')).toHaveText([/"reason":"expiring"/]);

  await app.getByRole('button', { name: 'Save', exact: true }).click();
  await app.getByRole('dialog', { name: /^Save changes to / }).getByRole('button', { name: 'Save changes' }).click();
  await expect(events(page, 'auth-required')).toHaveCount(2);
  await expect(events(page, 'auth-required').nth(1)).toContainText('"reason":"expired"');
  await expect(events(page, 'customer-updated')).toHaveCount(0);
  await expect(licenses).toHaveValue(typed);
  releaseRenewal();

  await expect(events(page, 'customer-updated')).toHaveCount(1);
  await expect(events(page, 'customer-updated')).toContainText('Contoso Oy');
  await expect(page).toHaveURL(/\/partner\/backup\/customers$/);
  await app.getByRole('link', { name: 'Edit customer Contoso Oy' }).click();
  await expect(licenses).toHaveValue(typed);
  const history = app.getByRole('table', { name: 'Changes to this customer, newest first' });
  await expect(history.getByRole('row').nth(1)).toContainText('Maija Manager (manager)');
  await expect(history.getByRole('row').nth(1)).toContainText(typed);
});

test('a viewer sees no Add or Import, reads View customer, gets a read-only customer page without axe violations, and a message instead of the Add form', async ({ page }) => {
  await signInAs(page, 'Ville Viewer (viewer)');
  const app = page.locator('#customers-app');
  await expect(app.getByRole('button', { name: 'Add', exact: true })).toHaveCount(0);
  await expect(app.getByRole('link', { name: /Import/ })).toHaveCount(0);
  await expect(app.getByRole('link', { name: 'Edit customer Contoso Oy' })).toHaveCount(0);
  await app.getByRole('link', { name: 'View customer Contoso Oy' }).click();

  await expect(app.getByText('You can view this customer. Ask a manager to change licenses or storage.')).toBeVisible();
  await expect(app.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);
  await expect(app.getByRole('table', { name: 'Changes to this customer, newest first' })).toBeVisible();
  // The usage chart is for everyone; Suggest only for those who can save.
  await expect(app.getByRole('img', { name: 'Storage used over the last 90 days' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Suggest', exact: true })).toHaveCount(0);
  const results = await new AxeBuilder({ page })
    .include('#customers-app')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(5);

  await page.goto(`${hostUrl}/partner/backup/customers/new`);
  await expect(app.getByText('You can view customers. Ask a manager to add or import customers.')).toBeVisible();
  await expect(app.getByRole('textbox', { name: 'Organization name', exact: true })).toHaveCount(0);
});

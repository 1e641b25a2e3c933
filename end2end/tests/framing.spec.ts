import { expect, test } from '@playwright/test';

// The app's HTML carries `Content-Security-Policy: frame-ancestors …` (server flag
// `--frame-ancestors`, default 'self'). A partner portal that frames the app must be listed there;
// anyone else gets a blocked frame instead of a clickjackable copy of the reseller's data.
// The framing pages are served by Playwright (route.fulfill), so no extra server is needed.

const framingPage = (src: string) =>
  `<!doctype html><html lang="en"><head><title>Portal</title></head><body>` +
  `<h1>Partner portal</h1><iframe title="Backup customers" src="${src}" width="1000" height="700"></iframe>` +
  `</body></html>`;

test('a page on the app origin can frame the app, and it works inside the frame', async ({ page, baseURL }) => {
  await page.route(`${baseURL}/__portal.html`, (route) =>
    route.fulfill({ contentType: 'text/html', body: framingPage('/customers') }),
  );
  await page.goto('/__portal.html');
  const app = page.frameLocator('iframe[title="Backup customers"]');
  await expect(app.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await expect(app.getByRole('rowheader', { name: 'Contoso Oy' })).toBeVisible();
  // Navigation inside the frame stays in the frame.
  await app.getByRole('button', { name: 'Add', exact: true }).click();
  await app.getByRole('menuitem', { name: 'Add customer' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Add customer' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Partner portal' })).toBeVisible();
});

test('a page on another origin cannot frame the app under the default frame-ancestors', async ({ page, baseURL }) => {
  const response = await page.request.get(`${baseURL}/customers`);
  expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'self'");

  // Same machine, other origin: `localhost` is not `127.0.0.1` to the browser.
  const portal = new URL('/__portal.html', baseURL);
  portal.hostname = portal.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  await page.route(portal.href, (route) =>
    route.fulfill({ contentType: 'text/html', body: framingPage(`${baseURL}/customers`) }),
  );
  const frameUrl = () => page.frames().find((f) => f !== page.mainFrame())?.url();

  // Control: the same portal with the portal's origin allowed in frame-ancestors shows the app,
  // so what blocks it below is the directive, not the cross-origin set-up.
  await page.route(`${baseURL}/customers`, async (route) => {
    const real = await route.fetch();
    const headers = real.headers();
    headers['content-security-policy'] = headers['content-security-policy'].replace(
      "frame-ancestors 'self'",
      `frame-ancestors 'self' ${portal.origin}`,
    );
    await route.fulfill({ response: real, headers });
  });
  await page.goto(portal.href);
  await expect.poll(frameUrl).toBe(`${baseURL}/customers`);
  await page.unroute(`${baseURL}/customers`);

  await page.goto(portal.href);
  await expect(page.getByRole('heading', { level: 1, name: 'Partner portal' })).toBeVisible();
  // Chromium replaces a frame refused by frame-ancestors with its error page: the app never runs.
  await expect.poll(frameUrl).toMatch(/^chrome-error:/);
  await expect(page.frameLocator('iframe').getByRole('heading', { name: 'Customers' })).toHaveCount(0);
});

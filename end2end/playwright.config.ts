import { defineConfig } from '@playwright/test';

// scripts/test.sh starts the real server with a fresh demo database and passes its URL: one on
// SQLite for the desktop project, one on PostgreSQL for the phone project, so every spec runs on
// both backends (run by hand without E2E_PG_BASE_URL, both projects use the one server).
const baseURL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8080';
const pgBaseURL = process.env.E2E_PG_BASE_URL ?? baseURL;

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  reporter: [['list']],
  // Screenshots (tests/visual.spec.ts) live next to the tests, one file per name: the machine that
  // makes them is the machine that checks them (Debian's Chromium, see README "Tests").
  snapshotPathTemplate: '{testDir}/../screenshots/{arg}{ext}',
  expect: {
    timeout: 10_000,
    toHaveScreenshot: { animations: 'disabled', caret: 'hide', scale: 'css', maxDiffPixels: 100 },
  },
  // The whole suite at a laptop and at a phone width: below 960 px of the app's own width the
  // list is cards, so both layouts are exercised. Visual regression sets its own widths, and the
  // host page is checked at the laptop width (its event log takes a column beside the app).
  projects: [
    { name: 'desktop', use: { viewport: { width: 1366, height: 850 } } },
    {
      name: 'phone',
      use: { baseURL: pgBaseURL, viewport: { width: 390, height: 844 }, isMobile: false, hasTouch: false },
      testIgnore: ['**/visual.spec.ts', '**/embedding.spec.ts', '**/framing.spec.ts'],
    },
  ],
  use: {
    baseURL,
    // The app follows the browser's language on a first visit; the suite reads English.
    locale: 'en-US',
    trace: 'off',
    screenshot: 'only-on-failure',
    // Debian's Chromium: Playwright's own browser download is not available on this network.
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});

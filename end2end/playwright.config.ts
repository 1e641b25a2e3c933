import { defineConfig } from '@playwright/test';

// Run by hand against a server that is already running: E2E_BASE_URL (both projects use it unless
// E2E_PG_BASE_URL names another). `scripts/test.sh e2e` instead sets E2E_START_SERVERS=1 with
// free ports in the three URLs and a fresh database for each (E2E_DB, E2E_PG_DB, E2E_HOST_DB):
// Playwright then starts the servers below, waits for /api/health and stops them at the end.
const baseURL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8080';
const pgBaseURL = process.env.E2E_PG_BASE_URL ?? baseURL;

/** `value` quoted for the shell Playwright runs the command in. */
const quoted = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/** The built server (E2E_SERVER_BIN) on `url` with a fresh demo database, serving `dist`. */
function server(name: string, url: string | undefined, db: string | undefined, dist: string, extra: string[] = []) {
  if (!url || !db) throw new Error(`E2E_START_SERVERS needs the URL and the database of the ${name} server`);
  return {
    name,
    command: [
      quoted(process.env.E2E_SERVER_BIN ?? 'target/debug/server'),
      ...['--bind', new URL(url).host, '--db', quoted(db), '--static-dir', dist, '--seed-demo'],
      // The specs send bad credentials on purpose from one address: no failed sign-in limit.
      ...['--auth-failures-per-minute', '1000000'],
      ...extra,
    ].join(' '),
    cwd: '..',
    url: `${url}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    // Warnings and errors (a 500's cause, a failed start) appear in the run's output, prefixed
    // with the server's name; E2E_SERVER_LOG=info shows every request.
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    env: { RUST_LOG: process.env.E2E_SERVER_LOG ?? 'warn' },
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 5_000 },
  };
}

const webServer =
  process.env.E2E_START_SERVERS === '1'
    ? [
        server('app on SQLite', process.env.E2E_BASE_URL, process.env.E2E_DB, 'dist'),
        server('app on PostgreSQL', process.env.E2E_PG_BASE_URL, process.env.E2E_PG_DB, 'dist'),
        // The example partner portal: the stand-in portal (examples/dev-portal) at E2E_HOST_URL
        // signs people in with JWTs and proxies to the server serving the host page
        // (examples/host-page), which checks those JWTs against the portal's JWKS.
        portal(process.env.E2E_HOST_URL, process.env.E2E_HOST_API_URL),
        server('host page', process.env.E2E_HOST_API_URL, process.env.E2E_HOST_DB, 'dist-host', [
          ...['--jwt-jwks-url', `${process.env.E2E_HOST_URL}/portal/jwks.json`],
          ...['--jwt-issuer', 'dev-portal', '--jwt-audience', 'customers-api'],
        ]),
      ]
    : undefined;

/** The built stand-in portal (E2E_PORTAL_BIN) on `url`, in front of the API server at `api`. */
function portal(url: string | undefined, api: string | undefined) {
  if (!url || !api) throw new Error('E2E_START_SERVERS needs the URLs of the portal and of its API server');
  return {
    name: 'portal',
    command: [quoted(process.env.E2E_PORTAL_BIN ?? 'target/debug/dev-portal'), '--bind', new URL(url).host, '--upstream', api].join(' '),
    cwd: '..',
    url: `${url}/portal/jwks.json`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    gracefulShutdown: { signal: 'SIGINT' as const, timeout: 5_000 },
  };
}

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  reporter: [['list']],
  webServer,
  // Screenshots (tests/visual.spec.ts) live next to the tests, one file per name: the machine that
  // makes them is the machine that checks them (Debian's Chromium, see README "Tests").
  snapshotPathTemplate: '{testDir}/../screenshots/{arg}{ext}',
  expect: {
    timeout: 10_000,
    toHaveScreenshot: { animations: 'disabled', caret: 'hide', scale: 'css', maxDiffPixels: 100 },
  },
  // Two widths on two backends. `desktop` (1366 px, SQLite) runs every spec. `phone` (390 px,
  // PostgreSQL: below 960 px of the app's own width the list is cards) runs every spec that
  // drives the server's behaviour (so each of those passes on both backends) or whose layout
  // differs at that width: all but those listed here, which do neither.
  projects: [
    { name: 'desktop', use: { viewport: { width: 1366, height: 850 } } },
    {
      name: 'phone',
      use: { baseURL: pgBaseURL, viewport: { width: 390, height: 844 }, isMobile: false, hasTouch: false },
      testIgnore: [
        // Sets its own widths (1366 and 390) on answers from fixtures, not the database.
        '**/visual.spec.ts',
        // The example host page: checked at the laptop width (its event log takes a column beside
        // the app), against its own server.
        '**/embedding.spec.ts',
        '**/portal-identity.spec.ts',
        // The frame-ancestors header: the same for every width and backend.
        '**/framing.spec.ts',
        // Faults injected in the browser: the server never sees them, and what follows a fault
        // (list, create, edit) is checked on both backends by customers-list, add-customer and
        // edit-customer. The error panels at 390 px are in visual.spec.ts and a11y.spec.ts.
        '**/fault-matrix.spec.ts',
        // How the app fetches its own files and its first list request: the same at every width,
        // and the backend only answers a list.
        '**/lazy-chunks.spec.ts',
        '**/preload.spec.ts',
        // The language choice lives in the browser; the Finnish views at 390 px are in visual.spec.ts.
        '**/language.spec.ts',
      ],
      // Single tests that do neither, in specs that otherwise run here (each spec says why).
      grepInvert: /@desktop-only/,
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

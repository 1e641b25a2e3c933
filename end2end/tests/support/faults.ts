// The faults of the fault matrix (fault-matrix.spec.ts): what each view's request gets for each
// fault, how it is injected, and the specific message and way forward each cell must show.
//
// Faults are what this server would answer where it can produce that status (401, 404 for a
// customer, 409 duplicate, 412 with `current`, 422 with field errors, 429 with Retry-After); where
// it cannot, what a proxy or an unexpected server would: a bare status with no explanation.
import type { Locator, Page, Route } from '@playwright/test';

import { CREATE_URL, LIST_URL, ONE_URL, problem, type Customer } from './app';

export const FAULTS = [
  'unreachable',
  '500',
  'timeout',
  'malformed JSON',
  '401',
  '403',
  '404',
  '409',
  '412',
  '422',
  '429',
  'offline',
] as const;
export type Fault = (typeof FAULTS)[number];
export const VIEWS = ['list', 'add', 'edit'] as const;
export type View = (typeof VIEWS)[number];

/** What each cell must show: the message and the control that leads on. */
export type Expectation = { message: RegExp; forward: string | RegExp };

const COMMON: Record<Fault, Expectation> = {
  unreachable: { message: /Could not reach the server\. Check your connection/, forward: 'Retry' },
  '500': { message: /The server failed \(HTTP 500\)\. Try again in a moment\./, forward: 'Retry' },
  timeout: { message: /The server did not answer in time\./, forward: 'Retry' },
  'malformed JSON': { message: /The server sent an answer the app could not read/, forward: 'Retry' },
  '401': { message: /Your session has expired\. Sign in again/, forward: 'Sign in again' },
  '403': { message: /You do not have permission to do this\. Ask your administrator/, forward: 'Try again' },
  '404': { message: /The server does not offer this request \(HTTP 404\).*reload the page/, forward: 'Try again' },
  '409': { message: /conflicts with data it already has \(HTTP 409\)/, forward: 'Try again' },
  '412': { message: /The server refused the request \(HTTP 412\)/, forward: 'Try again' },
  '422': { message: /The server did not accept what was sent \(HTTP 422\)/, forward: 'Try again' },
  '429': { message: /Too many requests: the server asks to wait 30 seconds/, forward: 'Retry' },
  offline: { message: /You are offline\. Nothing was sent/, forward: 'Retry' },
};

export const EXPECTED: Record<View, Record<Fault, Expectation>> = {
  list: COMMON,
  add: {
    ...COMMON,
    '409': { message: /^Another customer already has this organization name\.$/, forward: /Another customer already has/ },
    '422': { message: /is not a valid domain/, forward: /is not a valid domain/ },
  },
  edit: {
    ...COMMON,
    '404': { message: /This customer does not exist or is not yours\./, forward: 'Go to Customers' },
    '412': { message: /Someone else changed this customer/, forward: 'Apply my changes to the new version' },
    '422': { message: /is already in use; allocate at least that much/, forward: /is already in use/ },
  },
};

/** Texts that say nothing about what happened. */
export const GENERIC = /^\s*(an? )?(unknown |unexpected )?(error|failure|failed|something went wrong|request failed|oops)[.!]?\s*$/i;

const bare = (status: number) => ({
  status,
  contentType: 'text/html',
  body: `<html><body><h1>${status}</h1></body></html>`,
});
const problemJson = (status: number, body: string, headers: Record<string, string> = {}) => ({
  status,
  contentType: 'application/problem+json',
  headers,
  body,
});

/** The answer for `fault` on `view` (`customer` is the one being edited). */
function answer(view: View, fault: Fault, customer?: Customer, domain = 'matrix-e2e.fi') {
  switch (fault) {
    case '500':
      return bare(500);
    case '401':
      return problemJson(
        401,
        problem(401, 'Unauthorized', 'Sign in first: send `Authorization: Bearer <token>` (or the demo session cookie).', {
          code: 'unauthorized',
        }),
        { 'WWW-Authenticate': 'Bearer' },
      );
    case '403':
      return bare(403);
    case '404':
      return view === 'edit'
        ? problemJson(404, problem(404, 'Not Found', `No customer ${customer?.id}.`))
        : problemJson(404, problem(404, 'Not Found', 'There is no API endpoint at /api/v1/customers.'));
    case '409':
      return view === 'add'
        ? problemJson(
            409,
            problem(409, 'Conflict', 'Another customer already has this organization name.', {
              code: 'duplicate',
              errors: [
                {
                  field: 'organization_name',
                  code: 'duplicate',
                  params: {},
                  message: 'Another customer already has this organization name.',
                },
              ],
            }),
          )
        : bare(409);
    case '412':
      return view === 'edit' && customer
        ? problemJson(
            412,
            problem(412, 'Precondition Failed', 'The customer was changed by someone else.', {
              code: 'stale_version',
              current: customer,
            }),
          )
        : bare(412);
    case '422':
      if (view === 'add') {
        const issue = {
          field: 'domain',
          code: 'invalid_domain',
          params: { value: domain, reason: 'the domain is already registered to another tenant' },
          message: `“${domain}” is not a valid domain: the domain is already registered to another tenant.`,
        };
        return problemJson(422, problem(422, 'Unprocessable Entity', `The request is not valid: ${issue.message}`, {
          code: 'validation_failed',
          errors: [issue],
        }));
      }
      if (view === 'edit') {
        const issue = {
          field: 'extra_storage_gb',
          code: 'below_usage',
          params: { used: '2.4 TB' },
          message: '2.4 TB is already in use; allocate at least that much.',
        };
        return problemJson(422, problem(422, 'Unprocessable Entity', `The request is not valid: ${issue.message}`, {
          code: 'validation_failed',
          errors: [issue],
        }));
      }
      return bare(422);
    case '429':
      return { status: 429, contentType: 'text/plain', headers: { 'Retry-After': '30' }, body: 'Too Many Requests' };
    case 'malformed JSON':
      return view === 'list'
        ? { status: 200, contentType: 'application/json', body: '{"items": [{"id": "c1", "organization_name": ' }
        : { status: view === 'add' ? 201 : 200, contentType: 'application/json', body: '<!doctype html><p>Saved</p>' };
    default:
      throw new Error(`no canned answer for ${fault}`);
  }
}


/**
 * Puts the fault on the view's request (GET list, POST create, PATCH customer) while `on` is
 * true. Offline is the browser's, not a route.
 */
export async function injectFault(page: Page, view: View, fault: Fault, customer?: Customer, domain?: string) {
  const state = { on: true, hits: 0 };
  const [url, method] = view === 'list' ? [LIST_URL, 'GET'] : view === 'add' ? [CREATE_URL, 'POST'] : [ONE_URL, 'PATCH'];
  if (fault === 'offline') {
    await page.context().setOffline(true);
    return {
      off: async () => {
        await page.context().setOffline(false);
      },
      state,
    };
  }
  await page.route(url, async (route: Route) => {
    if (!state.on || route.request().method() !== method) return route.fallback();
    state.hits += 1;
    if (fault === 'unreachable') return route.abort('connectionrefused');
    if (fault === 'timeout') return; // the answer never comes
    return route.fulfill(answer(view, fault, customer, domain));
  });
  return {
    off: async () => {
      state.on = false;
    },
    state,
  };
}

/** The message the cell shows: the failure panel, the field error summary or the conflict view. */
export function messageRegion(page: Page, view: View, fault: Fault): Locator {
  if (view === 'list') return page.locator('.cm-error-panel__message');
  if ((view === 'add' && (fault === '409' || fault === '422')) || (view === 'edit' && fault === '422')) {
    return page.getByRole('alert').filter({ hasText: 'There is a problem' }).getByRole('listitem');
  }
  if (view === 'edit' && fault === '412') return page.getByRole('alert').filter({ hasText: 'Someone else changed' }).getByRole('heading');
  return page.locator('.cm-save-failure__message');
}

/**
 * Playwright's clock lets the app's 15 s request timeout pass at once. It is installed once the
 * page is up, just before the request, so only the request's own timer runs on it.
 */
export async function letTimeoutPass(page: Page, fault: Fault) {
  if (fault === 'timeout') await page.clock.fastForward(16_000);
}

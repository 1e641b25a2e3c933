import { expect, type APIRequestContext, type Page } from '@playwright/test';

// Shared by the quality specs (a11y, keyboard, fault matrix, hostile input): how a user finds the
// app's controls, and how a test creates its own data through the API. Tests run in parallel
// against one database, so every created customer gets a unique name.

/** The demo reseller's API token (`--seed-demo`); the browser uses the session cookie instead. */
export const API_AUTH = { Authorization: 'Bearer demo-token' };

/** `prefix` plus a suffix unique to this run and call. */
export const unique = (prefix: string) =>
  `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export type Customer = {
  id: string;
  organization_name: string;
  domain: string | null;
  user_licenses: number;
  licenses_in_use: number;
  extra_storage_gb: number;
  storage_used_gb: number;
  notify_emails: string[];
  storage_type: string;
  status: string;
  usage_updated_at: string;
  created_at: string;
  updated_at: string;
  version: number;
  activation_email: 'queued' | 'sent' | 'undeliverable';
  /** When storage and licenses run out; absent: not enough history. */
  forecast?: Forecast;
};

/** When one allocation runs out (crates/domain/src/usage/forecast.rs). */
export type RunsOut =
  | { state: 'in_days'; days: number }
  | { state: 'now' | 'not_growing' | 'not_enough_history' | 'beyond_365' };

/** A customer's forecast as the API sends it. */
export type Forecast = { storage: RunsOut; licenses: RunsOut };

/** Creates a customer (250 licenses, 2 TB, Finnish S3) through the API. */
export async function createCustomer(
  request: APIRequestContext,
  name: string,
  overrides: Record<string, unknown> = {},
): Promise<Customer> {
  const response = await request.post('/api/v1/customers', {
    headers: API_AUTH,
    data: {
      organization_name: name,
      user_licenses: 250,
      extra_storage_gb: 2000,
      notify_emails: ['it@quality-e2e.fi'],
      storage_type: 'finnish_s3',
      ...overrides,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Customer;
}

/** A customer as the API has it now. */
export async function getCustomer(request: APIRequestContext, id: string): Promise<Customer> {
  const response = await request.get(`/api/v1/customers/${encodeURIComponent(id)}`, { headers: API_AUTH });
  expect(response.ok(), await response.text()).toBeTruthy();
  return (await response.json()) as Customer;
}

/** The Add customer form's controls, by role and accessible name. */
export function addForm(page: Page) {
  return {
    heading: page.getByRole('heading', { level: 1, name: 'Add customer' }),
    breadcrumb: page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Customers' }),
    name: page.getByRole('textbox', { name: 'Organization name', exact: true }),
    domain: page.getByRole('textbox', { name: 'Domain', exact: true }),
    licenses: page.getByRole('textbox', { name: 'User Licenses', exact: true }),
    storage: page.getByRole('textbox', { name: 'Extra Storage', exact: true }),
    unit: page.getByRole('combobox', { name: 'Extra Storage unit' }),
    notify: page.getByRole('textbox', { name: 'Notify Users', exact: true }),
    chips: page.getByRole('list', { name: 'Addresses added' }).getByRole('listitem'),
    azure: page.getByRole('radio', { name: 'Azure (Ireland)' }),
    finnish: page.getByRole('radio', { name: 'Finnish S3 Storage' }),
    save: page.getByRole('button', { name: /^(Save|Saving…)$/ }),
    cancel: page.getByRole('link', { name: 'Cancel' }),
  };
}

export async function openAdd(page: Page) {
  await page.goto('/customers/new');
  await expect(addForm(page).heading).toBeVisible();
  await expect(addForm(page).name).toBeEditable();
}

/** Fills the Add form with valid values (Notify Users as one chip). */
export async function fillAdd(page: Page, name: string) {
  const f = addForm(page);
  await f.name.fill(name);
  // Domains are unique among a reseller's customers as well.
  await f.domain.fill(`${name.split(' ').pop()!.toLowerCase().replace(/[^a-z0-9]/g, '')}.quality-e2e.fi`);
  await f.licenses.fill('300');
  await f.storage.fill('2');
  await f.unit.selectOption('TB');
  await f.notify.fill('it@quality-e2e.fi;');
  await expect(f.chips).toHaveCount(1);
  await f.finnish.check();
}

/** The Edit customer form's controls. */
export function editForm(page: Page) {
  return {
    heading: page.getByRole('heading', { level: 1, name: 'Edit customer' }),
    licenses: page.getByRole('textbox', { name: 'User Licenses', exact: true }),
    storage: page.getByRole('textbox', { name: 'Extra Storage', exact: true }),
    unit: page.getByRole('combobox', { name: 'Extra Storage unit' }),
    save: page.getByRole('button', { name: /^(Save|Saving…)$/ }),
    cancel: page.getByRole('link', { name: 'Cancel' }),
    confirm: page.getByRole('dialog', { name: /^Save changes to / }),
    conflict: page.getByRole('alert').filter({ hasText: 'Someone else changed this customer' }),
  };
}

export async function openEdit(page: Page, id: string) {
  await page.goto(`/customers/${encodeURIComponent(id)}/edit`);
  await expect(editForm(page).heading).toBeVisible();
  await expect(editForm(page).licenses).toBeEditable();
}

/** Matches the list request (`GET /api/v1/customers` with or without a query). */
export const LIST_URL = /\/api\/v1\/customers(\?.*)?$/;
/** Matches the create request (`POST /api/v1/customers`). */
export const CREATE_URL = /\/api\/v1\/customers$/;
/** Matches one customer (`GET`/`PATCH /api/v1/customers/{id}`), not its audit or export. */
export const ONE_URL = /\/api\/v1\/customers\/(?!export\.csv)[^/?]+$/;

/** An RFC 9457 problem body as the server sends it. */
export const problem = (status: number, title: string, detail: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ type: 'about:blank', title, status, detail, ...extra });

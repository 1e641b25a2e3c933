import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

const rowNames = (page: Page) => page.getByRole('table').getByRole('rowheader').allInnerTexts();

test.describe('Customers tab', () => {
  test('search narrows the list, lives in the URL and survives a reload', async ({ page }) => {
    await page.goto('/customers');
    await page.getByLabel('Search').fill('contoso');
    await expect(page).toHaveURL(/[?&]q=contoso/);
    await expect(page.getByRole('rowheader')).toHaveText(['Contoso Oy']);
    await page.reload();
    await expect(page.getByLabel('Search')).toHaveValue('contoso');
    await expect(page.getByRole('rowheader')).toHaveText(['Contoso Oy']);
  });

  test('status and storage type filters show only matching customers; Clear filters resets', async ({ page }) => {
    await page.goto('/customers');
    await page.getByLabel('Status').selectOption({ label: 'Pending activation' });
    await expect(page).toHaveURL(/status=pending_activation/);
    await page.getByLabel('Storage type').selectOption({ label: 'Finnish S3 Storage' });
    await expect(page).toHaveURL(/storage_type=finnish_s3/);
    // Retrying assertions on the whole body: the rows of the status-only list may still be on
    // screen while the second filter's request is in flight.
    const rows = page.getByRole('table').locator('tbody tr');
    await expect(rows.first()).toContainText('Pending activation');
    await expect(rows.first()).toContainText('Finnish S3 Storage');
    await expect(rows.filter({ hasNotText: 'Pending activation' })).toHaveCount(0);
    await expect(rows.filter({ hasNotText: 'Finnish S3 Storage' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page).toHaveURL(/\/customers$/);
    await expect(page.getByRole('rowheader', { name: 'Contoso Oy' })).toBeVisible();
  });

  test('Needs attention keeps only over-licensed, nearly full or pending customers', async ({ page }) => {
    await page.goto('/customers?per_page=100');
    await page.getByLabel('Needs attention').check();
    await expect(page).toHaveURL(/attention=true/);
    await expect(page.getByRole('rowheader', { name: 'Espoon Energia Oy' })).toBeVisible(); // over licenses
    await expect(page.getByRole('rowheader', { name: 'Contoso Oy' })).toBeVisible(); // 96 % storage
    await expect(page.getByRole('rowheader', { name: 'Fabrikam Ab' })).toHaveCount(0); // all fine
  });

  test('a column header sorts ascending, then descending, and says so with aria-sort', async ({ page }) => {
    await page.goto('/customers?per_page=100');
    const header = page.getByRole('columnheader', { name: /Licenses/ });
    await header.getByRole('button').click();
    await expect(page).toHaveURL(/sort=user_licenses/);
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await expect(page.getByRole('rowheader').first()).toHaveText('Reykjavik Geo ehf'); // 6 licenses
    await header.getByRole('button').click();
    await expect(page).toHaveURL(/sort=-user_licenses/);
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await expect(page.getByRole('rowheader').first()).toHaveText('Saaristo Logistiikka Oy'); // 1 730
  });

  test('paging shows the range, and Back restores the previous page exactly', async ({ page }) => {
    await page.goto('/customers?status=active');
    await page.getByLabel('Rows per page').selectOption('10');
    await expect(page.getByText(/^1–10 of \d+$/)).toBeVisible();
    const firstPage = await rowNames(page);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByText(/^11–20 of \d+$/)).toBeVisible();
    const secondPage = await rowNames(page);
    expect(secondPage).not.toEqual(firstPage);
    await page.goBack();
    await expect(page.getByText(/^1–10 of \d+$/)).toBeVisible();
    expect(await rowNames(page)).toEqual(firstPage);
    await expect(page.getByLabel('Status')).toHaveValue('active');
    await page.goForward();
    await expect(page.getByText(/^11–20 of \d+$/)).toBeVisible();
  });

  test('Export CSV downloads the whole filtered set, not just the visible page', async ({ page }) => {
    await page.goto('/customers?storage_type=finnish_s3&per_page=10');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('customers.csv');
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toContain('organization_name');
    expect(lines.length - 1).toBeGreaterThan(10); // not just the visible page
    expect(csv).toContain('Litware Ab');
    expect(csv).not.toContain('Contoso Oy'); // Azure (Ireland)
    for (const line of lines.slice(1)) expect(line).toContain('finnish_s3');
  });

  test('the Edit customer icon is reachable and operable by keyboard', async ({ page }) => {
    await page.goto('/customers?q=fabrikam');
    await expect(page.getByRole('rowheader')).toHaveText(['Fabrikam Ab']);
    await page.getByLabel('Needs attention').focus();
    let reached = false;
    for (let i = 0; i < 20 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Edit customer Fabrikam Ab');
    }
    expect(reached).toBe(true);
    await expect(page.getByRole('link', { name: 'Edit customer Fabrikam Ab' })).toHaveAttribute('title', 'Edit customer');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/customers\/[^/]+\/edit$/);
  });

  test('the Add menu opens with the keyboard, Escape closes it, and Add customer opens the form', async ({ page }) => {
    await page.goto('/customers');
    const add = page.getByRole('button', { name: 'Add', exact: true });
    await expect(add).toHaveAttribute('aria-haspopup', 'menu');
    await add.focus();
    await page.keyboard.press('ArrowDown');
    await expect(add).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('menuitem', { name: 'Add customer' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toBeHidden();
    await expect(add).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/customers\/new$/);
  });

  test('resend activation asks first, confirms with a toast, and explains the rate limit', async ({ page }) => {
    await page.goto('/customers?q=reykjavik');
    const resend = page.getByRole('button', { name: 'Resend activation email to Reykjavik Geo ehf' });
    await resend.click();
    const dialog = page.getByRole('dialog', { name: 'Resend activation email?' });
    await expect(dialog).toContainText('Reykjavik Geo ehf');
    await dialog.getByRole('button', { name: 'Resend' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Activation email to Reykjavik Geo ehf queued' })).toBeVisible();

    await resend.click();
    await dialog.getByRole('button', { name: 'Resend' }).click();
    await expect(page.getByText(/was sent moments ago\. You can send another in \d+ seconds/)).toBeVisible();

    await resend.click();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(resend).toBeFocused();
  });
});

import { expect, test } from '@playwright/test';

// The language standalone (issue 15): the choice is kept in localStorage and survives a reload; a
// first visit follows the browser's languages; <html lang> follows the choice. Embedded, see
// embedding.spec.ts.

test('the choice survives a reload, and <html lang> follows it', async ({ page }) => {
  await page.goto('/customers');
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fi');
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Kieli' })).toHaveValue('fi');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
  // Other views too, after navigating.
  await page.goto('/customers/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Lisää asiakas' })).toBeVisible();
});

test.describe('a first visit from a Finnish browser', () => {
  test.use({ locale: 'fi-FI' });

  test('is in Finnish until the user chooses otherwise', async ({ page }) => {
    await page.goto('/customers');
    await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
    await page.getByRole('combobox', { name: 'Kieli' }).selectOption('en');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  });
});

test.describe('a browser preferring Swedish, then Finnish', () => {
  test.use({ locale: 'sv-FI' });

  test('any Finnish tag gives Finnish; none gives English', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'languages', { get: () => ['sv-FI', 'sv', 'fi'] });
    });
    await page.goto('/customers');
    await expect(page.getByRole('heading', { level: 1, name: 'Asiakkaat' })).toBeVisible();
  });

  test('with no Finnish tag the app speaks English', async ({ page }) => {
    await page.goto('/customers');
    await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  });
});

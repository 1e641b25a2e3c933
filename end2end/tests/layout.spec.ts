import { expect, test, type Page } from '@playwright/test';

import { addForm, createCustomer, editForm, openAdd, openEdit, unique } from './support/app';

// Right at every width (issue 15). The layout follows the app's own width (container queries):
// from 960 px the table fits whole, below that every customer is a card. Runs in both Playwright
// projects (1366 and 390 px wide); each test checks what that width must show.

/** Whether the page scrolls sideways (it never may). */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** Whether this run shows the table (a wide app) rather than cards. */
const wide = (page: Page) => (page.viewportSize()?.width ?? 0) >= 1000;

test('the list: every column or every card complete, without scrolling sideways', async ({ page }) => {
  // Oldest first: the seeded customers stay on this page however many the other specs create in
  // the shared database (by name, new ones pushed Reykjavik Geo ehf to page 2).
  await page.goto('/customers?per_page=50&sort=created_at');
  await expect(page.getByRole('rowheader', { name: 'Contoso Oy' })).toBeVisible();
  expect(await scrollsSideways(page), 'the page scrolls sideways').toBe(false);
  const innerWidth = await page.evaluate(() => window.innerWidth);
  const rows = page.getByRole('table').locator('tbody tr');
  const count = await rows.count();
  expect(count).toBeGreaterThanOrEqual(40);

  if (wide(page)) {
    // The table: every header and every row's Edit customer inside the window, nothing hidden in
    // a scrolled box, and each row one or two lines tall.
    const wrap = page.locator('.cm-table-wrap');
    expect(await wrap.evaluate((w) => w.scrollWidth <= w.clientWidth)).toBe(true);
    for (const header of await page.getByRole('columnheader').all()) {
      const box = (await header.boundingBox())!;
      expect(box.x + box.width, await header.innerText()).toBeLessThanOrEqual(innerWidth);
    }
    const heights = await rows.evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
    const oneLine = Math.min(...heights);
    // At most one line more than the shortest (a warning under its figure): 15 px × 1.45 + slack.
    expect(Math.max(...heights), 'the tallest row').toBeLessThanOrEqual(oneLine + 33);
  } else {
    // Cards: one column of cards the width of the window, each with its parts.
    const card = rows.filter({ has: page.getByRole('rowheader', { name: 'Reykjavik Geo ehf' }) });
    await expect(card).toContainText('Pending activation');
    await expect(card).toContainText('Azure (Ireland)');
    await expect(card.getByRole('meter')).toBeVisible();
    for (const button of [
      card.getByRole('link', { name: 'Edit customer Reykjavik Geo ehf' }),
      card.getByRole('button', { name: 'Resend activation email to Reykjavik Geo ehf' }),
    ]) {
      await button.scrollIntoViewIfNeeded();
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(innerWidth);
      expect(box.height, 'a button big enough to tap').toBeGreaterThanOrEqual(40);
      // The action is named on the button itself, not only by an icon.
      expect(await button.evaluate((b) => getComputedStyle(b, '::after').content)).not.toBe('none');
    }
    const over = rows.filter({ has: page.getByRole('rowheader', { name: 'Espoon Energia Oy' }) });
    await expect(over).toContainText('Inadequate licenses');
    // The toolbar stacks: the search box takes the whole row, the filters go under it.
    const search = (await page.getByRole('searchbox', { name: 'Search' }).boundingBox())!;
    const status = (await page.getByRole('combobox', { name: 'Status', exact: true }).boundingBox())!;
    expect(status.y).toBeGreaterThan(search.y + search.height);
  }
});

test('long names and domains end in an ellipsis with the full text in the title', async ({ page, request }) => {
  const name = unique('Graphic Design Institute of Northern Europe and the Baltic Sea Region');
  const domain = `${name.split(' ').pop()}-graphic-design-institute-northern-europe.onmicrosoft.com`;
  await createCustomer(request, name, { domain });
  await page.goto(`/customers?q=${encodeURIComponent(name.split(' ').pop()!)}`);
  const link = page.getByRole('rowheader', { name }).getByRole('link');
  await expect(link).toHaveAttribute('title', name);
  await expect(page.getByRole('table').getByText(domain)).toHaveAttribute('title', domain);
  if (wide(page)) {
    // Shortened on screen (two lines, then an ellipsis), whole to assistive technology (the
    // accessible name is the full text).
    expect(await link.evaluate((a) => a.scrollHeight > a.clientHeight)).toBe(true);
    await expect(link).toHaveAccessibleName(name);
  }
  expect(await scrollsSideways(page)).toBe(false);
});

test('Add and Edit customer fit the width, errors included', async ({ page, request }) => {
  await openAdd(page);
  expect(await scrollsSideways(page), 'Add customer scrolls sideways').toBe(false);
  const f = addForm(page);
  await f.domain.fill('http://bad domain');
  await f.notify.fill('not-an-address;');
  await f.save.click();
  await expect(page.getByRole('alert').filter({ hasText: 'problems' })).toBeFocused();
  expect(await scrollsSideways(page), 'Add customer with errors scrolls sideways').toBe(false);
  const box = (await f.save.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);

  const customer = await createCustomer(request, unique('Layout Edit'));
  await openEdit(page, customer.id);
  await editForm(page).licenses.fill('300');
  expect(await scrollsSideways(page), 'Edit customer scrolls sideways').toBe(false);
});

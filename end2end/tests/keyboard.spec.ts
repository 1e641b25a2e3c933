import { expect, test, type Locator, type Page } from '@playwright/test';

import { addForm, API_AUTH, createCustomer, editForm, ONE_URL, openAdd, openEdit, problem, unique } from './support/app';

// Keyboard-only runs of Add and Edit (issue 9): every control is reached with Tab in reading
// order (and back with Shift+Tab), the focused control always shows a visible indicator,
// dialogs keep focus inside and give it back, Escape closes them. Completing the Add form by
// keyboard is in add-customer.spec.ts and the Edit confirmation's Tab cycle in
// edit-customer.spec.ts; this file checks the whole order and the focus indicator.

/**
 * What makes the focused element visibly focused: its own outline or box-shadow, or the outline
 * of a wrapper that draws it for it (`:focus-within`, e.g. the chips box), or of the child that a
 * focused region outlines (the error summary). `null` when nothing shows.
 */
async function focusIndicator(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) return null;
    const outline = (el: Element) => {
      const s = getComputedStyle(el);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? `outline ${s.outlineWidth} ${s.outlineStyle}` : null;
    };
    const shadow = (el: Element) => {
      const s = getComputedStyle(el);
      return s.boxShadow && s.boxShadow !== 'none' ? `box-shadow ${s.boxShadow}` : null;
    };
    const own = outline(active) ?? shadow(active);
    if (own) return own;
    for (let el = active.parentElement, i = 0; el && i < 2; el = el.parentElement, i++) {
      const o = outline(el);
      if (o) return `${o} on ${el.className}`;
    }
    const child = active.firstElementChild;
    const o = child && outline(child);
    return o ? `${o} on ${child!.className}` : null;
  });
}

/** Asserts `target` has focus and shows it. */
async function expectVisiblyFocused(page: Page, target: Locator, what: string) {
  await expect(target, `${what} has focus`).toBeFocused();
  expect(await focusIndicator(page), `${what} shows a focus indicator`).not.toBeNull();
}

/** Tabs through `stops` in order (each must be the next Tab stop), then back with Shift+Tab. */
async function expectTabOrder(page: Page, stops: [string, Locator][]) {
  for (const [what, target] of stops) {
    await page.keyboard.press('Tab');
    await expectVisiblyFocused(page, target, what);
  }
  for (const [what, target] of stops.slice(0, -1).reverse()) {
    await page.keyboard.press('Shift+Tab');
    await expectVisiblyFocused(page, target, `${what} (Shift+Tab)`);
  }
}

/** Moves focus to the start of the document, as a fresh page load has it. */
async function focusDocumentStart(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** The app's own controls before the view's (the standalone language choice), in order. */
async function appChrome(page: Page): Promise<[string, Locator][]> {
  const language = page.getByRole('combobox', { name: 'Language' });
  return (await language.count()) > 0 ? [['the language choice', language]] : [];
}

test.describe('Add customer by keyboard', () => {
  test('reached from the list by keyboard, every control in reading order with visible focus', async ({ page }) => {
    await page.goto('/customers');
    await expect(page.getByRole('rowheader', { name: 'Contoso Oy' })).toBeVisible();
    const add = page.getByRole('button', { name: 'Add', exact: true });
    await focusDocumentStart(page);
    for (let i = 0; i < 5 && !(await add.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expectVisiblyFocused(page, add, 'the Add button');
    await page.keyboard.press('Enter');
    const item = page.getByRole('menuitem', { name: 'Add customer' });
    await expectVisiblyFocused(page, item, 'the Add customer menu item');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/customers\/new$/);

    const f = addForm(page);
    await expect(f.name).toBeEditable();
    await focusDocumentStart(page);
    await expectTabOrder(page, [
      ...(await appChrome(page)),
      ['the Customers breadcrumb', f.breadcrumb],
      ['Organization name', f.name],
      ['Domain', f.domain],
      ['User Licenses', f.licenses],
      ['Extra Storage', f.storage],
      ['Extra Storage unit', f.unit],
      ['Notify Users', f.notify],
      ['the first Storage Type', f.azure],
      ['Save', f.save],
      ['Cancel', f.cancel],
    ]);
  });

  test('chips, radios and the error summary work by keyboard', async ({ page }) => {
    await openAdd(page);
    const f = addForm(page);
    await f.notify.focus();
    await page.keyboard.type('good@keyboard.fi; not-an-address;');
    const edit = page.getByRole('button', { name: 'Edit not-an-address, not a valid email address' });
    await expect(edit).toBeVisible();
    // The chips come before the input, in the order they were typed.
    await page.keyboard.press('Shift+Tab');
    await expectVisiblyFocused(page, page.getByRole('button', { name: 'Remove not-an-address' }), 'the last chip');
    await page.keyboard.press('Shift+Tab');
    await expectVisiblyFocused(page, edit, 'the invalid chip');
    await page.keyboard.press('Enter');
    // Editing the chip puts its text back in the input, focused.
    await expectVisiblyFocused(page, f.notify, 'Notify Users after Edit');
    await expect(f.notify).toHaveValue('not-an-address');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('fixed@keyboard.fi;');
    await expect(f.chips).toHaveText(['good@keyboard.fi×', 'fixed@keyboard.fi×']);

    // Arrow keys move within the radio group; Tab leaves it for Save.
    await page.keyboard.press('Tab');
    await expectVisiblyFocused(page, f.azure, 'the first Storage Type');
    await page.keyboard.press('ArrowDown');
    await expect(f.finnish).toBeChecked();
    await page.keyboard.press('Tab');
    await expectVisiblyFocused(page, f.save, 'Save');

    // Save with errors: the summary takes focus, its links lead to the fields.
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'problems' });
    await expectVisiblyFocused(page, summary, 'the error summary');
    await page.keyboard.press('Tab');
    const first = summary.getByRole('link').first();
    await expectVisiblyFocused(page, first, 'the first error link');
    await expect(first).toHaveText('Organization name is required.');
    await page.keyboard.press('Enter');
    await expectVisiblyFocused(page, f.name, 'Organization name from the summary');
  });

  test('the leave confirmation traps focus, Escape closes it and focus returns to Cancel', async ({ page }) => {
    await openAdd(page);
    const f = addForm(page);
    await f.name.focus();
    await page.keyboard.type('Leaving Oy');
    await f.cancel.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
    const stay = dialog.getByRole('button', { name: 'Stay on this page' });
    const leave = dialog.getByRole('button', { name: 'Leave without saving' });
    await expectVisiblyFocused(page, stay, 'Stay on this page');
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await dialog.evaluate((d) => d.contains(document.activeElement)), 'focus stays in the dialog').toBe(true);
      expect(await focusIndicator(page)).not.toBeNull();
    }
    await page.keyboard.press('Shift+Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await expect(leave).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expectVisiblyFocused(page, f.cancel, 'Cancel after Escape');
    await expect(page).toHaveURL(/\/customers\/new$/);
    await expect(f.name).toHaveValue('Leaving Oy');
  });
});

test.describe('Edit customer by keyboard', () => {
  test('every control in reading order with visible focus, saved by keyboard', async ({ page }) => {
    const name = unique('Keyboard Order');
    const customer = await createCustomer(page.request, name);
    await openEdit(page, customer.id);
    const f = editForm(page);
    const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Customers' });
    const support = page.getByRole('link', { name: 'Contact support' });
    const nexetic = page.getByRole('link', { name: /^from Nexetic/ });
    const marketplace = page.getByRole('link', { name: /^from the ALSO Cloud Marketplace/ });
    await expect(f.save).toBeDisabled();
    await focusDocumentStart(page);
    // Nothing changed yet: Save is disabled and skipped.
    await expectTabOrder(page, [
      ...(await appChrome(page)),
      ['the Customers breadcrumb', breadcrumb],
      ['Contact support', support],
      ['User Licenses', f.licenses],
      ['Extra Storage', f.storage],
      ['Extra Storage unit', f.unit],
      ['the Nexetic link', nexetic],
      ['the Marketplace link', marketplace],
      ['Cancel', f.cancel],
    ]);

    await f.licenses.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('275');
    await expect(f.save).toBeEnabled();
    await expectTabOrder(page, [
      ['Extra Storage', f.storage],
      ['Extra Storage unit', f.unit],
      ['the Nexetic link', nexetic],
      ['the Marketplace link', marketplace],
      ['Save', f.save],
      ['Cancel', f.cancel],
    ]);
    await f.save.focus();
    await page.keyboard.press('Enter');
    const confirm = f.confirm.getByRole('button', { name: 'Save changes' });
    await expectVisiblyFocused(page, confirm, 'Save changes in the confirmation');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/customers$/);
    await expect(page.getByRole('status').filter({ hasText: `${name} updated` })).toBeVisible();
    const saved = await page.request.get(`/api/v1/customers/${customer.id}`, { headers: API_AUTH });
    expect((await saved.json()).user_licenses).toBe(275);
  });

  test('the conflict view takes focus, its choices work by keyboard, focus is never lost', async ({ page }) => {
    const customer = await createCustomer(page.request, unique('Keyboard Conflict'));
    const current = { ...customer, extra_storage_gb: 2500, version: customer.version + 1 };
    let conflicts = 0;
    await page.route(ONE_URL, (route) => {
      if (route.request().method() !== 'PATCH' || conflicts > 0) return route.continue();
      conflicts += 1;
      return route.fulfill({
        status: 412,
        contentType: 'application/problem+json',
        body: problem(412, 'Precondition Failed', 'Someone else saved this customer first.', { current }),
      });
    });
    await openEdit(page, customer.id);
    const f = editForm(page);
    await f.licenses.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('300');
    await f.save.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // "Save changes" has focus in the confirmation
    await expectVisiblyFocused(page, f.conflict, 'the conflict view');
    await page.keyboard.press('Tab');
    const apply = f.conflict.getByRole('button', { name: 'Apply my changes to the new version' });
    await expectVisiblyFocused(page, apply, 'Apply my changes');
    await page.keyboard.press('Tab');
    await expectVisiblyFocused(page, f.conflict.getByRole('button', { name: 'Discard my changes' }), 'Discard my changes');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    // Applying asks again with the new summary; Escape closes it and focus lands on the form.
    await expectVisiblyFocused(page, f.confirm.getByRole('button', { name: 'Save changes' }), 'the new confirmation');
    await expect(f.confirm.getByRole('listitem')).toHaveText(['User Licenses 250 → 300']);
    await page.keyboard.press('Escape');
    await expect(f.confirm).toBeHidden();
    // The button that opened it went away with the conflict view: focus goes to Save, not the page.
    await expectVisiblyFocused(page, f.save, 'Save after Escape');
    await expect(f.storage).toHaveValue('2.5');
    await expect(f.licenses).toHaveValue('300');
  });
});

// Guide B (office365-for-azure-ad) on today's routes (issue 9, items 2 and 7):
// - signed in to the Microsoft 365 admin center: Billing > Purchase services >
//   the product's Details > Start free trial > verification by text or call
//   (told in the panel) > Check out "Try now" > order receipt "Continue" >
//   Users > Active users, each by clicking what the overlay highlights; the
//   ending points at the Active users list and stays until dismissed;
// - today's email-first sign-up: the work email first, then "Sign in" to the
//   existing organization; the "Create a new account" choice carries the
//   do-not-use mark and is never highlighted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, useChromium, extensionMissing, startGuide, panelText, inTop, until, WAIT } from './harness.mjs';
import { expectStep } from './walk.mjs';
import { walkGuideBAdminCenter, walkGuideBSignUp } from './guide-walks.mjs';

const GUIDE = 'office365-for-azure-ad';
const skip = extensionMissing('chrome') || false;
serveReplicas();

test('guide B from the admin center: Purchase services > Details > Start free trial > verification > Try now > Continue > Active users, and an ending that stays', { skip, timeout: 150000 }, async (t) => {
  const s = await useChromium(t);
  await walkGuideBAdminCenter(s);
});

test('guide B on today\'s email-first sign-up: the work email, then Sign in; "Create a new account" is marked and never highlighted', { skip, timeout: 150000 }, async (t) => {
  const s = await useChromium(t);
  await walkGuideBSignUp(s);
});

test('guide B: the admin switches the route in the panel with the keyboard, and the pages no longer take it back', { skip, timeout: 120000 }, async (t) => {
  const s = await useChromium(t);
  const page = await s.newPage();
  const adminHome = 'https://admin.microsoft.com/?login_hint=kelley%40contoso.onmicrosoft.com#/homepage';
  await page.goto(adminHome);
  await page.getByText('User management').first().waitFor({ timeout: WAIT });
  const panel = await s.openPanel();
  await startGuide(panel, GUIDE);
  await until(async () => /Following: In the Microsoft 365 admin center/.test(await panelText(panel)), 'the admin center route, chosen by the page', WAIT);
  await expectStep(page, panel, GUIDE, 1, { frame: inTop, name: /Purchase services|Marketplace|Add more products|Billing/ });

  // "I'm on the sign-up site": Enter on that route's button.
  // Its name starts with what it shows ("Follow this way", then "Following").
  const signUp = panel.getByRole('button', { name: /^Follow(ing| this way): On the sign-up site/ });
  await signUp.focus();
  await panel.keyboard.press('Enter');
  await until(async () => /Following: On the sign-up site/.test(await panelText(panel)), 'the sign-up site route, chosen by the admin', WAIT);
  assert.equal(await signUp.getAttribute('aria-pressed'), 'true');
  assert.equal(await panel.evaluate(() => document.activeElement?.getAttribute('data-k')), 'route:sign-up-site', 'focus stays on the route button');
  // The admin center page no longer shows the other route's highlight.
  await until(async () => (await page.locator(`[data-waymark-target^="${GUIDE}/"]`).count()) === 0, 'the admin center highlight gone', WAIT);

  // The plans page: step 1 of the sign-up route; back in the admin center,
  // the page does not take the route back.
  await page.goto('https://www.microsoft.com/en-us/microsoft-365/business/compare-all-microsoft-365-business-products');
  await expectStep(page, panel, GUIDE, 1, { frame: inTop, name: /Try free for one month|Buy now/ });
  await page.goto(adminHome);
  await page.getByText('User management').first().waitFor({ timeout: WAIT });
  assert.match(await panelText(panel), /Following: On the sign-up site/);

  // And back, with Space this time.
  const admin = panel.getByRole('button', { name: /^Follow this way: In the Microsoft 365 admin center/ });
  await admin.focus();
  await panel.keyboard.press('Space');
  await until(async () => /Following: In the Microsoft 365 admin center/.test(await panelText(panel)), 'the admin center route again', WAIT);
  await expectStep(page, panel, GUIDE, 1, { frame: inTop, name: /Purchase services|Marketplace|Add more products|Billing/ });
  assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

// Guide B (office365-for-azure-ad), the seed's 2017 route: walked from the
// Microsoft 365 plans page to the admin center's Active users: plan card
// (rendered late), the 2017 trial form marked "do not fill this in" with
// "Sign in" (upper right) highlighted, sign-in told in the panel only,
// "Try now", "Continue", and Users > Active users with the directory's
// users. The sign-up replica shows the 2017 form with layout=2017 (the
// products.office.com redirect carries it); today's routes are in
// guide-b-today.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, useChromium, extensionMissing, startGuide, panelText, readPage, inTop, until, WAIT } from './harness.mjs';
import { expectStep, clickStep, signIn } from './walk.mjs';

const GUIDE = 'office365-for-azure-ad';
const skip = extensionMissing('chrome') || false;
serveReplicas();

async function walk(s, startUrl) {
  const panel = await s.openPanel();
  await startGuide(panel, GUIDE);
  const page = await s.newPage();
  await page.goto(startUrl);
  // The plans page chooses the sign-up site route (the admin center's is offered first).
  await until(async () => /Following: On the sign-up site/.test(await panelText(panel)), 'the panel to follow the sign-up site route', WAIT);

  // B1: a plan card's trial (late-rendered cards).
  const b1 = await expectStep(page, panel, GUIDE, 1, { frame: inTop, name: /Try free for one month|Buy now/ });
  await clickStep(b1);
  await page.waitForURL((u) => u.hostname === 'signup.microsoft.com');

  // B2: the trap. The form is marked "do not fill", "Sign in" is highlighted.
  const b2 = await expectStep(page, panel, GUIDE, 2, { frame: inTop, name: /^Sign in/ });
  const inHeader = await b2.st.frame.evaluate((st) => !!document.querySelector(`[data-waymark-target="${st}"]`)?.closest('header, [role="banner"]'), b2.full);
  assert.ok(inHeader, 'the highlighted "Sign in" is the one in the page header (upper right)');
  const box = await page.evaluate((st) => document.querySelector(`[data-waymark-target="${st}"]`).getBoundingClientRect().toJSON(), b2.full);
  assert.ok(box.x > (await page.viewportSize()).width / 2 && box.y < 100, 'upper right');
  const mark = await until(async () => {
    const r = (await readPage(page)).find((x) => inTop(x.frame));
    return /do not fill/i.test(r.shadowText) ? r : null;
  }, 'a "do not fill in this form" mark in the overlay');
  assert.ok(mark);
  await clickStep(b2);

  // B3: sign-in, in the panel only.
  await page.waitForURL((u) => u.hostname === 'login.microsoftonline.com');
  await page.waitForSelector('#i0116');
  await expectStep(page, panel, GUIDE, 3, { panelOnly: true });
  await signIn(page, 'kelley@contoso.onmicrosoft.com');
  await page.waitForURL((u) => u.hostname === 'signup.microsoft.com');

  // B4: Try now. B5: Continue on the receipt.
  const b4 = await expectStep(page, panel, GUIDE, 4, { frame: inTop, name: /Try now/ });
  await clickStep(b4);
  const b5 = await expectStep(page, panel, GUIDE, 5, { frame: inTop, name: /Continue/ });
  await clickStep(b5);
  await page.waitForURL((u) => u.hostname === 'admin.microsoft.com');

  // B6: Users > Active users, then the directory's users are listed.
  const b6 = await expectStep(page, panel, GUIDE, 6, { frame: inTop, name: /Active users|Users/ });
  await clickStep(b6);
  await page.waitForURL(/#\/users/);
  await until(async () => /\b7\b/.test(await panelText(panel)), 'the panel to report the 7 users listed', WAIT);
  assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
}

test('guide B from www.microsoft.com (2017 form): plan > trial form trap > sign-in > Try now > Continue > Active users', { skip, timeout: 150000 }, async (t) => {
  const s = await useChromium(t);
  await walk(s, 'https://www.microsoft.com/en-us/microsoft-365/business/compare-all-microsoft-365-business-products?layout=2017');
});

test('guide B from the seed\'s products.office.com/business (redirects to the plans page)', { skip, timeout: 150000 }, async (t) => {
  const s = await useChromium(t);
  await walk(s, 'https://products.office.com/business');
});

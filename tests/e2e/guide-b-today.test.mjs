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
import { serveReplicas, launchChromium, extensionMissing, startGuide, panelText, readPage, inTop, until, WAIT } from './harness.mjs';
import { expectStep, clickStep, signIn, panelButton } from './walk.mjs';

const GUIDE = 'office365-for-azure-ad';
const skip = extensionMissing('chrome') || false;
const replicas = serveReplicas();

/** Click what step `n` highlights until the highlight lands on `name` (a nav group may come first). */
async function clickThrough(page, panel, n, name, via) {
  for (let i = 0; i < 3; i++) {
    const x = await expectStep(page, panel, GUIDE, n, { frame: inTop });
    const label = `${x.st.target.name} | ${x.st.target.text}`;
    if (name.test(label)) return x;
    assert.match(label, via, `step ${n} first points at the way there`);
    await clickStep(x);
  }
  throw new Error(`step ${n} never pointed at ${name}`);
}

/** The ending's callout (and its target) in the page, or null. */
async function ending(page) {
  for (const r of await readPage(page)) {
    const d = r.dialogs.find((x) => x.step.startsWith(`${GUIDE}/`) && /done/i.test(x.text));
    if (d) return { frame: r.frame, dialog: d, targets: r.targets };
  }
  return null;
}

test('guide B from the admin center: Purchase services > Details > Start free trial > verification > Try now > Continue > Active users, and an ending that stays', { skip, timeout: 150000 }, async () => {
  const s = await launchChromium({ server: replicas.server });
  try {
    const page = await s.newPage();
    await page.goto('https://admin.microsoft.com/?login_hint=kelley%40contoso.onmicrosoft.com#/homepage');
    await page.getByText('User management').first().waitFor({ timeout: WAIT });
    const panel = await s.openPanel();
    await startGuide(panel, GUIDE);
    // Offered first when the admin is there: the admin center route.
    await until(async () => /Purchase services/.test(await panelText(panel)), 'the panel to offer the admin center route', WAIT);

    // Billing > Purchase services.
    const p1 = await clickThrough(page, panel, 1, /Purchase services|Marketplace|Add more products/, /Billing/);
    await clickStep(p1);
    await page.waitForURL(/#\/catalog/);

    // The product's Details, then Start free trial.
    const p2 = await expectStep(page, panel, GUIDE, 2, { frame: inTop, name: /^Details/ });
    await clickStep(p2);
    const p3 = await expectStep(page, panel, GUIDE, 3, { frame: inTop, name: /Start free trial/ });
    await clickStep(p3);

    // Verification: told in the panel, "Text me" first, then "Start your free trial".
    const p4 = await expectStep(page, panel, GUIDE, 4, { frame: inTop, name: /Text me|Call me/ });
    assert.match(await panelText(panel), /text or call/i, 'the panel tells the verification by text or call');
    await clickStep(p4);
    const p4b = await expectStep(page, panel, GUIDE, 4, { frame: inTop, name: /Start your free trial/ });
    await clickStep(p4b);

    // Check out: Try now. Order receipt: Continue.
    const p5 = await expectStep(page, panel, GUIDE, 5, { frame: inTop, name: /Try now/ });
    await clickStep(p5);
    const p6 = await expectStep(page, panel, GUIDE, 6, { frame: inTop, name: /Continue/ });
    await clickStep(p6);
    await page.waitForURL(/#\/homepage/);

    // Users > Active users (the home page shows it twice: the nav link and
    // the User management card), not the "Users" group: the directory's 7 users.
    const last = await expectStep(page, panel, GUIDE, 7, { frame: inTop, name: /^Active users/ });
    await clickStep(last);
    await page.waitForURL(/#\/users/);
    await until(async () => /\b7\b.*active users|active users.*\b7\b/i.test(await panelText(panel)), 'the panel to report the 7 active users', WAIT);

    // The ending: a callout on the Active users list, not a silent finish.
    // The callout can show (floating) a moment before the list is marked:
    // wait for both, and fail if the list is never marked.
    const onEnding = async () => {
      const e = await ending(page);
      return e?.targets.some((t) => t.step.startsWith(`${GUIDE}/`)) ? e : null;
    };
    const end = await until(onEnding, 'the ending callout, and the Active users list it verifies highlighted', WAIT);
    const onList = end.targets.find((t) => t.step.startsWith(`${GUIDE}/`));
    assert.equal(onList.tag === 'a' || onList.tag === 'button', false, 'the ending points at the list, not at a link');
    assert.match(await panelText(panel), /finished|done/i);
    // It stays: a reload of the admin center shows it again.
    await page.reload();
    await until(() => ending(page), 'the ending again after a reload', WAIT);
    // Until dismissed in the panel.
    await panelButton(panel, 'Dismiss');
    await until(async () => {
      const rs = await readPage(page);
      return rs.every((r) => r.rootCount === 0 && r.targets.length === 0) ? true : null;
    }, 'the ending gone after Dismiss', WAIT);
    assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
  } finally {
    await s.close();
  }
});

test('guide B on today\'s email-first sign-up: the work email, then Sign in; "Create a new account" is marked and never highlighted', { skip, timeout: 150000 }, async () => {
  const s = await launchChromium({ server: replicas.server });
  try {
    const panel = await s.openPanel();
    await startGuide(panel, GUIDE);
    const page = await s.newPage();
    await page.goto('https://www.microsoft.com/en-us/microsoft-365/business/compare-all-microsoft-365-business-products');

    // The sign-up site route: a plan card first (the page chose the route).
    await until(async () => /Following: On the sign-up site/.test(await panelText(panel)), 'the panel to follow the sign-up site route', WAIT);
    const b1 = await expectStep(page, panel, GUIDE, 1, { frame: inTop, name: /Try free for one month|Buy now/ });
    await clickStep(b1);
    await page.waitForURL((u) => u.hostname === 'signup.microsoft.com');
    await page.getByText('Subscription and account details').first().waitFor({ timeout: WAIT });

    // Step 2 points at Next after the email field: enter the existing work email.
    const b2 = await expectStep(page, panel, GUIDE, 2, { frame: inTop, name: /^Next/ });
    await page.getByLabel('Email').fill('kelley@contoso.onmicrosoft.com');
    await clickStep(b2);

    // "You already have an account": Sign in is highlighted, the new-account
    // choice is marked as the trap.
    await page.getByText('You already have an account').first().waitFor({ timeout: WAIT });
    const signInStep = await expectStep(page, panel, GUIDE, 2, { frame: inTop, name: /^Sign in/ });
    const trap = await until(async () => {
      const r = (await readPage(page)).find((x) => inTop(x.frame));
      return /do not create a new account/i.test(r.shadowText) ? r : null;
    }, 'a "do not create a new account" mark in the overlay', WAIT);
    assert.ok(trap);
    const createNew = page.getByRole('button', { name: 'Create a new account' });
    assert.equal(await createNew.getAttribute('data-waymark-target'), null, 'the new-account choice is never the highlighted target');
    assert.ok(!trap.targets.some((t) => /create a new account/i.test(`${t.name} ${t.text}`)), 'no target on the new-account choice');

    // Sign in, told in the panel; back on the sign-up site: Try now.
    await clickStep(signInStep);
    await page.waitForURL((u) => u.hostname === 'login.microsoftonline.com');
    await expectStep(page, panel, GUIDE, 3, { panelOnly: true });
    await signIn(page, 'kelley@contoso.onmicrosoft.com');
    await page.waitForURL((u) => u.hostname === 'signup.microsoft.com');
    await expectStep(page, panel, GUIDE, 4, { frame: inTop, name: /Try now/ });
    assert.equal(await createNew.count(), 0, 'the trap was never taken');
    assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
  } finally {
    await s.close();
  }
});

test('guide B: the admin switches the route in the panel with the keyboard, and the pages no longer take it back', { skip, timeout: 120000 }, async () => {
  const s = await launchChromium({ server: replicas.server });
  try {
    const page = await s.newPage();
    const adminHome = 'https://admin.microsoft.com/?login_hint=kelley%40contoso.onmicrosoft.com#/homepage';
    await page.goto(adminHome);
    await page.getByText('User management').first().waitFor({ timeout: WAIT });
    const panel = await s.openPanel();
    await startGuide(panel, GUIDE);
    await until(async () => /Following: In the Microsoft 365 admin center/.test(await panelText(panel)), 'the admin center route, chosen by the page', WAIT);
    await expectStep(page, panel, GUIDE, 1, { frame: inTop, name: /Purchase services|Marketplace|Add more products|Billing/ });

    // "I'm on the sign-up site": Enter on that route's button.
    const signUp = panel.getByRole('button', { name: /^Follow: On the sign-up site/ });
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
    const admin = panel.getByRole('button', { name: /^Follow: In the Microsoft 365 admin center/ });
    await admin.focus();
    await panel.keyboard.press('Space');
    await until(async () => /Following: In the Microsoft 365 admin center/.test(await panelText(panel)), 'the admin center route again', WAIT);
    await expectStep(page, panel, GUIDE, 1, { frame: inTop, name: /Purchase services|Marketplace|Add more products|Billing/ });
    assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
  } finally {
    await s.close();
  }
});

// Explanation D (directories): started from the side panel, it shows the
// seed's five points with a diagram, then makes them concrete on the Azure
// portal: the account and directory (tenant) read from the portal's account
// menu, and where a new subscription will land. Its one step (open the
// account menu) is highlighted on the "Account menu" button and completes on
// evidence (the click / the flyout), never on a timer.
//
// The replicas hold one directory only (Contoso, tests/replicas/README.md):
// there is no account of another directory to sign in with, so the second
// test switches to another Contoso account (Megan Bowen) and checks that the
// panel follows the account menu rather than keeping the first one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, launchChromium, extensionMissing, startGuide, panelText, panelChecklist, readPage, until, sleep, WAIT, inTop } from './harness.mjs';
import { expectStep, clickStep, panelButton } from './walk.mjs';
import { USERS } from './pages.mjs';

const GUIDE = 'directories';
const skip = extensionMissing('chrome') || false;

// The seed's five points (crate/guides/directories.toml), as the panel must show them.
const FIVE_POINTS = [
  'A subscription gets created under a directory.',
  'Users belong to directories.',
  'A subscription lands in the directory of the user who creates it.',
  'Azure subscriptions are owned by individual users in the directory.',
  'Office 365 subscriptions are owned by the directory itself.',
];
// What the replica's account menu shows (tests/replicas/README.md):
// `.fxs-avatarmenu-username` = UPN, `.fxs-avatarmenu-tenant` = CONTOSO.
const TENANT = /contoso/i;

const portal = (who) => `https://portal.azure.com/?login_hint=${encodeURIComponent(USERS[who].upn)}#home`;
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const replicas = serveReplicas();

/** The panel's "Signed in" box: {account, directory}, or null. */
async function panelAccount(panel) {
  return panel.evaluate(() => {
    const box = document.querySelector('#who .account');
    if (!box) return null;
    const t = (sel) => (box.querySelector(sel)?.innerText || '').replace(/\s+/g, ' ').trim();
    return { account: t('.acct'), directory: t('.dir strong') || t('.dir'), text: box.innerText.replace(/\s+/g, ' ').trim() };
  });
}

/** Wait until the panel shows `upn` signed in to the Contoso directory, and the sentence naming where a new subscription lands. */
async function waitPanelShowsAccount(panel, upn) {
  const acct = await until(async () => {
    const a = await panelAccount(panel);
    return a && a.account.toLowerCase().includes(upn) && TENANT.test(a.directory) ? a : null;
  }, `the panel to show ${upn} signed in to the Contoso directory`, WAIT);
  const landing = new RegExp(`signed in as ${esc(upn)} in the directory "[^"]*contoso[^"]*".*a subscription you create now lands in "[^"]*contoso[^"]*"`, 'i');
  await until(async () => landing.test(await panelText(panel)), `the panel to say a new subscription lands in ${upn}'s directory (Contoso)`, WAIT);
  return acct;
}

test('explanation D: the five points, a diagram, the signed-in account and directory, the account menu step done on evidence', { skip, timeout: 90000 }, async () => {
  const s = await launchChromium({ server: replicas.server });
  try {
    const panel = await s.openPanel();
    await startGuide(panel, GUIDE);

    // The card: the five points and a diagram, before any portal page is open.
    await until(async () => {
      const t = await panelText(panel);
      return FIVE_POINTS.every((p) => t.includes(p));
    }, 'the panel to show the seed\'s five points', WAIT);
    const svg = await panel.evaluate(() => {
      const el = document.querySelector('#active svg');
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { width: r.width, height: r.height, label: el.getAttribute('aria-label') || el.querySelector('title')?.textContent || '' };
    });
    assert.ok(svg, 'a diagram (svg) in the explanation card');
    assert.ok(svg.width > 50 && svg.height > 30, `the diagram is rendered (${svg.width}x${svg.height})`);
    assert.match(svg.label, /directory/i, 'the diagram is labelled for screen readers');
    // No portal page yet: the panel says how to find out, and invents no directory.
    assert.match(await panelText(panel), /Open the Azure portal/i, 'before a portal page is open, the panel says where to look');
    assert.equal(await panelAccount(panel), null, 'no account shown before a portal page was read');

    // The portal, signed in as Kelley Wall (Contoso).
    const page = await s.newPage();
    await page.goto(portal('kelley'));
    const d1 = await expectStep(page, panel, GUIDE, 1, { frame: inTop, name: /^Account menu \|/ });
    assert.equal(d1.id, 'd1');
    assert.equal(d1.st.target.tag, 'button', 'the highlight is on the account menu button');
    assert.match(d1.st.target.text, new RegExp(esc(USERS.kelley.upn), 'i'), 'the highlighted button is the one showing the signed-in account');
    await waitPanelShowsAccount(panel, USERS.kelley.upn);

    // Evidence only: while the menu stays closed, the step stays current.
    await sleep(1500);
    let c = (await panelChecklist(panel)).find((x) => x.id === 'd1');
    assert.ok(c && c.status !== 'done', `d1 is not done before the account menu is opened (status ${c && c.status})`);
    assert.match(await panelText(panel), /step\s+1\s+of\s+1/i);

    await clickStep(d1);
    await page.locator('.fxs-mecontrol-flyout').waitFor({ state: 'visible', timeout: WAIT });
    c = await until(async () => {
      const x = (await panelChecklist(panel)).find((y) => y.id === 'd1');
      return x && x.status === 'done' ? x : null;
    }, 'the panel to show d1 done', WAIT);
    await until(async () => {
      const t = await panelText(panel);
      return /\bDone\b/.test(t) && /guide finished/i.test(t) && !/step\s+\d+\s+of\s+\d+/i.test(t);
    }, 'the panel to show the explanation finished', WAIT);
    // Still concrete after it finished: the account and where a subscription lands.
    await waitPanelShowsAccount(panel, USERS.kelley.upn);
    // Finishing is not silent: the ending points at the account menu it
    // read, and stays until the admin dismisses it in the panel.
    await until(async () => (await readPage(page)).some((r) => r.targets.some((t) => t.step.startsWith(`${GUIDE}/`))), 'the ending on the account menu', WAIT);
    await panelButton(panel, 'Dismiss');
    await until(async () => (await readPage(page)).every((r) => !r.targets.some((t) => t.step.startsWith(`${GUIDE}/`))), 'the ending of directories to be removed after Dismiss', WAIT);
    assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
  } finally {
    await s.close();
  }
});

test('explanation D follows the account menu: another account signed in shows that account, not the first one', { skip, timeout: 90000 }, async () => {
  const s = await launchChromium({ server: replicas.server });
  try {
    const panel = await s.openPanel();
    await startGuide(panel, GUIDE);
    const page = await s.newPage();
    await page.goto(portal('kelley'));
    await expectStep(page, panel, GUIDE, 1, { frame: inTop, name: /^Account menu \|/ });
    await waitPanelShowsAccount(panel, USERS.kelley.upn);

    // Sign in as Megan Bowen (the login replica hands the account back as login_hint).
    await page.goto('about:blank');
    await page.goto(portal('megan'));
    await page.locator('.fxs-avatarmenu-username', { hasText: USERS.megan.upn }).waitFor({ timeout: WAIT });
    const a = await waitPanelShowsAccount(panel, USERS.megan.upn);
    assert.doesNotMatch(a.text, new RegExp(esc(USERS.kelley.upn), 'i'), 'the previous account is no longer shown as signed in');
    assert.doesNotMatch(await panelText(panel), new RegExp(`signed in as ${esc(USERS.kelley.upn)}`, 'i'), 'no sentence still names the previous account');
    // The step is highlighted for Megan's account menu too.
    const d1 = await expectStep(page, panel, GUIDE, 1, { frame: inTop, name: /^Account menu \|/ });
    assert.match(d1.st.target.text, new RegExp(esc(USERS.megan.upn), 'i'));
    assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
  } finally {
    await s.close();
  }
});

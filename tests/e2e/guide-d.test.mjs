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
import { serveReplicas, useChromium, extensionMissing, startGuide, panelText, WAIT, inTop } from './harness.mjs';
import { expectStep } from './walk.mjs';
import { walkDirectories, waitPanelShowsAccount, portalAs, escapeRe } from './guide-walks.mjs';
import { USERS } from './pages.mjs';

const GUIDE = 'directories';
const skip = extensionMissing('chrome') || false;

serveReplicas();

test('explanation D: the five points, a diagram, the signed-in account and directory, the account menu step done on evidence', { skip, timeout: 90000 }, async (t) => {
  const s = await useChromium(t);
  await walkDirectories(s);
});

test('explanation D follows the account menu: another account signed in shows that account, not the first one', { skip, timeout: 90000 }, async (t) => {
  const s = await useChromium(t);
  const panel = await s.openPanel();
  await startGuide(panel, GUIDE);
  const page = await s.newPage();
  await page.goto(portalAs('kelley'));
  await expectStep(page, panel, GUIDE, 1, { frame: inTop, name: /^Account menu \|/ });
  await waitPanelShowsAccount(panel, USERS.kelley.upn);

  // Sign in as Megan Bowen (the login replica hands the account back as login_hint).
  await page.goto('about:blank');
  await page.goto(portalAs('megan'));
  await page.locator('.fxs-avatarmenu-username', { hasText: USERS.megan.upn }).waitFor({ timeout: WAIT });
  const a = await waitPanelShowsAccount(panel, USERS.megan.upn);
  assert.doesNotMatch(a.text, new RegExp(escapeRe(USERS.kelley.upn), 'i'), 'the previous account is no longer shown as signed in');
  assert.doesNotMatch(await panelText(panel), new RegExp(`signed in as ${escapeRe(USERS.kelley.upn)}`, 'i'), 'no sentence still names the previous account');
  // The step is highlighted for Megan's account menu too.
  const d1 = await expectStep(page, panel, GUIDE, 1, { frame: inTop, name: /^Account menu \|/ });
  assert.match(d1.st.target.text, new RegExp(escapeRe(USERS.megan.upn), 'i'));
  assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

// Guide C (find-your-role) on today's portal and on the 2017 layout:
// Entra ID > Users > the user (inside the cross-origin, re-rendering users
// list) > Assigned roles / Directory role.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, useChromium, extensionMissing, startGuide, inTop } from './harness.mjs';
import { expectStep, clickStep, openEntraAsPointed } from './walk.mjs';
import { walkGuideC } from './guide-walks.mjs';

const GUIDE = 'find-your-role';
const skip = extensionMissing('chrome') || false;
serveReplicas();

test('guide C today: Entra ID > Users > the user (blade frame, re-rendered) > Assigned roles', { skip, timeout: 120000 }, async (t) => {
  const s = await useChromium(t);
  await walkGuideC(s);
});

test('guide C with the 2017 wording: Browse > Active Directory > USERS > the user > Directory role / ORGANIZATIONAL ROLE', { skip, timeout: 120000 }, async (t) => {
  const s = await useChromium(t);
  const panel = await s.openPanel();
  await startGuide(panel, GUIDE);
  const page = await s.newPage();
  await page.goto('https://portal.azure.com/?layout=2017#home');
  // The home page renders after the shell: wait for it, so the highlight
  // does not move from Browse to the home page's service link mid-click.
  await page.getByRole('heading', { name: 'Azure services' }).waitFor();
  const c1 = await expectStep(page, panel, GUIDE, 1, { frame: inTop, name: /^Browse|Active Directory|Microsoft Entra ID|Search resources/ });
  await openEntraAsPointed(page, c1);
  await page.waitForURL(/ActiveDirectoryMenuBlade/);
  const c2 = await expectStep(page, panel, GUIDE, 2, { frame: inTop, name: /Users and groups|All users|^Users/ });
  await clickStep(c2);
  await page.waitForURL(/UsersManagementMenuBlade/);
  const c3 = await expectStep(page, panel, GUIDE, 3, { frame: inTop, name: /Kelley Wall/ });
  await clickStep(c3);
  await page.waitForURL(/UserDetailsMenuBlade/);
  await expectStep(page, panel, GUIDE, 4, { frame: inTop, name: /Directory role|Organizational role/i });
  assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

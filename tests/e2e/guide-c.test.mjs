// Guide C (find-your-role) on today's portal and on the 2017 layout:
// Entra ID > Users > the user (inside the cross-origin, re-rendering users
// list) > Assigned roles / Directory role.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, launchChromium, extensionMissing, startGuide, inSandbox, inTop, reRenderCheck, waitCalloutOnTarget, until, WAIT } from './harness.mjs';
import { expectStep, clickStep, openEntraAsPointed } from './walk.mjs';

const GUIDE = 'find-your-role';
const skip = extensionMissing('chrome') || false;
const replicas = serveReplicas();

test('guide C today: Entra ID > Users > the user (blade frame, re-rendered) > Assigned roles', { skip, timeout: 120000 }, async () => {
  const s = await launchChromium({ server: replicas.server });
  try {
    const panel = await s.openPanel();
    await startGuide(panel, GUIDE);
    const page = await s.newPage();
    await page.goto('https://portal.azure.com/#home');
    const c1 = await expectStep(page, panel, GUIDE, 1, { frame: inTop, name: /Search resources, services, and docs|Entra ID|Active Directory/ });
    await openEntraAsPointed(page, c1);
    await page.waitForURL(/ActiveDirectoryMenuBlade/);
    const c2 = await expectStep(page, panel, GUIDE, 2, { frame: inTop, name: /^(All users|Users)/ });
    await clickStep(c2);
    await page.waitForURL(/UserManagementMenuBlade/);

    // C3 inside the cross-origin frame; the rows are replaced every 2 s.
    const c3 = await expectStep(page, panel, GUIDE, 3, { frame: inSandbox, name: /Kelley Wall/ });
    const rr = await reRenderCheck(c3.st.frame, c3.full);
    assert.ok(rr.hadOld && !rr.oldConnected, 'the row was re-rendered');
    assert.ok(rr.now && rr.replaced && rr.nowText === rr.oldText, 'the highlight followed the re-rendered link');
    await waitCalloutOnTarget(c3.st.frame, c3.full);
    await clickStep(c3);
    await page.waitForURL(/UserProfileMenuBlade/);

    const c4 = await expectStep(page, panel, GUIDE, 4, { frame: inTop, name: /Assigned roles/ });
    await clickStep(c4);
    await page.waitForURL(/AdministrativeRole/);

    // The panel says what the roles read mean for each guide. Moving a
    // subscription (Guide E) needs Owner, an Azure role no directory-role
    // page shows: it says so and where "My role" is read, instead of guessing.
    const line = (id) => panel.locator(`[data-eligibility-guide="${id}"]`);
    await until(async () => /directory roles cannot tell/.test((await line('add-subscription-to-directory').innerText().catch(() => '')) || ''), 'Guide E\'s line after the roles were read', WAIT);
    assert.equal(await line('add-subscription-to-directory').getAttribute('data-eligibility-verdict'), 'unknown');
    assert.match(await line('add-subscription-to-directory').innerText(), /Owner[^]*My role/);
    assert.equal(await line('azure-for-office365').getAttribute('data-eligibility-verdict'), 'qualifies', 'any member account signs up for Azure');
    assert.ok(await line('office365-for-azure-ad').count(), 'Guide B has its line');
    assert.ok(await line('contact-support').count(), 'contact-support has its line');
    assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
  } finally {
    await s.close();
  }
});

test('guide C with the 2017 wording: Browse > Active Directory > USERS > the user > Directory role / ORGANIZATIONAL ROLE', { skip, timeout: 120000 }, async () => {
  const s = await launchChromium({ server: replicas.server });
  try {
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
  } finally {
    await s.close();
  }
});

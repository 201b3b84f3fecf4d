// Guides A and C on entra.microsoft.com (the Microsoft Entra admin center):
// same hash routes and blade frames as the Azure portal, its own left
// navigation: today "Entra ID > Users", older "Identity > Users > All users".
// Each walked by clicking what the overlay highlights.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, useChromium, extensionMissing, startGuide, panelText, panelProgress, inSandbox, inTop, until, WAIT } from './harness.mjs';
import { expectStep, clickStep, panelButton } from './walk.mjs';

const skip = extensionMissing('chrome') || false;
serveReplicas();

test('guide A on entra.microsoft.com (today\'s nav): Entra ID > Users > the users list with rows', { skip, timeout: 120000 }, async (t) => {
  const GUIDE = 'azure-for-office365';
  const s = await useChromium(t);
  const panel = await s.openPanel();
  await startGuide(panel, GUIDE);
  // The sign-up part is walked in guide-a.test.mjs; here the admin has it.
  for (let i = 1; i <= 3; i++) {
    await until(async () => (await panelProgress(panel))?.n === i, `step ${i}`);
    await panelButton(panel, 'Skip');
  }
  const page = await s.newPage();
  await page.goto('https://entra.microsoft.com/#home');
  await page.getByText('Welcome to the Microsoft Entra admin center').waitFor();
  // A4: the collapsed "Entra ID" group of the left navigation.
  const a4 = await expectStep(page, panel, GUIDE, 4, { frame: inTop, name: /^(Entra ID|Microsoft Entra ID|Search resources)/ });
  await clickStep(a4);
  // A5: "Users" (today it opens All users directly).
  const a5 = await expectStep(page, panel, GUIDE, 5, { frame: inTop, name: /^(All users|Users) \|/ });
  assert.equal(new URL(page.url()).hostname, 'entra.microsoft.com');
  await clickStep(a5);
  await page.waitForURL(/UserManagementMenuBlade/);
  // A6: the users list inside the blade frame; the panel counts the rows.
  const a6 = await expectStep(page, panel, GUIDE, 6, { frame: inSandbox, allowDone: true });
  if (!a6.done) assert.ok(inSandbox(a6.st.frame));
  await until(async () => /\b7\b/.test(await panelText(panel)), 'the panel to report the 7 users found', WAIT);
  assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

test('guide C on entra.microsoft.com (older nav): Identity > Users > All users > the user > Assigned roles', { skip, timeout: 120000 }, async (t) => {
  const GUIDE = 'find-your-role';
  const s = await useChromium(t);
  const panel = await s.openPanel();
  await startGuide(panel, GUIDE);
  const page = await s.newPage();
  await page.goto('https://entra.microsoft.com/?nav=identity#home');
  const c1 = await expectStep(page, panel, GUIDE, 1, { frame: inTop, name: /^(Identity|Entra ID|Microsoft Entra ID|Search resources)/ });
  if (c1.st.target.tag === 'input') throw new Error('expected the navigation group, got the search box');
  await clickStep(c1);
  // C2: "Users" expands the group, then the highlight moves to "All users".
  const c2 = await expectStep(page, panel, GUIDE, 2, { frame: inTop, name: /^(All users|Users) \|/ });
  if (/^Users$/.test(c2.st.target.name)) {
    await clickStep(c2);
    const again = await expectStep(page, panel, GUIDE, 2, { frame: inTop, name: /^All users \|/ });
    await clickStep(again);
  } else {
    await clickStep(c2);
  }
  await page.waitForURL(/UserManagementMenuBlade/);
  assert.equal(new URL(page.url()).hostname, 'entra.microsoft.com');
  const c3 = await expectStep(page, panel, GUIDE, 3, { frame: inSandbox, name: /Kelley Wall/ });
  await clickStep(c3);
  await page.waitForURL(/UserProfileMenuBlade/);
  const c4 = await expectStep(page, panel, GUIDE, 4, { frame: inTop, name: /Assigned roles/ });
  await clickStep(c4);
  await page.waitForURL(/AdministrativeRole/);
  // The roles are read on entra.microsoft.com as on the portal.
  await until(async () => (await panel.locator('#active [data-waymark-verdict]').first().getAttribute('data-waymark-verdict').catch(() => null)) === 'qualifies', 'the verdict read on entra.microsoft.com', WAIT);
  assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

test('guide A from a portal without subscription: the free-trial offer is step 1, not "open Entra ID"', { skip, timeout: 150000 }, async (t) => {
  const GUIDE = 'azure-for-office365';
  const s = await useChromium(t);
  const panel = await s.openPanel();
  const page = await s.newPage();
  // Alex Wilber: a member account holding no role on any subscription.
  await page.goto('https://portal.azure.com/?login_hint=alex%40contoso.onmicrosoft.com#home');
  await page.getByText('Start with an Azure free trial').waitFor();
  await startGuide(panel, GUIDE);
  const a1 = await expectStep(page, panel, GUIDE, 1, { frame: inTop, name: /^Start \||Start with an Azure free trial|Add/ });
  // Nothing of step 4 ("open Microsoft Entra ID") anywhere.
  const stepIds = await panel.locator('li[data-step]').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
  const a4 = stepIds[3];
  assert.equal(await page.locator(`[data-waymark-target$="/${a4}"]`).count(), 0, 'step 4 is not highlighted');
  assert.equal((await panelProgress(panel)).n, 1);
  await clickStep(a1);
  // The offer leads to sign-up (sign-in first), as Start free does.
  await page.waitForURL((u) => u.hostname === 'login.microsoftonline.com', { timeout: WAIT });
  await until(async () => (await panelProgress(panel))?.n === 2, 'the guide to move to the sign-in step');
});

test('guide A from the portal\'s Subscriptions > + Add, when there is none', { skip, timeout: 90000 }, async (t) => {
  const GUIDE = 'azure-for-office365';
  const s = await useChromium(t);
  const panel = await s.openPanel();
  const page = await s.newPage();
  await page.goto('https://portal.azure.com/?login_hint=alex%40contoso.onmicrosoft.com#view/Microsoft_Azure_Billing/SubscriptionsBladeV2');
  await page.getByText('No subscriptions to display').waitFor();
  await startGuide(panel, GUIDE);
  const a1 = await expectStep(page, panel, GUIDE, 1, { frame: inTop, name: /Add/ });
  await clickStep(a1);
  await page.waitForURL((u) => u.hostname === 'login.microsoftonline.com', { timeout: WAIT });
  await until(async () => (await panelProgress(panel))?.n === 2, 'the guide to move to the sign-in step');
});

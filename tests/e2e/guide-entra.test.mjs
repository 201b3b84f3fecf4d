// Guides A and C on entra.microsoft.com (the Microsoft Entra admin center):
// same hash routes and blade frames as the Azure portal, its own left
// navigation: today "Entra ID > Users", older "Identity > Users > All users".
// Each walked by clicking what the overlay highlights.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, useChromium, extensionMissing, startGuide, panelProgress, inTop, until, WAIT } from './harness.mjs';
import { expectStep, clickStep } from './walk.mjs';
import { walkGuideAEntra, walkGuideCEntra } from './guide-walks.mjs';

const skip = extensionMissing('chrome') || false;
serveReplicas();

test('guide A on entra.microsoft.com (today\'s nav): Entra ID > Users > the users list with rows', { skip, timeout: 120000 }, async (t) => {
  const s = await useChromium(t);
  await walkGuideAEntra(s);
});

test('guide C on entra.microsoft.com (older nav): Identity > Users > All users > the user > Assigned roles', { skip, timeout: 120000 }, async (t) => {
  const s = await useChromium(t);
  await walkGuideCEntra(s);
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

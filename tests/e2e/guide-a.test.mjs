// Guide A (azure-for-office365) walked from azure.microsoft.com to the
// Entra users list by clicking what the overlay points at, checking on
// every step the highlighted control, the callout and the panel's progress.
// Also: a late-rendered target (Start free), a step inside the blade frame,
// resuming after the service worker is stopped mid-guide, and the 2017
// wording (Browse > Azure Active Directory > Users and groups).
import { test } from 'node:test';
import { serveReplicas, useChromium, extensionMissing, startGuide, panelProgress, until, WAIT } from './harness.mjs';
import { expectStep, clickStep, signIn } from './walk.mjs';
import { walkGuideA, walkGuideA2017 } from './guide-walks.mjs';

const GUIDE = 'azure-for-office365';
const skip = extensionMissing('chrome') || false;
serveReplicas();

test('guide A, today\'s portals: Start free > sign-in > sign-up > Entra ID > All users > rows', { skip, timeout: 150000 }, async (t) => {
  const s = await useChromium(t);
  await walkGuideA(s);
});

test('guide A: on the sign-in page the panel\'s current step is the sign-in step (Step 2)', { skip, timeout: 60000 }, async (t) => {
  // Start free goes to signup.azure.com, which sends a signed-out browser to
  // login.microsoftonline.com (as the real site does): passing through the
  // sign-up host must not count as having signed in.
  const s = await useChromium(t);
  const panel = await s.openPanel();
  await startGuide(panel, GUIDE);
  const page = await s.newPage();
  await page.goto('https://azure.microsoft.com/en-us/free/');
  const a1 = await expectStep(page, panel, GUIDE, 1, { name: /Start free/ });
  await clickStep(a1);
  await page.waitForURL((u) => u.hostname === 'login.microsoftonline.com', { timeout: WAIT });
  await page.waitForSelector('#i0116');
  await expectStep(page, panel, GUIDE, 2, { panelOnly: true });
  await signIn(page, 'kelley@contoso.onmicrosoft.com');
  await page.waitForURL((u) => u.hostname === 'signup.azure.com');
  await expectStep(page, panel, GUIDE, 3);
});

test('guide A on the purchase-options page: "Try Azure for free" / "Pay as you go"', { skip, timeout: 60000 }, async (t) => {
  const s = await useChromium(t);
  const panel = await s.openPanel();
  await startGuide(panel, GUIDE);
  const page = await s.newPage();
  await page.goto('https://azure.microsoft.com/en-us/pricing/purchase-options/');
  const a1 = await expectStep(page, panel, GUIDE, 1, { name: /Try Azure for free|Pay as you go|Start free/ });
  await clickStep(a1);
  await page.waitForURL((u) => u.hostname === 'login.microsoftonline.com', { timeout: WAIT });
  await until(async () => (await panelProgress(panel))?.n >= 2, 'the guide to move past Start free');
});

test('guide A with the 2017 wording: Browse > Azure Active Directory > Users and groups', { skip, timeout: 90000 }, async (t) => {
  const s = await useChromium(t);
  await walkGuideA2017(s);
});

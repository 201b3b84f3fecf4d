// Evidence from the guided journey only (issue 13 item 2): a portal tab left
// open from before the guide started changes its route while the sign-up
// form still shows in the guided tab; "Complete the sign-up" stays to do.
// The guided tab reaching the portal completes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, useChromium, extensionMissing, startGuide, inTop, until, WAIT } from './harness.mjs';
import { expectStep, clickStep, signIn } from './walk.mjs';
import { completeSignUp } from './guide-walks.mjs';

const GUIDE = 'azure-for-office365';
const skip = extensionMissing('chrome') || false;
serveReplicas();

/** The engine's saved state, parsed (the service worker's storage.session). */
async function saved(s) {
  const sw = s.context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  if (!sw) return null;
  const text = await sw.evaluate(async () => (await chrome.storage.session.get('waymark.snapshot'))['waymark.snapshot'] ?? '');
  return text ? JSON.parse(text) : null;
}

test("a stale portal tab's route change does not complete the sign-up; the guided tab's arrival does", { skip, timeout: 150000 }, async (t) => {
  const s = await useChromium(t);
  // An unrelated portal tab, open before the guide starts.
  const stale = await s.newPage();
  await stale.goto('https://portal.azure.com/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Overview');
  const panel = await s.openPanel();
  await startGuide(panel, GUIDE);
  const page = await s.newPage();
  await page.goto('https://azure.microsoft.com/en-us/free/', { waitUntil: 'domcontentloaded' });
  const a1 = await expectStep(page, panel, GUIDE, 1, { name: /Start free|Try Azure for free|Pay as you go/, frame: inTop });
  await clickStep(a1);
  await page.waitForURL((u) => u.hostname === 'login.microsoftonline.com', { timeout: WAIT });
  await signIn(page, 'kelley@contoso.onmicrosoft.com');
  await page.waitForURL((u) => u.hostname === 'signup.azure.com');
  const a3 = await expectStep(page, panel, GUIDE, 3, { frame: inTop });

  // The stale tab moves to the portal's home page (a route change).
  await stale.evaluate(() => {
    location.hash = '#home';
  });
  // Once the engine has taken in that move (its saved state shows the
  // stale tab on #home), step 3 is still the current step, not done.
  const after = await until(async () => {
    const st = await saved(s);
    return st?.frames?.some((f) => f.top && /portal\.azure\.com\/#home$/.test(f.url)) ? st : null;
  }, 'the engine to see the stale tab on the portal home page');
  assert.equal(after.active.current, 2, 'step 3 (Complete the sign-up) is still current');
  assert.equal(after.active.steps[2].status, 'todo');
  assert.ok(!after.active.journey.includes(after.frames.find((f) => /#home$/.test(f.url)).tab), 'the stale tab is not part of the journey');

  // The guided tab completes the sign-up and reaches the portal.
  await completeSignUp(page, a3);
  await expectStep(page, panel, GUIDE, 4, { frame: inTop });
  assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

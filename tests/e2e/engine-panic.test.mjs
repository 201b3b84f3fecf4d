// Issue 2, bad input: "a panic that does happen is caught and reported, and
// never leaves the worker silently dead". The engine is made to panic (a Rust
// panic under panic=abort traps the wasm instance); the panel must say so,
// and the engine must carry on from its last saved state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, useChromium, extensionMissing, startGuide, until, panelText, WAIT } from './harness.mjs';

const skip = extensionMissing('chrome') || false;
serveReplicas();

test('an engine panic is reported in the panel and the engine carries on from its saved state', { skip, timeout: 90000 }, async (t) => {
  const s = await useChromium(t);
  const panel = await s.openPanel();
  await startGuide(panel, 'find-your-role');
  await until(async () => /step 1 of 4/i.test(await panelText(panel)), 'Guide C at step 1 in the panel', WAIT);
  const worker = s.context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  assert.ok(worker, 'the extension service worker runs');

  // Twice in a row: recovery must not depend on a fresh worker.
  for (let i = 1; i <= 2; i++) {
    await worker.evaluate(() => globalThis.waymark.crashForTest());
    const err = await until(async () => {
      const t = (await panel.locator('[role="alert"]').allInnerTexts()).join(' ');
      return /internal error/i.test(t) ? t : null;
    }, 'the panel to report the crash', WAIT);
    assert.match(err, /restarted from its last saved state/i);
    assert.equal(await worker.evaluate(() => globalThis.waymark.restarts), i);
  }

  // The engine still answers, with the guide where it was.
  assert.match(await panelText(panel), /step 1 of 4/i);
  const page = await s.newPage();
  await page.goto('https://portal.azure.com/?login_hint=kelley%40contoso.onmicrosoft.com#home');
  await until(
    () => page.evaluate(() => !!document.querySelector('[data-waymark-target^="find-your-role/"]')),
    'a highlight in the portal after the crashes',
    WAIT,
  );
  await panel.locator('[data-waymark-start="azure-for-office365"]').click();
  await until(async () => /step 1 of 6/i.test(await panelText(panel)), 'a new guide started after the crashes', WAIT);
});

// A fresh install holds Start (and whatever else the organisation's policy
// can refuse) until the first storage.managed read answers; a worker stopped
// during that wait loses the message. The panel sends it again when it
// reconnects, so the admin's Start is not silently dropped.
test('a Start lost with a stopped worker is sent again by the panel, and the guide runs', { skip, timeout: 60000 }, async (t) => {
  const s = await useChromium(t);
  const panel = await s.openPanel();
  const start = '[data-waymark-start="find-your-role"]';
  await panel.waitForSelector(start, { timeout: WAIT });
  const worker = s.context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  assert.ok(worker, 'the extension service worker runs');
  await worker.evaluate(() => globalThis.waymark.losePanelMessagesForTest(1));
  await panel.click(start);
  await until(async () => (await worker.evaluate(() => globalThis.waymark.losePanelMessagesForTest(0))) === 1 || null, 'the Start to be lost', WAIT);
  assert.doesNotMatch(await panelText(panel), /step 1 of 4/i, 'the lost Start did not start the guide');
  await s.stopServiceWorker();
  await until(async () => /step 1 of 4/i.test(await panelText(panel)), 'Guide C at step 1 after the worker restarted', WAIT);
});

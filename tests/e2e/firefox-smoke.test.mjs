// Smoke test of the slice in Firefox ESR (issue 2 item 6): dist/firefox
// installed through WebDriver BiDi, the panel document opened as a page, a
// guide started, and the portal replica's first step highlighted.
// Firefox has no per-host resolver rule with a port, so every host resolves
// to 127.0.0.1 (network.dns.forceResolve) and the replica server listens on
// 443, which needs root; without root the test is skipped with the reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchFirefox, firefoxMissing, until, WAIT } from './harness.mjs';

const skip = firefoxMissing() || false;
let server;
let ff;
before(async () => {
  if (skip) return;
  server = await startServer({ also443: true });
});
after(async () => {
  await ff?.close();
  await server?.close();
});

async function read(frame) {
  return frame.evaluate(() => {
    const host = document.getElementById('waymark-root');
    const sr = host && host.shadowRoot;
    const t = document.querySelector('[data-waymark-target]');
    const d = sr && sr.querySelector('[role="dialog"][data-waymark-step]');
    return {
      target: t ? t.getAttribute('data-waymark-target') : null,
      targetName: t ? t.getAttribute('aria-label') || t.textContent.trim() : null,
      step: d ? d.getAttribute('data-waymark-step') : null,
      text: d ? d.textContent.trim() : '',
    };
  });
}

test('Firefox ESR: the panel starts a guide and the portal highlights its first step', { skip, timeout: 120000 }, async (t) => {
  if (!server.port443) {
    t.skip('could not listen on 127.0.0.1:443');
    return;
  }
  ff = await launchFirefox({ server });
  const panel = await ff.openPanel();
  const start = await panel.waitForSelector('[data-waymark-start="find-your-role"]', { timeout: WAIT });
  await start.click();
  await until(async () => /step\s+\d+\s+of\s+\d+/i.test(await panel.evaluate(() => document.body.innerText)), 'progress in the Firefox panel');

  const portal = await ff.browser.newPage();
  const resp = await portal.goto('https://portal.azure.com/#home');
  assert.ok(resp && resp.ok(), 'the portal replica loads in Firefox');
  await portal.waitForSelector('.fxs-topbar', { timeout: WAIT });
  const r = await until(async () => {
    const x = await read(portal.mainFrame());
    return x.target && x.step === x.target ? x : null;
  }, 'a highlighted target and its callout in Firefox', 20000);
  assert.match(r.target, /^find-your-role\//);
  assert.ok(r.text.length > 10, 'the callout holds an instruction');
});

// Guide E (add-subscription-to-directory), walked by clicking what the
// overlay highlights: Subscriptions (grid with "My role") > the subscription
// > Change directory > the directory > Change, with the warning about Azure
// RBAC role assignments shown in the callout and the panel before Change.
// The account is Owner (Kelley Wall) in one run and Reader (Megan Bowen) in
// the other: the role verdicts read from "My role" differ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, useChromium, extensionMissing, startGuide, until, WAIT } from './harness.mjs';
import { walkGuideE, walkGuideEReader } from './guide-walks.mjs';
import { ROUTES } from './pages.mjs';

const GUIDE = 'add-subscription-to-directory';
const skip = extensionMissing('chrome') || false;
serveReplicas();

test('guide E as Owner: Subscriptions > the subscription > Change directory > Contoso > Change, warned before Change', { skip, timeout: 150000 }, async (t) => {
  const s = await useChromium(t);
  await walkGuideE(s);
});

test('guide E as Reader: "My role" Reader does not qualify, and the panel says Owner is needed', { skip, timeout: 90000 }, async (t) => {
  const s = await useChromium(t);
  await walkGuideEReader(s);
});

test('guide E: the "My role" verdict is remembered on other pages, across a worker restart, and in Guide C', { skip, timeout: 90000 }, async (t) => {
  const s = await useChromium(t);
  const panel = await s.openPanel();
  await startGuide(panel, GUIDE);
  const page = await s.newPage();
  await page.goto('https://portal.azure.com/?login_hint=megan%40contoso.onmicrosoft.com' + ROUTES.subscriptions);
  await page.getByRole('gridcell', { name: 'Reader', exact: true }).waitFor();
  const check = () => panel.locator('#active .role-check[data-waymark-verdict]').first();
  await until(async () => (await check().getAttribute('data-waymark-verdict').catch(() => null)) === 'does-not-qualify', 'the verdict read from "My role"', WAIT);

  // The portal home shows no "My role": the verdict stays, as checked.
  await page.goto('https://portal.azure.com/?login_hint=megan%40contoso.onmicrosoft.com#home');
  await page.getByRole('heading', { name: 'Azure services' }).waitFor();
  await until(async () => /Checked .*"My role".*Reader/s.test(await check().innerText().catch(() => '')), 'the remembered verdict on the home page', WAIT);
  assert.equal(await check().getAttribute('data-waymark-verdict'), 'does-not-qualify');

  // The service worker stops; the next message rebuilds it from the snapshot.
  await s.stopServiceWorker();
  await panel.reload();
  await until(async () => (await check().getAttribute('data-waymark-verdict').catch(() => null)) === 'does-not-qualify', 'the verdict after the worker restarted', WAIT);
  assert.match(await check().innerText(), /Reader/);

  // Guide C says what it means for Guide E: read from "My role", not guessed.
  await startGuide(panel, 'find-your-role');
  const line = panel.locator('[data-eligibility-guide="add-subscription-to-directory"]');
  await until(async () => (await line.getAttribute('data-eligibility-verdict').catch(() => null)) === 'does-not-qualify', 'Guide C\'s line for Guide E', WAIT);
  assert.match(await line.innerText(), /Reader[^]*needs Owner/);
  assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

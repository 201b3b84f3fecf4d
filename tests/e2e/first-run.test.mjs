// First run and getting there (issue 10 item 4): the welcome page opens once
// on install; a panel opened in a tab says why; when the current step's page
// is open in no tab, the panel offers a button that opens it at today's
// address, and the guide goes on there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveReplicas, useChromium, extensionMissing, extensionDir, startGuide, panelText, until, inTop, WAIT } from './harness.mjs';
import { expectStep } from './walk.mjs';

const skip = extensionMissing('chrome') || false;
serveReplicas();

test('on install the welcome page opens once: what Waymark does, how to open the panel, what it never does', { skip, timeout: 60000 }, async (t) => {
  const s = await useChromium(t, { keepWelcome: true });
  const id = await s.extensionId();
  const welcome = await until(
    async () => s.context.pages().find((p) => p.url() === `chrome-extension://${id}/welcome.html`) ?? null,
    'the welcome page to open on install',
  );
  await welcome.waitForLoadState('domcontentloaded');
  await until(async () => (await welcome.locator('h1').textContent())?.includes('Welcome to Waymark'), 'the welcome heading');
  // Every string is filled from _locales: no empty slot.
  const empty = await welcome.$$eval('[data-i18n]', (els) => els.filter((e) => !e.textContent?.trim()).map((e) => e.getAttribute('data-i18n')));
  assert.deepEqual(empty, [], 'every data-i18n element has its text');
  const text = await welcome.locator('main').innerText();
  for (const said of [/highlights the control to use next/, /Pin Waymark/, /sends nothing over the network/, /never runs on sign-in pages/, /never reads what you type/]) {
    assert.match(text, said);
  }
  // The keys the browser gave the commands (commands.getAll), not a fixed text.
  await until(async () => /press Alt\+Shift\+G: the guide panel opens/.test(await welcome.locator('#open-how').innerText()), 'the open key named');
  assert.match(await welcome.locator('#open-how').innerText(), /press Alt\+Shift\+K\.$/);
  assert.ok(await welcome.getByRole('button', { name: 'Open the guide panel' }).isVisible());
  // Once: a browser restart with the same profile is no install.
  assert.equal(s.context.pages().filter((p) => p.url().endsWith('/welcome.html')).length, 1);
  assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

test('a key the browser did not assign is not promised: the welcome page says none is set and where to choose one', { skip, timeout: 60000 }, async (t) => {
  // The Chrome build without a suggested key for the toolbar action, as when
  // the browser refuses the key (one of its own shortcuts).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-nokey-ext-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(extensionDir('chrome'), dir, { recursive: true });
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  delete manifest.commands._execute_action.suggested_key;
  fs.writeFileSync(manifestFile, JSON.stringify(manifest));
  const s = await useChromium(t, { extensionPath: dir, keepWelcome: true });
  const id = await s.extensionId();
  const welcome = await until(async () => s.context.pages().find((p) => p.url() === `chrome-extension://${id}/welcome.html`) ?? null, 'the welcome page');
  const how = welcome.locator('#open-how');
  await until(async () => /press a key you choose in the browser's extension keyboard shortcuts \(none is set yet\): the guide panel opens/.test(await how.innerText()), 'the unset key told');
  assert.match(await how.innerText(), /press Alt\+Shift\+K\.$/);
  assert.doesNotMatch(await how.innerText(), /Alt\+Shift\+G/);
});

test('a panel opened in a tab says why; an unknown reason says nothing', { skip, timeout: 60000 }, async (t) => {
  const s = await useChromium(t);
  const panel = await s.openPanel('?in=tab&why=no-side-panel');
  const note = panel.locator('#in-tab');
  await note.waitFor({ state: 'visible' });
  assert.match(await note.innerText(), /no side panel for extensions here, so Waymark opened its panel in this tab/);
  const other = await s.openPanel('?in=tab&why=%3Cimg%20src%3Dx%3E');
  await other.locator('#guide-list li').first().waitFor();
  assert.equal(await other.locator('#in-tab').isVisible(), false, 'free text in the address is never shown');
});

test('the current step is on a page no tab shows: the panel opens it at today\'s address, and the guide goes on there', { skip, timeout: 90000 }, async (t) => {
  const GUIDE = 'find-your-role';
  const s = await useChromium(t);
  const panel = await s.openPanel();
  await startGuide(panel, GUIDE);
  await until(async () => /Open portal\.azure\.com/.test(await panelText(panel)), 'the panel to say where step 1 is');
  const open = panel.getByRole('button', { name: 'Open portal.azure.com', exact: true });
  await open.waitFor({ state: 'visible', timeout: WAIT });
  const [page] = await Promise.all([s.context.waitForEvent('page', { timeout: WAIT }), open.click()]);
  await page.waitForURL(/^https:\/\/portal\.azure\.com\//, { timeout: WAIT });
  await expectStep(page, panel, GUIDE, 1, { frame: inTop, name: /Search resources, services, and docs|Entra ID|Active Directory/ });
  await until(async () => (await open.count()) === 0, 'the Open button to go once the page is open');
  assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

test('site access withheld (chrome://extensions, "On click"): the panel says so instead of offering to open the page; granted again, it offers it', { skip, timeout: 90000 }, async (t) => {
  const s = await useChromium(t);
  const id = await s.extensionId();
  const panel = await s.openPanel();
  await startGuide(panel, 'find-your-role');
  const open = panel.getByRole('button', { name: 'Open portal.azure.com', exact: true });
  await open.waitFor({ state: 'visible', timeout: WAIT });
  // The admin sets Waymark's site access to "On click" in chrome://extensions
  // (the page's own API): every site is withheld until clicked.
  const settings = await s.newPage();
  await settings.goto('chrome://extensions/');
  const access = (hostAccess) => settings.evaluate(([extensionId, hostAccess]) => chrome.developerPrivate.updateExtensionConfiguration({ extensionId, hostAccess }), [id, hostAccess]);
  await access('ON_CLICK');
  await until(async () => /Waymark cannot see portal\.azure\.com: its access to that site was withdrawn/.test(await panelText(panel)), 'the panel to say that access to portal.azure.com was withdrawn');
  assert.equal(await open.count(), 0, 'no "Open portal.azure.com" while Waymark cannot see it');
  assert.ok(await panel.getByRole('button', { name: 'Allow Waymark on portal.azure.com', exact: true }).isVisible());
  await access('ON_ALL_SITES');
  await open.waitFor({ state: 'visible', timeout: WAIT });
  assert.doesNotMatch(await panelText(panel), /withdrawn/);
  assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

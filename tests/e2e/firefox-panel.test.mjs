// Issue 10 items 2, 3, 4 and 6 in Firefox ESR, beside the walks of
// firefox-walks.test.mjs (which check item 1, the callout out of the way at
// three viewports, on every step they walk):
// - first run: the welcome page opens on install and its button opens the
//   sidebar; a panel opened in a tab says why; "Open <site>" opens the
//   step's page and the guide goes on there;
// - site access withdrawn by the admin (the Extensions menu's own code,
//   OriginControls.setWhenClicked): the panel says so instead of offering to
//   open the page, and its "Allow" button gives Waymark the site back;
// - keyboard: the sidebar's shortcut (_execute_sidebar_action) opens the
//   panel, the focus-callout command moves the focus into the callout, Tab
//   reaches Hide and Skip, Esc collapses it and gives the focus back;
// - accessibility: the table of states a11y-checks.mjs walks, the one
//   Chromium's a11y.test.mjs runs: axe-core (WCAG 2.0-2.2 A/AA) on
//   panel.html in every state (guide list, every guide running, each
//   verdict, Get help and a share code, preview, bad code, recording) light
//   and dark, and in the overlay's shadow root (each verdict badge, the
//   callout on step 1 with "Why this element?" open and closed, as its
//   marker, on step 2, on the admin center) light and dark; the panel used
//   with Tab alone, every control showing its focus; in forced colours (the
//   preference high contrast sets) the highlight, callout and marker keep a
//   border; with reduced motion nothing moves;
// - the organisation's policy through Firefox's own channel: a
//   policies.json "3rdparty" policy in the installation's distribution
//   folder, read by the extension from storage.managed.
//
// One Firefox for the whole file (a launch costs seconds): it starts from an
// installation copy whose policies.json has a policy for a second extension
// id only (the build copied with that id), so the same browser runs the
// unmanaged build for the first tests and the managed copy for the last.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { firefoxForFile, firefoxMissing, extensionDir, startGuide, panelText, policyRefusals, until, inTop, WAIT } from './harness.mjs';
import { expectStep } from './walk.mjs';
import { coveredControls } from './out-of-the-way.mjs';
import { assertPanelStates, assertCalloutStates, assertAdminCenterCallout } from './a11y-checks.mjs';

const skip = firefoxMissing() || false;
const POLICY_ID = 'waymark-policy-e2e@waymark.dev';
const POLICY = {
  recording: false,
  sharing: false,
  screenshots: false,
  guides: ['find-your-role', 'contact-support'],
  supportContact: { text: 'Contoso IT desk, ext. 4242', url: 'https://support.contoso.example/it' },
  organisationGuides: [{ title: 'Contoso: not a valid code', code: 'WAYMARK1.this-is-not-a-code' }],
};

const firefox = firefoxForFile({ skip, policies: { '3rdparty': { Extensions: { [POLICY_ID]: POLICY } } } });

function ffTest(name, fn, timeout = 120000) {
  test(`Firefox ESR: ${name}`, { skip, timeout }, async (t) => {
    const ff = firefox.session;
    if (!ff) {
      t.skip('could not listen on 127.0.0.1:443 (needed for Firefox; another process may hold it)');
      return;
    }
    const started = Date.now();
    try {
      await fn(ff, t);
    } finally {
      t.diagnostic(`${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  });
}

/** The extension's errors and the pages' since the last `fresh()`: none. */
async function assertNoErrors(s) {
  const errors = [...s.errors, ...(await s.extensionErrors())];
  assert.deepEqual(errors, [], errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
}

/** The sidebar: whether it is open, and the address of the extension page it shows. */
function sidebarState(s) {
  return s
    .chromeEval(
      `JSON.stringify((() => {
        const doc = SidebarController.browser?.contentDocument;
        const inner = doc?.getElementById('webext-panels-browser');
        return { open: SidebarController.isOpen, url: inner?.currentURI?.spec || '' };
      })())`,
    )
    .then(JSON.parse);
}

ffTest('first run: the welcome page opens on install, its button opens the sidebar; a panel in a tab says why', async (s) => {
  const welcome = await s.fresh({ keepWelcome: true });
  await welcome.locator('h1').waitFor();
  await until(async () => /Welcome to Waymark/.test(await welcome.locator('h1').innerText()), 'the welcome heading');
  const empty = await welcome.evaluate(() => [...document.querySelectorAll('[data-i18n]')].filter((e) => !e.textContent?.trim()).map((e) => e.getAttribute('data-i18n')));
  assert.deepEqual(empty, [], 'every data-i18n element has its text');
  const text = await welcome.locator('main').innerText();
  for (const said of [/highlights the control to use next/, /Pin Waymark/, /sends nothing over the network/, /never runs on sign-in pages/, /never reads what you type/]) {
    assert.match(text, said);
  }
  // The keys Firefox gave the commands (commands.getAll), not a fixed text.
  await until(async () => /press Alt\+Shift\+G: the guide panel opens/.test(await welcome.locator('#open-how').innerText()), 'the open key named');
  assert.match(await welcome.locator('#open-how').innerText(), /press Alt\+Shift\+K\.$/);
  // Firefox has a sidebar: the button opens the panel there (a user action).
  assert.equal((await sidebarState(s)).open, false, 'no sidebar before the click');
  await welcome.getByRole('button', { name: 'Open the guide panel' }).click();
  const side = await until(async () => {
    const st = await sidebarState(s);
    return st.open && st.url.startsWith(`${s.baseUrl}/panel.html`) ? st : null;
  }, 'the sidebar to show panel.html');
  assert.ok(side.open);
  await until(async () => (await welcome.locator('#open-result').innerText()).trim().length > 0, 'the welcome page to say the panel opened');
  await s.chromeEval('SidebarController.hide(), true');

  // Where no sidebar could open, the panel opens in a tab and says why;
  // free text in the address is never shown.
  const panel = await s.openPanel('?in=tab&why=no-side-panel');
  await until(async () => /no side panel for extensions here, so Waymark opened its panel in this tab/.test(await panel.locator('#in-tab').innerText().catch(() => '')), 'the in-tab note');
  const other = await s.openPanel('?in=tab&why=%3Cimg%20src%3Dx%3E');
  await other.locator('#guide-list li').first().waitFor();
  assert.equal(await other.evaluate(() => document.getElementById('in-tab').hidden), true, 'an unknown reason says nothing');
  await assertNoErrors(s);
});

ffTest('site access withdrawn, then allowed again; "Open portal.azure.com"; keyboard: sidebar shortcut, focus-callout, Tab, Esc', async (s) => {
  await s.fresh();
  const GUIDE = 'find-your-role';
  const panel = await s.openPanel();
  await startGuide(panel, GUIDE);
  const open = panel.getByRole('button', { name: 'Open portal.azure.com', exact: true });
  await open.waitFor();

  // The admin withdraws portal.azure.com in the Extensions menu (its own code path).
  await s.chromeEval(`(async () => {
    const { OriginControls } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
    await OriginControls.setWhenClicked(WebExtensionPolicy.getByID(${JSON.stringify(s.id)}), Services.io.newURI('https://portal.azure.com/'));
    return true;
  })()`);
  await until(async () => /Waymark cannot see portal\.azure\.com: its access to that site was withdrawn/.test(await panelText(panel)), 'the panel to say that access to portal.azure.com was withdrawn');
  assert.equal(await open.count(), 0, 'no "Open portal.azure.com" while Waymark cannot see it');
  // Allowed again from the panel (permissions.request, inside the click).
  await panel.getByRole('button', { name: 'Allow Waymark on portal.azure.com', exact: true }).click();
  await open.waitFor();
  assert.doesNotMatch(await panelText(panel), /withdrawn/, 'the notice goes once access is back');

  // "Open portal.azure.com" opens the step's page, where the guide goes on.
  const before = new Set(await s.browser.pages());
  await open.click();
  const p = await until(async () => (await s.browser.pages()).find((x) => !before.has(x) && x.url().startsWith('https://portal.azure.com/')) ?? null, 'a portal tab');
  const page = s.pageOf(p) ?? s._track(p);
  await s.show(page);
  await page.waitForURL((u) => u.hostname === 'portal.azure.com');
  const c1 = await expectStep(page, panel, GUIDE, 1, { frame: inTop, name: /Search resources, services, and docs|Entra ID|Active Directory/ });
  await until(async () => (await open.count()) === 0, 'the Open button to go once the page is open');

  // The out-of-the-way sweep (walk.mjs, every step of the Firefox walks) sees
  // Waymark when it covers a control here too: the overlay's host answers
  // elementFromPoint for anything in its shadow root.
  await c1.st.frame.evaluate(() => {
    const cover = document.createElement('div');
    cover.id = 'sweep-check';
    cover.style.cssText = 'position:fixed;inset:0;';
    document.getElementById('waymark-root').shadowRoot.append(cover);
  });
  assert.match(await coveredControls(page), /the target/, 'a cover over the page is seen by the sweep');
  await c1.st.frame.evaluate(() => document.getElementById('waymark-root').shadowRoot.getElementById('sweep-check').remove());
  assert.equal(await coveredControls(page), '', 'nothing covered once the cover is gone');

  // Keyboard. Alt+Shift+G: the sidebar's own command shows the panel.
  await s.shortcut(['Alt', 'Shift', 'G'], page);
  await until(async () => {
    const st = await sidebarState(s);
    return st.open && st.url.startsWith(`${s.baseUrl}/panel.html`);
  }, 'Alt+Shift+G to open the sidebar');
  await s.chromeEval('SidebarController.hide(), true');
  // Alt+Shift+K: the focus moves into the callout (the dialog itself, so its label is read).
  const link = page.locator('a[href]').first();
  await link.focus();
  await s.shortcut(['Alt', 'Shift', 'K'], page);
  const callout = () =>
    page.evaluate(() => {
      const root = document.getElementById('waymark-root');
      const sr = root?.shadowRoot;
      const d = sr?.querySelector('[role="dialog"]');
      const f = sr?.activeElement;
      const r = d?.getBoundingClientRect();
      return {
        rootFocused: document.activeElement === root,
        focused: f ? f.getAttribute('role') || f.textContent.trim() : null,
        pageFocused: document.activeElement && document.activeElement !== root ? document.activeElement.localName : null,
        size: r ? [r.width, r.height] : null,
      };
    });
  let c = await until(async () => {
    const x = await callout();
    return x.rootFocused ? x : null;
  }, 'Alt+Shift+K to move the focus into the callout');
  assert.equal(c.focused, 'dialog');
  const reached = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    reached.push((await callout()).focused);
  }
  for (const name of ['Hide', 'Skip']) assert.ok(reached.includes(name), `${name} reached by Tab: ${reached}`);
  assert.ok(!reached.includes('Back'), `no Back on the first step: ${reached}`);
  await page.keyboard.press('Escape');
  c = await until(async () => {
    const x = await callout();
    return !x.rootFocused && x.size && x.size[0] <= 40 && x.size[1] <= 40 ? x : null;
  }, 'Esc to collapse the callout to its marker');
  assert.equal(c.pageFocused, 'a', 'the focus is back on the link');
  await assertNoErrors(s);
});

/** One of the accessibility runs of a11y-checks.mjs (the table Chromium's a11y.test.mjs runs), in a fresh install. */
function a11yTest(name, run, timeout) {
  ffTest(
    name,
    async (s, t) => {
      await s.fresh();
      for (const line of await run(s)) t.diagnostic(line);
      await assertNoErrors(s);
    },
    timeout,
  );
}

a11yTest('axe: 0 WCAG 2.2 A/AA violations in the panel in every state, light and dark (and each verdict badge); Tab reaches every panel control with a visible focus ring', assertPanelStates, 600000);
a11yTest("axe: 0 violations in the callout's shadow root, light and under the portal's dark theme; forced colours; reduced motion; no Back on step 1", assertCalloutStates, 240000);
a11yTest("axe: the callout on the Microsoft 365 admin center follows the page's own background, light and dark", assertAdminCenterCallout, 120000);

/** A copy of the Firefox build under another add-on id: the one the browser's policies.json manages. */
function buildWithPolicyId() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-ff-policy-ext-'));
  fs.cpSync(extensionDir('firefox'), dir, { recursive: true });
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  manifest.browser_specific_settings.gecko.id = POLICY_ID;
  fs.writeFileSync(file, JSON.stringify(manifest));
  return dir;
}

ffTest('policies.json "3rdparty" policy through storage.managed: only the offered guides, no recording, sharing or screenshots (refused by the background too), the support contact, the organisation guides', async (s) => {
  const dir = buildWithPolicyId();
  try {
    await s.fresh({ extensionDir: dir });
    assert.equal(s.id, POLICY_ID);
    const panel = await s.openPanel();
    await until(() => panel.evaluate(() => !document.getElementById('policy-note').hidden), 'the panel to read the policy');
    assert.match(await panel.locator('#policy-note').innerText(), /^Your organisation has turned off recording steps, sharing and exporting guides, and screenshots\. It offers the guides listed here\.$/);
    await panel.locator('[data-waymark-start]').first().waitFor();
    const offered = await panel.evaluate(() => [...document.querySelectorAll('[data-waymark-start]')].map((e) => e.getAttribute('data-waymark-start')));
    assert.deepEqual(offered.sort(), ['contact-support', 'find-your-role']);
    assert.equal(await panel.evaluate(() => !!document.getElementById('record')?.checkVisibility()), false, 'no Record steps');
    assert.equal(await panel.evaluate(() => !!document.getElementById('make')?.checkVisibility()), false, 'no Share or export');
    assert.match(await panel.locator('#support-contact').innerText(), /Contoso IT desk, ext\. 4242/);
    assert.equal(await panel.locator('#support-contact a').getAttribute('href'), 'https://support.contoso.example/it');
    await panel.getByRole('button', { name: 'Preview: Contoso: not a valid code' }).click();
    await until(async () => (await panel.locator('#errors').innerText()).trim().length > 0, 'an error for the bad organisation code');
    // The background refuses what the policy turns off, whatever the page sends.
    const refusals = await policyRefusals(panel);
    assert.deepEqual(refusals, [{ id: 'policyRefusedRecording' }, { id: 'policyRefusedSharing' }, { id: 'policyRefusedGuide' }]);
    await panel.locator('[data-waymark-start="find-your-role"]').click();
    await until(async () => /Step 1 of/.test(await panelText(panel)), 'the offered guide to start', WAIT);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

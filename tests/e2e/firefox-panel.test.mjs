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
// - axe-core (WCAG 2.0-2.2 A/AA) over the panel's states and the callout's
//   shadow root, light and dark, and the panel used with Tab alone, every
//   control showing its focus (a11y-checks.mjs, shared with Chromium); in
//   forced colours (the preference high contrast sets) the highlight and
//   the callout keep a border; with reduced motion nothing moves;
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
import { firefoxForFile, firefoxMissing, extensionDir, startGuide, waitForStep, waitPanelProgress, panelText, readPage, policyRefusals, until, inTop, WAIT } from './harness.mjs';
import { expectStep } from './walk.mjs';
import { coveredControls } from './out-of-the-way.mjs';
import { assertAccessible, assertOverlay, assertKeyboard, setPortalTheme, overlayLook, luminance, movingInPanel } from './a11y-checks.mjs';
import { ROUTES, USERS } from './pages.mjs';

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
      await fn(ff);
    } finally {
      t.diagnostic(`${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  });
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

/** Press a shortcut with `page` shown, as the admin does (Firefox's key handling runs the command). */
async function shortcut(s, page, keys) {
  await s.show(page);
  await s.shortcut(keys);
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
  const errors = [...s.errors, ...(await s.extensionErrors())];
  assert.deepEqual(errors, [], errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
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

  // Keyboard. Alt+Shift+W: the sidebar's own command shows the panel.
  await shortcut(s, page, ['Alt', 'Shift', 'W']);
  await until(async () => {
    const st = await sidebarState(s);
    return st.open && st.url.startsWith(`${s.baseUrl}/panel.html`);
  }, 'Alt+Shift+W to open the sidebar');
  await s.chromeEval('SidebarController.hide(), true');
  // Alt+Shift+K: the focus moves into the callout (the dialog itself, so its label is read).
  const link = page.locator('a[href]').first();
  await link.focus();
  await shortcut(s, page, ['Alt', 'Shift', 'K']);
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
  const errors = [...s.errors, ...(await s.extensionErrors())];
  assert.deepEqual(errors, [], errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

/** Set (or, with null, reset) an integer preference of the browser. */
function setPref(s, name, value) {
  return s.chromeEval(
    value === null ? `Services.prefs.clearUserPref(${JSON.stringify(name)}), true` : `Services.prefs.setIntPref(${JSON.stringify(name)}, ${value}), true`,
  );
}

const visibleBorder = (b) => b && b.style !== 'none' && b.width > 0 && !/rgba\(\d+, \d+, \d+, 0\)|transparent/.test(b.color);

/** Light or dark for every page of the browser (Firefox's content colour-scheme override). */
function colorScheme(s, scheme) {
  const value = { dark: 0, light: 1 }[scheme];
  return s.chromeEval(`Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${value}), true`);
}

/** The panel in light and in dark. */
async function assertPanel(s, panel, state) {
  for (const scheme of ['light', 'dark']) {
    await colorScheme(s, scheme);
    await until(() => panel.evaluate((dark) => matchMedia('(prefers-color-scheme: dark)').matches === dark, scheme === 'dark'), `the panel in ${scheme}`);
    await assertAccessible(panel, `panel, ${state} (${scheme})`);
  }
  await colorScheme(s, 'light');
}

ffTest('axe: 0 WCAG 2.2 A/AA violations in the panel (guide list, running guide, verdict, Get help, share code, preview, bad code, recording) and the callout, light and dark; forced colours; reduced motion; Tab reaches every panel control with a visible focus ring', async (s) => {
  await s.fresh();
  const panel = await s.openPanel();
  await panel.locator('[data-waymark-start]').first().waitFor();
  await assertPanel(s, panel, 'guide list');
  await assertKeyboard(panel, 'guide list');
  await startGuide(panel, 'find-your-role');
  await waitPanelProgress(panel, 1);
  await assertKeyboard(panel, 'running find-your-role');

  // The callout on step 1, light, "Why this element?" open, the portal's dark theme.
  const page = await s.newPage();
  await page.goto('https://portal.azure.com/#home');
  const st = await waitForStep(page, 'find-your-role/', WAIT, { frame: inTop });
  let look = await overlayLook(st.frame);
  assert.ok(!look.dark && luminance(look.callout.background) > 0.8, `a light callout: ${JSON.stringify(look.callout)}`);
  await assertOverlay(s, st.frame, 'the callout (light portal)');
  // A real click on "Why this element?" (puppeteer's >>> reaches into the open shadow root).
  await s.show(page);
  const summary = await st.frame.f.$('#waymark-root >>> summary');
  await summary.click();
  await summary.dispose();
  await until(() => st.frame.evaluate(() => !!document.getElementById('waymark-root').shadowRoot.querySelector('details[open]')), '"Why this element?" open');
  await assertOverlay(s, st.frame, 'the callout with "Why this element?" open');
  await setPortalTheme(st.frame, 'dark');
  look = await until(async () => ((await overlayLook(st.frame)).dark ? overlayLook(st.frame) : null), 'the callout to turn dark');
  assert.ok(luminance(look.callout.background) < 0.05, `a dark callout: ${JSON.stringify(look.callout)}`);
  await assertOverlay(s, st.frame, 'the callout (portal dark theme)');
  await setPortalTheme(st.frame, 'light');
  await until(async () => !(await overlayLook(st.frame)).dark, 'the callout to turn light again');

  // Forced colours (Firefox's "override the page's colours", as high
  // contrast sets it): the ring and the callout keep a visible border.
  await setPref(s, 'browser.display.document_color_use', 2);
  try {
    await until(() => st.frame.evaluate(() => matchMedia('(forced-colors: active)').matches), 'forced colours in the page');
    look = await overlayLook(st.frame);
    assert.ok(visibleBorder(look.highlight), `the highlight ring is visible in forced colours: ${JSON.stringify(look.highlight)}`);
    assert.ok(visibleBorder(look.callout), `the callout's border is visible in forced colours: ${JSON.stringify(look.callout)}`);
  } finally {
    await setPref(s, 'browser.display.document_color_use', null);
  }
  // Reduced motion: nothing in the overlay or the panel moves.
  await setPref(s, 'ui.prefersReducedMotion', 1);
  try {
    await until(() => st.frame.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches), 'reduced motion in the page');
    assert.equal((await overlayLook(st.frame)).moving, 0, 'nothing in the overlay has a transition or an animation with reduced motion');
    const panelMoving = await movingInPanel(panel);
    assert.equal(panelMoving, 0, 'nothing in the panel has a transition or an animation with reduced motion');
  } finally {
    await setPref(s, 'ui.prefersReducedMotion', null);
  }

  // A verdict read from Assigned roles: the badge and the panel's card.
  await page.goto(`https://portal.azure.com/?login_hint=${encodeURIComponent(USERS.kelley.upn)}${ROUTES.assignedRoles(USERS.kelley.id)}`);
  const badge = await until(async () => {
    for (const r of await readPage(page)) if (r.verdicts.some((x) => x.verdict === 'qualifies')) return r.frame;
    return null;
  }, 'a qualifies badge');
  await assertOverlay(s, badge, 'the qualifies badge in the page');
  await until(() => panel.evaluate(() => !!document.querySelector('#who .verdict[data-waymark-verdict="qualifies"]')), "the panel's verdict");

  // Get help and a share code; the code's preview; a bad code's error.
  await panel.getByRole('button', { name: 'Get help', exact: true }).click();
  await panel.locator('#help-body').waitFor();
  await panel.getByRole('button', { name: 'Share this guide' }).click();
  await panel.locator('#output').waitFor();
  // One state holds much (axe in Firefox costs seconds a run): the running
  // guide, the verdict read, Get help and a share code.
  await assertPanel(s, panel, 'running find-your-role, verdict qualifies, Get help and a share code');
  const code = (await panel.locator('#output-text').inputValue()).trim();
  await panel.getByLabel('Paste a share code').fill(code);
  await panel.getByRole('button', { name: 'Open', exact: true }).click();
  await panel.locator('#preview').waitFor();
  await panel.getByLabel('Paste a share code').fill('WAYMARK1-THIS-IS-NOT-A-VALID-CODE-7Q');
  await panel.getByRole('button', { name: 'Open', exact: true }).click();
  await until(async () => (await panel.locator('[role="alert"]').innerText()).trim().length > 10, 'the error');
  assert.ok(await panel.evaluate(() => !document.getElementById('preview').hidden), 'the preview stays beside the error');
  await assertPanel(s, panel, 'a share preview and a corrupt code\'s error');

  // Record mode.
  await panel.locator('[data-k="stop"]').click();
  await until(() => panel.evaluate(() => document.getElementById('active').hidden), 'the guide to stop');
  await panel.getByRole('button', { name: 'Start recording' }).click();
  await until(async () => /Recording…\s*0\s+steps/.test(await panelText(panel)), 'the panel to say it records');
  await assertPanel(s, panel, 'recording');
  const errors = [...s.errors, ...(await s.extensionErrors())];
  assert.deepEqual(errors, [], errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

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

// Screen readers, contrast, keyboard (issue 10 items 2 and 3). axe-core
// (tests/package.json, its source evaluated into the page: no network)
// checks the WCAG 2.0/2.1/2.2 A and AA rules on panel.html in each state
// (the guide list, every built-in guide running, each verdict, someone
// else's verdict, Get help, a share code, its preview, a bad code's error,
// record mode) in light and dark, and inside the callout's shadow root and
// the verdict badges on the replicas, light and under the portal's dark
// theme (fxs-mode-dark, toggled as the portal's settings do). The callout
// follows that theme and the page's own background (the Microsoft 365 admin
// center); in forced colours the highlight and the callout keep a visible
// border; with reduced motion nothing animates. The panel is used with Tab
// alone, and every control shows where the focus is. The callout has no
// Back on the first step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, useChromium, extensionMissing, startGuide, waitForStep, clickTarget, waitPanelProgress, panelText, readPage, until, inTop, WAIT } from './harness.mjs';
import { ROUTES, USERS } from './pages.mjs';
import { assertAccessible, assertOverlay, assertKeyboard, overlayLook, luminance, movingInPanel } from './a11y-checks.mjs';

const skip = extensionMissing('chrome') || false;
serveReplicas();

/** The panel in light and in dark. */
async function assertPanel(panel, state) {
  for (const colorScheme of ['light', 'dark']) {
    await panel.emulateMedia({ colorScheme });
    await assertAccessible(panel, `panel, ${state} (${colorScheme})`);
  }
  await panel.emulateMedia({ colorScheme: 'light' });
}

const until_ = (panel, re, what) => until(async () => re.test(await panelText(panel)), what);

const visibleBorder = (b) => b && b.style !== 'none' && b.width > 0 && !/rgba\(\d+, \d+, \d+, 0\)|transparent/.test(b.color);

test('panel: 0 axe violations in every state, light and dark; Tab reaches every control with a visible focus ring', { skip, timeout: 600000 }, async (t) => {
  const s = await useChromium(t);
  const panel = await s.openPanel();
  await panel.waitForSelector('[data-waymark-start]', { timeout: WAIT });
  await assertPanel(panel, 'guide list');
  await assertKeyboard(panel, 'guide list');

  // Every built-in guide running (checklists, routes, who qualifies, the diagram).
  const guides = await panel.$$eval('[data-waymark-start]', (els) => els.map((e) => e.getAttribute('data-waymark-start')));
  for (const guide of [...guides.filter((g) => g !== 'find-your-role'), 'find-your-role']) {
    await startGuide(panel, guide);
    await until(() => panel.evaluate((g) => document.querySelector(`[data-waymark-start="${g}"]`)?.textContent === 'Running' && !document.getElementById('active').hidden, guide), `${guide} to run`);
    await assertPanel(panel, `running ${guide}`);
  }
  await assertKeyboard(panel, 'running find-your-role');

  // Each verdict, read from the pages that show roles (Guide C runs).
  const page = await s.newPage();
  const portal = (who, hash, layout = '') => `https://portal.azure.com/?${layout}login_hint=${encodeURIComponent(USERS[who].upn)}${hash}`;
  const VERDICTS = [
    { verdict: 'qualifies', url: portal('kelley', ROUTES.assignedRoles(USERS.kelley.id)) },
    { verdict: 'does-not-qualify', url: portal('alex', ROUTES.assignedRoles(USERS.alex.id)) },
    { verdict: 'eligible', url: portal('diego', ROUTES.assignedRoles(USERS.diego.id)) },
    { verdict: 'unknown', url: portal('lee', ROUTES.blade2017Profile(USERS.lee.id), 'layout=2017&') },
    { verdict: 'qualifies', url: portal('kelley', ROUTES.assignedRoles(USERS.megan.id)), other: true },
  ];
  for (const v of VERDICTS) {
    await page.goto(v.url);
    const badge = await until(async () => {
      for (const r of await readPage(page)) if (r.verdicts.some((x) => x.verdict === v.verdict)) return r.frame;
      return null;
    }, `a ${v.verdict} badge`);
    await assertOverlay(s, badge, `the ${v.verdict} badge in the page`);
    const card = v.other ? '.other-verdict' : '.verdict:not(.other-verdict)';
    await until(() => panel.$(`#who ${card}[data-waymark-verdict="${v.verdict}"]`), `the panel's ${v.verdict} verdict`);
    await assertPanel(panel, `${v.other ? "someone else's" : 'your'} verdict ${v.verdict}`);
  }

  // Get help, a share code, its preview, a bad code.
  await panel.getByRole('button', { name: 'Get help', exact: true }).click();
  await panel.locator('#help-body').waitFor({ state: 'visible', timeout: WAIT });
  await panel.getByRole('button', { name: 'Share this guide' }).click();
  await panel.locator('#output').waitFor({ state: 'visible', timeout: WAIT });
  await assertPanel(panel, 'Get help and a share code');
  const code = await panel.$eval('#output-text', (t) => t.value.trim());
  await panel.getByLabel('Paste a share code').fill(code);
  await panel.getByRole('button', { name: 'Open', exact: true }).click();
  await panel.locator('#preview').waitFor({ state: 'visible', timeout: WAIT });
  await assertPanel(panel, 'share preview');
  await panel.getByLabel('Paste a share code').fill('WAYMARK1-THIS-IS-NOT-A-VALID-CODE-7Q');
  await panel.getByRole('button', { name: 'Open', exact: true }).click();
  await until(async () => (await panel.locator('[role="alert"]').innerText()).trim().length > 10, 'the error');
  await assertPanel(panel, 'a corrupt share code');

  // Record mode: recording, a recorded step, stopped.
  await panel.locator('[data-k="stop"]').click();
  await until(() => panel.evaluate(() => document.getElementById('active').hidden), 'the guide to stop');
  await panel.getByRole('button', { name: 'Start recording' }).click();
  await until_(panel, /Recording…\s*0\s+steps/, 'the panel to say it records');
  await assertPanel(panel, 'recording, no step yet');
  await page.goto('https://portal.azure.com/#home');
  await page.getByRole('link', { name: 'Microsoft Entra ID' }).first().click();
  await until_(panel, /Recording…\s*1\s+step\b/, 'one recorded step');
  await assertPanel(panel, 'recording, one step');
  await panel.getByRole('button', { name: 'Stop recording' }).click();
  await until_(panel, /Recorded:\s*1\s+step\b/, 'the recording stopped');
  await assertPanel(panel, 'recorded');
  assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

test("callout: 0 axe violations in its shadow root, light and under the portal's dark theme; forced colours; reduced motion; no Back on step 1", { skip, timeout: 180000 }, async (t) => {
  const s = await useChromium(t);
  const panel = await s.openPanel();
  await startGuide(panel, 'find-your-role');
  await waitPanelProgress(panel, 1);
  const page = await s.newPage();
  await page.goto('https://portal.azure.com/#home');
  const st = await waitForStep(page, 'find-your-role/', WAIT, { frame: inTop });
  const frame = st.frame;

  // A labelled dialog, its step announced politely.
  const dialog = await frame.evaluate(() => {
    const sr = document.getElementById('waymark-root').shadowRoot;
    const d = sr.querySelector('[role="dialog"]');
    return { label: d.getAttribute('aria-label'), live: [...sr.querySelectorAll('[aria-live="polite"]')].map((e) => e.textContent).join(' ') };
  });
  assert.match(dialog.label, /^Waymark: ./, 'the callout is a labelled dialog');
  assert.match(dialog.live, /Step 1 of/, `the step is announced politely: "${dialog.live}"`);
  // Step 1: no Back (the engine would refuse it); Hide and Skip are there.
  let look = await overlayLook(frame);
  assert.deepEqual(look.buttons.filter((b) => b !== 'W'), ['Hide', 'Skip'], 'no Back on the first step');

  // Light.
  assert.ok(!look.dark && luminance(look.callout.background) > 0.8, `a light callout on the light portal: ${JSON.stringify(look)}`);
  await assertOverlay(s, frame, 'the callout (light portal)');
  await page.locator('#waymark-root summary').click();
  await assertOverlay(s, frame, 'the callout with "Why this element?" open (light portal)');

  // The portal's dark theme, switched as its settings do (fxs-mode-light
  // becomes fxs-mode-dark on <html> and <body>): the callout follows
  // without a new step, and back.
  const setPortalTheme = (mode) =>
    frame.evaluate((mode) => {
      for (const e of [document.documentElement, document.body]) {
        e.classList.remove('fxs-mode-light', 'fxs-mode-dark');
        e.classList.add(`fxs-mode-${mode}`);
      }
    }, mode);
  await setPortalTheme('dark');
  look = await until(async () => ((await overlayLook(frame)).dark ? overlayLook(frame) : null), 'the callout to turn dark');
  assert.ok(luminance(look.callout.background) < 0.05, `a dark callout: ${JSON.stringify(look.callout)}`);
  await assertOverlay(s, frame, 'the callout (portal dark theme)');
  await setPortalTheme('light');
  await until(async () => !(await overlayLook(frame)).dark, 'the callout to turn light again');

  // Forced colours (Windows high contrast): the ring and the callout keep a visible border.
  await page.emulateMedia({ forcedColors: 'active' });
  look = await overlayLook(frame);
  assert.ok(visibleBorder(look.highlight), `the highlight ring is visible in forced colours: ${JSON.stringify(look.highlight)}`);
  assert.ok(visibleBorder(look.callout), `the callout's border is visible in forced colours: ${JSON.stringify(look.callout)}`);
  // Collapsed to its marker (Hide), it stays visible too.
  await page.locator('#waymark-root').getByRole('button', { name: 'Hide', exact: true }).click();
  await until(() => frame.evaluate(() => !!document.getElementById('waymark-root').shadowRoot.querySelector('.co.min')), 'the marker');
  look = await overlayLook(frame);
  assert.ok(visibleBorder(look.callout), `the marker's border is visible in forced colours: ${JSON.stringify(look.callout)}`);
  await page.emulateMedia({ forcedColors: 'none' });
  await assertOverlay(s, frame, 'the callout collapsed to its marker');

  // Reduced motion: no transition or animation anywhere in the overlay.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  look = await overlayLook(frame);
  assert.equal(look.moving, 0, 'nothing in the overlay has a transition or an animation with reduced motion');
  await panel.emulateMedia({ reducedMotion: 'reduce' });
  const panelMoving = await movingInPanel(panel);
  assert.equal(panelMoving, 0, 'nothing in the panel has a transition or an animation with reduced motion');

  // Step 2 has a step before it: Back is offered.
  await clickTarget(frame, st.target.step);
  await waitPanelProgress(panel, 2);
  const st2 = await waitForStep(page, (step) => step.startsWith('find-your-role/') && step !== st.target.step, WAIT);
  look = await until(async () => {
    const l = await overlayLook(st2.frame);
    return l.buttons.includes('Back') ? l : null;
  }, 'Back in the callout on step 2');
  await assertOverlay(s, st2.frame, 'the callout on step 2');
});

test("callout on the Microsoft 365 admin center follows the page's own background (no public theme hook), light and dark", { skip, timeout: 120000 }, async (t) => {
  const s = await useChromium(t);
  const panel = await s.openPanel();
  const page = await s.newPage();
  await page.goto('https://admin.microsoft.com/?login_hint=kelley%40contoso.onmicrosoft.com#/homepage');
  await page.getByText('User management').first().waitFor({ timeout: WAIT });
  await startGuide(panel, 'office365-for-azure-ad');
  const st = await waitForStep(page, 'office365-for-azure-ad/', WAIT);
  const dark = async (want, what) => {
    const look = await until(async () => {
      const l = await overlayLook(st.frame);
      return l.dark === want ? l : null;
    }, what);
    assert.ok(want ? luminance(look.callout.background) < 0.05 : luminance(look.callout.background) > 0.8, `${what}: ${JSON.stringify(look.callout)}`);
  };
  const paintBody = (html, body) =>
    st.frame.evaluate(
      ([html, body]) => {
        document.documentElement.style.setProperty('background', html);
        document.body.style.setProperty('background', body);
      },
      [html, body],
    );
  await dark(false, 'a light callout on the light admin center');
  await assertOverlay(s, st.frame, 'the callout (admin center, light)');
  // The browser asks for dark but the page paints itself light: the page decides.
  await page.emulateMedia({ colorScheme: 'dark' });
  await paintBody('#faf9f8', '#faf9f8');
  await dark(false, 'a light callout on a light page, whatever the colour scheme');
  // A page that paints no background of its own: the colour scheme decides.
  await paintBody('transparent', 'transparent');
  await dark(true, 'a dark callout in the dark colour scheme on a page without a background');
  // A dark admin center (its background painted dark), in the light scheme.
  await page.emulateMedia({ colorScheme: 'light' });
  await paintBody('#1b1a19', '#1b1a19');
  await dark(true, 'a dark callout on the dark admin center');
  await assertOverlay(s, st.frame, 'the callout (admin center, dark)');
});

// The accessibility checks of issue 10 item 3, shared by a11y.test.mjs
// (Chromium, Playwright) and firefox-panel.test.mjs (Firefox ESR, the
// Playwright-shaped session of firefox.mjs): axe-core (tests/package.json,
// its source evaluated into the page: no network) with the WCAG 2.0/2.1/2.2
// A and AA rules, the overlay's shadow root checked in place and, for
// contrast, on a copy, and what the callout looks like; and, at the end of
// this file, the states both browsers are checked in (one table, two
// browsers: what differs between them is in their sessions).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { DIST, startGuide, waitForStep, clickTarget, waitPanelProgress, panelText, readPage, until, inTop, WAIT } from './harness.mjs';
import { ROUTES, USERS } from './pages.mjs';

/** The overlay's stylesheet as the session's build ships it. */
function overlayCss(s) {
  return fs.readFileSync(path.join(DIST, s.name === 'firefox' ? 'firefox' : 'chrome', 'overlay.css'), 'utf8');
}

/** Switch the portal's theme as its settings do (fxs-mode-light / fxs-mode-dark on <html> and <body>). */
export function setPortalTheme(frame, mode) {
  return frame.evaluate((mode) => {
    for (const e of [document.documentElement, document.body]) {
      e.classList.remove('fxs-mode-light', 'fxs-mode-dark');
      e.classList.add(`fxs-mode-${mode}`);
    }
  }, mode);
}

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * axe's WCAG A/AA violations in `frame` (the whole document, or what
 * `include` selects: a shadow host includes its shadow tree), as lines a
 * person can act on, and whether axe could check the contrast of some text.
 */
export async function violations(frame, include, skipRules = []) {
  // Checked where the admin sees it: the tab shown. (Firefox also holds a
  // background tab's timers to one a second, and axe waits on a few: 2 s
  // a run instead of 0.1 s.)
  await (typeof frame.page === 'function' ? frame.page() : frame).bringToFront();
  if (!(await frame.evaluate(() => typeof window.axe === 'object'))) await frame.evaluate(AXE_SOURCE);
  const found = await frame.evaluate(
    async ({ include, tags, skipRules }) => {
      const result = await window.axe.run(include ? { include: [[include]] } : document, {
        runOnly: { type: 'tag', values: tags },
        rules: Object.fromEntries(skipRules.map((id) => [id, { enabled: false }])),
        resultTypes: ['violations'],
        iframes: false,
      });
      return {
        found: result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary}`) })),
        contrastChecked: result.passes.some((p) => p.id === 'color-contrast'),
      };
    },
    { include, tags: WCAG, skipRules },
  );
  return { lines: found.found.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n}`)), contrastChecked: found.contrastChecked };
}

export async function assertAccessible(frame, what, include, skipRules = []) {
  const { lines } = await violations(frame, include, skipRules);
  assert.deepEqual(lines, [], `${what}: axe found WCAG 2.2 A/AA violations:\n${lines.join('\n')}`);
}

/**
 * The overlay's shadow root in `frame`, as axe sees it. axe checks names,
 * roles and ARIA there, but cannot tell the contrast of anything outside
 * <body> (it reports "unable to determine"), and the overlay's host is a
 * child of <html> (overlay.js: outside the page's own tree). Its colours
 * do not depend on the page (the host is `all: initial`, every colour
 * comes from overlay.css), so the contrast is checked on a copy of the
 * same shadow root (same markup, classes and stylesheet from dist/) in the
 * body of a blank page of the same size.
 */
export async function assertOverlay(s, frame, what) {
  await assertAccessible(frame, what, '#waymark-root');
  const { cls, html } = await frame.evaluate(() => {
    const host = document.getElementById('waymark-root');
    return { cls: host.className, html: host.shadowRoot.innerHTML };
  });
  // One blank page for every copy (axe, once evaluated into it, stays).
  if (!s.a11yCopyPage || s.a11yCopyPage.isClosed()) {
    s.a11yCopyPage = await s.newPage();
    await s.a11yCopyPage.setContent('<!doctype html><html lang="en"><head><title>Overlay copy</title></head><body></body></html>');
  }
  const copy = s.a11yCopyPage;
  await copy.evaluate(
    ({ css, cls, html }) => {
      document.body.replaceChildren();
      const host = document.createElement('div');
      host.className = cls;
      host.style.cssText = 'all: initial';
      document.body.append(host);
      const root = host.attachShadow({ mode: 'open' });
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
      root.innerHTML = html; // the test's own copy of what the extension built
    },
    { css: overlayCss(s), cls, html },
  );
  const { lines, contrastChecked } = await violations(copy);
  assert.deepEqual(lines, [], `${what} (copy for contrast): axe found WCAG 2.2 A/AA violations:\n${lines.join('\n')}`);
  assert.ok(contrastChecked, `${what}: axe checked the contrast of the overlay's text`);
  await frame.page().bringToFront();
}

/** What the callout and highlight look like in `frame`, read from the shadow root. */
export function overlayLook(frame) {
  return frame.evaluate(() => {
    const host = document.getElementById('waymark-root');
    const sr = host?.shadowRoot;
    const co = sr?.querySelector('[role="dialog"]');
    const hl = sr?.querySelector('.hl');
    const box = (e) => {
      if (!e) return null;
      const cs = getComputedStyle(e);
      return {
        style: cs.borderTopStyle,
        width: parseFloat(cs.borderTopWidth),
        color: cs.borderTopColor,
        leftColor: cs.borderLeftColor,
        background: cs.backgroundColor,
      };
    };
    const all = sr ? [...sr.querySelectorAll('*')] : [];
    return {
      dark: !!host?.classList.contains('dark'),
      callout: box(co),
      highlight: hl && !hl.hidden ? box(hl) : null,
      buttons: co ? [...co.querySelectorAll('button')].filter((b) => b.getClientRects().length || b.closest('.min')).map((b) => b.textContent) : [],
      moving: all
        .map((e) => getComputedStyle(e))
        .filter((cs) => [cs.transitionDuration, cs.animationDuration].some((d) => d.split(',').some((x) => parseFloat(x) > 0)))
        .length,
    };
  });
}

/** Relative luminance of an `rgb(...)` colour (0 black .. 1 white). */
export function luminance(rgb) {
  const [r, g, b] = (rgb.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
  const lin = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/**
 * Tab through the panel from the top: every enabled, visible control is
 * reached, and each shows a focus indicator (an outline or a box-shadow).
 */
export async function assertKeyboard(panel, state) {
  await panel.bringToFront();
  const controls = await panel.evaluate(() => {
    const name = (e) => `${e.localName}#${e.id}[${e.getAttribute('data-k') || ''}] ${(e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 60)}`;
    window.__a11yName = name;
    const sel = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    return [...document.querySelectorAll(sel)].filter((e) => !e.disabled && e.getClientRects().length && getComputedStyle(e).visibility === 'visible').map(name);
  });
  assert.ok(controls.length > 3, `${state}: controls to reach: ${controls}`);
  // From the top: a click on the heading is where the next Tab starts.
  await panel.evaluate(() => document.activeElement?.blur?.());
  await panel.locator('h1').click();
  const reached = [];
  for (let i = 0; i < controls.length + 5; i++) {
    await panel.keyboard.press('Tab');
    const at = await panel.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const cs = getComputedStyle(e);
      return { name: window.__a11yName(e), outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0, shadow: cs.boxShadow !== 'none' };
    });
    if (!at) break;
    reached.push(at);
  }
  const names = reached.map((r) => r.name);
  const missed = controls.filter((c) => !names.includes(c));
  assert.deepEqual(missed, [], `${state}: not reached by Tab (reached: ${names.join(' | ')})`);
  const unmarked = reached.filter((r) => !r.outline && !r.shadow).map((r) => r.name);
  assert.deepEqual(unmarked, [], `${state}: focused with no visible focus indicator`);
}

/** How many elements of the panel have a transition or an animation (reduced motion: none may). */
export function movingInPanel(panel) {
  return panel.evaluate(
    () =>
      [...document.querySelectorAll('*')].filter((e) => {
        const cs = getComputedStyle(e);
        return [cs.transitionDuration, cs.animationDuration].some((d) => d.split(',').some((x) => parseFloat(x) > 0));
      }).length,
  );
}

// ---------------------------------------------------------------------------
// The states, one table for Chromium and Firefox ESR. Each runner returns
// the states it checked, with the themes of each, for the spec to report.
// Light and dark: the panel follows the browser's colour scheme
// (`emulateMedia`; Firefox's session sets the browser's own preference),
// the overlay the portal's theme (fxs-mode-dark, switched as the portal's
// settings do) or the page's background.
// ---------------------------------------------------------------------------

/** The panel in light and in dark, then light again. */
export async function assertPanel(panel, state) {
  for (const colorScheme of ['light', 'dark']) {
    await panel.emulateMedia({ colorScheme });
    await assertAccessible(panel, `panel, ${state} (${colorScheme})`);
  }
  await panel.emulateMedia({ colorScheme: 'light' });
}

/** Wait until the callout or badge host in `frame` is dark (or light) as asked; its look. */
function overlayTurns(frame, dark, what) {
  return until(async () => {
    const look = await overlayLook(frame);
    return look.dark === dark ? look : null;
  }, what);
}

/** The overlay in `frame` under the portal's light theme, then its dark theme, then light again. */
async function assertOverlayBothThemes(s, frame, what) {
  await assertOverlay(s, frame, `${what} (light portal)`);
  await setPortalTheme(frame, 'dark');
  await overlayTurns(frame, true, `${what} to turn dark with the portal`);
  await assertOverlay(s, frame, `${what} (portal dark theme)`);
  await setPortalTheme(frame, 'light');
  await overlayTurns(frame, false, `${what} to turn light again`);
}

const portalAs = (who, hash, layout = '') => `https://portal.azure.com/?${layout}login_hint=${encodeURIComponent(USERS[who].upn)}${hash}`;

/** Each verdict, read where roles show (Guide C runs): the admin's own, and someone else's. */
export const VERDICTS = [
  { verdict: 'qualifies', url: portalAs('kelley', ROUTES.assignedRoles(USERS.kelley.id)) },
  { verdict: 'does-not-qualify', url: portalAs('alex', ROUTES.assignedRoles(USERS.alex.id)) },
  { verdict: 'eligible', url: portalAs('diego', ROUTES.assignedRoles(USERS.diego.id)) },
  { verdict: 'unknown', url: portalAs('lee', ROUTES.blade2017Profile(USERS.lee.id), 'layout=2017&') },
  { verdict: 'qualifies', url: portalAs('kelley', ROUTES.assignedRoles(USERS.megan.id)), other: true },
];

const panelSays = (panel, re, what) => until(async () => re.test(await panelText(panel)), what);

/** The guided tab (one for the whole walk). */
async function guidedPage(ctx) {
  if (!ctx.page || ctx.page.isClosed()) ctx.page = await ctx.s.newPage();
  await ctx.page.bringToFront();
  return ctx.page;
}

/**
 * panel.html's states, in the order the walk reaches them. `each` repeats a
 * state for every item (read from the panel where it decides, as the guide
 * list); `keyboard` also uses the panel with Tab alone there; `overlay`
 * names what of the page's overlay the state also checks (the verdict
 * badges).
 */
export const PANEL_STATES = [
  {
    state: 'guide list',
    keyboard: () => true,
    enter: ({ panel }) => panel.locator('[data-waymark-start]').first().waitFor({ timeout: WAIT }),
  },
  {
    // Every built-in guide running (checklists, routes, who qualifies, the
    // diagram); Guide C last, the verdicts below are read while it runs.
    state: (guide) => `running ${guide}`,
    each: async ({ panel }) => {
      const guides = await panel.evaluate(() => [...document.querySelectorAll('[data-waymark-start]')].map((e) => e.getAttribute('data-waymark-start')));
      assert.ok(guides.includes('find-your-role') && guides.length > 3, `the built-in guides: ${guides}`);
      return [...guides.filter((g) => g !== 'find-your-role'), 'find-your-role'];
    },
    keyboard: (guide) => guide === 'find-your-role',
    enter: async ({ panel }, guide) => {
      await startGuide(panel, guide);
      await until(
        () => panel.evaluate((g) => document.querySelector(`[data-waymark-start="${g}"]`)?.textContent === 'Running' && !document.getElementById('active').hidden, guide),
        `${guide} to run`,
      );
    },
  },
  {
    state: (v) => `${v.other ? "someone else's" : 'your'} verdict ${v.verdict}`,
    each: () => VERDICTS,
    overlay: (v) => `the ${v.verdict} badge${v.other ? ' (someone else)' : ''} in the page`,
    enter: async (ctx, v) => {
      const page = await guidedPage(ctx);
      await page.goto(v.url);
      const badge = await until(async () => {
        for (const r of await readPage(page)) if (r.verdicts.some((x) => x.verdict === v.verdict)) return r.frame;
        return null;
      }, `a ${v.verdict} badge`);
      await assertOverlayBothThemes(ctx.s, badge, `the ${v.verdict} badge in the page`);
      const card = `#who ${v.other ? '.other-verdict' : '.verdict:not(.other-verdict)'}[data-waymark-verdict="${v.verdict}"]`;
      await until(() => ctx.panel.evaluate((sel) => !!document.querySelector(sel), card), `the panel's ${v.verdict} verdict`);
    },
  },
  {
    state: 'Get help and a share code',
    enter: async ({ panel }) => {
      await panel.getByRole('button', { name: 'Get help', exact: true }).click();
      await panel.locator('#help-body').waitFor({ state: 'visible', timeout: WAIT });
      await panel.getByRole('button', { name: 'Share this guide' }).click();
      await panel.locator('#output').waitFor({ state: 'visible', timeout: WAIT });
    },
  },
  {
    state: 'share preview',
    enter: async ({ panel }) => {
      const code = (await panel.locator('#output-text').inputValue()).trim();
      await panel.getByLabel('Paste a share code').fill(code);
      await panel.getByRole('button', { name: 'Open', exact: true }).click();
      await panel.locator('#preview').waitFor({ state: 'visible', timeout: WAIT });
    },
  },
  {
    state: 'a corrupt share code',
    enter: async ({ panel }) => {
      await panel.getByLabel('Paste a share code').fill('WAYMARK1-THIS-IS-NOT-A-VALID-CODE-7Q');
      await panel.getByRole('button', { name: 'Open', exact: true }).click();
      await until(async () => (await panel.locator('[role="alert"]').innerText()).trim().length > 10, 'the error');
    },
  },
  {
    state: 'recording, no step yet',
    enter: async ({ panel }) => {
      await panel.locator('[data-k="stop"]').click();
      await until(() => panel.evaluate(() => document.getElementById('active').hidden), 'the guide to stop');
      await panel.getByRole('button', { name: 'Start recording' }).click();
      await panelSays(panel, /Recording…\s*0\s+steps/, 'the panel to say it records');
    },
  },
  {
    state: 'recording, one step',
    enter: async (ctx) => {
      const page = await guidedPage(ctx);
      await page.goto('https://portal.azure.com/#home');
      await page.getByRole('link', { name: 'Microsoft Entra ID' }).first().click();
      await panelSays(ctx.panel, /Recording…\s*1\s+step\b/, 'one recorded step');
    },
  },
  {
    state: 'recorded',
    enter: async ({ panel }) => {
      await panel.getByRole('button', { name: 'Stop recording' }).click();
      await panelSays(panel, /Recorded:\s*1\s+step\b/, 'the recording stopped');
    },
  },
];

/**
 * Walk panel.html through every state of PANEL_STATES: 0 axe violations in
 * each, light and dark (and in the overlay a state shows); Tab alone where
 * the table says. Returns what was checked, one line a state.
 */
export async function assertPanelStates(s) {
  const ctx = { s, panel: await s.openPanel(), page: null };
  const covered = [];
  for (const entry of PANEL_STATES) {
    for (const item of entry.each ? await entry.each(ctx) : [undefined]) {
      const state = typeof entry.state === 'function' ? entry.state(item) : entry.state;
      await entry.enter(ctx, item);
      await assertPanel(ctx.panel, state);
      const also = [];
      if (entry.overlay) also.push(`${entry.overlay(item)}: light portal, dark portal`);
      if (entry.keyboard?.(item)) {
        await assertKeyboard(ctx.panel, state);
        also.push('Tab alone');
      }
      covered.push([`panel, ${state}: light, dark`, ...also].join('; '));
    }
  }
  return covered;
}

const visibleBorder = (b) => b && b.style !== 'none' && b.width > 0 && !/rgba\(\d+, \d+, \d+, 0\)|transparent/.test(b.color);

/**
 * The callout of Guide C on the portal: a labelled dialog announced
 * politely; 0 axe violations in its shadow root on step 1 (light, "Why this
 * element?" open, the portal's dark theme), collapsed to its marker, and on
 * step 2 (Back offered, none on step 1); in forced colours the ring, the
 * callout and its marker keep a visible border; with reduced motion nothing
 * in the overlay or the panel moves. Returns what was checked.
 */
export async function assertCalloutStates(s) {
  const covered = [];
  const panel = await s.openPanel();
  await startGuide(panel, 'find-your-role');
  await waitPanelProgress(panel, 1);
  const page = await s.newPage();
  await page.goto('https://portal.azure.com/#home');
  const st = await waitForStep(page, 'find-your-role/', WAIT, { frame: inTop });
  const frame = st.frame;

  const dialog = await frame.evaluate(() => {
    const sr = document.getElementById('waymark-root').shadowRoot;
    const d = sr.querySelector('[role="dialog"]');
    return { label: d.getAttribute('aria-label'), live: [...sr.querySelectorAll('[aria-live="polite"]')].map((e) => e.textContent).join(' ') };
  });
  assert.match(dialog.label, /^Waymark: ./, 'the callout is a labelled dialog');
  assert.match(dialog.live, /Step 1 of/, `the step is announced politely: "${dialog.live}"`);
  let look = await overlayLook(frame);
  assert.deepEqual(look.buttons.filter((b) => b !== 'W'), ['Hide', 'Skip'], 'no Back on the first step');

  assert.ok(!look.dark && luminance(look.callout.background) > 0.8, `a light callout on the light portal: ${JSON.stringify(look)}`);
  await assertOverlay(s, frame, 'the callout, step 1 (light portal)');
  await page.locator('#waymark-root').locator('summary').click();
  await until(() => frame.evaluate(() => !!document.getElementById('waymark-root').shadowRoot.querySelector('details[open]')), '"Why this element?" open');
  await assertOverlay(s, frame, 'the callout with "Why this element?" open (light portal)');
  covered.push('callout, step 1: light portal; "Why this element?" open: light portal');

  // The portal's dark theme: the callout follows without a new step, and back.
  await setPortalTheme(frame, 'dark');
  look = await overlayTurns(frame, true, 'the callout to turn dark');
  assert.ok(luminance(look.callout.background) < 0.05, `a dark callout: ${JSON.stringify(look.callout)}`);
  await assertOverlay(s, frame, 'the callout with "Why this element?" open (portal dark theme)');
  await page.locator('#waymark-root').locator('summary').click();
  await assertOverlay(s, frame, 'the callout, step 1 (portal dark theme)');
  covered.push('callout, step 1: dark portal; "Why this element?" open: dark portal');
  await setPortalTheme(frame, 'light');
  await overlayTurns(frame, false, 'the callout to turn light again');

  // Forced colours (Windows high contrast): the ring and the callout keep a
  // visible border, and so does the marker it collapses to (Hide).
  await page.emulateMedia({ forcedColors: 'active' });
  look = await overlayLook(frame);
  assert.ok(visibleBorder(look.highlight), `the highlight ring is visible in forced colours: ${JSON.stringify(look.highlight)}`);
  assert.ok(visibleBorder(look.callout), `the callout's border is visible in forced colours: ${JSON.stringify(look.callout)}`);
  await page.locator('#waymark-root').getByRole('button', { name: 'Hide', exact: true }).click();
  await until(() => frame.evaluate(() => !!document.getElementById('waymark-root').shadowRoot.querySelector('.co.min')), 'the marker');
  look = await overlayLook(frame);
  assert.ok(visibleBorder(look.callout), `the marker's border is visible in forced colours: ${JSON.stringify(look.callout)}`);
  await page.emulateMedia({ forcedColors: 'none' });
  covered.push('forced colours: highlight, callout and marker borders');
  await assertOverlayBothThemes(s, frame, 'the callout collapsed to its marker');
  covered.push('callout collapsed to its marker: light portal, dark portal');

  // Reduced motion: no transition or animation in the overlay or the panel.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  assert.equal((await overlayLook(frame)).moving, 0, 'nothing in the overlay has a transition or an animation with reduced motion');
  await panel.emulateMedia({ reducedMotion: 'reduce' });
  assert.equal(await movingInPanel(panel), 0, 'nothing in the panel has a transition or an animation with reduced motion');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await panel.emulateMedia({ reducedMotion: 'no-preference' });
  covered.push('reduced motion: nothing moves in the overlay or the panel');

  // Step 2 has a step before it: Back is offered.
  await clickTarget(frame, st.target.step);
  await waitPanelProgress(panel, 2);
  const st2 = await waitForStep(page, (step) => step.startsWith('find-your-role/') && step !== st.target.step, WAIT);
  await until(async () => (await overlayLook(st2.frame)).buttons.includes('Back'), 'Back in the callout on step 2');
  await assertOverlayBothThemes(s, st2.frame, 'the callout, step 2');
  covered.push('callout, step 2 (Back): light portal, dark portal');
  return covered;
}

/**
 * The callout on the Microsoft 365 admin center, which has no public theme
 * hook: it follows the page's own background, light and dark, whatever the
 * colour scheme asks, and the colour scheme where the page paints none.
 * Returns what was checked.
 */
export async function assertAdminCenterCallout(s) {
  const panel = await s.openPanel();
  const page = await s.newPage();
  await page.goto('https://admin.microsoft.com/?login_hint=kelley%40contoso.onmicrosoft.com#/homepage');
  await page.getByText('User management').first().waitFor({ timeout: WAIT });
  await startGuide(panel, 'office365-for-azure-ad');
  const st = await waitForStep(page, 'office365-for-azure-ad/', WAIT);
  const dark = async (want, what) => {
    const look = await overlayTurns(st.frame, want, what);
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
  return ['callout on the Microsoft 365 admin center: its light background, its dark background (and the colour scheme where it paints none)'];
}

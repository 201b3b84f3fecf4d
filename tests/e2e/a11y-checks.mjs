// The accessibility checks of issue 10 item 3, shared by a11y.test.mjs
// (Chromium, Playwright) and firefox-panel.test.mjs (Firefox ESR, the
// Playwright-shaped session of firefox.mjs): axe-core (tests/package.json,
// its source evaluated into the page: no network) with the WCAG 2.0/2.1/2.2
// A and AA rules, the overlay's shadow root checked in place and, for
// contrast, on a copy, and what the callout looks like.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { DIST } from './harness.mjs';

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

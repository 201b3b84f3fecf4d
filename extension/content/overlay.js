// @ts-check
// The overlay the engine describes (`paint`): a highlight on the target, a
// callout anchored to it, and marks (a "do not fill in" frame, role verdict
// badges). All of it lives in an open shadow root on `#waymark-root`, built
// with createElement and textContent only. Painting is declarative: a
// repeated paint is harmless. When the page replaces the target, it is found
// again from its fingerprint without asking the engine.

import { BACK, SKIP } from '../protocol.js';
import { isShown, matchesFingerprint } from './describe.js';
import { send } from './messaging.js';
import { CONTROLS, ROOT_ID, setOverlayHost, TARGET_ATTRIBUTE } from './page.js';
import { choosePlace, clampInto, grow, overlaps, places, visibleBox } from './position.js';
import { findElement, matchesOf } from './queries.js';

/**
 * @typedef {import('./describe.js').Fingerprint} Fingerprint
 * @typedef {{step: string, query: string, fingerprint: Fingerprint}} Target
 * @typedef {{hide: string, back: string, skip: string, why: string, notFound: string,
 *   show: string, label: string}} CalloutStrings the callout's own words, in
 *   the page's language: background.js adds them (and `lang`, `dir`) to
 *   every callout it paints, so the content script carries no text.
 * @typedef {{step: string, progress: string, title: string, text: string,
 *   warning?: string, why?: string, back?: boolean, ui: CalloutStrings, lang: string, dir: string,
 *   badge?: string, lines?: {kind: string, text: string}[]}} Callout
 * @typedef {{kind: string, query: string, fingerprint: Fingerprint, text: string,
 *   verdict?: string}} Mark
 * @typedef {{target?: Target, callout?: Callout, marks?: Mark[], plan?: string[]}} Overlay
 */

/** The last non-empty overlay painted, or null. */
export let painted = /** @type {Overlay | null} */ (null);

/** @type {HTMLElement | null} */
let host = null;
/** @type {ShadowRoot} */
let shadow;
/** @type {HTMLElement} */
let highlight;
/** @type {HTMLElement} */
let marksBox;
/** @type {HTMLElement} */
let liveRegion;
/** @type {HTMLElement | null} */
let callout = null;
/**
 * Reports after the page's own layout (see schedulePosition): the target's
 * and the callout's size changes, and the asked-for placements.
 * @type {ResizeObserver}
 */
let layout;

/** The element highlighted now. */
let target = /** @type {Element | null} */ (null);
/** The step whose target was last scrolled into view. */
let scrolledStep = '';
/** A placement was asked for and has not run yet (schedulePosition). */
let asked = false;
/** The page changed since the theme was checked and the controls scanned. */
let churned = false;
/** @type {{mark: Mark, el: Element | null}[]} */
let marks = [];

/**
 * The callout's size when collapsed to a marker (overlay.css, `.min`); it
 * keeps 8 px from its target, outside the 6 px that choosePlace keeps free.
 */
const MARKER = { w: 28, h: 28 };
/** The admin hid the callout (Hide, Esc): a marker until Show or the next step. */
let hiddenByUser = false;
/** Hovering reopens a hidden callout only once the pointer has left it. */
let hoverOpens = true;
/** The place taken last time (an index, see placeCallout): kept while allowed. */
let place = -1;
/** Where the focus was before it entered the callout; Esc returns it there. */
let returnFocus = /** @type {HTMLElement | null} */ (null);
/** What the callout shows now, to rebuild it only when that changes. */
let shown = '';
/** The page's visible controls and frames in the viewport, from the last scan. */
let controls = /** @type {import('./position.js').Box[]} */ ([]);
let walls = /** @type {import('./position.js').Box[]} */ ([]);
let scannedAt = -1e9;
let rescan = 0;
/** What the callout was last placed for: placed again only when that changes. */
let placedFor = '';

/**
 * @param {string} tag
 * @param {string} [className]
 * @param {string} [text]
 */
function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text) e.textContent = text;
  return e;
}

/**
 * Is the page dark? The Azure portal's theme class (`fxs-mode-dark`, on
 * <html> or <body>, which its settings toggle), else the page's background
 * luminance (pages with no known theme hook, such as the Microsoft 365 admin
 * center), else the colour scheme.
 */
function isDarkPage() {
  if (document.body?.closest('.fxs-mode-dark')) return true;
  for (const e of [document.body, document.documentElement]) {
    const m = e && /(\d+)\D+(\d+)\D+(\d+)(?:\D+([\d.]+))?/.exec(getComputedStyle(e).backgroundColor);
    if (m && m[4] !== '0') return 0.2126 * +m[1] + 0.7152 * +m[2] + 0.0722 * +m[3] < 100;
  }
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches;
}

/** The colours follow the page (overlay.css, `:host(.dark)`); again after each page change. */
function theme() {
  host?.classList.toggle('dark', !!isDarkPage());
}

/** Repairs of the root since the last frame (see guardRoot). */
let repairs = 0;

/**
 * Create the root once, theme it, and make sure it is shown.
 * @param {string} [style] the overlay's stylesheet (overlay.css, sent with each paint)
 */
function ensureRoot(style = '') {
  if (!host) {
    host = element('div');
    host.id = ROOT_ID;
    setOverlayHost(host);
    shadow = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(style);
    shadow.adoptedStyleSheets = [sheet];
    highlight = element('div', 'hl');
    marksBox = element('div');
    liveRegion = element('div', 'sr');
    liveRegion.setAttribute('aria-live', 'polite');
    shadow.append(highlight, marksBox, liveRegion);
    layout = new ResizeObserver(afterLayout);
    // Scroll and resize events come before the frame's animation callbacks:
    // placing at once, not in the next frame, keeps the box on its target
    // in the very frame that scrolled (issue 12, zero-lag follow).
    window.addEventListener('scroll', position, { capture: true, passive: true });
    window.addEventListener('resize', position, { passive: true });
    // The page closing our popover (hidePopover) is undone like a removal.
    host.addEventListener('toggle', guardRoot);
  }
  theme();
  guardRoot();
}

/**
 * Put the root back the moment the page removed or closed it: called from
 * the mutation observer (a microtask, so before the next frame is painted)
 * and on the popover's toggle. A style the page puts on it changes nothing
 * and is left alone: the host's style is overlay.css's `:host { all:
 * initial !important }`, which no page rule beats, not even an inline
 * `!important` (issue 13 item 7); its children are position:fixed boxes in
 * the shadow root.
 */
export function guardRoot() {
  if (!host || !painted) return;
  const moved = host.parentNode !== document.documentElement;
  if (!moved && host.matches(':popover-open')) return;
  schedulePosition();
  // A page script that removes the root as soon as it is back must not
  // turn this into an endless loop: a few repairs a frame, then the next
  // frame (position() resets the count and calls this again).
  if (++repairs > 8) return;
  if (moved) document.documentElement.append(host);
  try {
    host.popover = 'manual'; // the top layer: above the page's z-index fights, out of its transforms
    host.showPopover();
  } catch {} // already open
}

/** Remove everything Waymark painted. */
export function clearOverlay() {
  painted = null; // first: guardRoot leaves a root that is being removed alone
  setTarget(null);
  host?.remove();
  host = callout = null;
  shown = '';
  setOverlayHost(null);
  layout?.disconnect();
  asked = false;
  window.removeEventListener('scroll', position, { capture: true });
  window.removeEventListener('resize', position);
  marks = [];
  scrolledStep = '';
}

/**
 * Mark `el` as the target (`data-waymark-target`), and no other element.
 * @param {Element | null} el
 */
function setTarget(el) {
  if (target && target !== el) {
    target.removeAttribute(TARGET_ATTRIBUTE);
    layout.unobserve(target);
  }
  unmarkTargets(el);
  target = el;
  // The engine's target, or one its plan found (same step as the callout).
  const step = (painted?.target || painted?.callout)?.step;
  if (el && step) {
    el.setAttribute(TARGET_ATTRIBUTE, step);
    layout.observe(el);
  }
}

/**
 * The paint plan (protocol.rs, `Overlay::plan`): while the engine knows no
 * target, the one visible match of its target queries, if there is exactly
 * one, is marked and painted at once, in the page's own task (before its
 * next frame), instead of after a round trip to the engine. The engine's
 * next paint confirms or corrects it.
 * @returns {true | undefined} marked
 */
export function planTarget() {
  if (target?.isConnected || !painted?.plan) return;
  // Shown by style (no layout forced: the marker goes on first), then
  // placed in a microtask, still before the next frame.
  const found = new Set(painted.plan.flatMap(matchesOf).filter(isShown));
  if (found.size !== 1) return;
  setTarget([...found][0]);
  queueMicrotask(position);
  return true;
}

/**
 * The target was replaced or removed: find it again without the engine.
 * (Nothing is reported: the next `observed` tells the engine what the page
 * shows; `paint-status` is no longer sent, one message fewer per paint.)
 */
function follow() {
  const wanted = painted?.target;
  if (!wanted) return;
  const el = findElement(wanted.query, wanted.fingerprint);
  if (el === target) return;
  setTarget(el);
  renderCallout();
}

/**
 * Show what the engine describes; an empty overlay clears it.
 * @param {Overlay | undefined} overlay
 * @param {string} [style] the overlay's stylesheet: background.js sends it
 *   with every paint (it is not in content.js; see tests/build/content.mjs)
 */
export function paint(overlay, style) {
  if (!overlay || (!overlay.target && !overlay.callout && !overlay.marks?.length)) {
    clearOverlay();
    return;
  }
  const stepChanged = (overlay.callout?.step || '') !== (painted?.callout?.step || '');
  painted = overlay;
  ensureRoot(style);
  setTarget(overlay.target ? findElement(overlay.target.query, overlay.target.fingerprint) : null);
  planTarget();
  if (target && overlay.target && scrolledStep !== overlay.target.step) {
    scrolledStep = overlay.target.step;
    const box = visibleBox(target);
    // Off screen or hidden inside a scroll container: bring it into view once per step.
    if (!box || box.y < 0 || box.y + box.h > innerHeight) target.scrollIntoView({ block: 'center', inline: 'nearest' });
  }
  renderCallout(stepChanged);
  marks = (overlay.marks || []).map((mark) => ({ mark, el: findElement(mark.query, mark.fingerprint) }));
  marksBox.replaceChildren(
    ...marks.map(({ mark }) => {
      const doNotUse = mark.kind === 'do-not-use';
      const e = element('div', doNotUse ? 'dnu' : 'badge');
      if (doNotUse) e.append(element('span', '', mark.text));
      else {
        e.textContent = mark.text;
        if (mark.verdict) e.setAttribute('data-waymark-verdict', mark.verdict);
      }
      e.setAttribute('role', 'note');
      return e;
    }),
  );
  position();
}

/** @param {boolean} [announce] read the step out (a new step) */
function renderCallout(announce) {
  const content = painted?.callout;
  if (!content) {
    callout?.remove();
    callout = null;
    shown = '';
    return;
  }
  if (announce) {
    hiddenByUser = false;
    place = -1;
    liveRegion.textContent = [content.progress, content.badge, content.title, content.text].filter(Boolean).join('. ');
  }
  const notFound = !!painted?.target && !target;
  const key = JSON.stringify([content, notFound]);
  if (callout && key === shown) return;
  shown = key;
  if (!callout) {
    const box = element('div', 'co');
    box.setAttribute('role', 'dialog');
    box.addEventListener('focusin', (event) => {
      const from = /** @type {HTMLElement | null} */ (event.relatedTarget);
      if (!box.contains(from)) returnFocus = from;
      schedulePosition();
    });
    box.addEventListener('focusout', schedulePosition);
    box.onmouseenter = schedulePosition;
    box.onmouseleave = () => {
      hoverOpens = true;
      schedulePosition();
    };
    box.onkeydown = (event) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation(); // the page's own Esc (closing a blade) is not for us
      collapse();
    };
    shadow.append(box);
    layout.observe(box);
    callout = box;
  }
  callout.setAttribute('data-waymark-step', content.step);
  callout.setAttribute('aria-label', content.ui.label);
  callout.lang = content.lang;
  callout.dir = content.dir;
  // The marker the callout shrinks to where it has no room: it opens on
  // hover or focus, or when clicked.
  const marker = button('W', () => {
    hiddenByUser = false;
    place = -1;
    schedulePosition();
  });
  marker.className = 'mk';
  // A press must not focus it: focus would open the callout over the marker
  // before the button is released, and the click would miss the marker.
  marker.onmousedown = (event) => event.preventDefault();
  marker.setAttribute('aria-label', content.ui.show);
  const progress = element('div', 'pr');
  progress.append(element('span', '', content.progress), button(content.ui.hide, collapse));
  const body = element('div', 'body');
  // The badge (a shared step) and the lines are the engine's text, shown as
  // text; their kind is their class (overlay.css).
  if (content.badge) body.append(element('p', 'sb', content.badge));
  body.append(
    element('div', 't', content.title),
    element('p', 'x', content.text),
    ...(content.lines || []).map((l) => element('p', l.kind, l.text)),
  );
  if (content.warning) body.append(element('p', 'w', '⚠ ' + content.warning));
  if (notFound) body.append(element('p', 'why', content.ui.notFound));
  if (content.why) {
    // How the engine chose this element: asked for, not told.
    const why = element('details', 'why');
    why.append(element('summary', '', content.ui.why), element('p', '', content.why));
    body.append(why);
  }
  // Back and Skip do what the panel's buttons do (the background relays
  // them); no Back where there is no step before this one.
  const nav = element('div', 'nav');
  if (content.back) nav.append(button(content.ui.back, () => send({ kind: BACK })));
  nav.append(button(content.ui.skip, () => send({ kind: SKIP })));
  callout.replaceChildren(marker, progress, body, nav);
  schedulePosition();
}

/**
 * @param {string} text
 * @param {() => void} onClick
 */
function button(text, onClick) {
  const b = /** @type {HTMLButtonElement} */ (element('button', '', text));
  b.type = 'button';
  // Only the admin's own click: page script can reach this open shadow root.
  b.onclick = (event) => event.isTrusted && onClick();
  return b;
}

/** Hide or Esc: down to the marker, and the focus back where it was. */
function collapse() {
  hiddenByUser = true;
  hoverOpens = false;
  place = -1;
  const focused = /** @type {HTMLElement | null} */ (shadow.activeElement);
  if (returnFocus?.isConnected) returnFocus.focus();
  else focused?.blur();
  returnFocus = null;
  schedulePosition();
}

/**
 * After the page changed: a removed target is followed at once; the boxes
 * are read again after the page's next layout (schedulePosition), and the
 * theme with them.
 */
export function afterPageChange() {
  churned = true;
  if (target && !target.isConnected) follow();
  schedulePosition();
}

/** After an evaluation: the root is back in the page, target and marks are current. */
export function recheckOverlay() {
  if (!painted) return;
  if (!host?.isConnected) ensureRoot();
  const wanted = painted.target;
  if (wanted && !(target?.isConnected && matchesFingerprint(target, wanted.fingerprint))) follow();
  for (const entry of marks)
    if (!entry.el?.isConnected) entry.el = findElement(entry.mark.query, entry.mark.fingerprint);
  schedulePosition();
}

/**
 * Place everything again after the page's next layout, not before it: boxes
 * read in a frame callback or a mutation callback force the page's layout
 * there, in script (on the bench's storm page that forced layout was most of
 * Waymark's script time, issue 12 item 4). A ResizeObserver reports after
 * the frame's layout and before its paint, so what it places is painted in
 * that very frame, and reading boxes there costs no layout. Observing the
 * page's root anew makes it report once. That is begun in a frame callback,
 * and the root is no longer observed once it reported: an observation
 * active in a later round of the page's own ResizeObserver callbacks (the
 * page's root resized by one of them, or observed from one) is not
 * deliverable there, and the browser reports a loop error to the page
 * (integrity.test.mjs makes one).
 */
function schedulePosition() {
  if (asked || !host) return;
  asked = true;
  requestAnimationFrame(() => host && layout.observe(document.documentElement));
}

/**
 * The observer's report. Placing may resize the callout, which this observer
 * watches too; the browser delivers that change in a next round only for
 * elements deeper than the shallowest one reported in this round, so boxes
 * are placed here only in a round that reports the page's root (the
 * shallowest of all). Anything else (the target or the callout resized by
 * style alone) is placed in the next frame.
 * @param {ResizeObserverEntry[]} entries
 */
function afterLayout(entries) {
  const root = document.documentElement;
  if (entries.some((e) => e.target === root)) {
    layout.unobserve(root);
    asked = false;
    position();
  } else {
    placedFor = '';
    schedulePosition();
  }
}

/**
 * @param {HTMLElement} e
 * @param {{x: number, y: number}} at
 */
function moveTo(e, at) {
  e.style.setProperty('transform', `translate(${Math.round(at.x)}px,${Math.round(at.y)}px)`);
}

/**
 * @param {HTMLElement} e
 * @param {import('./position.js').Box} box
 */
function cover(e, box) {
  moveTo(e, box);
  e.style.setProperty('width', box.w + 'px');
  e.style.setProperty('height', box.h + 'px');
}

/** @param {HTMLElement} e */
const sizeOf = (e) => ({ w: e.offsetWidth, h: e.offsetHeight });

/** Place everything on what it points at, for this frame's layout. */
function position() {
  if (!host) return;
  if (repairs > 8) {
    repairs = 0;
    guardRoot();
  }
  repairs = 0;
  if (churned) theme();
  const viewport = { w: document.documentElement.clientWidth || innerWidth, h: innerHeight };
  const box = target?.isConnected ? visibleBox(target) : null;
  highlight.hidden = !box;
  if (box) cover(highlight, grow(box, 4));
  if (callout) placeCallout(box, viewport);
  marks.forEach(({ mark, el }, i) => {
    const e = /** @type {HTMLElement} */ (marksBox.children[i]);
    const box = el?.isConnected ? visibleBox(el) : null;
    e.hidden = !box;
    if (!box) return;
    if (mark.kind === 'do-not-use') cover(e, box);
    // A badge beside what it was read from: on its right, else its left.
    else {
      const beside = places(sizeOf(e), box, viewport).slice(6);
      moveTo(e, beside[Math.max(0, choosePlace(beside, box, [], []))]);
    }
  });
}

/**
 * The callout beside its target (or in the viewport's bottom right corner
 * when none is in view) where it covers neither the target nor any control (position.js,
 * choosePlace); where there is no such place, or the admin hid it, a small
 * marker beside the target, which opens on hover or focus.
 * @param {import('./position.js').Box | null} box the target's visible box
 * @param {{w: number, h: number}} viewport
 */
function placeCallout(box, viewport) {
  box ||= { x: viewport.w, y: viewport.h, w: 0, h: 0 };
  const co = /** @type {HTMLElement} */ (callout);
  const open = (hoverOpens && co.matches(':hover')) || co.matches(':focus-within');
  // Nothing it depends on changed: it stays where it is. While the page
  // churns, the controls it must not cover are scanned again (and the
  // callout placed again) at most once a second: a scan reads every
  // control's box and hit-tests it (on the bench's storm page, every 250 ms,
  // it was the content script's largest cost, elementFromPoint alone ~1 s
  // in 5 s of a CPU profile).
  const key = JSON.stringify([box, viewport, open, hiddenByUser, shown, place < 0]);
  const wait = churned ? scannedAt + 1000 - performance.now() : 1;
  if (key === placedFor && wait > 0) {
    if (churned && !rescan)
      rescan = setTimeout(() => {
        rescan = 0;
        placedFor = '';
        schedulePosition();
      }, wait);
    return;
  }
  placedFor = key;
  churned = false;
  co.classList.remove('min');
  const size = sizeOf(co);
  // The whole callout wherever it fits (unless hidden), else the marker;
  // the place taken last time is kept while allowed, but a marker gives way
  // to the callout as soon as there is room.
  const full = hiddenByUser ? [] : places(size, box, viewport);
  const spots = [...full, ...places(MARKER, box, viewport, 8)];
  scan(spots);
  const previous = place;
  place = choosePlace(full, box, controls, walls, previous);
  if (place < 0) place = choosePlace(spots, box, controls, walls, previous);
  // Nowhere free even for the marker: beside the target all the same.
  const at = spots[place] || spots[spots.length - 12];
  if (at.w === size.w) return moveTo(co, at);
  // The marker, or the callout opened from it: over the marker, so that
  // the pointer stays on it.
  if (open) return moveTo(co, clampInto({ ...size, x: at.x, y: at.y }, viewport));
  co.classList.add('min');
  moveTo(co, at);
}

/**
 * Find the page's visible controls and frames that the callout's candidate
 * places touch (each time the callout is placed, see placeCallout): only
 * those are hit-tested (on the bench's storm page, hit-testing every control
 * in the viewport was half of a scan's cost).
 * @param {import('./position.js').Box[]} spots
 */
function scan(spots) {
  scannedAt = performance.now();
  controls = [];
  walls = [];
  for (const e of document.querySelectorAll(CONTROLS + ',iframe')) {
    const r = e.getBoundingClientRect();
    const b = { x: r.x, y: r.y, w: r.width, h: r.height };
    if (!b.w || !b.h || !spots.some((s) => overlaps(b, s))) continue;
    if (e.localName === 'iframe') walls.push(b);
    else {
      // Only what a click can reach: not a control hidden under the page's
      // own layers or scrolled out of its container (our root counts: it
      // may be the callout covering it now).
      const hit = document.elementFromPoint(b.x + b.w / 2, b.y + b.h / 2);
      if (hit && (hit === host || e.contains(hit))) controls.push(b);
    }
  }
}

/**
 * Move the focus into the callout (the keyboard command): it opens, and Esc
 * brings the focus back.
 */
export function focusCallout() {
  if (!callout) return;
  hiddenByUser = false;
  callout.tabIndex = -1;
  callout.focus();
}

/**
 * No element but `except` keeps the target marker.
 * @param {Element | null} [except]
 */
function unmarkTargets(except) {
  for (const e of document.querySelectorAll('[' + TARGET_ATTRIBUTE + ']'))
    if (e !== except) e.removeAttribute(TARGET_ATTRIBUTE);
}

/** Leftovers of a previous instance (the extension was updated) go away. */
export function removeLeftovers() {
  document.getElementById(ROOT_ID)?.remove();
  unmarkTargets();
}

// @ts-check
// The admin's activations: a click, or Enter/Space on a custom control.
// Reported when they hit an element of a watched query that asks for clicks
// (`report_clicks`), or any control while recording. Only the admin's own
// actions count (issue 13 item 3): page script can call `el.click()` or
// dispatch a key event, and neither may complete nor record a step.

import { CLICKED } from '../protocol.js';
import { describe, isField } from './describe.js';
import { send } from './messaging.js';
import { CONTROLS, overlayHost } from './page.js';
import { queries, recording, runQuery, watchId } from './queries.js';
import { checkHref } from './watch.js';

/** What counts as the control a recorded click was meant for. */
const INTERACTIVE = CONTROLS + ',label,[role=treeitem],[role=gridcell],[role=row],[tabindex]';

/**
 * Does `el` match `selector`? An invalid selector matches nothing.
 * @param {Element} el
 * @param {string} selector
 */
function matches(el, selector) {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

/** @param {Event} event a click or keydown, seen in the capture phase */
export function onActivation(event) {
  // Synthetic events (el.click(), dispatchEvent) are the page's, not the admin's.
  if (!event.isTrusted) return;
  // The real target: the innermost element, inside open shadow roots too
  // (event.target is retargeted to their host), then its ancestors.
  const path = /** @type {Element[]} */ (event.composedPath().filter((n) => n instanceof Element));
  const origin = path[0];
  if (!origin || path.includes(/** @type {Element} */ (overlayHost))) return;
  const key = event.type === 'keydown' && /** @type {KeyboardEvent} */ (event);
  if (key) {
    // A held key repeats; only the first press is an activation.
    if ((key.key !== 'Enter' && key.key !== ' ') || key.repeat || key.isComposing) return;
    // Native buttons and links turn Enter/Space into a (trusted) click already;
    // in form fields the keys type or choose.
    if (isField(origin) || /^(a|button|summary)$/.test(origin.localName)) return;
  }
  // Described now, while the page still shows what was activated.
  /** @type {{query: string, element: import('./describe.js').Facts}[]} */
  const reports = [];
  for (const query of queries) {
    if (!query.report_clicks) continue;
    const el = path.find((e) => matches(e, query.selector));
    const index = el ? runQuery(query).indexOf(el) : -1;
    if (el && index >= 0) reports.push({ query: query.id, element: describe(el, index) });
  }
  // Never inside a code editor: the text there is the code.
  if (recording && !origin.closest(recording))
    reports.push({ query: '', element: describe(origin.closest(INTERACTIVE) || origin, 0) });
  const report = () => {
    for (const r of reports) send({ kind: CLICKED, watch: watchId, url, ...r });
  };
  const url = location.href;
  // A key counts only if the page did not cancel it; that is known once the
  // page's own handlers have run, after this dispatch. A click the page
  // cancels still counts: single-page apps cancel link clicks to route.
  if (key) setTimeout(() => key.defaultPrevented || report());
  else report();
  // A click that navigates by script changes the URL a moment later.
  setTimeout(checkHref, 50);
}

// @ts-check
// The admin's activations: a click, or Enter/Space on a custom control.
// Reported when they hit an element of a watched query that asks for clicks
// (`report_clicks`), or any control while recording.

import { CLICKED } from '../protocol.js';
import { describe } from './describe.js';
import { send } from './messaging.js';
import { overlayHost } from './page.js';
import { queries, recording, runQuery, watchId } from './queries.js';
import { checkHref } from './watch.js';

/** What counts as the control a recorded click was meant for. */
const INTERACTIVE =
  'a[href],button,input,select,textarea,summary,label,[role=button],[role=link],[role=tab],[role=menuitem],' +
  '[role=option],[role=checkbox],[role=radio],[role=switch],[role=treeitem],[role=gridcell],[role=row],[tabindex]';

/** @param {Event} event a click or keydown, seen in the capture phase */
export function onActivation(event) {
  const origin = /** @type {Element} */ (event.target);
  if (event.type === 'keydown') {
    const key = /** @type {KeyboardEvent} */ (event).key;
    if (key !== 'Enter' && key !== ' ') return;
    // Native buttons and links turn Enter/Space into a click already.
    if (/^(a|button|input|summary|select|textarea)$/.test(origin.localName)) return;
  }
  if (!(origin instanceof Element) || origin === overlayHost) return;
  for (const query of queries) {
    if (!query.report_clicks) continue;
    let el = null;
    try {
      el = origin.closest(query.selector);
    } catch {}
    if (!el) continue;
    const index = runQuery(query).indexOf(el);
    if (index >= 0)
      send({ kind: CLICKED, watch: watchId, url: location.href, query: query.id, element: describe(el, index) });
  }
  if (recording) {
    const el = origin.closest(INTERACTIVE) || origin;
    send({ kind: CLICKED, watch: watchId, url: location.href, query: '', element: describe(el, 0) });
  }
  // A click that navigates by script changes the URL a moment later.
  setTimeout(checkHref, 50);
}

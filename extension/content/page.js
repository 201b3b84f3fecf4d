// @ts-check
// What Waymark adds to a page, named once: the overlay's host element and
// the attribute on the highlighted control (the observable contract in
// tests/e2e/README.md). Queries, the mutation filter and the click handler
// all need to tell Waymark's own nodes from the page's.

export const ROOT_ID = 'waymark-root';
export const TARGET_ATTRIBUTE = 'data-waymark-target';

/**
 * The page's controls: what a click may be meant for (clicks.js) and what
 * the callout must never cover (overlay.js).
 */
export const CONTROLS =
  'a[href],button,input,select,textarea,summary,[role=button],[role=link],[role=tab],[role=menuitem],' +
  '[role=option],[role=checkbox],[role=radio],[role=switch],[role=combobox],[role=searchbox],[role=textbox]';

/** The overlay's host element while one exists (`#waymark-root`). */
export let overlayHost = /** @type {HTMLElement | null} */ (null);

/** @param {HTMLElement | null} el */
export function setOverlayHost(el) {
  overlayHost = el;
}

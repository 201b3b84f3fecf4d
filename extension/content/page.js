// @ts-check
// What Waymark adds to a page, named once: the overlay's host element and
// the attribute on the highlighted control (the observable contract in
// tests/e2e/README.md). Queries, the mutation filter and the click handler
// all need to tell Waymark's own nodes from the page's.

export const ROOT_ID = 'waymark-root';
export const TARGET_ATTRIBUTE = 'data-waymark-target';

/** The overlay's host element while one exists (`#waymark-root`). */
export let overlayHost = /** @type {HTMLElement | null} */ (null);

/** @param {HTMLElement | null} el */
export function setOverlayHost(el) {
  overlayHost = el;
}

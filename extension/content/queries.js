// @ts-check
// The engine's questions for this frame (its current `watch`) and how they
// are answered: run a selector (inside an optional `within` container), keep
// the matches whose name or text holds one of `text_any`, and find an element
// again from a fingerprint after the page re-rendered it.

import { accessibleName, isField, matchesFingerprint, normalize, textStart } from './describe.js';
import { overlayHost } from './page.js';

/**
 * One generic question (`Query` in crate/core/src/protocol.rs).
 * @typedef {{id: string, selector: string, within?: string, text_any?: string[],
 *   limit: number, report_clicks?: boolean}} Query
 */

/** The current watch's id; 0 until the engine answers a `hello`. */
export let watchId = 0;
/** @type {Query[]} */
export let queries = [];
/**
 * Record mode (non-empty): every activation is reported, not only watched
 * ones, except inside the regions this selector names (code editors).
 */
export let recording = '';

/**
 * @param {number} id
 * @param {unknown} list
 * @param {string} record
 */
export function setWatch(id, list, record) {
  watchId = id;
  queries = Array.isArray(list) ? list : [];
  recording = record;
}

/** A new `hello` makes the watch stale until the engine answers it. */
export function forgetWatch() {
  watchId = 0;
}

/**
 * Is `selector` valid CSS? (An invalid one answers nothing, so there is
 * nothing to watch for it.)
 * @param {string | undefined} selector
 */
export function isValidSelector(selector) {
  try {
    return !!selector && !document.createDocumentFragment().querySelector(selector);
  } catch {
    return false;
  }
}

/**
 * The query's matches, in document order, never Waymark's own root.
 * `cache` shares selector runs between the queries of one evaluation.
 * @param {Query} query
 * @param {Map<string, Element[]>} [cache]
 * @returns {Element[]}
 */
export function runQuery(query, cache) {
  try {
    const key = query.within + ' ' + query.selector;
    let found = cache?.get(key);
    if (!found) {
      const scope = query.within ? document.querySelector(query.within) : document;
      found = scope ? [...scope.querySelectorAll(query.selector)].filter((e) => e !== overlayHost) : [];
      cache?.set(key, found);
    }
    const words = (query.text_any || []).map((w) => normalize(w).toLowerCase()).filter(Boolean);
    if (words.length) {
      found = found.filter((e) => {
        // Only the first 2,000 characters: a container's whole subtree is not read.
        const said = accessibleName(e) + ' ' + (isField(e) ? '' : textStart(e, 2000));
        const lower = said.toLowerCase();
        return words.some((w) => lower.includes(w));
      });
    }
    return found;
  } catch {
    return []; // an invalid selector: no answer
  }
}

/**
 * The element a fingerprint describes among the matches of query `queryId`.
 * @param {string} queryId
 * @param {import('./describe.js').Fingerprint | undefined} fingerprint
 * @returns {Element | null}
 */
export function findElement(queryId, fingerprint) {
  if (!fingerprint) return null;
  let skip = fingerprint.nth || 0;
  for (const el of matchesOf(queryId)) if (matchesFingerprint(el, fingerprint) && skip-- === 0) return el;
  return null;
}

/**
 * The matches of the current watch's query `queryId` (none for a query it
 * does not have).
 * @param {string} queryId
 */
export function matchesOf(queryId) {
  const query = queries.find((q) => q.id === queryId);
  return query ? runQuery(query) : [];
}

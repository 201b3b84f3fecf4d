// @ts-check
// Which DOM changes can alter an answer (Dark Reader's lesson: filter the
// mutation records, do not re-evaluate on every change). Pure over the
// records and what the last evaluation left behind, so it is unit-tested
// under Node (relevance.test.mjs).

import { TARGET_ATTRIBUTE } from './page.js';

/**
 * The part of a MutationRecord the filter reads.
 * @typedef {{type: string, target: Node, attributeName?: string | null,
 *   addedNodes: ArrayLike<Node>, removedNodes: ArrayLike<Node>}} Change
 */

/**
 * What the last evaluation left behind: `near`, a selector list of the
 * watched selectors and `within`s, what can name a match (labels,
 * aria-labelledby targets) and styles, '' when nothing is watched;
 * `ancestors`, the last matches and their ancestors (changing one can hide
 * or unmatch a match); `own`, Waymark's root, whose changes are its own.
 */

/**
 * A change Waymark made itself: its root, or the target marker.
 * @param {Change} change
 * @param {Node | null} own
 */
export function isOwnChange(change, own) {
  // A list holds a node once: it is all Waymark's when empty or [own]. No
  // spread and no iterator: this runs for every record of every batch (on
  // the bench's storm page, 100 records every 50 ms, they were the content
  // script's largest cost once the forced layouts were gone).
  const onlyOwn = (/** @type {ArrayLike<Node>} */ nodes) => !nodes.length || (nodes.length === 1 && nodes[0] === own);
  return (
    change.target === own ||
    change.attributeName === TARGET_ATTRIBUTE ||
    (change.type === 'childList' && onlyOwn(change.addedNodes) && onlyOwn(change.removedNodes))
  );
}

/**
 * Can this change alter an answer? Its node is in a match, or holds one now
 * or did at the last evaluation. A ticker in an unrelated table cannot.
 * @param {Change} change
 * @param {string} near
 * @param {Set<Node>} ancestors
 * @param {Node | null} own
 */
export function isRelevant(change, near, ancestors, own) {
  if (!near || isOwnChange(change, own)) return false;
  const node = change.target;
  const el = /** @type {Element | null} */ (node.nodeType === 1 ? node : node.parentElement);
  try {
    if (el?.closest(near)) return true;
    if (change.type === 'attributes') return ancestors.has(/** @type {Element} */ (el)) || !!el?.querySelector(near);
    for (const nodes of [change.addedNodes, change.removedNodes])
      for (let i = 0; i < nodes.length; i++) {
        const n = /** @type {Element} */ (nodes[i]);
        if (n.nodeType === 1 && n !== own && (ancestors.has(n) || n.matches(near) || n.querySelector(near)))
          return true;
      }
  } catch {
    return true; // a selector the browser refuses here: better one evaluation too many
  }
  return false;
}

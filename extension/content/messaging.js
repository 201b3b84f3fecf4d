// @ts-check
// Talking to the engine in the background. Every message carries the
// protocol version; the browser adds the sender (tab, frame, URL), so the
// page can never claim to be another frame. When the extension is updated or
// removed, this instance's runtime goes away: it then tears itself down.

import { PROTOCOL_VERSION } from '../protocol.js';

/**
 * The WebExtension API: `browser` in Firefox, `chrome` in Chrome and Edge.
 * Typed loosely: no @types package is pulled in for the few calls used here.
 * @type {any}
 */
export const api = /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;

let dead = false;
/** @type {() => void} */
let onDead = () => {};

/** Is this instance still connected to its extension? */
export function alive() {
  try {
    return !!api.runtime?.id;
  } catch {
    return false;
  }
}

/** True once torn down: nothing is sent or painted any more. */
export const isDead = () => dead;

/** @param {() => void} fn called once, when the extension goes away */
export function whenDead(fn) {
  onDead = fn;
}

/** Stop for good (the extension was updated, disabled or removed). */
export function die() {
  if (dead) return;
  dead = true;
  onDead();
}

/**
 * Send a message to the engine. A worker that is just starting may not be
 * listening yet ("Receiving end does not exist"): one retry after 300 ms.
 * @param {{kind: string, [field: string]: unknown}} message
 */
export function send(message, retry = true) {
  if (dead) return;
  if (!alive()) return die();
  message.waymark = PROTOCOL_VERSION;
  try {
    const reply = api.runtime.sendMessage(message);
    reply?.catch?.((/** @type {Error} */ e) => {
      if (!alive()) die();
      else if (retry && /Receiving end/i.test(e?.message)) setTimeout(() => send(message, false), 300);
    });
  } catch {
    die();
  }
}

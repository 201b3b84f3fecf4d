// @ts-check
// Waymark content script: the engine's eyes and hands in one frame. It holds
// no guide knowledge: it answers the engine's generic queries (watch.js),
// reports the admin's activations and URL changes (clicks.js, watch.js) and
// paints the overlay the engine describes in its own shadow root
// (overlay.js). No innerHTML; form values are never read. Bundled into the
// shipped content.js by `cargo xtask dist` (esbuild, one IIFE).

import { BYE, FOCUS_CALLOUT, PAINT, PROTOCOL_VERSION, WATCH } from '../protocol.js';
import { onActivation } from './clicks.js';
import { api, isDead, send, whenDead } from './messaging.js';
import { clearOverlay, focusCallout, paint, removeLeftovers } from './overlay.js';
import { checkHref, hello, observe, startWatch, stopObserving } from './watch.js';

/** Sign-in pages, never touched (they are outside every match pattern too). */
const SIGN_IN_HOST = /^login\.(microsoftonline|live|microsoft)\.com$/i;

/**
 * @param {any} message
 * @param {{id?: string} | undefined} sender the browser's description of the sender
 */
function onMessage(message, sender) {
  if (isDead() || sender?.id !== api.runtime.id || message?.waymark !== PROTOCOL_VERSION) return;
  if (message.kind === WATCH) startWatch(message);
  else if (message.kind === PAINT) {
    paint(message.overlay, message.style);
    observe();
  } else if (message.kind === FOCUS_CALLOUT) focusCallout();
}

/** @param {PageTransitionEvent} event back/forward cache: a restored page says hello */
const onPageShow = (event) => event.persisted && hello();

/** The document is going (navigation, a removed iframe, the cache): the engine forgets this frame. */
const onPageHide = () => send({ kind: BYE });

/**
 * Every listener on the page, added at start and removed at teardown.
 * @type {[EventTarget | undefined, string, (e: any) => unknown, boolean?][]}
 */
const LISTENERS = [
  [document, 'click', onActivation, true],
  [document, 'keydown', onActivation, true],
  [window, 'hashchange', checkHref],
  [window, 'popstate', checkHref],
  [window, 'pageshow', onPageShow],
  [window, 'pagehide', onPageHide],
  // The Navigation API, where the browser has it, sees every same-document navigation.
  [/** @type {any} */ (window).navigation, 'navigatesuccess', checkHref],
];

function start() {
  removeLeftovers();
  api.runtime.onMessage.addListener(onMessage);
  for (const [on, type, listener, capture] of LISTENERS) on?.addEventListener(type, listener, capture);
  hello();
}

/** The extension went away (updated, disabled): leave the page as it was. */
function teardown() {
  stopObserving();
  clearOverlay();
  for (const [on, type, listener, capture] of LISTENERS) on?.removeEventListener(type, listener, capture);
  try {
    api.runtime.onMessage.removeListener(onMessage);
  } catch {}
}

// Second lock: sign-in pages are never touched. And no runtime, no Waymark.
if (!SIGN_IN_HOST.test(location.hostname) && api?.runtime?.id) {
  whenDead(teardown);
  start();
}

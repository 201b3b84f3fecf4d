// @ts-check
// Keeping the engine's answers current. One MutationObserver per frame;
// records are filtered for relevance (relevance.js); a relevant batch is
// evaluated once, in a task right after the page's (at most one evaluation
// per 16 ms under continuous change); `observed` is sent only when an answer
// changed. An empty watch disconnects the observer.

import { HELLO, OBSERVED } from '../protocol.js';
import { describe } from './describe.js';
import { alive, die, isDead, send } from './messaging.js';
import { afterPageChange, guardRoot, painted, planTarget, recheckOverlay } from './overlay.js';
import { overlayHost } from './page.js';
import { forgetWatch, isValidSelector, queries, recording, runQuery, setWatch, watchId } from './queries.js';
import { isOwnChange, isRelevant } from './relevance.js';

/** Evaluations are at least this far apart under continuous change (ms). */
const MIN_INTERVAL = 16;

let href = location.href;
/** The last `observed` sent, to send only changes. */
let lastSent = '';
/** @type {MutationObserver | null} */
let observer = null;
let pending = false;
let lastEvaluation = -1e9;
/** The watch's valid selectors and `within`s, as one selector list. */
let watchedSelectors = '';
/** See relevance.js, `Watched`. */
let near = '';
/** @type {Set<Node>} */
let ancestors = new Set();
/** @type {MessageChannel | null} */
let soon = null;

/** @type {ReturnType<typeof setTimeout> | undefined} */
let helloTimer;

/**
 * Introduce this frame; the engine answers with a new watch. A hello lost on
 * the way (the worker stopped at the wrong moment) is sent again after 2, 4,
 * 8 and 16 s more, until a watch comes. (A frame the engine forgot is taken
 * back by the engine on its next message.)
 */
export function hello(retry = 0) {
  forgetWatch(); // the old watch's answers are stale until then
  send({
    kind: HELLO,
    url: location.href,
    title: document.title.slice(0, 300),
    top: window === window.top,
    lang: document.documentElement.lang,
  });
  clearTimeout(helloTimer);
  helloTimer = setTimeout(() => watchId || retry > 3 || hello(retry + 1), 2000 << retry);
}

/** A hash route, history call or reload changed the URL: say hello again. */
export function checkHref() {
  if (location.href !== href) {
    href = location.href;
    hello();
  }
}

/** Answer every query; send the answers if they changed. */
function evaluate() {
  if (!queries.length || !watchId) {
    near = '';
    return;
  }
  lastEvaluation = performance.now();
  /** @type {Set<Node>} */
  const seen = new Set();
  /** @type {string[]} */
  const labelledBy = [];
  const cache = new Map();
  const results = queries.map((query) => {
    const found = runQuery(query, cache);
    for (const el of found) {
      for (let p = /** @type {Node | null} */ (el); p && !seen.has(p); p = p.parentNode) seen.add(p);
      for (const id of (el.getAttribute('aria-labelledby') || '').split(/\s+/))
        if (id) labelledBy.push(',#' + CSS.escape(id));
    }
    return { id: query.id, count: found.length, items: found.slice(0, query.limit).map(describe) };
  });
  ancestors = seen;
  near = watchedSelectors && watchedSelectors + ',label,style,link' + labelledBy.join('');
  const answer = JSON.stringify([watchId, location.href, results]);
  if (answer === lastSent) return;
  lastSent = answer;
  send({ kind: OBSERVED, watch: watchId, url: location.href, results });
}

/** @param {MutationRecord[]} records */
function onMutations(records) {
  if (isDead()) return;
  guardRoot();
  if (records.every((r) => isOwnChange(r, overlayHost))) return;
  checkHref();
  afterPageChange();
  if (!records.some((r) => isRelevant(r, near, ancestors, overlayHost))) return;
  // A target marked by the plan: this batch's evaluation waits its 16 ms,
  // after the frame that shows the box.
  if (planTarget()) lastEvaluation = performance.now();
  if (pending) return;
  pending = true;
  const wait = lastEvaluation + MIN_INTERVAL - performance.now();
  if (wait > 0) setTimeout(flush, wait);
  else {
    // A task right after the page's, not the next frame (up to 16 ms later).
    if (!soon) {
      soon = new MessageChannel();
      soon.port1.onmessage = flush;
    }
    soon.port2.postMessage(0);
  }
}

function flush() {
  pending = false;
  if (isDead()) return;
  if (!alive()) return die();
  checkHref();
  evaluate();
  recheckOverlay();
}

/** Observe the page while anything needs it: queries, recording or an overlay. */
export function observe() {
  const needed = queries.length || recording || painted;
  if (needed && !observer) {
    observer = new MutationObserver(onMutations);
    observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  } else if (!needed && observer) {
    stopObserving();
  }
}

export function stopObserving() {
  observer?.disconnect();
  observer = null;
}

/**
 * A new watch from the engine: answer it at once, then keep answering.
 * `private` is sent in record mode only (never empty then): where a
 * recording never listens (code editors), so it also says "recording".
 * @param {{id: number, queries: unknown, private?: string}} message
 */
export function startWatch(message) {
  setWatch(message.id, message.queries, message.private || '');
  const selectors = queries.flatMap((q) => [q.selector, q.within]).filter(isValidSelector);
  watchedSelectors = [...new Set(selectors)].join(',');
  lastSent = '';
  observe();
  evaluate();
  recheckOverlay();
}

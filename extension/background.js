// Waymark background: loads the Rust/WASM engine and carries out its effects.
// Runs as a module service worker (Chrome/Edge) or a module event page
// (Firefox). Every listener is registered synchronously at top level; the
// engine is initialised lazily, once, and messages wait for it in order.
// No network: the only things ever fetched are packaged files (the engine
// wasm, the overlay's stylesheet, the message catalogues in _locales).

import init, { WebEngine, crash_for_test, protocol_version } from './engine/waymark.js';
import { translator } from './i18n.js';
import { applyPolicy, cachedPolicy, NO_POLICY, POLICY_CACHE_KEY, readPolicy } from './policy.js';
import {
  BACK,
  BYE,
  ERROR,
  EXPORT,
  FOCUS_CALLOUT,
  GET_STATE,
  HELLO,
  PAINT,
  PANEL_PORT,
  PROTOCOL_VERSION,
  RECORD_START,
  SHARE,
  SKIP,
  START,
} from './protocol.js';

const api = globalThis.browser ?? globalThis.chrome;
const SNAPSHOT_KEY = 'waymark.snapshot';
const panels = new Set();

let engine = null;
let booting = null;
let lastSnapshot = null;
let lastPanic = '';
let restarts = 0;
// The overlay's stylesheet (overlay.css, minified by the build), sent with
// every paint: content.js does not carry it, so it reaches only the pages
// Waymark paints on (issue 12, the content script's budget).
let overlayStyle = '';

// The organisation's policy (storage.managed), enforced here on every panel
// message: the panel hiding a button is a courtesy, this is the lock. Until
// the first read of this worker answers, the policy last read (kept in
// storage.local) applies; only before the very first read ever do panel
// messages wait for it.
const POLICY_KINDS = { START, SHARE, EXPORT, RECORD_START };
let policy = NO_POLICY;
let policyKnown = false;
const knowPolicy = (p) => {
  policy = p;
  policyKnown = true;
};
function refreshPolicy() {
  return readPolicy(api).then((p) => {
    knowPolicy(p);
    api.storage.local
      .set({ [POLICY_CACHE_KEY]: p })
      .catch((e) => console.warn('Waymark: could not keep the policy', e));
  });
}
const policyRead = refreshPolicy();
const policyReady = cachedPolicy(api).then((p) => (policyKnown ? undefined : p ? knowPolicy(p) : policyRead));
api.storage?.onChanged?.addListener((_changes, area) => {
  if (area === 'managed') refreshPolicy();
});

// The wasm panic hook calls this before the instance traps.
globalThis.waymarkPanic = (text) => {
  lastPanic = String(text);
};

// Cold start, phase by phase (ms since this worker started: its
// performance.now()), for `cargo xtask bench`: the module evaluated, the
// first page message received, the wasm compiled and instantiated, the
// snapshot read, the engine built (the embedded guides parsed, the snapshot
// restored), the first page message answered.
const bootMs = { module: performance.now() };

function boot() {
  booting ??= (async () => {
    const style = fetch(new URL('overlay.css', import.meta.url)).then((r) => r.text());
    await init();
    bootMs.wasm = performance.now();
    overlayStyle = await style;
    // protocol.js and the engine must speak the same version: a mismatch is a
    // build error (the two were packaged from different sources).
    if (protocol_version() !== PROTOCOL_VERSION)
      throw new Error(`protocol.js speaks v${PROTOCOL_VERSION}, the engine v${protocol_version()}`);
    try {
      const got = await api.storage.session.get(SNAPSHOT_KEY);
      lastSnapshot = got?.[SNAPSHOT_KEY] ?? null;
    } catch (e) {
      console.warn('Waymark: could not read the saved state', e);
    }
    bootMs.snapshot = performance.now();
    build();
    bootMs.engine = performance.now();
  })().catch((e) => {
    booting = null;
    console.error('Waymark: the engine failed to start', e);
    throw e;
  });
  return booting;
}

// A fresh WebEngine from the last snapshot; if that snapshot itself makes the
// engine fail, a fresh one without it. After a trap, the first call into wasm
// swaps in a fresh instance: it must be a call that passes no strings (their
// memory would belong to the old instance), hence protocol_version() first.
function build() {
  for (const snapshot of lastSnapshot == null ? [null] : [lastSnapshot, null]) {
    try {
      protocol_version(); // after a trap, swaps in the fresh instance first
      engine = new WebEngine(snapshot);
      carry(engine.startup_effects());
      return;
    } catch (e) {
      console.error('Waymark: could not build the engine', e);
      engine = null;
    }
  }
  throw new Error('Waymark engine unavailable');
}

// Calls into the engine. A trap (a Rust panic under panic=abort) is caught:
// logged, told to the panel, and the engine is rebuilt from the last snapshot.
// wasm-bindgen gives the next call a fresh instance (the panic hook scheduled
// it), so the poisoned one is never used again.
function call(fn) {
  let effects;
  try {
    effects = fn(engine);
  } catch (e) {
    recover(e);
    return;
  }
  carry(effects);
}

function recover(err) {
  const why = lastPanic || String(err?.message ?? err);
  lastPanic = '';
  restarts += 1;
  console.error('Waymark: the engine crashed and is being restarted from its last saved state:', why, err);
  engine = null;
  try {
    build();
  } catch {
    booting = null; // next message retries a full start
  }
  toPanels({
    waymark: PROTOCOL_VERSION,
    kind: ERROR,
    message: { id: 'errorInternal', args: [why] },
  });
  if (engine && panels.size) call((en) => en.from_panel({ waymark: PROTOCOL_VERSION, kind: GET_STATE }));
}

function carry(effects) {
  if (!effects) return;
  for (const fx of effects) {
    switch (fx.to) {
      case 'frame':
        toFrame(fx.tab, fx.frame, fx.msg);
        break;
      case 'panel':
        toPanels(fx.msg);
        break;
      case 'persist':
        persist(fx.snapshot);
        break;
      case 'log':
        console.info('Waymark:', fx.text);
        break;
      default:
        console.warn('Waymark: unknown effect', fx);
    }
  }
}

// Saving the snapshot. One write at a time; a newer snapshot replaces one
// still waiting (only the latest matters). A failed write (quota, storage
// unavailable) is retried after 1, 2, 4, 8 and 16 s, then left until the
// next change; the panel is told while the state is unsaved, and when it is
// saved again.
let unsaved = null;
let saving = false;
let saveFailures = 0;
/** @type {{id: string, args: string[]} | null} */
let saveProblem = null;
const SAVE_RETRIES = 5;

function persist(snapshot) {
  lastSnapshot = snapshot;
  unsaved = snapshot;
  if (!saving) save();
}

function save() {
  if (unsaved == null) return;
  const snapshot = unsaved;
  unsaved = null;
  saving = true;
  api.storage.session.set({ [SNAPSHOT_KEY]: snapshot }).then(
    () => {
      saving = false;
      saveFailures = 0;
      if (saveProblem) {
        saveProblem = null;
        toPanels(errorMessage({ id: 'savedAgain' }));
      }
      save();
    },
    (e) => {
      saving = false;
      saveFailures += 1;
      unsaved ??= snapshot; // a newer snapshot, if one came, is the one to write
      const why = String(e?.message ?? e);
      console.warn('Waymark: could not save state', why);
      const retrying = saveFailures <= SAVE_RETRIES;
      saveProblem = { id: retrying ? 'saveFailedRetrying' : 'saveFailedLater', args: [why] };
      toPanels(errorMessage(saveProblem));
      if (retrying) setTimeout(() => saving || save(), 1000 * 2 ** (saveFailures - 1));
      else saveFailures = 0; // the next change starts a fresh round: no endless loop
    },
  );
}

// `message` is a message of the catalogue, `{id, args}` (i18n.js): the panel
// says it in its language.
const errorMessage = (message) => ({ waymark: PROTOCOL_VERSION, kind: ERROR, message });

// Hellos per frame ("tab/frame"), so that a delivery failure is blamed on
// the document it was meant for: if the frame said hello since the message
// was sent, the failure belongs to a document that is gone already.
const hellos = new Map();
const frameKey = (tab, frame) => tab + '/' + frame;

// A frame whose content script is gone (its document navigated, its iframe
// was removed) cannot receive: the engine forgets it. A closed tab, the tab.
const NO_RECEIVER = /Receiving end does not exist|No frame with id/i;
const NO_TAB = /No tab with id|Invalid tab/i;

// Paints wait for the catalogue of their callout's language (loaded once),
// in order: a later paint never overtakes an earlier one.
let paints = Promise.resolve();

// The callout's own words (Hide, Back, Skip...) in the language of the page
// it is painted on (`lang`, from the page, protocol.rs `Callout`), else the
// browser's; sent with it, so content.js carries no text (its budget).
async function withCalloutWords(callout) {
  const tr = await translator(callout.lang);
  callout.lang = tr.lang;
  callout.dir = tr.dir;
  // A recorded step's title and instruction are messages; a guide's are data.
  callout.title = tr.text(callout.title);
  callout.text = tr.text(callout.text);
  callout.ui = {
    hide: tr.t('calloutHide'),
    back: tr.t('back'),
    skip: tr.t('skip'),
    why: tr.t('calloutWhy'),
    notFound: tr.t('calloutNotFound'),
    show: tr.t('calloutShow', callout.title),
    label: tr.t('calloutLabel', callout.title),
  };
  callout.progress = tr.text(callout.progress);
  callout.why = tr.text(callout.why);
  callout.badge = tr.text(callout.badge);
  if (callout.warning) callout.warning = tr.text(callout.warning);
  for (const line of callout.lines ?? []) line.text = tr.text(line.text);
}

// A mark's text (a verdict badge) is a message: worded here in its page's
// language, so the content script shows a string.
async function withMarkWords(marks) {
  for (const m of marks) m.text = (await translator(m.lang)).text(m.text);
}

function toFrame(tab, frame, msg) {
  if (msg?.kind === PAINT) {
    msg.style = overlayStyle;
    const callout = msg.overlay?.callout;
    const marks = msg.overlay?.marks ?? [];
    if (callout || marks.length) {
      paints = paints.then(() =>
        Promise.all([callout && withCalloutWords(callout), withMarkWords(marks)]).then(() =>
          sendToFrame(tab, frame, msg),
        ),
      );
      return;
    }
  }
  sendToFrame(tab, frame, msg);
}

function sendToFrame(tab, frame, msg) {
  const sentAfter = hellos.get(frameKey(tab, frame));
  const failed = (e) => {
    const why = String(e?.message ?? e);
    console.debug('Waymark: frame', tab, frame, 'is gone:', why);
    if (hellos.get(frameKey(tab, frame)) !== sentAfter) return;
    if (NO_TAB.test(why)) tabGone(tab);
    else if (NO_RECEIVER.test(why)) {
      hellos.delete(frameKey(tab, frame));
      whenReady((en) => en.frame_gone(tab, frame));
    }
  };
  try {
    api.tabs.sendMessage(tab, msg, { frameId: frame })?.catch?.(failed);
  } catch (e) {
    failed(e);
  }
}

function tabGone(tab) {
  for (const key of hellos.keys()) if (key.startsWith(tab + '/')) hellos.delete(key);
  whenReady((en) => en.tab_gone(tab));
}

function toPanels(msg) {
  for (const port of panels) {
    try {
      port.postMessage(msg);
    } catch {
      panels.delete(port);
    }
  }
}

function whenReady(fn) {
  boot().then(
    () => call(fn),
    () => {},
  );
}

// Content scripts. Tab, frame and URL come from the browser, never the message.
api.runtime.onMessage.addListener((msg, sender) => {
  if (sender?.id !== api.runtime.id || !sender.tab || typeof sender.tab.id !== 'number') return false;
  const tab = sender.tab.id;
  const frame = sender.frameId ?? 0;
  const url = String(sender.url ?? '');
  if (msg?.kind === HELLO && frame === 0 && droppedForTest.left > 0) {
    // Tests: a hello lost as if the worker had stopped at the wrong moment.
    droppedForTest.left -= 1;
    droppedForTest.dropped += 1;
    return false;
  }
  bootMs.message ??= performance.now(); // the first page message reached this worker
  const key = frameKey(tab, frame);
  if (msg?.kind === HELLO) hellos.set(key, (hellos.get(key) ?? 0) + 1);
  else if (msg?.kind === BYE) hellos.delete(key);
  // A tab opened from the guided journey is part of it (no permission needed:
  // openerTabId is not one of the fields the "tabs" permission guards).
  const opener = msg?.kind === HELLO ? sender.tab.openerTabId : undefined;
  whenReady((en) => {
    // Back and Skip in the page's callout: the admin's own click there
    // (the content script sends only trusted activations of its buttons),
    // carried out as the panel's buttons are.
    if (msg?.kind === BACK || msg?.kind === SKIP) return en.from_panel({ waymark: PROTOCOL_VERSION, kind: msg.kind });
    const t0 = performance.now();
    try {
      if (typeof opener === 'number') en.opened_from(tab, opener);
      return en.from_page(tab, frame, url, msg);
    } finally {
      if (bootMs.answer == null) {
        bootMs.answer = performance.now();
        bootMs.answerAt = performance.timeOrigin + bootMs.answer; // wall clock, to compare with the page's
      }
      timePageMessage(performance.now() - t0);
    }
  });
  return false;
});

// Tests only (`waymark.dropHellosForTest`): top-frame hellos to ignore.
const droppedForTest = { left: 0, dropped: 0 };
// Tests only (`waymark.losePanelMessagesForTest`): panel messages the policy
// can refuse, lost as if the worker stopped while holding them for the
// first policy read.
const lostForTest = { left: 0, lost: 0 };

// The engine's time per page message (ms, the last 512), for `cargo xtask
// bench`. Worker timers are coarsened (100 µs steps without isolation).
const pageMessageMs = [];
function timePageMessage(ms) {
  pageMessageMs.push(ms);
  if (pageMessageMs.length > 512) pageMessageMs.shift();
}

// The side panel (or panel.html opened as a tab): a port named "panel" from
// one of our own pages, never from a content script.
const ownPrefix = api.runtime.getURL('');
api.runtime.onConnect.addListener((port) => {
  if (port.name !== PANEL_PORT || !String(port.sender?.url ?? '').startsWith(ownPrefix)) {
    port.disconnect();
    return;
  }
  panels.add(port);
  /** @type {Promise<void> | null} */
  let queued = null;
  port.onDisconnect.addListener(() => panels.delete(port));
  if (saveProblem) port.postMessage(errorMessage(saveProblem));
  port.onMessage.addListener((msg) => {
    const handle = () => {
      const { refused, msg: allowed } = applyPolicy(policy, msg, POLICY_KINDS);
      if (refused) port.postMessage(errorMessage({ id: refused }));
      else whenReady((en) => en.from_panel(allowed));
    };
    if (lostForTest.left > 0 && Object.values(POLICY_KINDS).includes(msg?.kind)) {
      lostForTest.left -= 1;
      lostForTest.lost += 1;
      return;
    }
    // Only what the policy can refuse waits for it; once one message waits,
    // the ones after it queue behind it, so none overtakes another.
    if (queued || (!policyKnown && Object.values(POLICY_KINDS).includes(msg?.kind))) {
      queued = (queued ?? policyReady).then(handle);
    } else handle();
  });
  boot().catch((e) =>
    port.postMessage({
      waymark: PROTOCOL_VERSION,
      kind: ERROR,
      message: { id: 'engineNoStart', args: [String(e?.message ?? e)] },
    }),
  );
});

api.tabs.onRemoved.addListener(tabGone);

// The keyboard command "focus-callout" (manifest `commands`): the frame of the
// current tab that shows the step's callout moves the focus into it. The
// other shortcut, opening the panel, is the browser's own (_execute_action,
// _execute_sidebar_action).
async function onCommand(command, tab) {
  if (command !== 'focus-callout') return;
  const id = tab?.id ?? (await api.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (typeof id !== 'number') return;
  api.tabs.sendMessage(id, { waymark: PROTOCOL_VERSION, kind: FOCUS_CALLOUT })?.catch?.(() => {});
}
api.commands?.onCommand.addListener(onCommand);

// The toolbar button opens the side panel (Chrome/Edge) or the sidebar
// (Firefox). In Chrome it runs the action (onClicked) rather than relying on
// openPanelOnActionClick: running the action is what grants `activeTab` for
// the tab, which the panel's "Capture this step" (tabs.captureVisibleTab)
// needs. sidePanel.open must be called synchronously, inside the click.
// Where no side panel or sidebar can open, the panel opens in a tab, and
// says why (panel.html reads `why`: a fixed id, never free text).
function openPanelInTab(why) {
  api.tabs
    .create({ url: api.runtime.getURL(`panel.html?in=tab&why=${why}`) })
    .catch((e) => console.warn('Waymark: could not open the panel', e));
}

if (api.sidePanel?.open && api.action?.onClicked) {
  api.sidePanel.setPanelBehavior?.({ openPanelOnActionClick: false })?.catch?.((e) => console.warn('Waymark:', e));
  api.action.onClicked.addListener((tab) => {
    api.sidePanel.open({ windowId: tab.windowId }).catch((e) => {
      console.warn('Waymark: could not open the side panel', e);
      openPanelInTab('side-panel-failed');
    });
  });
} else if (api.sidePanel?.setPanelBehavior) {
  api.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch((e) => console.warn('Waymark:', e));
} else if (api.sidebarAction && api.action?.onClicked) {
  api.action.onClicked.addListener(() => {
    // Must run synchronously inside the user action.
    (api.sidebarAction.toggle ?? api.sidebarAction.open).call(api.sidebarAction);
  });
} else if (api.action?.onClicked) {
  api.action.onClicked.addListener(() => openPanelInTab('no-side-panel'));
}

// Once, on install (not on update or browser start): the welcome page.
api.runtime.onInstalled?.addListener(({ reason }) => {
  if (reason === 'install')
    api.tabs.create({ url: api.runtime.getURL('welcome.html') }).catch((e) => console.warn('Waymark:', e));
});

// For tests and debugging from the worker console.
globalThis.waymark = {
  boot,
  get restarts() {
    return restarts;
  },
  get ready() {
    return engine !== null;
  },
  get pageMessageMs() {
    return pageMessageMs.slice();
  },
  get bootMs() {
    return { ...bootMs };
  },
  crashForTest: () => boot().then(() => call(() => crash_for_test())),
  // Ignore the next `n` top-frame hellos, as if lost (tests); returns how
  // many were ignored so far.
  dropHellosForTest: (n) => {
    droppedForTest.left = n;
    return droppedForTest.dropped;
  },
  // Lose the next `n` panel messages the policy can refuse, as a worker
  // stopped during the first policy read does (tests); returns how many
  // were lost so far.
  losePanelMessagesForTest: (n) => {
    lostForTest.left = n;
    return lostForTest.lost;
  },
  // Carry out effects as if the engine had returned them (tests, debugging).
  carry: (effects) => carry(effects),
};

// Start early so the first message does not wait for compilation.
boot().catch(() => {});

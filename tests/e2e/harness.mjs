// End-to-end harness: the replica server, Chromium with the built extension
// (playwright-core), Firefox ESR with the built extension (puppeteer-core),
// and helpers that read Waymark's observable contract (issue 2) from pages,
// frames and the side panel document.
//
// Nothing here knows guide content: specs read step ids and progress from
// the panel's DOM and from the contract markers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../server/server.mjs';
import { launchFirefoxSession } from './firefox.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const TESTS_DIR = path.resolve(here, '..');
export const REPO_DIR = path.resolve(TESTS_DIR, '..');
export const DIST = process.env.WAYMARK_DIST ? path.resolve(process.env.WAYMARK_DIST) : path.join(REPO_DIR, 'dist');
export const CHROMIUM = process.env.WAYMARK_CHROMIUM || '/usr/bin/chromium';
export const FIREFOX = process.env.WAYMARK_FIREFOX || '/usr/bin/firefox-esr';

/** Per-step wait budget for things the engine does (ms); not a timing assertion. */
export const WAIT = Number(process.env.WAYMARK_E2E_WAIT || 10000);

export { startServer };

// ---------------------------------------------------------------------------
// The browser fixture: every spec launches and closes its server and browsers
// here, so none is left running when a test fails (a live browser keeps the
// test process alive) and each browser has its own profile directory and
// talks to Playwright over a pipe (no debugging port): spec files can run
// side by side (`cargo xtask test` runs two at a time, README).
// ---------------------------------------------------------------------------

/** The replica server of the spec file being run (one per process). */
let fileReplicas = null;
/** The browsers shared by every test of the file, closed before the server. */
const fileBrowsers = [];

/** A promise with its settle functions (hooks wait on each other with it). */
function deferred() {
  const d = {};
  d.promise = new Promise((resolve, reject) => Object.assign(d, { resolve, reject }));
  d.promise.catch(() => {}); // the hook that awaits it reports the failure
  return d;
}

/**
 * The replica server for every test of the calling spec file: started in
 * `before`, closed in `after`. Read `replicas.server` inside the tests.
 * `also443`: also listen on 443 (Firefox, see startServer).
 */
export function serveReplicas({ also443 = false } = {}) {
  const up = deferred();
  const replicas = { server: null, ready: up.promise };
  fileReplicas = replicas;
  before(async () => {
    try {
      replicas.server = await startServer({ also443 });
      up.resolve(replicas.server);
    } catch (e) {
      up.reject(e);
      throw e;
    }
  });
  after(async () => {
    for (const browser of fileBrowsers) await browser.session?.close();
    await replicas.server?.close();
  });
  return replicas;
}

function fileServer() {
  if (!fileReplicas) throw new Error('no replica server: call serveReplicas() at the top of the spec file');
  return fileReplicas.ready;
}

/**
 * Chromium for one test: `const s = await useChromium(t, opts)` (`t`, the
 * test's context; `opts` as launchChromium's, the server defaulting to the
 * file's `serveReplicas()`). Closed when the test ends, passed or failed;
 * `await s.close()` earlier is harmless (a test that wants the profile
 * gone before it launches the next one).
 */
export async function useChromium(t, opts = {}) {
  const s = await launchChromium({ server: opts.server ?? (await fileServer()), ...opts });
  t.after(() => s.close());
  return s;
}

/**
 * One browser for every test of the spec file, launched in `before` with
 * `launch(server)` once the file's server is up (Node 20 runs a file's
 * `before` hooks side by side, so they wait on each other with promises).
 * Tests read `browser.session`; a spec's own `before` that needs the
 * browser awaits `browser.ready`. Closed after the tests, before the server.
 */
function browserForFile(replicas, skip, launch) {
  const launched = deferred();
  const browser = { session: null, ready: launched.promise };
  fileBrowsers.push(browser);
  before(async () => {
    try {
      const server = await replicas.ready;
      browser.session = skip ? null : await launch(server);
      launched.resolve(browser.session);
    } catch (e) {
      launched.reject(e);
      throw e;
    }
  });
  return browser;
}

/** One Chromium for every test of the spec file (see browserForFile); call it after `serveReplicas()`. */
export function chromiumForFile({ skip = false, ...opts } = {}) {
  if (!fileReplicas) throw new Error('chromiumForFile: call serveReplicas() first');
  return browserForFile(fileReplicas, skip, (server) => launchChromium({ server, ...opts }));
}

/**
 * One Firefox ESR for every test of the spec file (see browserForFile and
 * launchFirefox, whose options it passes on), its replica server listening
 * on 443 too; `session` stays null when `skip` or when 443 could not be had.
 */
export function firefoxForFile({ skip = false, ...opts } = {}) {
  const replicas = serveReplicas({ also443: true });
  return browserForFile(replicas, skip, (server) => (server.port443 ? launchFirefox({ server, ...opts }) : null));
}

// Contract markers (issue 2, "Observable contract").
export const MARKERS = {
  root: '#waymark-root',
  target: '[data-waymark-target]',
  step: '[data-waymark-step]',
  verdict: '[data-waymark-verdict]',
  start: '[data-waymark-start]',
};

export function extensionDir(browser = 'chrome') {
  return path.join(DIST, browser);
}

/** Why the built extension cannot be used, or null when it can. */
export function extensionMissing(browser = 'chrome') {
  const m = path.join(extensionDir(browser), 'manifest.json');
  if (!fs.existsSync(m)) return `no built extension at ${extensionDir(browser)} (run \`cargo xtask dist\` or set WAYMARK_DIST)`;
  return null;
}

export function manifest(browser = 'chrome') {
  return JSON.parse(fs.readFileSync(path.join(extensionDir(browser), 'manifest.json'), 'utf8'));
}

export function tmpProfile(prefix = 'waymark-e2e-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Like sleep, but does not keep the process alive (for upper bounds in races). */
function bound(ms) {
  return new Promise((r) => setTimeout(r, ms).unref());
}

/** Poll `fn` until it returns a truthy value; throws `what` on timeout. */
export async function until(fn, what, timeout = WAIT, every = 100) {
  const end = Date.now() + timeout;
  let last;
  let lastErr;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > end) {
      const why = lastErr ? ` (last error: ${lastErr.message})` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${why}`);
    }
    await sleep(every);
  }
}

export function resolverRules(server) {
  return server.resolverHosts.map((h) => `MAP ${h} 127.0.0.1:${server.port}`).join(', ');
}

// Hosts Chromium itself contacts at start-up even with the networking flags
// (component updater, account consistency); never the extension's.
const CHROMIUM_OWN_HOSTS = /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com|googleusercontent\.com)$/;

/**
 * Launch Chromium with the built extension (or none) against the replica
 * server. Returns a session with helpers; always `await s.close()`.
 * `extensionPath` loads another copy of the build (e.g. one with a fixed id).
 * Every launch is a fresh profile, so the extension is installed afresh and
 * opens its welcome page; specs start once it has opened and been closed
 * (a tab loading beside the first page would slow the spec's first steps),
 * unless `keepWelcome` (first-run.test.mjs checks the page itself).
 * @param {{server: object, extension?: boolean, netlog?: boolean, extensionPath?: string, keepWelcome?: boolean}} opts
 */
// `lang`: the browser's UI language (default: the machine's, English here).
export async function launchChromium({ server, extension = true, netlog = false, extensionPath = '', keepWelcome = false, lang = '' }) {
  const profile = tmpProfile();
  const ext = extensionPath || extensionDir('chrome');
  const args = [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-features=Translate,OptimizationHints,MediaRouter',
    `--host-resolver-rules=${resolverRules(server)}`,
    '--ignore-certificate-errors',
    '--window-size=1280,900',
  ];
  if (extension) args.push(`--load-extension=${ext}`, `--disable-extensions-except=${ext}`);
  if (lang) args.push(`--lang=${lang}`);
  const netlogFile = netlog ? path.join(profile, 'netlog.json') : null;
  if (netlogFile) args.push(`--log-net-log=${netlogFile}`, '--net-log-capture-mode=Default');
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: false, // headless comes from --headless=new above
      args,
      ...(lang ? { env: { ...process.env, LANGUAGE: lang, LANG: `${lang}.UTF-8` }, locale: lang } : {}),
      viewport: { width: 1280, height: 900 },
      ignoreHTTPSErrors: true,
      timeout: 45000,
    });
  let context;
  try {
    context = await launch();
  } catch (e) {
    // Seen once in CI on a loaded machine: Chromium started (pid logged) and
    // said nothing on its pipe for 30 s. Playwright has killed it; a second
    // start on the same (unused) profile is the browser's start, not the
    // extension's behaviour, so it is retried once, and said.
    if (e?.name !== 'TimeoutError') throw e;
    console.log(`# Chromium did not start within 45 s; starting it once more (${e.message.split('\n')[0]})`);
    context = await launch();
  }
  const s = new ChromiumSession(context, server, profile, netlogFile);
  s.attachRecorders();
  if (extension) {
    try {
      const id = await s.extensionId();
      if (!keepWelcome) await closeWelcome(context, id);
    } catch (e) {
      await s.close(); // never leak a browser: it would keep the test process alive
      s.cleanup();
      throw e;
    }
  }
  return s;
}

/** Wait (briefly) for the install-time welcome page, and close it. */
async function closeWelcome(context, id) {
  const isWelcome = (p) => p.url() === `chrome-extension://${id}/welcome.html`;
  let page = null;
  for (let waited = 0; !page && waited < 5000; waited += 50) {
    page = context.pages().find(isWelcome) ?? null;
    if (!page) await sleep(50);
  }
  if (page) {
    await page.waitForLoadState('load').catch(() => {});
    await page.close().catch(() => {});
  }
}

class ChromiumSession {
  constructor(context, server, profile, netlogFile) {
    this.name = 'chromium';
    this.context = context;
    this.server = server;
    this.profile = profile;
    this.netlogFile = netlogFile;
    this.requests = []; // {url, method, resourceType, frameUrl, worker, fromExtension, via}
    this.errors = []; // {kind, text, url}
    this.cdpRequests = []; // from per-page CDP Network: {url, initiatorUrls, frameId}
    this._id = null;
    this._closed = false;
  }

  attachRecorders() {
    const ctx = this.context;
    ctx.on('request', (req) => {
      let frameUrl = '';
      try {
        frameUrl = req.frame().url();
      } catch {
        /* service-worker requests have no frame */
      }
      const worker = req.serviceWorker() ? req.serviceWorker().url() : '';
      const url = req.url();
      this.requests.push({
        url,
        method: req.method(),
        resourceType: req.resourceType(),
        frameUrl,
        worker,
        via: 'context',
        fromExtension: isNetwork(url) && (worker.startsWith('chrome-extension://') || frameUrl.startsWith('chrome-extension://')),
      });
    });
    const watchPage = (page) => this._watchPage(page);
    ctx.pages().forEach(watchPage);
    ctx.on('page', watchPage);
    ctx.on('serviceworker', (w) => {
      w.on?.('console', (m) => {
        if (m.type() === 'error') this.errors.push({ kind: 'worker-console', text: m.text(), url: w.url() });
      });
    });
  }

  _watchPage(page) {
    page.on('console', (m) => {
      if (m.type() === 'error') {
        const loc = m.location?.() || {};
        this.errors.push({ kind: 'console', text: m.text(), url: loc.url || page.url() });
      }
    });
    page.on('pageerror', (e) => this.errors.push({ kind: 'pageerror', text: String(e && (e.stack || e.message || e)), url: page.url() }));
    page.on('crash', () => this.errors.push({ kind: 'crash', text: 'page crashed', url: page.url() }));
    // Content-script requests look like the page's own; CDP initiators tell.
    const attach = async (target) => {
      try {
        const cdp = await this.context.newCDPSession(target);
        cdp.on('Network.requestWillBeSent', (e) => {
          const urls = [];
          const walk = (st) => {
            for (; st; st = st.parent) for (const f of st.callFrames || []) urls.push(f.url);
          };
          if (e.initiator) {
            if (e.initiator.url) urls.push(e.initiator.url);
            walk(e.initiator.stack);
          }
          this.cdpRequests.push({ url: e.request.url, initiatorUrls: urls, frameId: e.frameId });
        });
        await cdp.send('Network.enable');
      } catch {
        /* frame went away or is not a separate target */
      }
    };
    attach(page);
    page.on('frameattached', (f) => {
      // Out-of-process (cross-origin) frames are separate CDP targets.
      f.waitForLoadState('domcontentloaded').then(() => attach(f)).catch(() => {});
    });
  }

  /** Requests that the extension made (service worker, panel, or content script). */
  extensionRequests() {
    const fromCS = this.cdpRequests
      .filter((r) => isNetwork(r.url) && r.initiatorUrls.some((u) => u.startsWith('chrome-extension://')))
      .map((r) => ({ url: r.url, via: 'content-script', fromExtension: true }));
    return this.requests.filter((r) => r.fromExtension).concat(fromCS);
  }

  /** Network requests seen, other than chrome-extension:// and data: URLs. */
  networkRequests() {
    return this.requests.filter((r) => isNetwork(r.url));
  }

  /** URLs in Chromium's net log (after close), for a complete picture. */
  netlogUrls() {
    if (!this.netlogFile || !fs.existsSync(this.netlogFile)) return null;
    const text = fs.readFileSync(this.netlogFile, 'utf8');
    const urls = new Set();
    for (const m of text.matchAll(/"url":"((?:https?|wss?|ftp):\/\/[^"]*)"/g)) urls.add(m[1]);
    return [...urls];
  }

  static isChromiumOwn(url) {
    try {
      return CHROMIUM_OWN_HOSTS.test(new URL(url).hostname);
    } catch {
      return false;
    }
  }

  async extensionId() {
    if (this._id) return this._id;
    let sw = this.context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    if (!sw) {
      sw = await this.context.waitForEvent('serviceworker', { timeout: 15000 }).catch(() => null);
    }
    if (!sw) throw new Error('the extension service worker did not start');
    this._id = new URL(sw.url()).host;
    return this._id;
  }

  /** Service worker targets of the extension that are running now (CDP). */
  async runningWorkers() {
    const id = await this.extensionId();
    const b = await this._browserCdp();
    const { targetInfos } = await b.send('Target.getTargets');
    return targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${id}/`));
  }

  async _browserCdp() {
    if (!this._bcdp) this._bcdp = await this.context.browser().newBrowserCDPSession();
    return this._bcdp;
  }

  /**
   * Press a shortcut as the admin does, `page`'s tab shown (`keys`:
   * modifiers, then a letter, e.g. ['Alt', 'Shift', 'K']). A DevTools key
   * event that carries a native key code goes through the browser window's
   * own key handling first, where the extensions' `commands` shortcuts are;
   * without one (Playwright's keyboard sends none) DevTools marks it
   * skip-if-unhandled and only the page sees it (Chromium's
   * content/browser/devtools/protocol/input_handler.cc, DispatchKeyEvent).
   */
  async shortcut(keys, page) {
    await page.bringToFront();
    const cdp = await this.context.newCDPSession(page);
    try {
      let modifiers = 0;
      const events = keys.map((k) => {
        const mod = CDP_MODIFIERS[k];
        if (mod) return { key: k, code: mod.code, windowsVirtualKeyCode: mod.vk, nativeVirtualKeyCode: mod.native, bit: mod.bit };
        return { key: k, code: `Key${k}`, windowsVirtualKeyCode: k.charCodeAt(0), nativeVirtualKeyCode: x11Keycode(k), bit: 0 };
      });
      for (const { bit, ...e } of events) {
        modifiers |= bit;
        await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', modifiers, ...e });
      }
      for (const { bit, ...e } of [...events].reverse()) {
        await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', modifiers, ...e });
        modifiers &= ~bit;
      }
    } finally {
      await cdp.detach().catch(() => {});
    }
  }

  /**
   * Stop the extension's service worker, and prove it stopped: the browser
   * reports its version `stopped` (CDP ServiceWorker.workerVersionUpdated),
   * or no worker target runs. Not only the latter: with portal tabs open, a
   * page's next message may restart the worker before a poll sees none
   * (seen in CI under load: 20 s without a poll catching the gap). The next
   * message from a page or the panel restarts it.
   */
  async stopServiceWorker() {
    const id = await this.extensionId();
    const page = this.context.pages()[0] || (await this.context.newPage());
    const cdp = await this.context.newCDPSession(page);
    let stopRequested = false;
    let stopped = false;
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      const ours = versions.some((v) => v.scriptURL.startsWith(`chrome-extension://${id}/`) && v.runningStatus === 'stopped');
      if (stopRequested && ours) stopped = true;
    });
    await cdp.send('ServiceWorker.enable');
    stopRequested = true;
    await cdp.send('ServiceWorker.stopAllWorkers');
    await until(async () => stopped || (await this.runningWorkers()).length === 0, 'the service worker to stop', WAIT);
    await cdp.detach().catch(() => {});
  }

  async newPage() {
    return this.context.newPage();
  }

  /** Open the side panel document (panel.html) as a page. */
  async openPanel(query = '') {
    const id = await this.extensionId();
    const page = await this.context.newPage();
    await page.goto(`chrome-extension://${id}/panel.html${query}`);
    return page;
  }

  async close() {
    if (this._closed) return;
    this._closed = true;
    // Bounded: a wedged browser must not hold the suite.
    await Promise.race([this.context.close().catch(() => {}), bound(20000)]);
    // Keep the net log for the spec that reads it; drop the rest.
    if (!this.netlogFile) fs.rmSync(this.profile, { recursive: true, force: true });
  }

  cleanup() {
    fs.rmSync(this.profile, { recursive: true, force: true });
  }
}
export { ChromiumSession };

/** Modifier keys for DevTools key events: code, Windows virtual key, X11 keycode, modifier bit. */
const CDP_MODIFIERS = {
  Alt: { code: 'AltLeft', vk: 18, native: 64, bit: 1 },
  Control: { code: 'ControlLeft', vk: 17, native: 37, bit: 2 },
  Meta: { code: 'MetaLeft', vk: 91, native: 133, bit: 4 },
  Shift: { code: 'ShiftLeft', vk: 16, native: 50, bit: 8 },
};

/** The X11 keycode of a letter key on a US layout (the native key code on Linux). */
function x11Keycode(letter) {
  for (const [row, first] of [
    ['QWERTYUIOP', 24],
    ['ASDFGHJKL', 38],
    ['ZXCVBNM', 52],
  ]) {
    const i = row.indexOf(letter.toUpperCase());
    if (i >= 0) return first + i;
  }
  throw new Error(`no keycode for "${letter}"`);
}

function isNetwork(url) {
  return /^(https?|wss?|ftp):/i.test(url);
}

// ---------------------------------------------------------------------------
// Contract readers (run in a frame; cross-origin frames are separate frames)
// ---------------------------------------------------------------------------

/** Everything Waymark shows in one frame, per the contract. */
export async function readFrame(frame) {
  return frame.evaluate(() => {
    const rect = (el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none';
    };
    const text = (el) => (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim();
    const roots = document.querySelectorAll('#waymark-root');
    const host = roots[0] || null;
    const sr = host ? host.shadowRoot : null;
    const targets = [...document.querySelectorAll('[data-waymark-target]')].map((el) => ({
      step: el.getAttribute('data-waymark-target'),
      tag: el.tagName.toLowerCase(),
      name: (el.getAttribute('aria-label') || el.getAttribute('placeholder') || text(el)).slice(0, 200),
      text: text(el).slice(0, 200),
      rect: rect(el),
      visible: visible(el),
    }));
    const dialogs = sr
      ? [...sr.querySelectorAll('[role="dialog"]')].map((el) => ({
          step: el.getAttribute('data-waymark-step'),
          text: text(el).slice(0, 2000),
          rect: rect(el),
          visible: visible(el),
        }))
      : [];
    const verdicts = sr
      ? [...sr.querySelectorAll('[data-waymark-verdict]')].map((el) => ({
          verdict: el.getAttribute('data-waymark-verdict'),
          text: text(el).slice(0, 500),
          rect: rect(el),
        }))
      : [];
    // Markers anywhere in the light DOM (other than the target attribute).
    const stray = document.querySelectorAll('[data-waymark-step], [data-waymark-verdict], [data-waymark-start]').length;
    return {
      url: location.href,
      shadowText: sr ? (sr.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 4000) : '',
      rootCount: roots.length,
      rootHasOpenShadow: !!sr,
      rootParent: host ? (host.parentElement ? host.parentElement.tagName.toLowerCase() : null) : null,
      targets,
      dialogs,
      verdicts,
      stray,
    };
  });
}

/** readFrame over every frame of a page; frames that vanish are skipped. */
export async function readPage(page) {
  const out = [];
  for (const f of page.frames()) {
    try {
      const r = await readFrame(f);
      r.frame = f;
      out.push(r);
    } catch {
      /* detached or navigating */
    }
  }
  return out;
}

/** True when a frame shows nothing of Waymark. */
export function isClean(r) {
  return r.rootCount === 0 && r.targets.length === 0 && r.stray === 0;
}

/**
 * Wait until some frame of `page` has a highlighted target whose step matches
 * `match` (string prefix "guide/" or exact "guide/step", RegExp, or function),
 * AND that frame's shadow root holds the callout for the same step.
 * Returns {frame, target, dialog, read}.
 */
export async function waitForStep(page, match, timeout = WAIT, opts = {}) {
  const ok = (step) =>
    typeof match === 'function' ? match(step) : match instanceof RegExp ? match.test(step) : match.endsWith('/') ? step.startsWith(match) : step === match;
  return until(
    async () => {
      for (const r of await readPage(page)) {
        if (opts.frame && !opts.frame(r.frame)) continue;
        const t = r.targets.find((x) => ok(x.step) && (!opts.target || opts.target(x)));
        if (!t) continue;
        const d = r.dialogs.find((x) => x.step === t.step);
        if (d) return { frame: r.frame, target: t, dialog: d, read: r };
      }
      return null;
    },
    `a highlighted target and callout for ${match} on ${page.url()}`,
    timeout,
  );
}

/** Click the element Waymark highlights for `step` in `frame` (as a user would). */
export async function clickTarget(frame, step) {
  await frame.click(`[data-waymark-target="${step}"]`, { timeout: WAIT });
}

export const inSandbox = (f) => /\.reactblade(-ms|-rc)?\.portal\.azure\.net$/.test(safeHost(f.url()));
export const inTop = (f) => !f.parentFrame();
function safeHost(u) {
  try {
    return new URL(u).hostname;
  } catch {
    return '';
  }
}

/**
 * Mark the currently highlighted element of `step` in `frame`, wait for the
 * page to re-render (`ms`), and report whether the highlight moved to a new
 * node (the old one was replaced) and is still on a connected element.
 */
export async function reRenderCheck(frame, step, ms = 2600) {
  await frame.evaluate((st) => {
    const el = document.querySelector(`[data-waymark-target="${st}"]`);
    if (el) window.__waymarkTestOld = el;
  }, step);
  await sleep(ms);
  return frame.evaluate((st) => {
    const old = window.__waymarkTestOld;
    const now = document.querySelector(`[data-waymark-target="${st}"]`);
    return {
      hadOld: !!old,
      oldConnected: !!(old && old.isConnected),
      oldStillMarked: !!(old && old.hasAttribute('data-waymark-target')),
      now: !!now,
      replaced: !!(old && now && old !== now),
      nowText: now ? (now.innerText || now.textContent || '').trim().slice(0, 100) : null,
      oldText: old ? (old.innerText || old.textContent || '').trim().slice(0, 100) : null,
    };
  }, step);
}

/** Gap in px between two rects (0 when they touch or overlap). */
export function rectGap(a, b) {
  const dx = Math.max(0, Math.max(a.x, b.x) - Math.min(a.x + a.width, b.x + b.width));
  const dy = Math.max(0, Math.max(a.y, b.y) - Math.min(a.y + a.height, b.y + b.height));
  return Math.hypot(dx, dy);
}

/** Wait until the callout for `step` sits within `tol` px of its target in `frame`. */
export async function waitCalloutOnTarget(frame, step, tol = 48, timeout = WAIT) {
  return until(
    async () => {
      const r = await readFrame(frame);
      const t = r.targets.find((x) => x.step === step);
      const d = r.dialogs.find((x) => x.step === step);
      if (!t || !d || !d.visible) return null;
      return rectGap(t.rect, d.rect) <= tol ? { target: t, dialog: d } : null;
    },
    `the callout of ${step} to sit on its target (within ${tol}px)`,
    timeout,
  );
}

// ---------------------------------------------------------------------------
// Side panel readers
// ---------------------------------------------------------------------------

export async function panelText(panel) {
  return panel.evaluate(() => document.body.innerText.replace(/\s+/g, ' ').trim());
}

/** "Step N of M" from the panel, or null. */
export async function panelProgress(panel) {
  const t = await panelText(panel);
  // The panel speaks the guided page's language: English or German.
  const m = /step\s+(\d+)\s+of\s+(\d+)/i.exec(t) || /schritt\s+(\d+)\s+von\s+(\d+)/i.exec(t);
  return m ? { n: Number(m[1]), of: Number(m[2]) } : null;
}

export async function waitPanelProgress(panel, n, timeout = WAIT) {
  return until(async () => {
    const p = await panelProgress(panel);
    return p && p.n === n ? p : null;
  }, `the panel to show "Step ${n} of …"`, timeout);
}

/**
 * The current guide's checklist as [{id, status, current}], in order: from
 * `[data-waymark-step]` in the panel if present, else the checklist items
 * (`li[data-step]`, `aria-current="step"` on the current one).
 */
export async function panelChecklist(panel) {
  return panel.evaluate(() => {
    let items = [...document.querySelectorAll('#active [data-waymark-step], #active li[data-step]')];
    if (!items.length) items = [...document.querySelectorAll('[data-waymark-step], li[data-step]')];
    const out = [];
    for (const el of items) {
      let id = el.getAttribute('data-waymark-step') || el.getAttribute('data-step');
      if (id && id.includes('/')) id = id.split('/').pop();
      if (!id || out.some((x) => x.id === id)) continue;
      out.push({ id, status: el.getAttribute('data-status') || '', current: el.getAttribute('aria-current') === 'step' });
    }
    return out;
  });
}

export async function panelSteps(panel) {
  return (await panelChecklist(panel)).map((s) => s.id);
}

/** Id of the checklist's current step, or null. */
export async function panelCurrent(panel) {
  const c = (await panelChecklist(panel)).find((s) => s.current || s.status === 'current');
  return c ? c.id : null;
}

export async function startGuide(panel, guide) {
  const sel = `[data-waymark-start="${guide}"]`;
  await panel.waitForSelector(sel, { timeout: WAIT });
  await panel.click(sel);
  // The engine's answer, as the admin sees it: the guide's entry turns into
  // the running one. A spec then fails here, naming the cause, rather than
  // later on a page that waits for a badge or highlight of a guide that
  // never started.
  await panel.waitForSelector(`.guide.is-active ${sel}`, { timeout: WAIT }).catch((e) => {
    throw new Error(`the panel did not show "${guide}" as running after Start: ${e.message}`);
  });
}

/**
 * Execution contexts in a page's main frame (or an out-of-process frame)
 * that belong to an extension: content scripts run in an isolated world
 * whose origin is chrome-extension://<id>. Playwright's own utility worlds
 * are isolated too, but have the page's origin, so they are not counted.
 */
export async function extensionContexts(context, pageOrFrame) {
  const cdp = await context.newCDPSession(pageOrFrame);
  const seen = [];
  cdp.on('Runtime.executionContextCreated', (e) => seen.push(e.context));
  await cdp.send('Runtime.enable'); // replays the existing contexts
  await sleep(200);
  await cdp.detach().catch(() => {});
  return {
    all: seen,
    extension: seen.filter((c) => (c.origin || '').startsWith('chrome-extension://') || (c.auxData?.type === 'isolated' && /waymark/i.test(c.name || ''))),
  };
}

// ---------------------------------------------------------------------------
// Firefox (puppeteer-core + WebDriver BiDi; firefox.mjs)
// ---------------------------------------------------------------------------

/** Why Firefox cannot run here, or null. */
export function firefoxMissing() {
  if (!fs.existsSync(FIREFOX)) return `${FIREFOX} is not installed (apt-get install firefox-esr)`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return 'Firefox resolves replica hosts with network.dns.forceResolve, which has no port: the replica server must listen on 443, which needs root';
  }
  return extensionMissing('firefox');
}

/**
 * Launch Firefox ESR with dist/firefox installed; every host name resolves to
 * 127.0.0.1, where the server must listen on 443 (server.port443). Returns a
 * `FirefoxSession` (firefox.mjs): `newPage()`, `openPanel(query)`, `errors`,
 * `stopServiceWorker()`, `fresh()`, `close()`, and `browser` (puppeteer),
 * whose pages and frames answer the part of Playwright's API the walks use.
 * `policies`: Mozilla enterprise policies (the `policies` object of a
 * policies.json) the browser starts with (firefox.mjs firefoxWithPolicies).
 */
export async function launchFirefox({ server, policies = null }) {
  return launchFirefoxSession({ server, firefox: FIREFOX, extensionDir: extensionDir('firefox'), profile: tmpProfile('waymark-ff-'), wait: WAIT, policies });
}

/**
 * What the worker answers when a page of ours sends, on its own panel port,
 * what an organisation's policy can turn off (record-start, share, start of
 * an unlisted guide): the error messages, in order, waited for up to 5 s.
 */
export function policyRefusals(panel) {
  return panel.evaluate(async () => {
    const port = (globalThis.browser ?? globalThis.chrome).runtime.connect({ name: 'panel' });
    const errors = [];
    port.onMessage.addListener((m) => m.kind === 'error' && errors.push(m.message));
    for (const m of [{ kind: 'record-start' }, { kind: 'share', guide: 'find-your-role', from_step: '', note: '' }, { kind: 'start', guide: 'azure-for-office365' }]) {
      port.postMessage({ waymark: 1, ...m });
    }
    for (let i = 0; i < 50 && errors.length < 3; i++) await new Promise((r) => setTimeout(r, 100));
    port.disconnect();
    return errors;
  });
}

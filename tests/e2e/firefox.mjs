// Firefox ESR with the built extension (puppeteer-core over WebDriver BiDi),
// dressed in the part of Playwright's page / frame / locator API that the
// guide walks use (walk.mjs, guide-walks.mjs, out-of-the-way.mjs), so that
// one walk definition runs in Chromium (Playwright) and in Firefox.
//
// Firefox has no per-host resolver rule with a port: every host name resolves
// to 127.0.0.1 (network.dns.forceResolve), where the replica server must
// listen on 443 (`startServer({also443: true})`), which needs root.
//
// What differs from the Chromium session, and why:
// - The panel: the sidebar's document (panel.html) opened in a tab, as
//   Chromium's specs open the side panel's. BiDi may not navigate a tab to
//   moz-extension://, so the tab is added from the browser window
//   (`--remote-allow-system-access`).
// - Host permissions: the profile keeps Firefox's default
//   (extensions.originControls.grantByDefault, true in ESR 153), under which
//   the content scripts' hosts are granted on install, as an admin's are;
//   the admin can withdraw them per site, and then Waymark sees nothing there.
// - "Stopping the service worker": Firefox runs the background as an event
//   page; `stopServiceWorker` terminates it as its idle timer does
//   (Extension.terminateBackground, what about:debugging's "Terminate
//   background script" calls), and the next panel or page message wakes it.
// - `fresh()`: one Firefox is shared by the walks of a spec (a launch costs
//   seconds); between walks the extension is installed afresh (its state
//   gone, as in Chromium's fresh profile) and the replica sites' storage
//   and cookies cleared.
// - Shortcuts: `shortcut(keys)` presses them from the browser window
//   (nsITextInputProcessor), where Firefox matches extension commands; BiDi
//   key actions go to the page and never reach them.
// - Policies: `launchFirefoxSession({policies})` starts Firefox from a copy
//   of its installation folder with its own distribution/policies.json
//   (firefoxWithPolicies).
// - Locators: a small re-implementation of the getByRole / getByText /
//   getByLabel / locator(css, {hasText}) queries, run in the frame (roles
//   from the explicit attribute or the HTML element, names from
//   aria-labelledby, aria-label, labels, alt or the content), piercing the
//   open shadow root of an element searched within (the overlay's). Clicks
//   and typing are puppeteer's input actions, so the page sees trusted events.
// - Media: `page.emulateMedia` sets the browser's own preferences (colour
//   scheme, forced colours, reduced motion), for every page at once; `fresh()`
//   puts them back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The preferences behind FirefoxPage.emulateMedia's features. */
const MEDIA_PREFS = {
  colorScheme: 'layout.css.prefers-color-scheme.content-override',
  forcedColors: 'browser.display.document_color_use',
  reducedMotion: 'ui.prefersReducedMotion',
};
const bound = (ms) => new Promise((r) => setTimeout(r, ms).unref());

/**
 * Launch Firefox ESR with `extensionDir` installed. `opts.firefox` is the
 * executable, `opts.profile` a fresh profile directory, `opts.wait` the
 * per-step wait budget (ms).
 */
export async function launchFirefoxSession({ server, firefox, extensionDir, profile, wait, policies = null }) {
  if (!server.port443) throw new Error('the replica server is not listening on 443');
  const puppeteer = (await import('puppeteer-core')).default;
  const m = JSON.parse(fs.readFileSync(path.join(extensionDir, 'manifest.json'), 'utf8'));
  const geckoId = m.browser_specific_settings?.gecko?.id;
  const uuid = '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b';
  const install = policies ? firefoxWithPolicies(firefox, policies) : null;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: install ? install.executable : firefox,
    headless: true,
    acceptInsecureCerts: true,
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    timeout: 60000,
    extraPrefsFirefox: {
      'network.dns.forceResolve': '127.0.0.1',
      'network.dns.disableIPv6': true,
      'network.proxy.type': 0,
      'network.trr.mode': 5,
      'browser.shell.checkDefaultBrowser': false,
      'app.update.enabled': false,
      'extensions.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'extensions.webextensions.uuids': JSON.stringify(geckoId ? { [geckoId]: uuid } : {}),
      // permissions.request (the panel's "Allow Waymark on <site>") answers
      // without the doorhanger a headless browser cannot click: granted.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  }).catch((e) => {
    install?.remove();
    throw e;
  });
  const s = new FirefoxSession(browser, { server, extensionDir, profile, uuid, wait, install });
  try {
    await s.watchExtensionErrors();
    await s.install();
  } catch (e) {
    await s.close();
    throw e;
  }
  return s;
}

/**
 * Firefox's installation with a `distribution/policies.json` of its own, as
 * an organisation deploys one (Mozilla's enterprise policies: the file in
 * the `distribution` folder of the installation directory; its "3rdparty"
 * policy is what storage.managed answers). The installation is not changed:
 * a folder beside it holds a copy of the launcher (Firefox takes its
 * installation directory from the running executable's path) and links to
 * every other file, and its own `distribution` folder. A system-wide
 * /etc/firefox/policies/policies.json, if there were one, would win.
 */
export function firefoxWithPolicies(firefox, policies) {
  const exe = fs.realpathSync(firefox);
  const installDir = path.dirname(exe);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-ff-install-'));
  for (const name of fs.readdirSync(installDir)) {
    if (name === 'distribution') continue;
    if (name === path.basename(exe)) fs.copyFileSync(exe, path.join(dir, name));
    else fs.symlinkSync(path.join(installDir, name), path.join(dir, name));
  }
  fs.chmodSync(path.join(dir, path.basename(exe)), 0o755);
  fs.mkdirSync(path.join(dir, 'distribution'));
  fs.writeFileSync(path.join(dir, 'distribution', 'policies.json'), JSON.stringify({ policies }));
  return { executable: path.join(dir, path.basename(exe)), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export class FirefoxSession {
  constructor(browser, { server, extensionDir, profile, uuid, wait, install = null }) {
    this.name = 'firefox';
    this.browser = browser;
    this.server = server;
    this.extensionDir = extensionDir;
    this.profile = profile;
    this.uuid = uuid;
    this.baseUrl = `moz-extension://${uuid}`;
    this.wait = wait;
    // {kind, text, url}: console errors and uncaught errors of the web pages
    // this session opened (BiDi reported none from the panel's
    // moz-extension:// page when tried: `extensionErrors()` has those).
    this.errors = [];
    this.id = null;
    this._pages = new Set();
    this._front = null; // the FirefoxPage whose tab is shown
    this._closed = false;
    this._install = install; // the installation copy with policies.json, if any
  }

  /**
   * Install the build (or `extensionDir`), and close the welcome page it
   * opens on install; with `keepWelcome`, wait for it and return its page.
   */
  async install({ extensionDir = this.extensionDir, keepWelcome = false } = {}) {
    this.id = await this.browser.installExtension(extensionDir);
    // Uninstalling forgets the pinned UUID: read the one this install got.
    this.uuid = await this.chromeEval(`WebExtensionPolicy.getByID(${JSON.stringify(this.id)}).mozExtensionHostname`);
    this.baseUrl = `moz-extension://${this.uuid}`;
    // BiDi reports the tab the extension opens as about:blank: it is found
    // in the browser window, and its page by the address it has loaded.
    const welcome = `${this.baseUrl}/welcome.html`;
    const opened = await poll(
      () => this.chromeEval(`gBrowser.tabs.some((t) => t.linkedBrowser.currentURI.spec.startsWith(${JSON.stringify(welcome)}))`),
      'the welcome page to open on install',
      keepWelcome ? this.wait : 5000,
    ).catch((e) => {
      if (keepWelcome) throw e;
      return false;
    });
    if (!opened) return null;
    if (!keepWelcome) {
      await this.chromeEval(
        `(() => { for (const t of gBrowser.tabs) if (t.linkedBrowser.currentURI.spec.startsWith(${JSON.stringify(welcome)})) gBrowser.removeTab(t); return true; })()`,
      );
      return null;
    }
    const p = await poll(
      async () => {
        for (const q of await this.browser.pages()) {
          const href = await q.evaluate(() => location.href).catch(() => '');
          if (href.startsWith(welcome)) return q;
        }
        return null;
      },
      'the welcome page in the session',
      this.wait,
    );
    return this._track(p);
  }

  /**
   * Press a shortcut as the admin does: key events from the browser window
   * (nsITextInputProcessor) to the focused tab, so Firefox's own key
   * handling finds the extension's command (`keys`: modifiers, then the key,
   * e.g. ['Alt', 'Shift', 'K']), `page`'s tab shown first if given. Key
   * events sent into the page (BiDi input actions) never reach the browser
   * window's shortcuts.
   */
  async shortcut(keys, page = null) {
    if (page) await this.show(page);
    const mods = { Alt: 'AltLeft', Shift: 'ShiftLeft', Control: 'ControlLeft', Meta: 'MetaLeft' };
    const events = keys.map((k) => (mods[k] ? { key: k, code: mods[k] } : { key: k, code: `Key${k}`, keyCode: k.charCodeAt(0) }));
    const r = await this.chromeEval(`(() => {
      const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
      if (!tip.beginInputTransactionForTests(window)) return 'no input transaction';
      const events = ${JSON.stringify(events)};
      for (const e of events) tip.keydown(new KeyboardEvent('', e));
      for (const e of [...events].reverse()) tip.keyup(new KeyboardEvent('', e));
      return 'ok';
    })()`);
    if (r !== 'ok') throw new Error(`the shortcut ${keys.join('+')}: ${r}`);
  }

  /**
   * Collect, in the browser window, the uncaught errors Firefox logs from
   * moz-extension:// sources (the background page, the panel, the content
   * scripts), which BiDi does not report. console.error calls in those
   * contexts do not reach the parent's console service (tried), so they are
   * not seen here.
   */
  async watchExtensionErrors() {
    await this.chromeEval(`(() => {
      if (window.__waymarkTestErrors) return true;
      const errors = (window.__waymarkTestErrors = []);
      Services.console.registerListener({
        observe(m) {
          if (!(m instanceof Ci.nsIScriptError) || m.flags & (Ci.nsIScriptError.warningFlag | Ci.nsIScriptError.infoFlag)) return;
          if (!/^moz-extension:/.test(m.sourceName)) return;
          // Firefox's own note that an API call's answer came after the page
          // that made it was gone or put in the back-forward cache (a message
          // sent on pagehide, or just before a navigation the admin's click
          // started): not an error of Waymark's.
          if (/after context unloaded|while context is inactive/.test(m.errorMessage)) return;
          errors.push({ kind: 'extension-error', text: m.errorMessage, url: m.sourceName + ':' + m.lineNumber });
        },
      });
      return true;
    })()`);
  }

  /** The extension's errors collected since the last `fresh()` (see watchExtensionErrors). */
  async extensionErrors() {
    return JSON.parse(await this.chromeEval('JSON.stringify(window.__waymarkTestErrors || [])'));
  }

  /** Evaluate privileged script in the browser window (needs --remote-allow-system-access). */
  async chromeEval(expression) {
    const conn = this.browser.connection;
    const tree = await conn.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const win = tree.result.contexts[0].context;
    const r = await conn.send('script.evaluate', { expression, target: { context: win }, awaitPromise: true });
    if (r.result.type === 'exception') throw new Error(`in the browser window: ${r.result.exceptionDetails?.text}`);
    return r.result.result?.value;
  }

  /** Set integer preferences of the browser ({name: value}; null resets one to its default). */
  async setIntPrefs(prefs) {
    await this.chromeEval(`(() => {
      for (const [name, value] of Object.entries(${JSON.stringify(prefs)})) {
        if (value === null) Services.prefs.clearUserPref(name);
        else Services.prefs.setIntPref(name, value);
      }
      return true;
    })()`);
  }

  /** The FirefoxPage of a puppeteer page this session opened, or null. */
  pageOf(p) {
    for (const page of this._pages) if (page.p === p) return page;
    return null;
  }

  _track(p) {
    const page = wrapPage(p, this);
    this._pages.add(page);
    p.on('console', (msg) => {
      if (msg.type() === 'error') this.errors.push({ kind: 'console', text: msg.text(), url: p.url() });
    });
    p.on('pageerror', (e) => this.errors.push({ kind: 'pageerror', text: String(e?.stack || e?.message || e), url: p.url() }));
    p.on('close', () => {
      this._pages.delete(page);
      if (this._front === page) this._front = null;
    });
    return page;
  }

  /** A new tab, at Chromium's specs' window size (1280x900). */
  async newPage() {
    const p = await this.browser.newPage();
    await p.setViewport({ width: 1280, height: 900 });
    const page = this._track(p);
    await this.show(page);
    return page;
  }

  /** Open the sidebar's document (panel.html`query`) in a new tab and return its page. */
  async openPanel(query = '') {
    const url = `${this.baseUrl}/panel.html${query}`;
    const before = new Set(await this.browser.pages());
    await this.chromeEval(
      `(() => { gBrowser.addTab(${JSON.stringify(url)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() }); return true; })()`,
    );
    const p = await poll(
      async () => {
        for (const q of await this.browser.pages()) {
          if (before.has(q)) continue;
          const href = await q.evaluate(() => location.href).catch(() => '');
          if (href.startsWith(`${this.baseUrl}/panel.html`)) return q;
        }
        return null;
      },
      'panel.html to open in Firefox',
      // A new tab under load took longer than 15 s once (firefox-panel, load 7).
      Math.max(30000, this.wait),
    );
    await p.setViewport({ width: 400, height: 900 });
    const panel = this._track(p);
    panel.isPanel = true;
    return panel;
  }

  /**
   * Show `page`'s tab. The panel lives in a tab here, not beside the page as
   * a sidebar: the guided page must stay the shown tab (a hidden tab gets no
   * animation frames, so the overlay is not placed and puppeteer's clicks,
   * which wait for an IntersectionObserver, never come), and the panel is
   * shown only for the moment a control in it is used (Locator._act).
   */
  async show(page) {
    if (this._front === page) return;
    await page.p.bringToFront();
    this._front = page;
  }

  /**
   * Terminate the background event page (Firefox's counterpart of a stopped
   * service worker) and prove it stopped; the next message wakes it.
   */
  async stopServiceWorker() {
    const state = await this.chromeEval(
      `(async () => { const e = WebExtensionPolicy.getByID(${JSON.stringify(this.id)}).extension; await e.terminateBackground({ ignoreDevToolsAttached: true }); return e.backgroundState; })()`,
    );
    if (state !== 'stopped') throw new Error(`the background page did not stop (state ${state})`);
  }

  /**
   * Before the next walk: close this session's pages, install the extension
   * afresh (no guide, no remembered roles) and clear the replica sites'
   * storage and cookies (the portal remembers the account in localStorage).
   */
  async fresh(opts = {}) {
    for (const page of [...this._pages]) await page.close().catch(() => {});
    // An extension page may have gone with no close event (its tab closed
    // by the browser): none of them is shown or tracked any more.
    this._pages.clear();
    this._front = null;
    await this.browser.uninstallExtension(this.id);
    await this.chromeEval(
      `new Promise((resolve) => Services.clearData.deleteData(Ci.nsIClearDataService.CLEAR_DOM_STORAGES | Ci.nsIClearDataService.CLEAR_COOKIES, () => resolve(true)))`,
    );
    this.errors.length = 0;
    await this.chromeEval('window.__waymarkTestErrors && (window.__waymarkTestErrors.length = 0), true');
    // The media a spec emulated (page.emulateMedia sets them browser-wide).
    await this.setIntPrefs(Object.fromEntries(Object.values(MEDIA_PREFS).map((name) => [name, null])));
    return this.install(opts);
  }

  async close() {
    if (this._closed) return;
    this._closed = true;
    await Promise.race([this.browser.close().catch(() => {}), bound(20000)]);
    try {
      this.browser.process()?.kill('SIGKILL');
    } catch {
      /* already gone */
    }
    fs.rmSync(this.profile, { recursive: true, force: true });
    this._install?.remove();
  }
}

async function poll(fn, what, timeout, every = 100) {
  const end = Date.now() + timeout;
  let lastErr;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${lastErr ? ` (last error: ${lastErr.message})` : ''}`);
    await sleep(every);
  }
}

// ---------------------------------------------------------------------------
// Page, frame and locator, Playwright-shaped
// ---------------------------------------------------------------------------

const frames = new WeakMap();
function wrapFrame(f, session) {
  if (!f) return null;
  let w = frames.get(f);
  if (!w) {
    w = new FirefoxFrame(f, session);
    frames.set(f, w);
  }
  return w;
}

function wrapPage(p, session) {
  return new FirefoxPage(p, session);
}

/** A matcher as the query function reads it: a string, or a RegExp's source and flags. */
function matcher(m) {
  return m instanceof RegExp ? { re: m.source, flags: m.flags } : { s: String(m) };
}

class FirefoxFrame {
  constructor(f, session) {
    this.f = f;
    this.session = session;
  }
  url() {
    return this.f.url();
  }
  parentFrame() {
    return wrapFrame(this.f.parentFrame(), this.session);
  }
  /** The FirefoxPage of this frame's tab. */
  page() {
    return this.session.pageOf(this.f.page());
  }
  frameElement() {
    return this.f.frameElement();
  }
  evaluate(fn, arg) {
    return arg === undefined ? this.f.evaluate(fn) : this.f.evaluate(fn, arg);
  }
  $eval(selector, fn, arg) {
    return this.f.$eval(selector, fn, arg);
  }
  async waitForSelector(selector, { state = 'visible', timeout = this.session.wait } = {}) {
    return this.f.waitForSelector(selector, { visible: state === 'visible', hidden: state === 'hidden', timeout });
  }
  locator(css, { hasText } = {}) {
    return new Locator(this, { css, filters: hasText === undefined ? [] : [matcher(hasText)] });
  }
  getByRole(role, { name, exact = false } = {}) {
    return new Locator(this, { role, name: name === undefined ? null : matcher(name), exact, filters: [] });
  }
  getByText(text, { exact = false } = {}) {
    return new Locator(this, { text: matcher(text), exact, filters: [] });
  }
  getByLabel(text, { exact = false } = {}) {
    return new Locator(this, { label: matcher(text), exact, filters: [] });
  }
  click(selector, opts = {}) {
    return this.locator(selector).first().click(opts);
  }
  fill(selector, value, opts = {}) {
    return this.locator(selector).first().fill(value, opts);
  }
  check(selector, opts = {}) {
    return this.locator(selector).first().check(opts);
  }
  selectOption(selector, option, opts = {}) {
    return this.locator(selector).first().selectOption(option, opts);
  }
}

class FirefoxPage {
  constructor(p, session) {
    this.p = p;
    this.session = session;
    this.mouse = p.mouse;
    this.keyboard = p.keyboard;
  }
  url() {
    return this.p.url();
  }
  mainFrame() {
    return wrapFrame(this.p.mainFrame(), this.session);
  }
  frames() {
    return this.p.frames().map((f) => wrapFrame(f, this.session));
  }
  goto(url, { waitUntil = 'load' } = {}) {
    return this.p.goto(url, { waitUntil: waitUntil === 'domcontentloaded' ? 'domcontentloaded' : 'load', timeout: 30000 });
  }
  /**
   * Reload from the page itself and wait for the new document to load
   * (BiDi's reload does not report the load of a moz-extension:// page).
   */
  async reload() {
    await this.p.evaluate(() => {
      window.__waymarkTestReload = true;
      setTimeout(() => location.reload(), 0);
    });
    await poll(
      () => this.p.evaluate(() => !window.__waymarkTestReload && document.readyState === 'complete'),
      `${this.p.url()} to reload`,
      30000,
    );
  }
  close() {
    return this.p.close();
  }
  isClosed() {
    return this.p.isClosed();
  }
  /**
   * Show this tab (the others get no animation frames meanwhile) and give it
   * the focus again, even when it is shown already: a Tab past the page's
   * last control leaves the focus in the browser's toolbar, and the page's
   * focus rings (:focus-visible) are drawn only while it has the focus.
   */
  async bringToFront() {
    await this.p.bringToFront();
    this.session._front = this;
    // BiDi's activate leaves the focus where it was (the toolbar): the
    // browser window gives it to the shown tab's page.
    await this.session.chromeEval('gBrowser.selectedBrowser.focus(), true');
  }
  setContent(html) {
    return this.p.setContent(html);
  }
  waitForTimeout(ms) {
    return sleep(ms);
  }
  /** Wait until the top document's address matches and it has loaded (Playwright's waitForURL). */
  async waitForURL(match, { timeout = this.session.wait } = {}) {
    const ok = (href) => (typeof match === 'function' ? match(new URL(href)) : match instanceof RegExp ? match.test(href) : href === match);
    await poll(
      async () => {
        const href = await this.p.mainFrame().evaluate(() => (document.readyState === 'complete' ? location.href : ''));
        return href && ok(href);
      },
      `the page's address to match ${match}`,
      timeout,
    );
  }
  viewportSize() {
    return this.p.viewport();
  }
  /**
   * Playwright's emulateMedia, from the browser's own preferences, which
   * apply to every page of the browser (as the admin's settings do):
   * colorScheme, the content colour-scheme override; forcedColors, "override
   * the page's colours" (what Windows high contrast sets); reducedMotion,
   * ui.prefersReducedMotion. A feature given as null goes back to the
   * browser's default. Waits until this page's media queries say so.
   */
  async emulateMedia({ colorScheme, forcedColors, reducedMotion } = {}) {
    const prefs = {};
    if (colorScheme !== undefined) prefs[MEDIA_PREFS.colorScheme] = { dark: 0, light: 1 }[colorScheme] ?? null;
    if (forcedColors !== undefined) prefs[MEDIA_PREFS.forcedColors] = forcedColors === 'active' ? 2 : null;
    if (reducedMotion !== undefined) prefs[MEDIA_PREFS.reducedMotion] = { reduce: 1, 'no-preference': 0 }[reducedMotion] ?? null;
    await this.session.setIntPrefs(prefs);
    const want = Object.entries({ 'prefers-color-scheme': colorScheme, 'forced-colors': forcedColors, 'prefers-reduced-motion': reducedMotion })
      .filter(([, v]) => v)
      .map(([k, v]) => `(${k}: ${v})`);
    await poll(() => this.p.evaluate((qs) => qs.every((q) => matchMedia(q).matches), want), `${want.join(' and ')} in ${this.url()}`, this.session.wait);
  }
  setViewportSize(v) {
    return this.p.setViewport({ width: v.width, height: v.height });
  }
  evaluate(fn, arg) {
    return this.mainFrame().evaluate(fn, arg);
  }
  waitForSelector(selector, opts) {
    return this.mainFrame().waitForSelector(selector, opts);
  }
  locator(css, opts) {
    return this.mainFrame().locator(css, opts);
  }
  getByRole(role, opts) {
    return this.mainFrame().getByRole(role, opts);
  }
  getByText(text, opts) {
    return this.mainFrame().getByText(text, opts);
  }
  getByLabel(text, opts) {
    return this.mainFrame().getByLabel(text, opts);
  }
  click(selector, opts) {
    return this.mainFrame().click(selector, opts);
  }
  fill(selector, value, opts) {
    return this.mainFrame().fill(selector, value, opts);
  }
  check(selector, opts) {
    return this.mainFrame().check(selector, opts);
  }
  selectOption(selector, option, opts) {
    return this.mainFrame().selectOption(selector, option, opts);
  }
}

/**
 * Every element a spec matches, in document order, run in the frame.
 * spec: {css | role+name | text | label, exact, filters: [matcher], within?: spec, nth?}
 * Self-contained: it is sent to the page as source.
 */
function queryAll(spec) {
  const norm = (s) => String(s || '').replace(/\s+/g, ' ').trim();
  const matches = (value, m, exact) => {
    const v = norm(value);
    if (m.re !== undefined) return new RegExp(m.re, m.flags).test(v);
    return exact ? v === norm(m.s) : v.toLowerCase().includes(norm(m.s).toLowerCase());
  };
  const shown = (el) => {
    if (el.closest('[aria-hidden="true"]')) return false;
    const cs = getComputedStyle(el);
    return el.getClientRects().length > 0 && cs.visibility !== 'hidden';
  };
  const roleOf = (el) => {
    const explicit = (el.getAttribute('role') || '').trim().split(/\s+/)[0];
    if (explicit) return explicit;
    const tag = el.localName;
    const type = (el.getAttribute('type') || 'text').toLowerCase();
    if (/^h[1-6]$/.test(tag)) return 'heading';
    switch (tag) {
      case 'a':
      case 'area':
        return el.hasAttribute('href') ? 'link' : '';
      case 'button':
        return 'button';
      case 'input':
        if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
        if (type === 'checkbox' || type === 'radio') return type;
        if (type === 'search') return 'searchbox';
        return ['text', 'email', 'tel', 'url'].includes(type) ? 'textbox' : '';
      case 'select':
        return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
      case 'textarea':
        return 'textbox';
      case 'th':
        return el.getAttribute('scope') === 'row' ? 'rowheader' : 'columnheader';
      case 'td': {
        const table = el.closest('table');
        return table && table.getAttribute('role') === 'grid' ? 'gridcell' : 'cell';
      }
      case 'tr':
        return 'row';
      case 'img':
        return el.getAttribute('alt') === '' ? 'presentation' : 'img';
      case 'li':
        return 'listitem';
      case 'ul':
      case 'ol':
        return 'list';
      case 'nav':
        return 'navigation';
      case 'dialog':
        return 'dialog';
      case 'option':
        return 'option';
      default:
        return '';
    }
  };
  const contentText = (node) => {
    if (node.nodeType === 3) return node.data;
    if (node.nodeType !== 1 || node.getAttribute('aria-hidden') === 'true') return '';
    const cs = getComputedStyle(node);
    if (cs.display === 'none' || cs.visibility === 'hidden') return '';
    const label = node.getAttribute('aria-label');
    if (label && norm(label)) return ` ${label} `;
    if (node.localName === 'img') return node.getAttribute('alt') || '';
    const inner = [...node.childNodes].map(contentText).join('');
    return cs.display.startsWith('inline') ? inner : ` ${inner} `;
  };
  const FROM_CONTENT = /^(button|link|heading|columnheader|rowheader|gridcell|cell|tab|menuitem|option|checkbox|radio|switch|treeitem|row|listitem|tooltip)$/;
  const nameOf = (el) => {
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      const t = norm(
        by
          .split(/\s+/)
          .map((id) => document.getElementById(id))
          .filter(Boolean)
          .map((x) => x.textContent)
          .join(' '),
      );
      if (t) return t;
    }
    const label = norm(el.getAttribute('aria-label'));
    if (label) return label;
    if (el.labels && el.labels.length) return norm([...el.labels].map((l) => l.textContent).join(' '));
    if (el.localName === 'img') return norm(el.getAttribute('alt'));
    if (FROM_CONTENT.test(roleOf(el))) {
      const t = norm([...el.childNodes].map(contentText).join(''));
      if (t) return t;
    }
    return norm(el.getAttribute('title') || el.getAttribute('placeholder'));
  };
  // Within an element, its open shadow root is searched too, as Playwright's
  // locators pierce open shadow roots (the overlay's controls:
  // page.locator('#waymark-root').getByRole('button', {name: 'Hide'})).
  const scopes = (root) => (root.shadowRoot ? [root, root.shadowRoot] : [root]);
  const select = (root, css) => scopes(root).flatMap((r) => [...r.querySelectorAll(css)]);
  const all = (root) => select(root, '*').filter((el) => !['script', 'style', 'head', 'title', 'template'].includes(el.localName));
  const roots = spec.within ? queryAll(spec.within) : [document];
  let els = [];
  for (const root of roots) {
    let found;
    if (spec.css) found = select(root, spec.css);
    else if (spec.role) found = all(root).filter((el) => roleOf(el) === spec.role && shown(el) && (!spec.name || matches(nameOf(el), spec.name, spec.exact)));
    else if (spec.text) {
      const hit = all(root).filter((el) => matches(el.textContent, spec.text, spec.exact));
      // The innermost elements holding the text, as Playwright's text engine picks.
      found = hit.filter((el) => !hit.some((o) => o !== el && el.contains(o)));
    } else if (spec.label) found = all(root).filter((el) => /^(input|select|textarea)$/.test(el.localName) && matches(nameOf(el), spec.label, spec.exact));
    for (const el of found) if (!els.includes(el)) els.push(el);
  }
  for (const f of spec.filters || []) els = els.filter((el) => matches(el.textContent, f, false));
  if (spec.nth !== undefined) els = els.slice(spec.nth, spec.nth + 1);
  return els;
}
const QUERY = queryAll.toString();

class Locator {
  constructor(frame, spec) {
    this.frame = frame;
    this.spec = spec;
  }
  get _wait() {
    return this.frame.session.wait;
  }
  first() {
    return new Locator(this.frame, { ...this.spec, nth: 0 });
  }
  nth(i) {
    return new Locator(this.frame, { ...this.spec, nth: i });
  }
  filter({ hasText }) {
    return new Locator(this.frame, { ...this.spec, filters: [...this.spec.filters, matcher(hasText)] });
  }
  locator(css, { hasText } = {}) {
    return new Locator(this.frame, { css, filters: hasText === undefined ? [] : [matcher(hasText)], within: this.spec });
  }
  getByRole(role, { name, exact = false } = {}) {
    return new Locator(this.frame, { role, name: name === undefined ? null : matcher(name), exact, filters: [], within: this.spec });
  }
  _expr(tail) {
    return `(${QUERY})(${JSON.stringify(this.spec)})${tail}`;
  }
  async count() {
    return this.frame.f.evaluate(this._expr('.length'));
  }
  /** The first matching element (visible when asked), waited for; a puppeteer ElementHandle. */
  async _element({ visible = false, timeout = this._wait } = {}) {
    const cond = visible ? '.find((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden"; })' : '[0]';
    return poll(
      async () => {
        const h = await this.frame.f.evaluateHandle(`${this._expr(cond)} || null`);
        const el = h.asElement();
        if (!el) await h.dispose();
        return el;
      },
      `an element for ${JSON.stringify(this.spec)} in ${this.frame.url()}`,
      timeout,
    );
  }
  /** Run `act(element)`, finding the element again if the page replaced it meanwhile. */
  async _act(act, { visible = true, timeout = this._wait } = {}) {
    const session = this.frame.session;
    const page = session.pageOf(this.frame.f.page());
    const shown = session._front;
    if (page) await session.show(page);
    try {
      return await this._retry(act, { visible, timeout });
    } finally {
      // Back to the guided page after using the panel (a sidebar stays beside it).
      if (page?.isPanel && shown && shown !== page) await session.show(shown);
    }
  }
  async _retry(act, { visible, timeout }) {
    const end = Date.now() + timeout;
    for (;;) {
      const el = await this._element({ visible, timeout: Math.max(100, end - Date.now()) });
      try {
        return await act(el);
      } catch (e) {
        if (Date.now() > end) throw e;
        await sleep(100);
      } finally {
        await el.dispose().catch(() => {});
      }
    }
  }
  async waitFor({ state = 'visible', timeout = this._wait } = {}) {
    if (state === 'hidden' || state === 'detached') {
      await poll(async () => (await this.count()) === 0, `no element for ${JSON.stringify(this.spec)}`, timeout);
      return;
    }
    const el = await this._element({ visible: state === 'visible', timeout });
    await el.dispose();
  }
  click({ timeout } = {}) {
    return this._act((el) => el.click(), { timeout });
  }
  /** Focus, select what is there, and type (trusted key events), as an admin fills a field. */
  fill(value, { timeout } = {}) {
    return this._act(
      async (el) => {
        await el.evaluate((e) => {
          e.focus();
          if (typeof e.select === 'function') e.select();
        });
        await this.frame.f.page().keyboard.press('Backspace');
        await el.type(value);
      },
      { timeout },
    );
  }
  check({ timeout } = {}) {
    return this._act(
      async (el) => {
        if (!(await el.evaluate((e) => e.checked))) await el.click();
        if (!(await el.evaluate((e) => e.checked))) throw new Error('still unchecked');
      },
      { timeout },
    );
  }
  /** Choose an option by label (Playwright's selectOption with {label}): input and change events, as Playwright sends. */
  selectOption({ label }, { timeout } = {}) {
    return this._act(
      (el) =>
        el.evaluate((s, want) => {
          const o = [...s.options].find((x) => x.label === want || x.textContent.trim() === want);
          if (!o) throw new Error(`no option "${want}"`);
          s.value = o.value;
          s.dispatchEvent(new Event('input', { bubbles: true }));
          s.dispatchEvent(new Event('change', { bubbles: true }));
        }, label),
      { timeout, visible: false },
    );
  }
  focus() {
    return this._act((el) => el.focus());
  }
  // Reading needs no shown tab.
  async getAttribute(name) {
    return this._retry((el) => el.evaluate((e, n) => e.getAttribute(n), name), { visible: false, timeout: this._wait });
  }
  async innerText() {
    return this._retry((el) => el.evaluate((e) => e.innerText), { visible: false, timeout: this._wait });
  }
  async inputValue() {
    return this._retry((el) => el.evaluate((e) => e.value), { visible: false, timeout: this._wait });
  }
  async isDisabled() {
    return this._retry((el) => el.evaluate((e) => e.disabled === true || e.getAttribute('aria-disabled') === 'true'), { visible: false, timeout: this._wait });
  }
  async allInnerTexts() {
    return this.frame.f.evaluate(this._expr('.map((el) => el.innerText)'));
  }
}

// The chaos suite (issue 13 item 10): Waymark guided through what the real
// browser and portal do to it, each scenario bounded in time.
//  a. every guide walked (the walks of guide-walks.mjs) while the service
//     worker is stopped every 2-5 s (find-your-role's in scenario c);
//  b. blade frames churned by the hundred while a step is highlighted;
//  c. a page whose own MutationObserver callbacks throw;
//  d. the guided tab closed mid-step, the guide going on in another tab;
//  e. two browser windows at once, one guide (one engine per browser).
// Every scenario also stops the worker as soon as its guide runs and then
// every 2-5 s, and asserts: the guide
// completes, no page error, no console error from Waymark (worker, panel,
// pages; the worker's console is read over CDP, which Playwright does not
// report), no network request from the extension. Each prints its figures.
//
// The intervals come from a seeded generator: the seed is printed, and
// WAYMARK_CHAOS_SEED=<seed> runs the same intervals again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  serveReplicas,
  useChromium,
  extensionMissing,
  startGuide,
  panelText,
  panelProgress,
  panelChecklist,
  readPage,
  inSandbox,
  inTop,
  until,
  sleep,
  waitForStep,
  waitPanelProgress,
  waitCalloutOnTarget,
  clickTarget,
  WAIT,
} from './harness.mjs';
import { expectStep, clickStep, openEntraAsPointed, panelButton, expectations } from './walk.mjs';
import { completeSignUp, walkGuideA, walkGuideBAdminCenter, walkGuideC, walkDirectories, walkGuideE, walkGetHelp } from './guide-walks.mjs';
import { PAGES, ROUTES } from './pages.mjs';

const skip = extensionMissing('chrome') || false;
serveReplicas();

// The viewport sweep of every step (out-of-the-way.mjs) is the guide specs'
// business; here it would only slow the walks the worker is stopped under.
expectations.outOfTheWay = false;

const SEED = Number(process.env.WAYMARK_CHAOS_SEED) || 1 + Math.floor(Math.random() * 2 ** 31);
console.log(`# chaos seed ${SEED} (WAYMARK_CHAOS_SEED=${SEED} repeats these intervals)`);

/** A small seeded generator (mulberry32): uniform in [0, 1). */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
const random = seeded(SEED);

/** What the page's own script throws (scenario c): the page's error, not Waymark's. */
const PAGE_OWN = 'replica page script: its own MutationObserver callback failed';

/**
 * A Chromium session under chaos, closed when the test `t` ends. The worker's console (errors, uncaught
 * exceptions) is read over CDP; the worker is stopped once the guide runs,
 * then every 2-5 s (seeded)
 * through the ServiceWorker domain, and each stop is counted once the worker
 * is seen stopped. Returns {s, walker (the session as the walks take it),
 * figures, finish (the checks and the figures), halt, stopWorker}.
 */
async function chaosSession(t, name) {
  const t0 = Date.now();
  const s = await useChromium(t);
  return underChaos(s, name, t0);
}

async function underChaos(s, name, t0) {
  const id = await s.extensionId();
  const workerErrors = [];
  // The worker's console: attached (non-flattened, so that Playwright's own
  // sessions are untouched) to every target of our worker, now and later.
  const b = await s.context.browser().newBrowserCDPSession();
  const attached = new Set();
  b.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    if (m.method === 'Runtime.consoleAPICalled' && m.params.type === 'error')
      workerErrors.push(m.params.args.map((a) => a.value ?? a.description).join(' '));
    if (m.method === 'Runtime.exceptionThrown') workerErrors.push(m.params.exceptionDetails.exception?.description ?? m.params.exceptionDetails.text);
  });
  const attach = async (t) => {
    if (t.type !== 'service_worker' || !t.url.startsWith(`chrome-extension://${id}/`) || attached.has(t.targetId)) return;
    attached.add(t.targetId);
    const { sessionId } = await b.send('Target.attachToTarget', { targetId: t.targetId, flatten: false });
    await b.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.enable' }) });
  };
  b.on('Target.targetCreated', (e) => attach(e.targetInfo).catch(() => {}));
  await b.send('Target.setDiscoverTargets', { discover: true });
  for (const t of (await b.send('Target.getTargets')).targetInfos) await attach(t).catch(() => {});

  // The worker's running status, from the ServiceWorker domain of the first tab.
  const cdp = await s.context.newCDPSession(s.context.pages()[0]);
  let status = '';
  let stops = 0;
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) {
      if (!v.scriptURL.startsWith(`chrome-extension://${id}/`)) continue;
      if (v.runningStatus === 'stopped' && status !== 'stopped') stops += 1;
      status = v.runningStatus;
    }
  });
  await cdp.send('ServiceWorker.enable');
  const stopWorker = async () => {
    const before = stops;
    await cdp.send('ServiceWorker.stopAllWorkers');
    await until(() => stops > before || status === 'stopped', 'the service worker to stop', 5000, 20);
  };

  // The stops begin once a guide runs (the saved state has it): the
  // panel's first message may wait in the worker for the organisation's
  // first policy read (Chromium answers it seconds after start), and a
  // worker stopped meanwhile loses it (the panel does not send it again).
  // Chrome does not stop a worker that a panel's port keeps busy, so that
  // window is this suite's own; it is reported, not exercised.
  const guiding = async () => {
    const end = Date.now() + 6 * WAIT;
    while (running && Date.now() < end && !(await saved(s))?.active) await sleep(200);
  };
  let running = true;
  const failures = [];
  // The first stop comes as soon as the guide runs: a short walk on a
  // quiet machine can end within 2 s of its start, before a later stop
  // (seen in CI: the directories walk took 7 s, with no stop at all).
  const loop = (async () => {
    await guiding();
    let wait = 0;
    while (running) {
      const end = Date.now() + wait;
      while (running && Date.now() < end) await sleep(50);
      if (!running) break;
      await stopWorker().catch((e) => failures.push(e.message));
      wait = 2000 + random() * 3000;
    }
  })();

  // The walks use the session as given; the worker stops they ask for go
  // through the same CDP session (the harness's own stop waits for no
  // worker to run, which a busy page may never allow), and they read
  // errors without the page's own (scenario c).
  const walker = Object.create(s, {
    name: { value: 'chromium' },
    errors: { get: () => s.errors.filter((e) => !e.text.includes(PAGE_OWN)) },
    stopServiceWorker: { value: stopWorker },
  });

  const halt = async () => {
    running = false;
    await loop;
  };
  const figures = { frames: 0, pageOwn: 0 };
  async function finish() {
    await halt();
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    const pageOwn = s.errors.filter((e) => e.text.includes(PAGE_OWN));
    const errors = s.errors.filter((e) => !e.text.includes(PAGE_OWN));
    const requests = s.extensionRequests();
    console.log(
      `# chaos ${name}: ${secs} s, ${stops} worker stops, ${figures.frames} frames churned, ` +
        `${errors.length} page/console errors, ${workerErrors.length} worker errors, ${requests.length} extension requests` +
        (pageOwn.length ? `, ${pageOwn.length} errors of the page's own script (not Waymark's)` : ''),
    );
    assert.deepEqual(failures, [], 'every worker stop took effect');
    assert.ok(stops > 0, 'the worker was stopped');
    assert.deepEqual(errors.map((e) => `${e.kind}: ${e.text} (${e.url})`), [], 'page errors and console errors');
    assert.deepEqual(workerErrors, [], 'console errors and uncaught exceptions in the worker');
    assert.deepEqual(requests.map((r) => `${r.via || 'extension'} ${r.url}`), [], 'network requests made by the extension');
    figures.pageOwn = pageOwn.length;
  }
  return { s, walker, figures, finish, halt, stopWorker };
}

/** The engine's saved state, parsed (or null while the worker is stopped). */
async function saved(s) {
  const sw = s.context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  const text = await sw?.evaluate(async () => (await chrome.storage.session.get('waymark.snapshot'))['waymark.snapshot'] ?? '').catch(() => '');
  return text ? JSON.parse(text) : null;
}

async function run(t, name, body) {
  const c = await chaosSession(t, name);
  try {
    await body(c);
    await c.finish();
  } finally {
    await c.halt();
  }
}

// ---------------------------------------------------------------------------
// a. Every guide walked while the worker is stopped every 2-5 s
// ---------------------------------------------------------------------------

// find-your-role is walked in scenario c, under the same worker stops.
const WALKS = [
  ['azure-for-office365', walkGuideA],
  ['office365-for-azure-ad (admin center)', walkGuideBAdminCenter],
  ['directories', walkDirectories],
  ['add-subscription-to-directory', walkGuideE],
  ['contact-support (Get help)', walkGetHelp],
];
for (const [guide, walk] of WALKS) {
  test(`chaos a: ${guide} walked while the service worker is stopped every 2-5 s`, { skip, timeout: 120000 }, (t) =>
    run(t, `a ${guide}`, (c) => walk(c.walker)),
  );
}

// ---------------------------------------------------------------------------
// b. Blade frames churned by the hundred while a step is highlighted
// ---------------------------------------------------------------------------

const ROUNDS = 8;
const PER_ROUND = 13;

test(`chaos b: ${ROUNDS * PER_ROUND + Math.floor(ROUNDS / 3)} blade frames opened and closed while "the user" is highlighted`, { skip, timeout: 150000 }, (t) =>
  run(t, 'b blade frames', async ({ s, figures }) => {
    const GUIDE = 'find-your-role';
    const panel = await s.openPanel();
    await startGuide(panel, GUIDE);
    await waitPanelProgress(panel, 1);
    for (const n of [2, 3]) {
      await panelButton(panel, 'Skip');
      await waitPanelProgress(panel, n);
    }
    const page = await s.newPage();
    await page.goto('https://portal.azure.com/' + ROUTES.allUsers);
    await expectStep(page, panel, GUIDE, 3, { frame: inSandbox, name: /Kelley Wall/ });

    // Each round opens blades beside the users blade (new cross-origin
    // frames, as the portal opens one per blade) and closes them once they
    // have loaded; every third round the users blade itself is closed and
    // opened again.
    for (let round = 1; round <= ROUNDS; round++) {
      figures.frames += await page.evaluate(
        ({ round, count, reopen }) =>
          new Promise((resolve, reject) => {
            const blade = document.querySelector('iframe.fxs-reactview-frame');
            if (!blade) return reject(new Error('no blade frame'));
            const frames = [];
            let users = blade;
            let loaded = 0;
            const opened = (f) =>
              f.addEventListener(
                'load',
                () => {
                  if (++loaded < frames.length) return;
                  for (const x of frames) if (x !== users) x.remove();
                  resolve(frames.length);
                },
                { once: true },
              );
            for (let i = 0; i < count; i++) {
              const f = blade.cloneNode();
              const u = new URL(blade.src);
              u.searchParams.set('blade', `${round}-${i}`);
              f.src = u.href;
              f.style.height = '40px';
              frames.push(f);
              opened(f);
              blade.after(f);
            }
            if (reopen) {
              const next = blade.cloneNode();
              const u = new URL(blade.src);
              u.searchParams.set('open', String(round));
              next.src = u.href;
              users = next;
              frames.push(next);
              opened(next);
              blade.replaceWith(next);
            }
          }),
        { round, count: PER_ROUND, reopen: round % 3 === 0 },
      );
    }
    const last = String(ROUNDS - (ROUNDS % 3));
    const newest = (f) => inSandbox(f) && new URL(f.url()).searchParams.get('open') === last;
    // The highlight: in the users blade open now, on Kelley Wall, nowhere else.
    const st = await waitForStep(page, `${GUIDE}/c3`, WAIT, { frame: newest });
    assert.match(st.target.name, /Kelley Wall/);
    await waitCalloutOnTarget(st.frame, `${GUIDE}/c3`);
    const marked = (await readPage(page)).flatMap((r) => r.targets.map((t) => ({ url: r.url, name: t.name })));
    assert.equal(marked.length, 1, `one highlighted element in the page: ${JSON.stringify(marked)}`);
    // Tracked frames bounded: the engine keeps the portal's top frame and
    // the one blade frame still open.
    const state = await until(async () => {
      const st = await saved(s);
      const mine = st?.frames?.filter((f) => /portal\.azure/.test(f.url)) ?? [];
      return mine.length && mine.length <= 2 ? { mine, bytes: JSON.stringify(st).length } : null;
    }, 'the closed blade frames to be forgotten');
    console.log(`# chaos b: ${figures.frames} blade frames churned; ${state.mine.length} frames tracked after, snapshot ${state.bytes} bytes`);

    // And the guide completes from there.
    await clickTarget(st.frame, `${GUIDE}/c3`);
    await page.waitForURL(/UserProfileMenuBlade/);
    const c4 = await expectStep(page, panel, GUIDE, 4, { frame: inTop, name: /Assigned roles/ });
    await clickStep(c4);
    await page.waitForURL(/AdministrativeRole/);
    await until(async () => /finished/i.test(await panelText(panel)), 'Guide C to finish', WAIT);
  }),
);

// ---------------------------------------------------------------------------
// c. A page whose own MutationObserver callbacks throw
// ---------------------------------------------------------------------------

test('chaos c (and a: find-your-role): the portal\'s own MutationObserver callbacks throw; Waymark guides, and the errors are the page\'s', { skip, timeout: 120000 }, (t) =>
  run(t, 'c throwing observers', async (c) => {
    // In every frame of the replica sites (not Waymark's own pages), before
    // the page's scripts: an observer of everything that throws each time.
    await c.s.context.addInitScript((what) => {
      if (location.protocol !== 'https:') return;
      new MutationObserver(() => {
        throw new Error(what);
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    }, PAGE_OWN);
    await walkGuideC(c.walker);
    // The page's errors were there (the scenario did what it says), and
    // were reported as the page's own.
    c.figures.pageOwn = c.s.errors.filter((e) => e.text.includes(PAGE_OWN)).length;
    assert.ok(c.figures.pageOwn > 0, 'the page\'s own observer threw');
    assert.ok(c.s.errors.filter((e) => e.text.includes(PAGE_OWN)).every((e) => e.kind === 'pageerror'), 'the page\'s errors are page errors of its own script');
  }),
);

// ---------------------------------------------------------------------------
// d. The guided tab closed mid-step
// ---------------------------------------------------------------------------

test('chaos d: the guided tab closed on the sign-up form; the guide goes on in a new portal tab to its end', { skip, timeout: 120000 }, (t) =>
  run(t, 'd tab closed', async ({ s }) => {
    const GUIDE = 'azure-for-office365';
    const panel = await s.openPanel();
    await startGuide(panel, GUIDE);
    for (const n of [1, 2]) {
      await waitPanelProgress(panel, n);
      await panelButton(panel, 'Skip');
    }
    const form = PAGES.find((p) => p.name === 'Azure sign-up form');
    const guided = await s.newPage();
    await guided.goto(form.url);
    await expectStep(guided, panel, GUIDE, 3, { frame: inTop });
    // The admin closes the tab with the form still showing (signed up
    // before, say, or it hung), and opens the portal in a new tab.
    await guided.close();
    // The panel still shows the step, not done, and not lost.
    assert.equal((await panelProgress(panel))?.n, 3, 'step 3 is current after the tab closed');
    await until(async () => {
      const st = await saved(s);
      return st && !st.frames.some((f) => /signup\.azure\.com/.test(f.url)) ? st : null;
    }, 'the closed tab to be forgotten');
    assert.equal((await panelChecklist(panel))[2].status, 'current');

    // A new tab on the portal: the guide goes on there.
    const page = await s.newPage();
    await page.goto('https://portal.azure.com/?login_hint=kelley%40contoso.onmicrosoft.com#home');
    // The home page renders after the shell: the highlight may move from
    // the search box to its "Microsoft Entra ID" link meanwhile.
    await page.getByRole('heading', { name: 'Azure services' }).waitFor();
    const a4 = await expectStep(page, panel, GUIDE, 4, { frame: inTop, name: /Search resources, services, and docs|Entra ID|Active Directory/ });
    assert.equal((await panelChecklist(panel))[2].status, 'done', 'the sign-up is done on the new tab\'s arrival');
    await openEntraAsPointed(page, a4);
    await page.waitForURL(/ActiveDirectoryMenuBlade/);
    const a5 = await expectStep(page, panel, GUIDE, 5, { frame: inTop, name: /^(All users|Users)/ });
    await clickStep(a5);
    await until(async () => /finished/i.test(await panelText(panel)), 'Guide A to finish', WAIT);
  }),
);

// ---------------------------------------------------------------------------
// e. Two windows guiding at once
// ---------------------------------------------------------------------------

/** Open `url` in a new browser window; returns its page and window id. */
async function inNewWindow(s, url) {
  const b = await s.context.browser().newBrowserCDPSession();
  const opened = s.context.waitForEvent('page', (p) => p.url() === url || p.url() === 'about:blank');
  const { targetId } = await b.send('Target.createTarget', { url: 'about:blank', newWindow: true });
  const page = await opened;
  const { windowId } = await b.send('Browser.getWindowForTarget', { targetId });
  await b.detach();
  await page.goto(url);
  return { page, windowId };
}

async function windowOf(s, page) {
  const cdp = await s.context.newCDPSession(page);
  const { targetInfo } = await cdp.send('Target.getTargetInfo');
  await cdp.detach();
  const b = await s.context.browser().newBrowserCDPSession();
  const { windowId } = await b.send('Browser.getWindowForTarget', { targetId: targetInfo.targetId });
  await b.detach();
  return windowId;
}

test('chaos e: two windows, each with its tab and panel: one guide, and the other window\'s moves do not complete its steps', { skip, timeout: 120000 }, (t) =>
  run(t, 'e two windows', async ({ s }) => {
    const GUIDE = 'azure-for-office365';
    // Window 1: the panel and the guided tab.
    const panel1 = await s.openPanel();
    await startGuide(panel1, GUIDE);
    for (const n of [1, 2]) {
      await waitPanelProgress(panel1, n);
      await panelButton(panel1, 'Skip');
    }
    const guided = await s.newPage();
    await guided.goto(PAGES.find((p) => p.name === 'Azure sign-up form').url);
    const a3 = await expectStep(guided, panel1, GUIDE, 3, { frame: inTop });
    // Window 2: its own panel and a portal tab.
    const other = await inNewWindow(s, 'https://portal.azure.com/' + ROUTES.entraOverview);
    assert.notEqual(other.windowId, await windowOf(s, guided), 'two windows');
    const { id } = { id: await s.extensionId() };
    const panel2 = await other.page.context().newPage();
    await panel2.goto(`chrome-extension://${id}/panel.html`);
    await waitPanelProgress(panel2, 3);

    // Window 2 moves around the portal: it is not the guided journey, so
    // "Complete the sign-up" stays to do in both panels, and window 2 shows
    // no highlight for it.
    for (const route of [ROUTES.home, ROUTES.allUsers, ROUTES.home]) {
      await other.page.evaluate((r) => {
        location.hash = r;
      }, route);
      await until(async () => (await saved(s))?.frames?.some((f) => f.top && f.url.endsWith(route)), `the engine to see window 2 on ${route}`);
    }
    for (const p of [panel1, panel2]) assert.equal((await panelProgress(p))?.n, 3, 'step 3 is still current');
    for (const r of await readPage(other.page)) assert.equal(r.targets.length, 0, `window 2 shows no highlight for step 3 (${r.url})`);

    // Window 1 completes the sign-up: both panels move on.
    await completeSignUp(guided, a3);
    await guided.getByRole('heading', { name: 'Azure services' }).waitFor();
    const a4 = await expectStep(guided, panel1, GUIDE, 4, { frame: inTop, name: /Search resources, services, and docs|Entra ID|Active Directory/ });
    await waitPanelProgress(panel2, 4);
    await openEntraAsPointed(guided, a4);
    await guided.waitForURL(/ActiveDirectoryMenuBlade/);
    const a5 = await expectStep(guided, panel1, GUIDE, 5, { frame: inTop, name: /^(All users|Users)/ });
    await clickStep(a5);
    for (const p of [panel1, panel2]) await until(async () => /finished/i.test(await panelText(p)), 'Guide A to finish in both panels', WAIT);
  }),
);

// `cargo xtask bench` (or `WAYMARK_DIST=../dist node bench/latency.mjs` in
// tests/): Waymark against the bar of brief §6, side by side with driver.js
// 1.8.0 when it is installed. Prints figures and writes them to
// $WAYMARK_DIST/bench-report.txt. Not a test: nothing here passes or fails on
// a timing (machines are noisy); it fails only when it cannot measure.
//
// Method and limits: tests/bench/README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import https from 'node:https';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { launchChromium, startGuide, extensionMissing, sleep, DIST, TESTS_DIR } from '../e2e/harness.mjs';
import { startServer, certificate, CSP } from '../server/server.mjs';

const GUIDE = 'azure-for-office365';
const PAGE = 'https://azure.microsoft.com/en-us/bench/';
const RUNS = Number(process.env.WAYMARK_BENCH_RUNS || 30);
const REPEATS = 10; // re-render and scroll runs per variant
const COST_MS = Number(process.env.WAYMARK_BENCH_COST_MS || 5000);
// Storm windows per tool, alternated none, Waymark, driver.js, then back.
const COST_ROUNDS = Number(process.env.WAYMARK_BENCH_COST_ROUNDS || 2);
// Service worker stopped, then the target inserted: Waymark's cold start.
const COLD_RUNS = Number(process.env.WAYMARK_BENCH_COLD_RUNS || 10);
const SCROLL_PX = 300;
// A settled highlight: driver.js animates its stage for 400 ms (its default).
const SETTLE_MS = 600;
const RERENDER_WAIT_MS = 500;
const VENDOR_PATH = '/en-us/bench/vendor/';

const started = Date.now();
const log = (...a) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(1)}s]`, ...a);

// ---------------------------------------------------------------- statistics
const sorted = (xs) => xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
function pct(xs, p) {
  const s = sorted(xs);
  if (!s.length) return null;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
const median = (xs) => pct(xs, 50);
const ms = (x) => (x == null ? '—' : `${x.toFixed(1)} ms`);
const px = (x) => (x == null ? '—' : `${x.toFixed(1)} px`);
const count = (xs, f) => `${xs.filter(f).length}/${xs.length}`;

// ---------------------------------------------------------------- driver.js
const require = createRequire(path.join(TESTS_DIR, 'package.json'));
function driverDist() {
  try {
    // driver.js's "exports" do not expose package.json: find the package directory.
    const pkg = path.join(path.dirname(path.dirname(require.resolve('driver.js'))), 'package.json');
    const version = JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
    const dir = path.join(path.dirname(pkg), 'dist');
    const files = ['driver.js.iife.js', 'driver.css'];
    if (!files.every((f) => fs.existsSync(path.join(dir, f)))) return null;
    return { version, dir, files };
  } catch {
    return null;
  }
}

// The bench's front: the replica server answers every request, except the
// driver.js files, which are served from a temporary copy (never from the
// repository) under azure.microsoft.com's own origin, with the same CSP.
async function startFront(server, vendorDir) {
  const pems = await certificate();
  const front = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const host = String(req.headers.host || '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url, `https://${host || 'invalid'}`);
    if (vendorDir && host === 'azure.microsoft.com' && url.pathname.startsWith(VENDOR_PATH)) {
      const name = path.basename(url.pathname);
      const file = path.join(vendorDir, name);
      if (!/^[\w.-]+$/.test(name) || !fs.existsSync(file)) {
        res.writeHead(404, { 'content-type': 'text/plain', 'content-security-policy': CSP });
        return res.end('Not found\n');
      }
      const type = name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
      res.writeHead(200, { 'content-type': type, 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
      return res.end(fs.readFileSync(file));
    }
    const up = https.request(
      { host: '127.0.0.1', port: server.port, path: req.url, method: req.method, headers: req.headers, servername: host || undefined, rejectUnauthorized: false },
      (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', (e) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
    req.pipe(up);
  });
  front.keepAliveTimeout = 1000;
  await new Promise((r) => front.listen(0, '127.0.0.1', r));
  return {
    ...server,
    port: front.address().port,
    close: () =>
      new Promise((r) => {
        front.close(() => r());
        front.closeAllConnections?.();
      }),
  };
}

// ---------------------------------------------------------------- in the page
async function poll(page, fn, what, timeout = 10000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await page.evaluate(fn).catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

async function openBench(page, lib) {
  await page.goto(`${PAGE}?lib=${lib}`, { waitUntil: 'load' });
  await poll(page, () => window.__bench?.ready(), `the bench page (${lib}) to be ready`);
}

// CDP Performance metrics of the page's renderer: main-thread task and
// script time, content scripts included.
async function cpu(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return { task: m.TaskDuration * 1000, script: m.ScriptDuration * 1000, layout: m.LayoutDuration * 1000, style: m.RecalcStyleDuration * 1000 };
}

/** One late insertion on a fresh page load. */
async function lateRun(t, i) {
  await openBench(t.page, t.lib);
  if (i === 0) t.out.nodes = await t.page.evaluate(() => window.__bench.nodes());
  const delay = 300 + Math.round(Math.random() * 700);
  const r = await t.page.evaluate(([d]) => window.__bench.insertLate(d, 5000), [delay]);
  r.delay = delay;
  t.out.latency.push(r);
}

/** Re-render: the highlighted link replaced by an equal new node. Each run
 * starts from a settled highlight (driver.js animates its stage for 400 ms
 * after it finds the element; during that it re-reads the rect). */
async function rerenderRuns(t) {
  const { page, out } = t;
  await openBench(page, t.lib);
  out.rerenderStart = await page.evaluate(() => window.__bench.insertLate(0, 5000));
  await sleep(SETTLE_MS);
  for (const variant of ['inPlace', 'moved']) {
    for (let i = 0; i < REPEATS; i++) {
      out.rerender[variant].push(await page.evaluate(([s, w]) => window.__bench.rerender(s, w), [variant === 'moved', RERENDER_WAIT_MS]));
      await sleep(100);
    }
  }
}

/** Scroll container: a fresh page with a settled highlight. */
async function scrollSetup(t) {
  await openBench(t.page, t.lib);
  t.out.scrollStart = await t.page.evaluate(() => window.__bench.insertLate(0, 5000));
  await sleep(SETTLE_MS);
}

/** One scroll run: down by 300 px (measured), then back (not measured). */
async function scrollRun(t) {
  t.out.scroll.push(await t.page.evaluate(([dy]) => window.__bench.scroll(dy, 400), [SCROLL_PX]));
  await t.page.evaluate(([dy]) => window.__bench.scroll(dy, 100), [-SCROLL_PX]);
  await sleep(150);
}

/** Waymark's cold start: from a ready page, the service worker is stopped
 * (and seen to stop), then the target is inserted; the marker then needs
 * the worker to start, compile the wasm, restore the snapshot and answer. */
async function coldRun(t, session) {
  await openBench(t.page, 'waymark');
  await sleep(300);
  await session.stopServiceWorker();
  const r = await t.page.evaluate(() => window.__bench.insertLate(50, 10000));
  // The new worker's own phases (background.js, waymark.bootMs), once it
  // has answered (the paint plan marks the target before it does).
  const end = Date.now() + 10000;
  r.phases = null;
  while (!r.phases?.answerAt && Date.now() < end) {
    const sw = session.context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    r.phases = sw ? await sw.evaluate(() => globalThis.waymark?.bootMs ?? null).catch(() => null) : null;
    if (!r.phases?.answerAt) await sleep(50);
  }
  // Insertion -> the restarted engine's first answer (wall clocks of page and worker).
  r.answer = r.phases?.answerAt != null ? r.phases.answerAt - r.insertedAt : null;
  // Insertion -> the worker started (its timeOrigin, on the wall clock).
  if (r.answer != null) r.phases.started = r.answer - r.phases.answer;
  t.out.cold.push(r);
}

/** The engine's own time per page message, read from the worker. */
async function engineTimes(session) {
  const sw = session.context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  if (!sw) return { ms: null, why: 'the extension service worker was not found' };
  const ms = await sw.evaluate(() => globalThis.waymark?.pageMessageMs ?? null).catch(() => null);
  if (!Array.isArray(ms)) return { ms: null, why: 'background.js exposes no waymark.pageMessageMs' };
  return { ms };
}

/**
 * One storm window: the page (its `lib`: `none` loads no tool, which in the
 * Waymark browser with no guide running is the idle case), the target
 * inserted for a tool that highlights it, then COST_MS of storm. With
 * `trace`, a Chromium trace of the window instead of the CDP metrics alone
 * (tracing costs time of its own: traced windows are not the measured ones).
 */
async function cost(session, page, lib, { trace = false } = {}) {
  // The tab in front: the no-tool page shares its browser with driver.js's,
  // and a tab behind another renders no frames (its storm was measured
  // with frames 1 s apart and a fifth of the others' layout before this).
  await page.bringToFront();
  await openBench(page, lib);
  if (lib !== 'none') await page.evaluate(() => window.__bench.insertLate(0, 5000));
  await sleep(500);
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' }).catch(() => cdp.send('Performance.enable'));
  const events = [];
  let complete = null;
  let frame = null;
  if (trace) {
    frame = (await cdp.send('Page.getFrameTree')).frameTree.frame.id;
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
    complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.start', { categories: TRACE_CATEGORIES, transferMode: 'ReportEvents' });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const a = await cpu(cdp);
  const r = await page.evaluate(([t]) => window.__bench.cost(t), [COST_MS]);
  const b = await cpu(cdp);
  let attribution = null;
  if (complete) {
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.send('Tracing.end');
    await complete;
    attribution = attribute(events, frame, r.ms, profile);
  }
  await cdp.detach().catch(() => {});
  const frames = r.frames.slice(1);
  return {
    attribution,
    frameList: frames,
    ms: r.ms,
    rewrites: r.rewrites,
    longTasks: r.longTasks,
    longTaskMs: r.longTaskMs,
    frames: frames.length,
    frameP50: median(frames),
    frameP95: pct(frames, 95),
    frameMax: sorted(frames).at(-1) ?? null,
    over50: frames.filter((f) => f > 50).length,
    taskMs: b.task - a.task,
    scriptMs: b.script - a.script,
    layoutMs: b.layout - a.layout + (b.style - a.style),
  };
}

/** Storm windows of one tool added up (frames pooled). */
function mergeCost(windows) {
  const sum = (k) => windows.reduce((a, w) => a + (w[k] ?? 0), 0);
  const frames = windows.flatMap((w) => w.frameList);
  const long = windows.every((w) => w.longTasks != null);
  return {
    windows: windows.length,
    ms: sum('ms'),
    rewrites: sum('rewrites'),
    longTasks: long ? sum('longTasks') : null,
    longTaskMs: long ? sum('longTaskMs') : null,
    frames: frames.length,
    frameP50: median(frames),
    frameP95: pct(frames, 95),
    frameMax: sorted(frames).at(-1) ?? null,
    over50: frames.filter((f) => f > 50).length,
    taskMs: sum('taskMs'),
    scriptMs: sum('scriptMs'),
    layoutMs: sum('layoutMs'),
  };
}

// ---------------------------------------------------------------- trace
// Whose script runs during a storm window: a V8 CPU profile of the page's
// renderer (every 0.2 ms, content scripts included) puts each sample down
// to the innermost script file on its stack, with the native work it called
// (a forced style or layout, a selector match): content.js is Waymark's,
// driver.js's file driver.js's, the rest the page's. Observer callbacks are
// counted too (a trace's `FunctionCall` events leave out a mutation
// observer's callback, which runs inside the page's own call). A Chromium
// trace of the same window gives the tasks and the style and layout: a long
// task (`RunTask` over 50 ms) is put down to a tool when it would not have
// been long without that tool's samples in it; a `Layout` or
// `UpdateLayoutTree` whose samples are a tool's script was forced by it.
const TRACE_CATEGORIES = 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline';

/** Whose script is this URL: `waymark`, `driver`, or the `page`'s. */
function scriptOwner(url = '') {
  if (url.startsWith('chrome-extension://')) return 'waymark';
  if (url.includes(VENDOR_PATH)) return 'driver';
  return 'page';
}

/** One thread's events as complete events (`X`, with `dur`): begin/end pairs joined. */
function completeEvents(events) {
  const out = [];
  const open = [];
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X' && typeof e.dur === 'number') out.push(e);
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const i = open.findLastIndex((b) => b.name === e.name || !e.name);
      if (i < 0) continue;
      const [b] = open.splice(i, 1);
      out.push({ ...b, ph: 'X', dur: e.ts - b.ts, args: { ...b.args, ...e.args } });
    }
  }
  return out;
}

/** The profile's samples as {at (µs, the trace's clock), ms, owner}; idle and GC left out. */
function profileSamples(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const ownerOf = new Map();
  const owner = (id) => {
    if (ownerOf.has(id)) return ownerOf.get(id);
    let o = null;
    for (let n = byId.get(id); n; n = byId.get(parent.get(n.id))) {
      if (n.callFrame.url) {
        o = scriptOwner(n.callFrame.url);
        break;
      }
    }
    ownerOf.set(id, o);
    return o;
  };
  const out = [];
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] || 0;
    const o = owner(profile.samples[i]);
    const next = profile.timeDeltas[i + 1] ?? 0;
    if (o) out.push({ at, ms: next / 1000, owner: o });
  }
  return out;
}

function attribute(events, frameId, windowMs, profile) {
  const calls = events.filter((e) => e.name === 'FunctionCall' && e.args?.data?.frame === frameId);
  if (!calls.length) return { why: 'no script call of the page was traced' };
  const { pid, tid } = calls.find((e) => scriptOwner(e.args.data.url) === 'page') || calls[0];
  const on = completeEvents(events.filter((e) => e.pid === pid && e.tid === tid));
  const samples = profileSamples(profile);
  const script = { waymark: 0, driver: 0, page: 0 };
  for (const x of samples) script[x.owner] += x.ms;
  // Style and layout inside a tool's script: trace events covered by its samples.
  const forced = { waymark: 0, driver: 0, page: 0 };
  const layouts = on.filter((x) => x.name === 'Layout' || x.name === 'UpdateLayoutTree');
  for (const e of layouts) {
    const inside = samples.filter((x) => x.at >= e.ts && x.at <= e.ts + e.dur);
    if (!inside.length) continue;
    const o = inside[0].owner;
    forced[o] += e.dur / 1000;
  }
  const tasks = on.filter((e) => e.name === 'RunTask' && e.dur > 50000);
  const longTasks = { all: tasks.length, waymark: 0, driver: 0 };
  for (const t of tasks) {
    for (const owner of ['waymark', 'driver']) {
      const own = samples.filter((x) => x.owner === owner && x.at >= t.ts && x.at <= t.ts + t.dur).reduce((a, x) => a + x.ms * 1000, 0);
      if (own > 0 && t.dur - own <= 50000) longTasks[owner]++;
    }
  }
  const span = Math.max(windowMs, (profile.endTime - profile.startTime) / 1000);
  const perS = (x) => x / (span / 1000);
  return {
    ms: span,
    samples: samples.length,
    scriptMsPerS: Object.fromEntries(Object.entries(script).map(([k, v]) => [k, perS(v)])),
    forcedMsPerS: Object.fromEntries(Object.entries(forced).map(([k, v]) => [k, perS(v)])),
    calls: Object.fromEntries(Object.keys(script).map((k) => [k, samples.filter((x) => x.owner === k).length])),
    longTasks,
  };
}

// ---------------------------------------------------------------- bench.json
const round1 = (x) => (x == null ? null : Math.round(x * 10) / 10);
const round3 = (x) => (x == null ? null : Math.round(x * 1000) / 1000);

/**
 * dist/bench.json: the same run's figures as keys (issue 12 item 6). A key
 * that is not measured is null, with its reason in `null_reasons` (and in
 * the text report); never a made-up number.
 */
function benchJson(env, res, runs) {
  const reasons = {};
  const nul = (tool, key, why) => {
    reasons[`${tool}.${key}`] = why;
    return null;
  };
  const latencyKeys = (tool, o) => {
    const lat = (k, p) => round1(pct(o.latency.map((r) => r[k]), p));
    return {
      marker_median_ms: lat('marker', 50),
      marker_p95_ms: lat('marker', 95),
      box_median_ms: lat('box', 50),
      box_p95_ms: lat('box', 95),
      scroll_lag_px_max: round1(pct(o.scroll.map((r) => r.maxOff), 100)),
      scroll_lag_frames_max: pct(o.scroll.map((r) => r.lagFrames), 100),
    };
  };
  const stormKeys = (o) => ({
    storm_script_ms_per_s: round1(o.cost.scriptMs / (o.cost.ms / 1000)),
    storm_long_tasks: o.cost.longTasks,
  });
  // From the traced window: the tool's own script (its calls, forced style
  // and layout inside them included) and the long tasks put down to it.
  const ownKeys = (tool, o, owner, trace = o.trace, prefix = 'storm') => {
    const why = trace?.why || (trace ? null : 'no traced window');
    return {
      [`${prefix}_own_script_ms_per_s`]: why ? nul(tool, `${prefix}_own_script_ms_per_s`, why) : round1(trace.scriptMsPerS[owner]),
      [`${prefix}_own_forced_layout_ms_per_s`]: why ? nul(tool, `${prefix}_own_forced_layout_ms_per_s`, why) : round1(trace.forcedMsPerS[owner]),
      [`${prefix}_own_long_tasks`]: why ? nul(tool, `${prefix}_own_long_tasks`, why) : trace.longTasks[owner],
    };
  };
  const idleKeys = (o) => ({
    storm_idle_script_ms_per_s: o.idle ? round1(o.idle.scriptMs / (o.idle.ms / 1000)) : null,
    storm_idle_long_tasks: o.idle?.longTasks ?? null,
  });
  const tools = {};
  const W = res.waymark;
  const coldMs = W.cold.map((r) => r.answer);
  tools.waymark = {
    ...latencyKeys('waymark', W),
    ...stormKeys(W),
    ...ownKeys('waymark', W, 'waymark'),
    ...idleKeys(W),
    ...ownKeys('waymark', W, 'waymark', W.idleTrace, 'storm_idle'),
    bytes_gzip: env.bytes.content,
    cold_start_median_ms: coldMs.some((x) => x != null)
      ? round1(median(coldMs))
      : nul('waymark', 'cold_start_median_ms', COLD_RUNS ? 'no cold-start run marked the target' : 'WAYMARK_BENCH_COLD_RUNS=0'),
    cold_start_marker_median_ms: round1(median(W.cold.map((r) => r.marker))),
    cold_start_worker_phases_median_ms: Object.fromEntries(
      ['started', 'module', 'message', 'wasm', 'snapshot', 'engine', 'answer'].map((k) => [k, round1(median(W.cold.map((r) => r.phases?.[k])))]),
    ),
    engine_message_median_ms: W.engine.ms?.length
      ? round3(median(W.engine.ms))
      : nul('waymark', 'engine_message_median_ms', W.engine.why || 'no page message was timed'),
  };
  const D = res.driver;
  if (D) {
    tools.driverjs = { ...latencyKeys('driverjs', D), ...stormKeys(D), ...ownKeys('driverjs', D, 'driver'), bytes_gzip: env.bytes.driver };
  } else {
    reasons.driverjs = env.driverMissing;
  }
  const none = 'no tool on the page: nothing marks or draws a box';
  tools.none = {
    marker_median_ms: nul('none', 'marker_median_ms', none),
    marker_p95_ms: nul('none', 'marker_p95_ms', none),
    box_median_ms: nul('none', 'box_median_ms', none),
    box_p95_ms: nul('none', 'box_p95_ms', none),
    scroll_lag_px_max: nul('none', 'scroll_lag_px_max', none),
    scroll_lag_frames_max: nul('none', 'scroll_lag_frames_max', none),
    ...stormKeys(res.none),
    ...idleKeys(res.none),
    bytes_gzip: 0,
  };
  for (const [tool, keys] of Object.entries(tools)) {
    for (const [k, v] of Object.entries(keys)) if (v == null && !reasons[`${tool}.${k}`]) nul(tool, k, 'no sample was measured');
  }
  return {
    schema: 1,
    date: env.date,
    chromium: env.chromium,
    cores: env.cores,
    load_average: { start: Number(env.load.split(' ')[0]), end: Number(os.loadavg()[0].toFixed(2)) },
    runs,
    units: {
      marker_ms: 'target inserted -> the tool marks it (page clock)',
      box_ms: 'target inserted -> first animation frame whose box sits on it (centres within 2 px)',
      scroll_lag_px_max: 'worst frame, over every scroll run: distance between the box centre and the target centre',
      scroll_lag_frames_max: 'worst scroll run: frames (of ~24 in 400 ms) whose box is more than 1 px off, or missing',
      storm_script_ms_per_s: 'renderer main-thread script time per second of the DOM storm (CDP ScriptDuration), the page\'s own included',
      storm_long_tasks: `long tasks (> 50 ms) in ${runs.storm_windows_per_tool} windows of ${COST_MS} ms`,
      storm_own_script_ms_per_s: `the tool's own script per second of storm (the native work it calls, forced style and layout included), from a V8 CPU profile of one more window of ${COST_MS} ms`,
      storm_own_forced_layout_ms_per_s: 'of that, style and layout forced inside the tool\'s calls',
      storm_own_long_tasks: 'long tasks of that window (Chromium trace) that would not have been long (> 50 ms) without the tool\'s script in them',
      storm_idle_script_ms_per_s: `Waymark installed, no guide running, the storm page with no tool (${runs.storm_windows_per_tool} windows, alternated with the no-tool browser's, whose figure is none's key)`,
      storm_idle_long_tasks: 'long tasks in those windows',
      storm_idle_own_script_ms_per_s: 'content.js\'s own script per second in one profiled idle window (what recognising the page costs during the storm)',
      bytes_gzip: 'bytes put into the page, gzip -9',
      cold_start_median_ms: 'service worker stopped -> target inserted -> the restarted engine answers the page (worker start, wasm compile, snapshot restore, answer; wall clocks of page and worker)',
      cold_start_marker_median_ms: 'the same runs: target inserted -> marked (the paint plan marks it without the worker)',
      engine_message_median_ms: 'time inside WebEngine.from_page per page message, in the worker (timer steps of 0.1 ms)',
    },
    tools,
    null_reasons: reasons,
  };
}

// ---------------------------------------------------------------- report
function gz(file) {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

function table(rows) {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? String(c ?? '').padEnd(w[i]) : String(c ?? '').padStart(w[i]))).join('   ').trimEnd()).join('\n');
}

function report(env, res, json) {
  const W = res.waymark;
  const D = res.driver;
  const N = res.none;
  const cols = D ? ['', 'Waymark', `driver.js ${env.driverVersion}`] : ['', 'Waymark'];
  const row = (label, f) => (D ? [label, f(W), f(D)] : [label, f(W)]);
  const lat = (o, k, p) => ms(pct(o.latency.map((r) => r[k]), p));
  const out = [];
  out.push('Waymark benchmark (cargo xtask bench)');
  out.push('=====================================');
  out.push(`${env.date}  ${env.chromium}  ${env.cores} cores  load average ${env.load} at start, ${os.loadavg()[0].toFixed(2)} at end`);
  out.push(`extension: ${env.dist}`);
  out.push(`page: ${PAGE} (strict CSP), ${W.nodes} elements, ${'100'} cells rewritten every 50 ms; guide ${GUIDE}, step a1 (Start free)`);
  out.push('Figures, not verdicts: timings move with machine load (see tests/bench/README.md).');
  out.push('');
  out.push(`1. Late "Start free": inserted ${300}-${1000} ms after the page is ready, fresh page load per run (N=${RUNS})`);
  out.push('   marker = the tool marks the new node (Waymark: data-waymark-target; driver.js: .driver-active-element),');
  out.push('   box = first animation frame whose highlight box sits on the node (centres within 2 px). Waymark: worker round trip included.');
  out.push('   page links: logo (top left), "Sign in" (top right), a link mid-page on the right; document.elementFromPoint at each centre.');
  out.push(
    table([
      cols,
      row('highlighted (of N)', (o) => count(o.latency, (r) => r.box != null)),
      row('marker  median', (o) => lat(o, 'marker', 50)),
      row('marker  p95', (o) => lat(o, 'marker', 95)),
      row('  first frame after insertion, median', (o) => lat(o, 'firstFrame', 50)),
      row('  marker after that frame, median', (o) => {
        const m = median(o.latency.map((r) => (r.marker == null ? null : r.marker - r.firstFrame)));
        return m != null && m < 0 ? 'before it' : ms(m);
      }),
      row('box     median', (o) => lat(o, 'box', 50)),
      row('box     p95', (o) => lat(o, 'box', 95)),
      row('box     max', (o) => lat(o, 'box', 100)),
      row('clicks reach all 3 page links, while waiting', (o) => count(o.latency, (r) => r.clickableWhileWaiting === 3)),
      row('  links reachable while waiting (median)', (o) => `${median(o.latency.map((r) => r.clickableWhileWaiting))}/3`),
      row('clicks reach all 3 page links, once shown', (o) => count(o.latency, (r) => r.clickableAfter === 3)),
    ]),
  );
  out.push('');
  out.push(`2. Re-render: the highlighted link replaced by an equal new node (${REPEATS} in place; ${REPEATS} with a notice line toggled above it, so it moves 32 px); box read every frame for ${RERENDER_WAIT_MS} ms`);
  const rr = (o, v, f) => f(o.rerender[v]);
  const rrRows = [];
  for (const [v, label] of [
    ['inPlace', 'in place'],
    ['moved', 'moved'],
  ]) {
    rrRows.push(row(`${label}: new node marked`, (o) => rr(o, v, (xs) => count(xs, (r) => r.marker != null))));
    rrRows.push(row(`${label}: followed (marked, box on it)`, (o) => rr(o, v, (xs) => count(xs, (r) => r.box != null))));
    rrRows.push(row(`${label}: marker median / max`, (o) => rr(o, v, (xs) => `${ms(median(xs.map((r) => r.marker)))} / ${ms(pct(xs.map((r) => r.marker), 100))}`)));
    rrRows.push(row(`${label}: box median / max`, (o) => rr(o, v, (xs) => `${ms(median(xs.map((r) => r.box)))} / ${ms(pct(xs.map((r) => r.box), 100))}`)));
    rrRows.push(row(`${label}: box offset after, median / max`, (o) => rr(o, v, (xs) => `${px(median(xs.map((r) => r.offset)))} / ${px(pct(xs.map((r) => r.offset), 100))}`)));
  }
  out.push(table([cols, ...rrRows]));
  out.push('');
  out.push(`3. Scroll container (overflow:auto) scrolled down by ${SCROLL_PX} px from a settled highlight (${REPEATS} times, scrolled back between runs), box read every frame for 400 ms`);
  out.push(
    table([
      cols,
      row('box on target 400 ms after', (o) => count(o.scroll, (r) => r.on)),
      row('offset 400 ms after, median / max', (o) => `${px(median(o.scroll.map((r) => r.off)))} / ${px(pct(o.scroll.map((r) => r.off), 100))}`),
      row('time to follow, median / max', (o) => `${ms(median(o.scroll.map((r) => r.follow)))} / ${ms(pct(o.scroll.map((r) => r.follow), 100))}`),
      row('container moved by', (o) => `${median(o.scroll.map((r) => Math.abs(r.moved)))} px`),
      row('every frame: worst offset', (o) => px(pct(o.scroll.map((r) => r.maxOff), 100))),
      row('every frame: frames > 1 px off, worst run', (o) => `${pct(o.scroll.map((r) => r.lagFrames), 100)} of ${pct(o.scroll.map((r) => r.frames), 100)}`),
    ]),
  );
  out.push('');
  out.push(`4. Main thread during the storm: ${COST_ROUNDS} windows of ${COST_MS / 1000} s per tool, alternated, target highlighted (renderer main thread, content scripts included; the worker is off it)`);
  const cc = [N, W, D].filter(Boolean);
  const crow = (label, f) => [label, ...cc.map((o) => f(o.cost))];
  out.push(
    table([
      ['', ...cc.map((o) => (o === N ? 'no tool' : o === W ? 'Waymark' : 'driver.js'))],
      crow('main-thread busy (CDP TaskDuration)', (c) => `${((c.taskMs / c.ms) * 100).toFixed(1)} %`),
      crow('  script / style+layout', (c) => `${Math.round(c.scriptMs)} / ${Math.round(c.layoutMs)} ms`),
      crow('script per second of storm', (c) => `${(c.scriptMs / (c.ms / 1000)).toFixed(1)} ms/s`),
      crow('long tasks (count / total)', (c) => (c.longTasks == null ? '—' : `${c.longTasks} / ${Math.round(c.longTaskMs)} ms`)),
      crow('frame interval p50 / p95 / max', (c) => `${c.frameP50?.toFixed(1)} / ${c.frameP95?.toFixed(1)} / ${c.frameMax?.toFixed(1)} ms`),
      crow('frames > 50 ms', (c) => `${c.over50} of ${c.frames}`),
      crow('storm ticks', (c) => String(c.rewrites)),
    ]),
  );
  if (N && W) {
    const extra = (o) => ((o.cost.taskMs - N.cost.taskMs) / (o.cost.ms / 1000)).toFixed(1);
    out.push(`   extra main-thread time vs no tool: Waymark ${extra(W)} ms/s${D ? `, driver.js ${extra(D)} ms/s` : ''}`);
  }
  const own = (name, trace, owner) =>
    !trace || trace.why
      ? `   ${name}: not traced (${trace?.why || 'no traced window'})`
      : `   ${name}: its own script ${trace.scriptMsPerS[owner].toFixed(1)} ms/s (${trace.calls[owner]} samples; style+layout forced in it ${trace.forcedMsPerS[owner].toFixed(1)} ms/s), the page's ${trace.scriptMsPerS.page.toFixed(1)} ms/s; long tasks ${trace.longTasks.all}, not long without its script ${trace.longTasks[owner]}`;
  out.push(`   profiled and traced window (${COST_MS / 1000} s each; whose script it is by the innermost script file on each sample's stack):`);
  out.push(own('Waymark, guide running', W.trace, 'waymark'));
  if (D) out.push(own('driver.js', D.trace, 'driver'));
  out.push('');
  out.push(`4b. No guide running: Waymark installed, the guide stopped, the storm page with no tool, ${COST_ROUNDS} windows alternated with the no-tool browser's`);
  if (W.idle && N.idle) {
    const per = (c) => `${(c.scriptMs / (c.ms / 1000)).toFixed(1)} ms/s script, busy ${((c.taskMs / c.ms) * 100).toFixed(1)} %, long tasks ${c.longTasks ?? '—'}`;
    out.push(`   Waymark idle: ${per(W.idle)}; no tool: ${per(N.idle)}`);
    out.push(own('Waymark idle, traced', W.idleTrace, 'waymark'));
  }
  out.push('');
  out.push('5. Bytes put into the page (gzip -9)');
  const b = env.bytes;
  out.push(`   Waymark content.js         ${b.content} B (${(b.content / 1024).toFixed(1)} KB), raw ${b.contentRaw} B`);
  if (b.driver != null) out.push(`   driver.js ${env.driverVersion} JS + CSS    ${b.driver} B (${(b.driver / 1024).toFixed(1)} KB) = ${b.driverJs} + ${b.driverCss}`);
  out.push('');
  out.push('6. Waymark\'s engine (in the background worker)');
  const cold = W.cold.map((r) => r.marker);
  out.push(`   cold start (worker stopped, then the target inserted; until it is marked): median ${ms(median(cold))}, p95 ${ms(pct(cold, 95))}, ${count(W.cold, (r) => r.marker != null)} marked`);
  const answered = W.cold.map((r) => r.answer);
  out.push(`   cold start (the same; until the restarted engine answers the page): median ${ms(median(answered))}, p95 ${ms(pct(answered, 95))}, ${count(W.cold, (r) => r.answer != null)} answered`);
  const em = W.engine.ms;
  const phase = (k) => median(W.cold.map((r) => r.phases?.[k]));
  if (W.cold.some((r) => r.phases))
    out.push(
      `   the worker started ${ms(phase('started'))} after the insertion (median, wall clocks); its own clock, median ms since it started: module evaluated ${ms(phase('module'))}, first page message received ${ms(phase('message'))}, wasm compiled and instantiated ${ms(phase('wasm'))}, snapshot read ${ms(phase('snapshot'))}, engine built (guides parsed, snapshot restored) ${ms(phase('engine'))}, first page message answered ${ms(phase('answer'))}`,
    );
  out.push(em?.length
    ? `   engine time per page message (WebEngine.from_page): median ${median(em).toFixed(3)} ms, p95 ${pct(em, 95).toFixed(3)} ms, max ${pct(em, 100).toFixed(3)} ms over ${em.length} messages (0.1 ms timer steps)`
    : `   engine time per page message: not measured (${W.engine.why})`);
  out.push('');
  out.push('7. dist/bench.json (null = not measured; reasons below)');
  const names = Object.keys(json.tools);
  const keys = [...new Set(names.flatMap((n) => Object.keys(json.tools[n])))];
  // An object (the worker's phases) is printed in section 6, not here: it
  // would widen the whole column (and never as "[object Object]").
  const cell = (v) => (v && typeof v === 'object' ? 'see 6.' : String(v));
  out.push(table([['', ...names], ...keys.map((k) => [k, ...names.map((n) => (k in json.tools[n] ? cell(json.tools[n][k]) : '·'))])]));
  for (const [k, why] of Object.entries(json.null_reasons)) out.push(`   null ${k}: ${why}`);
  const r = json.runs;
  out.push(`   runs: ${r.bench_runs} bench run; the tools alternated over ${r.alternating_rounds} rounds: ${r.late_target_per_tool} late insertions and ${r.scroll_per_tool} scrolls per tool run by run, ${r.storm_windows_per_tool} storm windows each (ABBA); ${r.cold_starts} cold starts; ${r.engine_messages_timed} engine messages timed`);
  out.push('');
  out.push('Bar (brief §6, driver.js 1.8.0 measured there): 8.3 KB; late button 9.6 ms median, p95 20.7 ms, page unclickable');
  out.push('while waiting; follows a replaced button 0 of 10; 300 px off after a container scroll (0 of 10); cost within noise.');
  if (!D) out.push(`driver.js not measured: ${env.driverMissing}`);
  out.push(`total bench time ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------- main
async function main() {
  const missing = extensionMissing('chrome');
  if (missing) throw new Error(missing);
  const drv = driverDist();
  let vendorDir = null;
  if (drv) {
    vendorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-vendor-'));
    for (const f of drv.files) fs.copyFileSync(path.join(drv.dir, f), path.join(vendorDir, f));
  }
  const contentJs = path.join(DIST, 'chrome', 'content.js');
  const env = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cores: os.cpus().length,
    load: os.loadavg().map((x) => x.toFixed(2)).join(' '),
    dist: path.join(DIST, 'chrome'),
    driverVersion: drv?.version,
    driverMissing: drv ? null : 'npm package driver.js is not installed under tests/ (npm ci in tests/)',
    bytes: {
      content: gz(contentJs),
      contentRaw: fs.statSync(contentJs).size,
      driverJs: drv ? gz(path.join(drv.dir, 'driver.js.iife.js')) : null,
      driverCss: drv ? gz(path.join(drv.dir, 'driver.css')) : null,
    },
  };
  if (drv) env.bytes.driver = env.bytes.driverJs + env.bytes.driverCss;

  const server = await startServer();
  const front = await startFront(server, vendorDir);
  const fresh = (lib) => ({ lib, latency: [], rerender: { inPlace: [], moved: [] }, scroll: [], costWindows: [], idleWindows: [], cold: [] });
  const res = { waymark: fresh('waymark'), none: fresh('none') };
  if (drv) res.driver = fresh('driver');
  let sW = null;
  let sN = null;
  try {
    // Two browsers side by side for the whole run: Waymark (the built
    // extension, guide A started from the side panel) and one without an
    // extension, for driver.js in the page and for the baseline. The tools
    // take turns run by run, so machine noise falls on both.
    sW = await launchChromium({ server: front });
    const panel = await sW.openPanel();
    env.chromium = await panel
      .context()
      .newCDPSession(panel)
      .then((c) => c.send('Browser.getVersion'))
      .then((v) => v.product)
      .catch(() => 'Chromium');
    await startGuide(panel, GUIDE);
    log(`${env.chromium}: guide ${GUIDE} started`);
    sN = await launchChromium({ server: front, extension: false });
    const W = { lib: 'waymark', session: sW, page: await sW.newPage(), out: res.waymark };
    const N = { lib: 'none', session: sN, page: await sN.newPage(), out: res.none };
    const D = drv ? { lib: 'driver', session: sN, page: await sN.newPage(), out: res.driver } : null;
    const tools = [W, D].filter(Boolean);
    const turns = (i) => (i % 2 ? [...tools].reverse() : tools);

    // 1. late insertion, alternating run by run (and who goes first).
    for (let i = 0; i < RUNS; i++) for (const t of turns(i)) await lateRun(t, i);
    for (const t of tools) log(`${t.lib}: ${RUNS} late insertions, marker median ${ms(median(t.out.latency.map((r) => r.marker)))}`);
    // The engine's time per message, over the late insertions (read before
    // any worker restart, which empties it).
    res.waymark.engine = await engineTimes(sW);

    // 2. re-render, one block per tool.
    for (const t of tools) await rerenderRuns(t);
    // 3. scroll container, alternating run by run.
    for (const t of tools) await scrollSetup(t);
    for (let i = 0; i < REPEATS; i++) for (const t of turns(i)) await scrollRun(t);
    log('re-render and scroll done');

    // 4. main-thread cost during the storm: none, Waymark, driver.js, then
    // the other way round, COST_ROUNDS windows each.
    const all = [N, W, D].filter(Boolean);
    for (let r = 0; r < COST_ROUNDS; r++) {
      for (const t of r % 2 ? [...all].reverse() : all) t.out.costWindows.push(await cost(t.session, t.page, t.lib));
    }
    for (const t of all) t.out.cost = mergeCost(t.out.costWindows);
    log('storm windows done');
    // 4b. One traced storm window per tool: whose script is it, and whose
    // long tasks (not measured windows: tracing costs time of its own).
    for (const t of tools) t.out.trace = (await cost(t.session, t.page, t.lib, { trace: true })).attribution;
    // 4c. Waymark with no guide running (idle): the guide stopped in the
    // panel, the same storm page with no tool (?lib=none) in Waymark's
    // browser, where the content script is injected and recognises the
    // page, alternated with the no-tool baseline; traced once. Then the
    // guide is started again for the cold starts.
    await panel.click('[data-k="stop"]');
    await panel.waitForSelector('.guide.is-active', { state: 'detached', timeout: 10000 });
    const idle = { lib: 'none', session: sW, page: W.page, out: res.waymark };
    for (let r = 0; r < COST_ROUNDS; r++) {
      for (const [t, out] of r % 2 ? [[N, res.none], [idle, res.waymark]] : [[idle, res.waymark], [N, res.none]])
        out.idleWindows.push(await cost(t.session, t.page, 'none'));
    }
    res.waymark.idle = mergeCost(res.waymark.idleWindows);
    res.none.idle = mergeCost(res.none.idleWindows);
    res.waymark.idleTrace = (await cost(sW, W.page, 'none', { trace: true })).attribution;
    await startGuide(panel, GUIDE);
    log('traced and idle storm windows done');

    // 5. Waymark's cold start. The panel goes first: it reconnects, and so
    // restarts the worker, as soon as the worker stops.
    await panel.close();
    for (let i = 0; i < COLD_RUNS; i++) await coldRun(W, sW);
    log(`cold start: ${COLD_RUNS} runs, median ${ms(median(res.waymark.cold.map((r) => r.marker)))}`);

    const errs = sW.errors.filter((e) => e.kind !== 'console' || !/favicon/.test(e.text));
    if (errs.length) log(`errors seen with Waymark: ${errs.map((e) => `${e.kind}: ${e.text}`).join(' | ')}`);
  } finally {
    await sW?.close();
    await sN?.close();
    await front.close();
    await server.close();
    if (vendorDir) fs.rmSync(vendorDir, { recursive: true, force: true });
  }

  const runs = {
    bench_runs: 1,
    late_target_per_tool: RUNS,
    alternating_rounds: RUNS + REPEATS + COST_ROUNDS,
    rerender_per_tool: 2 * REPEATS,
    scroll_per_tool: REPEATS,
    storm_windows_per_tool: COST_ROUNDS,
    storm_window_ms: COST_MS,
    cold_starts: COLD_RUNS,
    engine_messages_timed: res.waymark.engine.ms?.length ?? 0,
  };
  const json = benchJson(env, res, runs);
  fs.writeFileSync(path.join(DIST, 'bench.json'), JSON.stringify(json, null, 2) + '\n');
  const text = report(env, res, json);
  process.stdout.write('\n' + text);
  const file = path.join(DIST, 'bench-report.txt');
  fs.writeFileSync(file, text);
  if (process.env.WAYMARK_BENCH_JSON) fs.writeFileSync(process.env.WAYMARK_BENCH_JSON, JSON.stringify({ env, res }, null, 1));
  console.error(`report written to ${file} and ${path.join(DIST, 'bench.json')}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`bench: ${e.stack || e}`);
    process.exit(1);
  },
);

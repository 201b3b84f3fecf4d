// The replica hosts themselves: every page answers with the strict CSP,
// renders its late content, and logs no console error and no page error,
// without the extension and (when dist/ is built) with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { serveReplicas, useChromium, extensionMissing, readPage, isClean } from './harness.mjs';
import { CSP } from '../server/server.mjs';
import { PAGES, waitReady } from './pages.mjs';

const replicas = serveReplicas();

function get(host, path) {
  return new Promise((resolve, reject) => {
    const req = https.get({ host: '127.0.0.1', port: replicas.server.port, path, servername: host, headers: { host }, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

test('every response carries the strict CSP, including fallbacks and errors', async () => {
  const cases = [
    ['portal.azure.com', '/', 200],
    ['portal.azure.com', '/Content/Scripts/portal.js', 200],
    ['portal.azure.com', '/some/deep/route', 200], // SPA fallback
    ['portal.azure.com', '/missing.js', 404],
    ['sandbox-1.reactblade.portal.azure.net', '/ReactView/Index?view=UsersList', 200],
    ['sandbox-7.reactblade.portal.azure.net', '/ReactView/Index', 200],
    ['login.microsoftonline.com', '/common/oauth2/v2.0/authorize?x=1', 200],
    ['azure.microsoft.com', '/en-us/free/', 200],
    ['azure.microsoft.com', '/', 301], // to /en-us/, as the real site does
    ['unknown.example', '/', 421],
  ];
  for (const [host, path, status] of cases) {
    const r = await get(host, path);
    assert.equal(r.status, status, `${host}${path} status`);
    assert.equal(r.headers['content-security-policy'], CSP, `${host}${path} CSP`);
  }
  assert.ok(!/wasm-unsafe-eval|unsafe-inline|unsafe-eval/.test(CSP), 'CSP is strict');
  assert.match(CSP, /script-src 'self'/);
  assert.match(CSP, /frame-src https:\/\/\*\.reactblade\.portal\.azure\.net/);
});

test('replica HTML has no inline script or inline event handler', async () => {
  for (const p of PAGES) {
    const u = new URL(p.url);
    const r = await get(u.hostname, u.pathname + u.search);
    assert.equal(r.status, 200, p.url);
    assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(r.body), `${p.name}: inline <script>`);
    assert.ok(!/\son[a-z]+\s*=/i.test(r.body), `${p.name}: inline event handler`);
  }
});

// Pages render in a few tabs side by side (most of a page's time is waiting
// for its late content), each tab taking the next page when it is done. A
// page's errors are the ones its own tab reported while it showed that page;
// the service worker's are counted for the whole run.
const TABS = 3;

async function renderAll(s, checkClean = false) {
  const problems = [];
  const markers = [];
  const workerErrorsBefore = s.errors.filter((e) => e.kind === 'worker-console').length;
  const queue = [...PAGES];
  const renderInTab = async () => {
    const page = await s.newPage();
    let pageErrors = [];
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${String(e && (e.stack || e.message || e))}`));
    page.on('crash', () => pageErrors.push('crash: page crashed'));
    for (let p = queue.shift(); p; p = queue.shift()) {
      await page.goto('about:blank'); // a hash-only change would not reload
      pageErrors = [];
      const resp = await page.goto(p.url, { waitUntil: 'load' });
      assert.ok(resp, `${p.name}: no response`);
      assert.equal(resp.headers()['content-security-policy'], CSP, `${p.name}: CSP header on the document`);
      await waitReady(page, p.ready);
      await page.waitForTimeout(300); // let periodic re-renders run once more
      if (checkClean) {
        // No guide is running: the contract says no marker anywhere.
        for (const r of await readPage(page)) {
          if (!isClean(r) || r.verdicts.length) {
            const what = [r.rootCount && '#waymark-root', r.targets.length && 'data-waymark-target', r.dialogs.length && 'callout', r.verdicts.length && 'verdict badge ' + r.verdicts.map((v) => v.verdict).join(',')].filter(Boolean).join(', ');
            markers.push(`${p.name}: ${what} in ${r.url}`);
          }
        }
      }
      if (pageErrors.length) problems.push(`${p.name} (${p.url}):\n  ` + pageErrors.join('\n  '));
    }
    await page.close();
  };
  await Promise.all(Array.from({ length: TABS }, renderInTab));
  const workerErrors = s.errors.filter((e) => e.kind === 'worker-console').slice(workerErrorsBefore);
  if (workerErrors.length) problems.push('service worker:\n  ' + workerErrors.map((e) => e.text).join('\n  '));
  return checkClean ? { problems, markers } : problems;
}

test('every replica page renders with no console error and no page error (no extension)', { timeout: 120000 }, async (t) => {
  const s = await useChromium(t, { extension: false });
  const problems = await renderAll(s);
  assert.deepEqual(problems, [], problems.join('\n'));
});

// One run with the extension serves two checks; its browser is the first
// asking test's (`t`), closed when that test ends.
let extRun = null;
function withExtension(t) {
  if (!extRun) {
    extRun = (async () => {
      const s = await useChromium(t, { extension: true });
      return renderAll(s, true);
    })();
  }
  return extRun;
}

const noExt = extensionMissing('chrome') || false;

test('every replica page renders with no console error and no page error (with the extension)', { timeout: 120000, skip: noExt }, async (t) => {
  const { problems } = await withExtension(t);
  assert.deepEqual(problems, [], problems.join('\n'));
});

test('with no guide running, no page shows any Waymark marker (contract: nothing on unguided pages)', { timeout: 120000, skip: noExt }, async (t) => {
  const { markers } = await withExtension(t);
  assert.deepEqual(markers, [], markers.join('\n'));
});

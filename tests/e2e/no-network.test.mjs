// The extension makes no network request of its own (ARCHITECTURE.md
// invariant 5, issue 2 item 6). Every request the browser makes is watched
// three ways:
//  - Playwright's context-wide request events, which include the extension
//    service worker's own requests (even after a restart) and those of
//    extension pages (panel.html);
//  - CDP Network initiators, which show requests started by a content script;
//  - Chromium's net log, compared with a baseline run of the same pages
//    without the extension, and the replica server's own log: with the
//    extension, nothing may be requested that the pages do not request
//    themselves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, useChromium, extensionMissing, startGuide, ChromiumSession, until, panelProgress } from './harness.mjs';
import { PAGES, waitReady } from './pages.mjs';

const skip = extensionMissing('chrome') || false;
const VISIT = [
  'azure.com free', 'sign-in', 'Azure sign-up form', 'portal home', 'portal users list', 'portal assigned roles',
  'portal roles and administrators', 'Microsoft 365 trial form (2017)', 'Microsoft 365 email-first sign-up', 'admin center user details',
].map((n) => {
  const p = PAGES.find((x) => x.name === n);
  if (!p) throw new Error('unknown page ' + n);
  return p;
});

const replicas = serveReplicas();

async function visitAll(s) {
  const page = await s.newPage();
  for (const p of VISIT) {
    await page.goto('about:blank');
    await page.goto(p.url);
    await waitReady(page, p.ready);
    await page.waitForTimeout(400);
  }
  return page;
}

function key(r) {
  return r.host + r.path;
}

test('the extension makes no network request: service worker, panel and content scripts', { skip, timeout: 180000 }, async (t) => {
  // Baseline: the same pages without the extension.
  let mark = replicas.server.requests.length;
  const base = await useChromium(t, { extension: false, netlog: true });
  await visitAll(base);
  await base.close();
  const baseServer = new Set(replicas.server.requests.slice(mark).map(key));
  const baseNet = new Set(base.netlogUrls() || []);
  base.cleanup();

  // With the extension, a guide running, and a service worker restart.
  mark = replicas.server.requests.length;
  const s = await useChromium(t, { netlog: true });
  let extReqs;
  const panel = await s.openPanel();
  await startGuide(panel, 'find-your-role');
  await until(() => panelProgress(panel), 'the guide to start');
  await visitAll(s);
  await s.stopServiceWorker();
  await panel.reload();
  await until(() => panelProgress(panel), 'the panel after the service worker restart');
  const again = await s.newPage();
  await again.goto(VISIT[3].url);
  await waitReady(again, VISIT[3].ready);
  await again.waitForTimeout(500);
  extReqs = s.extensionRequests();
  assert.ok(s.networkRequests().length > 20, 'the recorder saw the pages\' own requests');
  await s.close();
  const withServer = replicas.server.requests.slice(mark).map(key);
  const netlog = s.netlogUrls() || [];
  s.cleanup();

  assert.deepEqual(extReqs.map((r) => `${r.via || 'extension'} ${r.url}`), [], 'requests made by the extension');
  const extraServer = [...new Set(withServer.filter((k) => !baseServer.has(k)))];
  assert.deepEqual(extraServer, [], 'replica-server requests that only happen with the extension');
  const strip = (u) => u.replace(/[?#].*$/, '');
  const baseNetStripped = new Set([...baseNet].map(strip));
  const extraNet = netlog.filter((u) => !baseNetStripped.has(strip(u)) && !ChromiumSession.isChromiumOwn(u));
  assert.deepEqual(extraNet, [], 'net-log URLs that only appear with the extension');
});

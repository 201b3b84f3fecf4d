// The foundation slice (issue 2, items 5 and 6): started from panel.html,
// a guide highlights on the portal replica (top frame: the search box) and
// inside the cross-origin reactblade frame (a user in the re-rendering users
// list). Guide C (find-your-role) is used because all its steps are on the
// portal; guide A starts on azure.microsoft.com (see guide-a.test.mjs).
// The callout stays on its target through scroll, resize and re-render; the callout stays on its target through
// scroll, resize and re-render; the engine's state survives the service
// worker being stopped and restarted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  serveReplicas, chromiumForFile, extensionMissing, startGuide, waitForStep, waitCalloutOnTarget, clickTarget,
  readPage, panelProgress, waitPanelProgress, panelCurrent, inSandbox, inTop, reRenderCheck, until, WAIT,
} from './harness.mjs';

const GUIDE = 'find-your-role';
const skip = extensionMissing('chrome') || false;
serveReplicas();
const browser = chromiumForFile({ skip });

const SEARCH = 'Search resources, services, and docs (G+/)';
const ENTRA = /^(Microsoft Entra ID|Azure Active Directory)$/;

test('slice: portal and blade-frame highlights that follow the page, and state that survives the service worker', { skip, timeout: 120000 }, async () => {
  const s = browser.session;
  const panel = await s.openPanel();
  const portal = await s.newPage();
  await portal.goto('https://portal.azure.com/#home');
  await portal.waitForSelector('.fxs-topbar');
  await startGuide(panel, GUIDE);
  await portal.bringToFront();

  // 1. On the portal home: the way to Microsoft Entra ID is highlighted in the top frame.
  const a4 = await waitForStep(portal, GUIDE + '/', WAIT, { frame: inTop });
  assert.ok(
    a4.target.name.includes(SEARCH) || ENTRA.test(a4.target.name) || ENTRA.test(a4.target.text),
    `the portal step points at the search box or at Microsoft Entra ID, not at "${a4.target.name}"`,
  );
  assert.ok(a4.dialog.text.length > 10, 'the callout holds an instruction');
  assert.equal(a4.read.rootCount, 1, 'one #waymark-root');
  assert.ok(a4.read.rootHasOpenShadow, '#waymark-root has an open shadow root');
  const p4 = await until(() => panelProgress(panel), 'progress in the panel');
  assert.ok(p4.n >= 1 && p4.n <= p4.of, `progress ${p4.n} of ${p4.of}`);

  // 2. The callout follows scroll (target moved but still in view) and resize.
  const dy = Math.max(0, Math.min(100, Math.floor(a4.target.rect.y - 60)));
  await portal.evaluate((d) => document.querySelector('.fxs-portal-main').scrollBy(0, d), dy);
  const moved = await waitCalloutOnTarget(a4.frame, a4.target.step);
  if (dy > 0 && !a4.target.name.includes(SEARCH)) assert.ok(Math.abs(moved.target.rect.y - (a4.target.rect.y - dy)) < 2, 'the target scrolled with the page');
  await portal.setViewportSize({ width: 1000, height: 700 });
  await waitCalloutOnTarget(a4.frame, a4.target.step);
  await portal.setViewportSize({ width: 1280, height: 900 });
  await portal.evaluate(() => document.querySelector('.fxs-portal-main').scrollTo(0, 0));

  // 3. Use the search box: the highlight moves to the "Microsoft Entra ID" result.
  await portal.fill(`input[aria-label="${SEARCH}"]`, 'Microsoft Entra');
  const result = await waitForStep(portal, a4.target.step, WAIT, { frame: inTop, target: (t) => ENTRA.test(t.name) || ENTRA.test(t.text) });
  await clickTarget(result.frame, result.target.step);
  await portal.waitForURL(/ActiveDirectoryMenuBlade/);

  // 4. Entra ID overview: "Users" in the blade menu.
  const a5 = await waitForStep(portal, (st) => st.startsWith(GUIDE + '/') && st !== a4.target.step, WAIT, { frame: inTop });
  assert.match(a5.target.name, /^(All users|Users|Users and groups)$/);
  await clickTarget(a5.frame, a5.target.step);
  await portal.waitForURL(/UserManagementMenuBlade/);

  // 5. The users list: the highlight is inside the cross-origin blade frame
  //    (a user's link in a grid row), and the overlay lives in that frame's
  //    own #waymark-root.
  const a6 = await waitForStep(portal, GUIDE + '/', WAIT, { frame: inSandbox });
  assert.ok(inSandbox(a6.frame), 'target in the reactblade frame');
  const inRow = await a6.frame.evaluate((st) => !!document.querySelector(`[data-waymark-target="${st}"]`)?.closest('[role="row"]'), a6.target.step);
  assert.ok(inRow, 'the highlighted control is in a row of the users grid');
  assert.equal(a6.read.rootCount, 1);
  const top = (await readPage(portal)).find((r) => inTop(r.frame));
  assert.equal(top.targets.length, 0, 'no highlight left behind in the top frame');

  // 6. ...and stays on it through scroll inside the frame and re-rendering.
  await a6.frame.evaluate(() => document.querySelector('.ms-ScrollablePane')?.scrollBy(0, 80));
  await waitCalloutOnTarget(a6.frame, a6.target.step);
  const rr = await reRenderCheck(a6.frame, a6.target.step);
  assert.ok(rr.hadOld && !rr.oldConnected, 'the replica replaced the highlighted row (re-render happened)');
  assert.ok(rr.now && rr.replaced, 'the highlight moved to the re-rendered element');
  assert.equal(rr.nowText, rr.oldText, 'the same user is highlighted after the re-render');
  await waitCalloutOnTarget(a6.frame, a6.target.step);

  // 7. Stop the service worker; the next message restarts it with the same state.
  const before6 = await waitPanelProgress(panel, (await panelProgress(panel)).n);
  const cur = await panelCurrent(panel);
  await s.stopServiceWorker();
  assert.equal((await s.runningWorkers()).length, 0, 'the worker is stopped');
  await panel.reload();
  await waitPanelProgress(panel, before6.n);
  assert.equal(await panelCurrent(panel), cur, 'same current step after the restart');
  assert.ok((await s.runningWorkers()).length >= 1, 'the worker restarted');
  // The page still shows the same step after the restart (and after a page event).
  await a6.frame.evaluate(() => document.querySelector('.ms-ScrollablePane')?.scrollBy(0, -80));
  await waitForStep(portal, a6.target.step, WAIT, { frame: inSandbox });
  assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

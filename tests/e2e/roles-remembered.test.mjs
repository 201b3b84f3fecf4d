// Issue 4 item 6: a verdict read on a role page is remembered for the browser
// session (per signed-in account) and offered when a guide starts, with the
// page and how long ago it was read, and a way to check again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, useChromium, extensionMissing, startGuide, readPage, until, WAIT } from './harness.mjs';
import { ROUTES, USERS } from './pages.mjs';

const skip = extensionMissing('chrome') || false;
serveReplicas();

const portal = (who, hash) => `https://portal.azure.com/?login_hint=${encodeURIComponent(USERS[who].upn)}${hash}`;

/** The precondition's role check in the panel: its verdict and text. */
async function roleCheck(panel) {
  const el = panel.locator('.role-check[data-waymark-verdict]');
  if (!(await el.count())) return null;
  return { verdict: await el.first().getAttribute('data-waymark-verdict'), text: (await el.first().innerText()).replace(/\s+/g, ' ') };
}

test('roles: a verdict read with Guide C is offered when Guide B starts, and "Check again" reads it again', { skip, timeout: 90000 }, async (t) => {
  const s = await useChromium(t);
  const panel = await s.openPanel();
  // Before any role page: the precondition says the role is not checked yet.
  await startGuide(panel, 'office365-for-azure-ad');
  const before = await until(() => roleCheck(panel), 'the role check at the precondition', WAIT);
  assert.equal(before.verdict, 'unknown', before.text);
  assert.match(before.text, /not been checked|find-your-role|Guide C/i);

  // Megan (Billing Administrator) opens her own Assigned roles while Guide C runs.
  await startGuide(panel, 'find-your-role');
  const page = await s.newPage();
  await page.goto(portal('megan', ROUTES.assignedRoles(USERS.megan.id)));
  await until(async () => {
    for (const r of await readPage(page)) if (r.verdicts.some((v) => v.verdict === 'qualifies')) return true;
    return null;
  }, 'a "qualifies" badge on the Assigned roles page', WAIT);

  // Guide B (Global or Billing Administrator) starts: the remembered verdict is offered, with where and when.
  await startGuide(panel, 'office365-for-azure-ad');
  const offered = await until(async () => {
    const r = await roleCheck(panel);
    return r && r.verdict === 'qualifies' ? r : null;
  }, 'the remembered verdict at Guide B\'s precondition', WAIT);
  assert.match(offered.text, /Checked (just now|.+ ago) on portal\.azure\.com/i, offered.text);
  assert.match(offered.text, /Billing Administrator/i, offered.text);

  // Check again with the role page closed: the remembered verdict is
  // forgotten and nothing can be read, so the role is unknown again.
  await page.close();
  await panel.locator('.role-check').getByRole('button', { name: 'Check again' }).click();
  const forgotten = await until(async () => {
    const r = await roleCheck(panel);
    return r && r.verdict === 'unknown' ? r : null;
  }, 'the verdict forgotten after "Check again"', WAIT);
  assert.doesNotMatch(forgotten.text, /Billing Administrator — qualifies/);
  // Opening the page again reads it again.
  const reopened = await s.newPage();
  await reopened.goto(portal('megan', ROUTES.assignedRoles(USERS.megan.id)));
  const again = await until(async () => {
    const r = await roleCheck(panel);
    return r && r.verdict === 'qualifies' ? r : null;
  }, 'the verdict read again from the reopened page', WAIT);
  assert.match(again.text, /portal\.azure\.com/);
  assert.deepEqual(s.errors ?? [], [], (s.errors ?? []).map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

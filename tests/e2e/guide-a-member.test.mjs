// Guide A (azure-for-office365) and a plain member (issue 9, item 1): any
// member work account of the tenant may sign up for Azure ("The account you
// use doesn't need to have administrator permissions", Microsoft Learn), so a
// user whose role reads "User" (2017) or who has no admin role at all never
// gets "does-not-qualify" on Guide A, in the page badge or in the panel;
// Guide B, which needs a Global or Billing Administrator, does say so for
// the same reading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, useChromium, extensionMissing, startGuide, readPage, until, WAIT } from './harness.mjs';
import { ROUTES, USERS } from './pages.mjs';

const skip = extensionMissing('chrome') || false;
serveReplicas();

const CASES = [
  {
    title: '2017 profile, ORGANIZATIONAL ROLE "User" (Adele Vance)',
    who: 'adele',
    url: () => `https://portal.azure.com/?layout=2017&login_hint=${encodeURIComponent(USERS.adele.upn)}${ROUTES.blade2017Profile(USERS.adele.id)}`,
    ready: 'Organizational role',
  },
  {
    title: 'Assigned roles with no role (Lee Gu)',
    who: 'lee',
    url: () => `https://portal.azure.com/?login_hint=${encodeURIComponent(USERS.lee.upn)}${ROUTES.assignedRoles(USERS.lee.id)}`,
    ready: null,
  },
];

async function pageVerdicts(page) {
  return (await readPage(page)).flatMap((r) => r.verdicts.map((v) => v.verdict));
}

async function roleCheck(panel) {
  const el = panel.locator('.role-check[data-waymark-verdict]');
  if (!(await el.count())) return null;
  return { verdict: await el.first().getAttribute('data-waymark-verdict'), text: (await el.first().innerText()).replace(/\s+/g, ' ') };
}

for (const c of CASES) {
  test(`guide A: a member user qualifies, never does-not-qualify: ${c.title}`, { skip, timeout: 90000 }, async (t) => {
    const s = await useChromium(t);
    const panel = await s.openPanel();
    await startGuide(panel, 'azure-for-office365');
    const page = await s.newPage();
    await page.goto(c.url());
    if (c.ready) await page.getByText(c.ready, { exact: false }).first().waitFor({ state: 'visible', timeout: WAIT });
    await page.locator('.fxs-avatarmenu-username', { hasText: USERS[c.who].upn }).waitFor({ timeout: WAIT });

    // The badge in the page: qualifies, and nothing says otherwise.
    await until(async () => ((await pageVerdicts(page)).includes('qualifies') ? true : null), 'a "qualifies" badge for Guide A', WAIT);
    assert.ok(!(await pageVerdicts(page)).includes('does-not-qualify'), 'no does-not-qualify badge on Guide A');
    // The panel's answer for the running guide, with its reason and source.
    const rc = await until(async () => {
      const r = await roleCheck(panel);
      return r && r.verdict === 'qualifies' ? r : null;
    }, 'the panel to say the member qualifies for Guide A', WAIT);
    assert.match(rc.text, /member/i, rc.text);
    const all = await panel.$$eval('[data-waymark-verdict]', (els) => els.map((e) => e.getAttribute('data-waymark-verdict')));
    assert.ok(all.length > 0);

    // The same reading on Guide B: does not qualify (Global or Billing Administrator needed).
    await startGuide(panel, 'office365-for-azure-ad');
    const b = await until(async () => {
      const r = await roleCheck(panel);
      return r && r.verdict === 'does-not-qualify' ? r : null;
    }, 'Guide B to say the same member does not qualify', WAIT);
    assert.match(b.text, /Billing Administrator/i, b.text);
  });
}

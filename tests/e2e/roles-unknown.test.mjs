// Role verdict "unknown" (issue 4), reached from the page the role is read
// on: the 2017 user blade of a "Limited administrator" whose limited roles
// the page does not name (Lee Gu in the replica directory, see
// tests/replicas/README.md). The sub-roles decide, and none can be read, so
// Waymark must neither qualify nor reject: the badge in the page and the
// panel say "unknown", with Guide C (find-your-role) as the way to find out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, useChromium, extensionMissing, startGuide, readPage, until, WAIT, inTop } from './harness.mjs';
import { ROUTES, USERS } from './pages.mjs';

const skip = extensionMissing('chrome') || false;
serveReplicas();

const legacy = (who, hash) => `https://portal.azure.com/?layout=2017&login_hint=${encodeURIComponent(USERS[who].upn)}${hash}`;

async function panelVerdicts(panel) {
  return panel.$$eval('[data-waymark-verdict]', (els) =>
    els.map((e) => ({ verdict: e.getAttribute('data-waymark-verdict'), text: e.innerText.replace(/\s+/g, ' ').trim() })),
  );
}

const CASES = [
  {
    title: '2017 profile: ORGANIZATIONAL ROLE "Limited administrator" without its limited roles',
    url: () => legacy('lee', ROUTES.blade2017Profile(USERS.lee.id)),
    ready: 'Organizational role',
  },
  {
    title: '2017 Directory role: "Limited administrator" chosen, no limited role checked',
    url: () => legacy('lee', ROUTES.blade2017DirectoryRole(USERS.lee.id)),
    ready: 'Billing administrator',
  },
];

for (const c of CASES) {
  test(`roles unknown: ${c.title}`, { skip, timeout: 60000 }, async (t) => {
    // A fresh browser per case: no verdict remembered from another page.
    const s = await useChromium(t);
    const panel = await s.openPanel();
    // Badges show only while a guide runs; Guide B needs a Global or
    // Billing Administrator, so its precondition carries the verdict too.
    await startGuide(panel, 'office365-for-azure-ad');
    const page = await s.newPage();
    await page.goto(c.url());
    await page.getByText(c.ready, { exact: false }).first().waitFor({ state: 'visible', timeout: WAIT });
    await page.getByText('Limited administrator', { exact: false }).first().waitFor({ state: 'visible', timeout: WAIT });
    // The account menu shows Lee Gu: it is the signed-in user's own profile.
    await page.locator('.fxs-avatarmenu-username', { hasText: USERS.lee.upn }).waitFor({ timeout: WAIT });

    // The badge, in the top frame (2017 blades were not React frames).
    const v = await until(async () => {
      for (const r of await readPage(page)) {
        const x = r.verdicts.find((y) => y.verdict === 'unknown');
        if (x) return { ...x, frame: r.frame };
      }
      return null;
    }, 'an "unknown" verdict badge in the page', WAIT);
    assert.ok(inTop(v.frame), 'the badge sits in the frame the role was read from (the top frame)');
    assert.match(v.text, /limited administrator/i, 'the badge names the role that was read');
    const all = (await readPage(page)).flatMap((r) => r.verdicts.map((x) => x.verdict));
    assert.deepEqual([...new Set(all)], ['unknown'], 'one verdict on the page: neither qualifies nor does-not-qualify');

    // The panel: the verdict read on this page (not the "no role read yet"
    // precondition), with the way to find out: Guide C.
    const pv = await until(async () => {
      const vs = await panelVerdicts(panel);
      return vs.find((x) => x.verdict === 'unknown' && /limited administrator/i.test(x.text) && /portal\.azure\.com/i.test(x.text)) || null;
    }, 'an "unknown" verdict in the panel about the Limited administrator read on portal.azure.com', WAIT);
    assert.match(pv.text, /Guide C|find-your-role/, 'the next action points to Guide C');
    assert.match(pv.text, /Roles of you \(Lee Gu\)/i, 'the verdict is the signed-in user\'s own (Lee Gu, from the account menu)');
    // Nothing in the panel turns this into a yes or a no.
    const others = (await panelVerdicts(panel)).filter((x) => x.verdict !== 'unknown');
    assert.deepEqual(others, [], 'no other verdict in the panel');
  });
}

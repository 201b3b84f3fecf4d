// Role verdicts (issue 4): read from every place the replicas show a role,
// shown as a badge in the page (inside #waymark-root's shadow root) and in
// the panel, both carrying data-waymark-verdict. Look-alike roles never
// qualify; a PIM eligible assignment is "eligible"; someone else's profile
// is labelled with their name and never becomes "your" verdict.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, chromiumForFile, useChromium, extensionMissing, startGuide, readPage, until, WAIT, inSandbox } from './harness.mjs';
import { ROUTES, USERS } from './pages.mjs';

const skip = extensionMissing('chrome') || false;
serveReplicas();
const browser = chromiumForFile({ skip });
let panel;
before(async () => {
  const s = await browser.ready;
  if (!s) return;
  panel = await s.openPanel();
  await startGuide(panel, 'find-your-role');
});

const portal = (who, hash, layout = '') => `https://portal.azure.com/?${layout}login_hint=${encodeURIComponent(USERS[who].upn)}${hash}`;
const admin = (who, id) => `https://admin.microsoft.com/?login_hint=${encodeURIComponent(USERS[who].upn)}#/users/:/UserDetails/${id}`;

/** Wait for a verdict badge in any frame of the page. */
async function pageVerdict(page, expected) {
  return until(async () => {
    for (const r of await readPage(page)) {
      const v = r.verdicts.find((x) => x.verdict === expected);
      if (v) return { ...v, frame: r.frame };
    }
    return null;
  }, `a "${expected}" verdict badge in the page`, WAIT);
}

async function panelVerdicts() {
  return panel.$$eval('[data-waymark-verdict]', (els) => els.map((e) => ({ verdict: e.getAttribute('data-waymark-verdict'), text: e.innerText.replace(/\s+/g, ' ') })));
}

async function panelVerdict(expected, textRe) {
  return until(async () => {
    const v = (await panelVerdicts()).find((x) => x.verdict === expected && (!textRe || textRe.test(x.text)));
    return v || null;
  }, `a "${expected}" verdict in the panel`, WAIT);
}

const CASES = [
  { title: 'Global Administrator (Assigned roles) qualifies', who: 'kelley', url: () => portal('kelley', ROUTES.assignedRoles(USERS.kelley.id)), verdict: 'qualifies', frame: inSandbox },
  { title: 'Billing Administrator qualifies', who: 'megan', url: () => portal('megan', ROUTES.assignedRoles(USERS.megan.id)), verdict: 'qualifies', frame: inSandbox },
  { title: 'a list of several roles including Billing Administrator qualifies', who: 'isaiah', url: () => portal('isaiah', ROUTES.assignedRoles(USERS.isaiah.id)), verdict: 'qualifies' },
  { title: 'Global Reader (look-alike) does not qualify', who: 'alex', url: () => portal('alex', ROUTES.assignedRoles(USERS.alex.id)), verdict: 'does-not-qualify' },
  { title: 'Global Secure Access Administrator (look-alike) does not qualify', who: 'adele', url: () => portal('adele', ROUTES.assignedRoles(USERS.adele.id)), verdict: 'does-not-qualify' },
  { title: 'a PIM eligible Billing Administrator is eligible, not active', who: 'diego', url: () => portal('diego', ROUTES.assignedRoles(USERS.diego.id)), verdict: 'eligible', panelText: /activat/i },
  { title: 'Microsoft 365 admin center: Account > Roles, Global Administrator', who: 'kelley', url: () => admin('kelley', USERS.kelley.id), verdict: 'qualifies', ready: 'Manage roles' },
  { title: 'Microsoft 365 admin center: Account > Roles, Global Reader', who: 'alex', url: () => admin('alex', USERS.alex.id), verdict: 'does-not-qualify', ready: 'Manage roles' },
  { title: '2017 profile: ORGANIZATIONAL ROLE "Limited administrator > Billing administrator"', who: 'megan', url: () => portal('megan', ROUTES.blade2017Profile(USERS.megan.id), 'layout=2017&'), verdict: 'qualifies' },
  { title: '2017 Directory role: Global administrator', who: 'kelley', url: () => portal('kelley', ROUTES.blade2017DirectoryRole(USERS.kelley.id), 'layout=2017&'), verdict: 'qualifies' },
];

for (const c of CASES) {
  test(`roles: ${c.title}`, { skip, timeout: 60000 }, async () => {
    const page = await browser.session.newPage();
    try {
      await page.goto(c.url());
      const v = await pageVerdict(page, c.verdict);
      if (c.frame) assert.ok(c.frame(v.frame), 'the badge sits in the frame the roles were read from');
      // No contradicting badge anywhere in the page.
      const all = (await readPage(page)).flatMap((r) => r.verdicts.map((x) => x.verdict));
      assert.deepEqual([...new Set(all)], [c.verdict], 'one verdict on the page');
      await panelVerdict(c.verdict, c.panelText);
    } finally {
      await page.close();
    }
  });
}

test('roles: "Your Role" on Roles and administrators', { skip, timeout: 60000 }, async () => {
  const page = await browser.session.newPage();
  try {
    await page.goto(portal('megan', ROUTES.roles));
    const frame = await until(() => page.frames().find(inSandbox), 'the roles blade frame');
    await frame.getByRole('menuitem', { name: 'Your Role' }).click();
    await frame.getByText('Roles assigned to Megan Bowen').waitFor();
    await pageVerdict(page, 'qualifies');
    await panelVerdict('qualifies');
  } finally {
    await page.close();
  }
});

test('roles: someone else\'s profile is labelled with their name and is not "your" verdict', { skip, timeout: 60000 }, async () => {
  const page = await browser.session.newPage();
  try {
    // Kelley (Global Administrator) is signed in and looks at Alex (Global Reader).
    await page.goto(portal('kelley', ROUTES.assignedRoles(USERS.kelley.id)));
    await pageVerdict(page, 'qualifies');
    await page.goto('about:blank');
    await page.goto(portal('kelley', ROUTES.assignedRoles(USERS.alex.id)));
    const v = await pageVerdict(page, 'does-not-qualify');
    assert.match(v.text, /Alex Wilber/, 'the badge names whose roles were read');
    // The panel never turns Alex's roles into Kelley's verdict.
    await panelVerdict('qualifies');
    for (const pv of await panelVerdicts()) {
      if (pv.verdict === 'does-not-qualify') assert.match(pv.text, /Alex Wilber/, 'a verdict about Alex is labelled as Alex\'s');
    }
  } finally {
    await page.close();
  }
});

test('roles: with no role read yet, the panel says "unknown" and how to find out', { skip, timeout: 60000 }, async (t) => {
  const fresh = await useChromium(t);
  const p = await fresh.openPanel();
  await startGuide(p, 'office365-for-azure-ad');
  const v = await until(async () => {
    const vs = await p.$$eval('[data-waymark-verdict]', (els) => els.map((e) => ({ verdict: e.getAttribute('data-waymark-verdict'), text: e.innerText })));
    return vs.find((x) => x.verdict === 'unknown') || null;
  }, 'an "unknown" verdict in the panel', WAIT);
  assert.match(v.text, /role/i);
});

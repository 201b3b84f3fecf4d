// Guide C (find-your-role) on the German portal (issue 11 items 2 + 4): the
// portal chosen in German with `?l=de.de-de` (<html lang="de">), Microsoft
// Entra ID > Benutzer > the user (in the German blade frame) > Zugewiesene
// Rollen, and the verdict for "Globaler Administrator". The targets are the
// German-named controls, found through the guides' `[[…localized]]` values.
// The panel's own language is the panel's business: progress is read from
// the checklist's statuses (data-status), never from its wording.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, useChromium, extensionMissing, startGuide, inSandbox, inTop, waitForStep, clickTarget, panelChecklist, readPage, until, WAIT } from './harness.mjs';

const GUIDE = 'find-your-role';
const skip = extensionMissing('chrome') || false;
serveReplicas();
const KELLEY = { upn: 'kelley@contoso.onmicrosoft.com' };

/** The checklist shows step n current and every step before it done. */
async function expectProgress(panel, n) {
  return until(async () => {
    const list = await panelChecklist(panel);
    if (list.length !== 4) return null;
    const ok = list.every((s, i) => (i < n - 1 ? s.status === 'done' : i === n - 1 ? s.status === 'current' || s.current : s.status !== 'done'));
    return ok ? list : null;
  }, `the checklist at step ${n} of 4`, WAIT);
}

/** Step n is current in the panel, and the page highlights its target, named `name`. */
async function expectGermanStep(page, panel, n, frame, name) {
  const list = await expectProgress(panel, n);
  const full = `${GUIDE}/${list[n - 1].id}`;
  const st = await waitForStep(page, full, WAIT, { frame, target: (t) => name.test(`${t.name} | ${t.text}`) });
  assert.match(`${st.target.name} | ${st.target.text}`, name, `${full}: highlighted "${st.target.name}"`);
  assert.equal(st.dialog.step, full, 'the callout carries the step');
  return { full, st };
}

test('guide C on the German portal: Microsoft Entra ID > Benutzer > the user > Zugewiesene Rollen, verdict for Globaler Administrator', { skip, timeout: 120000 }, async (t) => {
  const s = await useChromium(t);
  const panel = await s.openPanel();
  await startGuide(panel, GUIDE);
  const page = await s.newPage();
  await page.goto(`https://portal.azure.com/?l=de.de-de&login_hint=${encodeURIComponent(KELLEY.upn)}#home`);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'de', 'the German portal says so');
  await page.getByRole('heading', { name: 'Azure-Dienste' }).waitFor({ timeout: WAIT });

  // c1: the home page's "Microsoft Entra ID" (a product name, the same in
  // German) or the German search box.
  const c1 = await expectGermanStep(page, panel, 1, inTop, /Microsoft Entra ID|Ressourcen, Dienste und Dokumente durchsuchen/);
  if (/durchsuchen/.test(`${c1.st.target.name}`)) {
    await c1.st.frame.fill(`input[data-waymark-target="${c1.full}"]`, 'Microsoft Entra');
    const next = await waitForStep(page, c1.full, WAIT, { target: (t) => /^Microsoft Entra ID$/.test(t.name) || /^Microsoft Entra ID$/.test(t.text) });
    await clickTarget(next.frame, c1.full);
  } else {
    await clickTarget(c1.st.frame, c1.full);
  }
  await page.waitForURL(/ActiveDirectoryMenuBlade/);
  await page.getByRole('heading', { name: 'Contoso | Übersicht' }).waitFor({ timeout: WAIT });

  // c2: "Benutzer" in the German blade menu (the English "Users" is not on the page).
  const c2 = await expectGermanStep(page, panel, 2, inTop, /^Benutzer\b/);
  assert.equal(await page.getByText('Users', { exact: true }).count(), 0, 'no English "Users" to match');
  await clickTarget(c2.st.frame, c2.full);
  await page.waitForURL(/UserManagementMenuBlade/);

  // c3: the German users list, in its blade frame: recognised by the
  // German column header, the user's link highlighted.
  const c3 = await expectGermanStep(page, panel, 3, inSandbox, /Kelley Wall/);
  assert.equal(await c3.st.frame.evaluate(() => document.documentElement.lang), 'de', 'the blade frame shows the portal\'s language');
  assert.ok(await c3.st.frame.getByRole('columnheader', { name: 'Benutzerprinzipalname' }).count(), 'German column header');
  await clickTarget(c3.st.frame, c3.full);
  await page.waitForURL(/UserProfileMenuBlade/);

  // c4: "Zugewiesene Rollen" in the profile's menu.
  const c4 = await expectGermanStep(page, panel, 4, inTop, /Zugewiesene Rollen/);
  await clickTarget(c4.st.frame, c4.full);
  await page.waitForURL(/AdministrativeRole/);

  // Every step done, from the pages' evidence.
  await until(async () => {
    const list = await panelChecklist(panel);
    return list.length === 4 && list.every((x) => x.status === 'done') ? list : null;
  }, 'every step done', WAIT);

  // The German role name is read and judged as Global Administrator: the
  // badge next to it in the page, and Guide B's line in the panel
  // (Global or Billing Administrator qualifies).
  const badge = await until(async () => {
    for (const r of await readPage(page)) {
      if (!inSandbox(r.frame)) continue;
      const v = r.verdicts.find((x) => x.verdict === 'qualifies');
      if (v) return { ...v, frame: r.frame };
    }
    return null;
  }, 'a "qualifies" verdict badge in the roles grid\'s frame', WAIT);
  assert.ok(await badge.frame.getByText('Globaler Administrator', { exact: true }).count(), 'the grid shows the German role name');
  const line = panel.locator('[data-eligibility-guide="office365-for-azure-ad"]');
  await until(async () => (await line.getAttribute('data-eligibility-verdict').catch(() => null)) === 'qualifies', 'Guide B qualifies by the German role name', WAIT);
  assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

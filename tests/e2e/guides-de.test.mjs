// The guides on German pages (issue 11 items 2 + 4), in one browser:
// Guide A from the German marketing page to the German portal's users list
// (guide-walks.mjs walkGuideA with its German words), Guide C on the German
// portal (`?l=de.de-de`, <html lang="de">) with the verdict for "Globaler
// Administrator", Guide D's "Kontomenü", and the German Microsoft 365 admin
// center (`?lang=de-de`): Guide B's "Aktive Benutzer" and the verdict read
// from the flyout's "Rollen" ("Rechnungsadministrator"). The targets are the
// German-named controls, found through the guides' `[[…localized]]` values.
// Each test starts its guide from the panel (a new start replaces the
// running guide), so the walks share the browser and its engine.
import { test, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, chromiumForFile, extensionMissing, startGuide, inSandbox, inTop, waitForStep, clickTarget, panelChecklist, panelText, readPage, until, WAIT } from './harness.mjs';
import { walkGuideA, GUIDE_A_DE, assertNoErrors } from './guide-walks.mjs';
import { expectStep, clickStep } from './walk.mjs';
import { USERS } from './pages.mjs';

const skip = extensionMissing('chrome') || false;
serveReplicas();
/** The one browser of this file (harness.mjs, closed after the tests). */
const browser = chromiumForFile({ skip });
const started = Date.now();
// No tab of one walk is left for the next to find (a guide follows the
// portal tabs it sees).
afterEach(async () => {
  for (const p of browser.session?.context.pages() || []) await p.close().catch(() => {});
});
after(() => console.log(`guides-de: ${((Date.now() - started) / 1000).toFixed(1)} s`));

test('guide A in German: Kostenlos starten > sign-in > sign-up > the German portal: Microsoft Entra ID > Alle Benutzer > rows', { skip, timeout: 150000 }, async () => {
  await walkGuideA(browser.session, GUIDE_A_DE);
});

const GUIDE = 'find-your-role';
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

test('guide C on the German portal: Microsoft Entra ID > Benutzer > the user > Zugewiesene Rollen, verdict for Globaler Administrator', { skip, timeout: 120000 }, async () => {
  const s = browser.session;
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
  await assertNoErrors(s);
});

test('guide D on the German portal: the account menu is "Kontomenü", done once it is opened', { skip, timeout: 60000 }, async () => {
  const s = browser.session;
  const GUIDE_D = 'directories';
  const panel = await s.openPanel();
  await startGuide(panel, GUIDE_D);
  const page = await s.newPage();
  await page.goto(`https://portal.azure.com/?l=de.de-de&login_hint=${encodeURIComponent(KELLEY.upn)}#home`);
  await page.getByRole('heading', { name: 'Azure-Dienste' }).waitFor({ timeout: WAIT });
  // The button itself (its German name), not the user name inside it.
  const d1 = await expectStep(page, panel, GUIDE_D, 1, { frame: inTop, name: /^Kontomen\u00fc \|/ });
  assert.equal(d1.st.target.tag, 'button');
  const first = (await panelChecklist(panel)).find((x) => x.id === 'd1');
  assert.notEqual(first?.status, 'done', 'not done before the menu is opened');
  await clickStep(d1);
  await page.locator('.fxs-mecontrol-flyout').waitFor({ state: 'visible', timeout: WAIT });
  await until(async () => (await panelChecklist(panel)).find((x) => x.id === 'd1')?.status === 'done', 'd1 done once the Kontomenü is open', WAIT);
  await assertNoErrors(s);
});

test('guide B on the German admin center: the verdict read from the flyout\'s Rollen (Rechnungsadministrator), then Benutzer > Aktive Benutzer', { skip, timeout: 90000 }, async () => {
  const s = browser.session;
  const GUIDE_B = 'office365-for-azure-ad';
  const MEGAN = USERS.megan;
  const panel = await s.openPanel();
  await startGuide(panel, GUIDE_B);
  const page = await s.newPage();
  const admin = (hash) => `https://admin.microsoft.com/?lang=de-de&login_hint=${encodeURIComponent(MEGAN.upn)}${hash}`;

  // Megan's own flyout: "Rollen Rechnungsadministrator Rollen verwalten".
  // The panel knew Kelley (the portal's account menu, earlier tests): the
  // German account manager ("Konto-Manager für Megan Bowen") makes Megan
  // the signed-in account, and her German role qualifies for Guide B.
  await page.goto(admin(`#/users/:/UserDetails/${MEGAN.id}`));
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'de-de', 'the German admin center says so');
  await page.getByRole('button', { name: 'Rollen verwalten' }).waitFor({ timeout: WAIT });
  assert.ok(await page.getByText('Rechnungsadministrator', { exact: true }).count(), 'the flyout shows the German role name');
  const signedIn = () => panel.evaluate(() => document.querySelector('#who .acct')?.innerText || '');
  await until(async () => /Megan Bowen/.test(await signedIn()), 'the panel to show Megan signed in (from "Konto-Manager für Megan Bowen")', WAIT);
  const roleCheck = () => panel.locator('#active [data-waymark-verdict]').first().getAttribute('data-waymark-verdict').catch(() => null);
  await until(async () => (await roleCheck()) === 'qualifies', 'Guide B\'s role check "qualifies" from Rechnungsadministrator', WAIT);
  await until(async () => (await readPage(page)).some((r) => r.verdicts.some((v) => v.verdict === 'qualifies')), 'the verdict badge in the page', WAIT);

  // Buying is another test's walk: skip to the last step (Users > Active
  // users), with the panel's Skip (German: the guided page is German).
  await page.goto(admin('#/homepage'));
  await page.getByText('Benutzerverwaltung').first().waitFor({ timeout: WAIT });
  const skipButton = panel.getByRole('button', { name: '\u00dcberspringen', exact: true });
  const last = await until(async () => {
    const list = await panelChecklist(panel);
    const cur = list.findIndex((x) => x.status === 'current' || x.current);
    if (cur < 0) return null;
    if (cur === list.length - 1) return { n: list.length, id: list[cur].id };
    await skipButton.first().click();
    return null;
  }, 'the last step of the admin center route', WAIT);
  assert.equal(last.id, 'b6');
  const b6 = await expectStep(page, panel, GUIDE_B, last.n, { frame: inTop, name: /^Aktive Benutzer\b/ });
  assert.match(await panelText(panel), new RegExp(`Schritt ${last.n} von ${last.n}`), 'the panel in German');
  await clickStep(b6);
  await page.waitForURL(/#\/users/);
  await until(async () => (await panelChecklist(panel)).find((x) => x.id === 'b6')?.status === 'done', 'b6 done on the German list\'s rows', WAIT);
  await assertNoErrors(s);
});

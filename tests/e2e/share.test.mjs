// Share codes (issue 5): a built-in guide and a guide recorded by
// demonstration on the replicas are shared as a code, opened in a FRESH
// browser profile (panel.html?code=...), previewed, started, and replayed:
// the same elements are highlighted. A bad code gets a clear error and
// starts nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_DIR, serveReplicas, useChromium, extensionMissing, readPage, panelText, panelProgress, waitForStep, clickTarget, inSandbox, inTop, until, WAIT } from './harness.mjs';
import { ENTRA } from './walk.mjs';
import { PAGES } from './pages.mjs';

const skip = extensionMissing('chrome') || false;
serveReplicas();

async function shareCode(panel, guideValueOrLabel) {
  await panel.waitForSelector('#make-guide option', { state: 'attached', timeout: WAIT });
  await panel.selectOption('#make-guide', guideValueOrLabel);
  await panel.getByRole('button', { name: 'Share this guide' }).click();
  const code = await until(async () => {
    const v = await panel.$eval('#output-text', (t) => t.value).catch(() => '');
    return v && v.trim() ? v.trim() : null;
  }, 'a share code in the panel');
  assert.ok(!/[<>"'`\\]/.test(code), 'the code has no characters that chat or ticket tools mangle');
  return code;
}

/** The code opened in a fresh profile (closed when the test `t` ends), its guide started. */
async function openCode(t, code) {
  const fresh = await useChromium(t);
  const panel = await fresh.openPanel('?code=' + encodeURIComponent(code));
  const preview = panel.locator('#preview');
  await preview.waitFor({ state: 'visible', timeout: WAIT });
  await panel.locator('#preview').getByRole('button', { name: 'Start', exact: true }).click();
  await until(() => panelProgress(panel), 'the shared guide to start');
  return { fresh, panel };
}

/** Wait for a highlight anywhere in the page whose target satisfies `pred`. */
async function highlighted(page, pred, what) {
  return waitForStep(page, (st) => /.+\/.+/.test(st), WAIT, { target: pred }).catch((e) => {
    throw new Error(`${what}: ${e.message}`);
  });
}


/** Start recording in the panel and wait, as an admin would, until it says so. */
async function startRecording(panel) {
  await panel.getByRole('button', { name: 'Start recording' }).click();
  await until(async () => /Recording…\s*0\s+steps/.test(await panelText(panel)), 'the panel to say it is recording');
}

/** Stop recording; the panel's text once it lists the recorded steps. */
async function stopRecording(panel) {
  await panel.bringToFront();
  await panel.getByRole('button', { name: 'Stop recording' }).click();
  return until(async () => {
    const text = await panelText(panel);
    return /Recorded:\s*\d+\s+steps?/i.test(text) ? text : null;
  }, 'the panel to list the recorded steps');
}

test('share a built-in guide; the code replays in a fresh profile with the same highlight', { skip, timeout: 120000 }, async (t) => {
  let code;
  let original;
  {
    const a = await useChromium(t);
    const panel = await a.openPanel();
    await panel.click('[data-waymark-start="find-your-role"]');
    const page = await a.newPage();
    await page.goto('https://portal.azure.com/#home');
    original = await waitForStep(page, 'find-your-role/', WAIT, { frame: inTop });
    code = await shareCode(panel, 'find-your-role');
    await a.close();
  }
  const { fresh, panel } = await openCode(t, code);
  const page = await fresh.newPage();
  await page.goto('https://portal.azure.com/#home');
  const replay = await highlighted(page, (t) => t.name === original.target.name && t.tag === original.target.tag, 'the same element as the built-in guide');
  assert.ok(inTop(replay.frame));
  assert.ok(/shared/i.test(await panelText(panel)), 'the panel says it is a shared guide');
});

test('record a guide on the replicas, share it, replay it in a fresh profile: same elements highlighted, the clicked user as [user]', { skip, timeout: 180000 }, async (t) => {
  let code;
  {
    const a = await useChromium(t);
    const panel = await a.openPanel();
    await startRecording(panel);
    const page = await a.newPage();
    await page.goto('https://portal.azure.com/#home');
    await page.getByRole('link', { name: 'Microsoft Entra ID' }).first().click();
    await page.waitForURL(/ActiveDirectoryMenuBlade/);
    await page.locator('.fxs-menu-item-link', { hasText: /^Users$/ }).click();
    await page.waitForURL(/UserManagementMenuBlade/);
    const frame = await until(() => page.frames().find(inSandbox), 'the users list frame');
    // Another user than the signed-in one: she travels as [user] (issue 13 item 5).
    await frame.getByRole('link', { name: 'Megan Bowen' }).click();
    await page.waitForURL(/UserProfileMenuBlade/);
    await page.locator('.fxs-menu-item-link', { hasText: 'Assigned roles' }).click();
    await page.waitForURL(/AdministrativeRole/);
    const recorded = await stopRecording(panel);
    assert.match(recorded, /Recorded:\s*4\s+steps/i, recorded);
    assert.match(recorded, /Redacted: [^\n]*\b1 user name\b/, 'the panel says a user name was redacted');
    assert.match(recorded, /highlights: \[user\]/, 'the clicked user is recorded as [user]');
    assert.ok(!/Megan|Bowen/.test(recorded), 'her name is nowhere in the recording');
    code = await shareCode(panel, { label: 'My recording' });
    await a.close();
  }

  // What the code carries, as the recipient's preview decodes it.
  {
    const viewer = await useChromium(t);
    const p = await viewer.openPanel('?code=' + encodeURIComponent(code));
    await p.locator('#preview').waitFor({ state: 'visible', timeout: WAIT });
    const preview = await p.locator('#preview').innerText();
    assert.match(preview, /Click “\[user\]”/, 'step 3 travels as [user]');
    assert.ok(!/Megan|Bowen|megan@/i.test(preview), `no trace of the clicked user in the code: ${preview}`);
    await viewer.close();
  }
  const { fresh, panel } = await openCode(t, code);
  const page = await fresh.newPage();
  await page.goto('https://portal.azure.com/#home');
  const s1 = await highlighted(page, (t) => ENTRA.test(t.name) || ENTRA.test(t.text), 'step 1: Microsoft Entra ID');
  assert.ok(s1.target.visible, `step 1 highlights a visible element (got a hidden <${s1.target.tag}> "${s1.target.name}")`);
  await clickTarget(s1.frame, s1.target.step);
  await page.waitForURL(/ActiveDirectoryMenuBlade/);
  const s2 = await highlighted(page, (t) => /^Users$/.test(t.text), 'step 2: Users');
  assert.ok(s2.target.visible, 'step 2 highlights a visible element');
  await clickTarget(s2.frame, s2.target.step);
  await page.waitForURL(/UserManagementMenuBlade/);
  const s3 = await waitForStep(page, (st) => /.+\/.+/.test(st), WAIT, { frame: inSandbox });
  const inRow = await s3.frame.evaluate((st) => !!document.querySelector(`[data-waymark-target="${st}"]`)?.closest('[role="row"]'), s3.target.step);
  assert.ok(inRow, 'step 3: a user in the users grid (inside the blade frame): the admin picks their own');
  assert.equal(s3.target.tag, 'a', 'step 3: a user\'s link, as recorded');
  await clickTarget(s3.frame, s3.target.step);
  await page.waitForURL(/UserProfileMenuBlade/);
  await highlighted(page, (t) => /Assigned roles/.test(t.text), 'step 4: Assigned roles');
  assert.deepEqual(fresh.errors, [], fresh.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

// Issue 13 item 5: "contents of code editors are never captured". The
// subscription's JSON View shows its JSON in a Monaco editor; a click in it
// is not a step, and none of the JSON reaches the recording.
test('recording: a click inside a code editor (the JSON View\'s Monaco) is never recorded; the clicks around it are', { skip, timeout: 90000 }, async (t) => {
  const s = await useChromium(t);
  const panel = await s.openPanel();
  await startRecording(panel);
  const page = await s.newPage();
  await page.goto(PAGES.find((p) => p.name === 'portal subscription overview (Change directory)').url);
  await page.getByRole('button', { name: 'JSON View' }).click();
  const line = page.locator('.monaco-editor .view-line', { hasText: 'displayName' });
  await line.click();
  await line.dblclick();
  await page.getByRole('dialog', { name: 'Resource JSON' }).getByRole('button', { name: 'Close' }).click();
  const recorded = await stopRecording(panel);
  assert.match(recorded, /Recorded:\s*2\s+steps/i, `JSON View and Close, nothing from the editor: ${recorded}`);
  assert.match(recorded, /JSON View/);
  assert.match(recorded, /Close/);
  assert.ok(!/displayName|subscriptionId|RoleBased|Editor content/.test(recorded), `nothing of the editor in the recording: ${recorded}`);
});

// Issue 13 item 5: a subscription opened by its address has its name in no
// route and on no list the recording saw: only its blade's title (and what
// its pages show) names it. The recording learns it there, so a breadcrumb
// back to it travels as [subscription], and the panel says what it removed.
test('recording on a subscription opened by its address: its name travels as [subscription], and the panel says so', { skip, timeout: 120000 }, async (t) => {
  const NAME = /Azure subscription 1/i;
  const s = await useChromium(t);
  const panel = await s.openPanel();
  await startRecording(panel);
  const page = await s.newPage();
  await page.goto(PAGES.find((p) => p.name === 'portal subscription access control (View my access)').url);
  await page.getByRole('button', { name: 'View my access' }).click();
  // The breadcrumb names the subscription; it leads to its overview.
  await page.locator('.fxs-breadcrumb-crumb', { hasText: NAME }).click();
  await page.waitForURL(/\/overview$/);
  await page.getByRole('menuitem', { name: 'Change directory' }).click();
  const recorded = await stopRecording(panel);
  assert.match(recorded, /Recorded:\s*3\s+steps/i, recorded);
  assert.match(recorded, /highlights: \[subscription\]/, `the breadcrumb is recorded as [subscription]: ${recorded}`);
  assert.match(recorded, /Redacted: [^\n]*\b1 subscription\b/, `the panel says a subscription's name was redacted: ${recorded}`);
  assert.ok(!NAME.test(recorded), `the name is nowhere in the recording: ${recorded}`);
  const code = await shareCode(panel, { label: 'My recording' });
  const viewer = await useChromium(t);
  const p = await viewer.openPanel('?code=' + encodeURIComponent(code));
  await p.locator('#preview').waitFor({ state: 'visible', timeout: WAIT });
  const preview = await p.locator('#preview').innerText();
  assert.match(preview, /Click “\[subscription\]”/, `the code carries [subscription]: ${preview}`);
  assert.ok(!NAME.test(preview), `no trace of the name in the code: ${preview}`);
});

test('a corrupted share code gets a clear error and starts nothing', { skip, timeout: 60000 }, async (t) => {
  const s = await useChromium(t);
  const panel = await s.openPanel();
  await panel.getByLabel('Paste a share code').fill('WAYMARK1-THIS-IS-NOT-A-VALID-CODE-7Q');
  await panel.getByRole('button', { name: 'Open' }).click();
  const err = await until(async () => {
    const t = await panel.locator('[role="alert"]').allInnerTexts();
    const msg = t.join(' ').trim();
    return msg || null;
  }, 'an error message in the panel');
  assert.ok(err.length > 10, `a message a person understands: "${err}"`);
  assert.equal(await panelProgress(panel), null, 'no guide started');
  const page = await s.newPage();
  await page.goto('https://portal.azure.com/#home');
  await page.waitForSelector('.fxs-topbar');
  await page.waitForTimeout(1500);
  for (const r of await readPage(page)) assert.equal(r.targets.length, 0, 'nothing highlighted');
});

test('a shared Guide B keeps the sender\'s route: made in the admin center, it replays there although the admin is on the sign-up site', { skip, timeout: 120000 }, async (t) => {
  const GUIDE = 'office365-for-azure-ad';
  const adminHome = 'https://admin.microsoft.com/?login_hint=kelley%40contoso.onmicrosoft.com#/homepage';
  let code;
  {
    const a = await useChromium(t);
    const page = await a.newPage();
    await page.goto(adminHome);
    await page.getByText('User management').first().waitFor({ timeout: WAIT });
    const panel = await a.openPanel();
    await panel.click(`[data-waymark-start="${GUIDE}"]`);
    await until(async () => /Following: In the Microsoft 365 admin center/.test(await panelText(panel)), 'the sender on the admin center route', WAIT);
    code = await shareCode(panel, GUIDE);
    await a.close();
  }
  const { fresh, panel } = await openCode(t, code);
  // The admin is on the sign-up site, whose page would choose the other route.
  const page = await fresh.newPage();
  await page.goto('https://signup.microsoft.com/get-started/signup?products=standard');
  await page.getByText('Subscription and account details').first().waitFor({ timeout: WAIT });
  await until(async () => /Following: In the Microsoft 365 admin center/.test(await panelText(panel)), 'the shared run on the sender\'s route', WAIT);
  assert.equal((await panelProgress(panel))?.of, 7, 'the admin center route\'s checklist');
  await page.goto(adminHome);
  await highlighted(page, (t) => /Purchase services|Marketplace|Add more products|Billing/.test(`${t.name} ${t.text}`), 'the admin center route\'s first step');
  assert.match(await panelText(panel), /Following: In the Microsoft 365 admin center/);
});

// Share codes tell the truth (issue 13 item 4).
const corpus = (name) => fs.readFileSync(path.join(REPO_DIR, 'crate/core/tests/share_corpus', name + '.txt'), 'utf8').trim();

/** The callout of `step` in `frame`, as its parts read. */
function calloutParts(frame, step) {
  return frame.evaluate((st) => {
    const box = document.querySelector('#waymark-root')?.shadowRoot?.querySelector(`[data-waymark-step="${st}"]`);
    if (!box) return null;
    const one = (sel) => box.querySelector(sel)?.textContent ?? null;
    return {
      badge: one('.sb'),
      title: one('.t'),
      picks: one('.picks'),
      quote: one('.quote'),
      quoteChildren: box.querySelector('.quote')?.children.length ?? -1,
      links: box.querySelectorAll('a, [href], script, img, iframe').length,
    };
  }, step);
}

test('a shared step\'s callout is marked as shared, says what it highlights, and quotes a hostile note as plain text', { skip, timeout: 120000 }, async (t) => {
  const note = 'Call +1 425 555 0100 or open https://evil.example/steal <script>alert(1)</script> <a href="https://evil.example">here</a>';
  let code;
  let own;
  {
    const a = await useChromium(t);
    const panel = await a.openPanel();
    await panel.click('[data-waymark-start="find-your-role"]');
    const page = await a.newPage();
    await page.goto('https://portal.azure.com/#home');
    const original = await waitForStep(page, 'find-your-role/', WAIT, { frame: inTop });
    own = await calloutParts(original.frame, original.target.step);
    await panel.fill('#make-note', note);
    code = await shareCode(panel, 'find-your-role');
    await a.close();
  }
  assert.equal(own.badge, null, 'the admin\'s own guide carries no "Shared step" badge');
  assert.equal(own.quote, null);
  const { fresh, panel } = await openCode(t, code);
  const page = await fresh.newPage();
  await page.goto('https://portal.azure.com/#home');
  const s = await highlighted(page, (t) => /.+/.test(t.name), 'the shared step');
  // The content script may mark the target first (the paint plan, issue
  // 12); the engine's next paint confirms it and adds what it picks.
  const parts = await until(async () => {
    const p = await calloutParts(s.frame, s.target.step);
    return p?.picks ? p : null;
  }, 'the shared step\'s "Highlights" line', WAIT);
  assert.equal(parts.badge, 'Shared step · opened from a share code');
  assert.match(parts.picks, /^Highlights the [a-z ]+ “.+”, as this page names it\.$/);
  assert.ok(parts.picks.includes(s.target.name) || parts.picks.includes(s.target.text), `"${parts.picks}" names the highlighted element "${s.target.name}"`);
  assert.equal(parts.quote, `Note from the sender: “${note}”`, 'the note, word for word, as text');
  assert.equal(parts.quoteChildren, 0, 'the quote is one text node: nothing in it was turned into an element');
  assert.equal(parts.links, 0, 'no link, image or script anywhere in the callout');
  assert.ok(/Shared guide/.test(await panelText(panel)));
});

test('a code whose label is not what it highlights is refused; one whose instruction names another element opens with a warning', { skip, timeout: 90000 }, async (t) => {
  const s = await useChromium(t);
  const panel = await s.openPanel();
  await panel.getByLabel('Paste a share code').fill(corpus('label-mismatch'));
  await panel.getByRole('button', { name: 'Open' }).click();
  const err = await until(async () => (await panel.locator('[role="alert"]').allInnerTexts()).join(' ').trim() || null, 'an error in the panel');
  assert.match(err, /Step 1 of this code is labelled “Overview”, but the element it highlights has another name/);
  assert.equal(await panel.locator('#preview').isVisible(), false, 'no preview of the lying code');

  await panel.getByLabel('Paste a share code').fill(corpus('ok-instruction-names-another-element'));
  await panel.getByRole('button', { name: 'Open' }).click();
  const preview = panel.locator('#preview');
  await preview.waitFor({ state: 'visible', timeout: WAIT });
  const text = (await preview.innerText()).replace(/\s+/g, ' ');
  assert.match(text, /Will highlight the button “Delete”\./, 'the preview says what the locator picks');
  assert.match(text, /The sender's instruction names “Overview”, but this step highlights the button “Delete”/, 'and warns about the instruction');
});

// Redaction that holds (issue 13 item 5): a screenshot shows what the text
// redaction removes, so none is offered until the engineer turns them on,
// and turning them on says so.
test('screenshots are off until the engineer turns them on, and turning them on warns what they show', { skip, timeout: 60000 }, async (t) => {
  const s = await useChromium(t);
  const panel = await s.openPanel();
  await panel.click('[data-waymark-start="find-your-role"]');
  await until(() => panelProgress(panel), 'the guide to start');
  const capture = panel.getByRole('button', { name: /^Capture (this step|a screenshot of step)/ });
  assert.equal(await capture.count(), 0, 'no "Capture this step" by default');
  const toggle = panel.getByLabel('Include screenshots in the HTML export');
  assert.equal(await toggle.isChecked(), false, 'off in a new panel');
  assert.equal(await panel.locator('#shots-warning').isVisible(), false);
  await toggle.check();
  const warning = await panel.locator('#shots-warning').innerText();
  assert.match(warning, /names Waymark removes from the text .* stay visible/, warning);
  await until(async () => (await capture.count()) > 0, '"Capture this step" once screenshots are on');
  await toggle.uncheck();
  await until(async () => (await capture.count()) === 0, 'no capture again once they are off');
});

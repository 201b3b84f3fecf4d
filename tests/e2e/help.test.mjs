// Get help (the seed's "Need help? Contact support"): the panel makes a
// "where I am stuck" code, shown line by line before it is copied, with no
// name, tenant, e-mail address or id; the overlay then walks Help + support >
// Create a support request. The code, opened in a fresh profile with
// panel.html?code=, shows the same step and diagnosis; a damaged code gets
// role="alert" and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveReplicas, launchChromium, extensionMissing, startGuide, panelText, panelProgress, inTop, until, WAIT } from './harness.mjs';
import { expectStep, clickStep, panelButton } from './walk.mjs';
import { ROUTES, KELLEY } from './pages.mjs';

const skip = extensionMissing('chrome') || false;
const replicas = serveReplicas();

test('a stuck code made on one profile, opened in a fresh one: same step and diagnosis; then Help + support > Create a support request', { skip, timeout: 150000 }, async () => {
  const GUIDE = 'find-your-role';
  let code;
  let lines;
  const admin = await launchChromium({ server: replicas.server });
  try {
    const panel = await admin.openPanel();
    await startGuide(panel, GUIDE);
    // On step 4 ("Read the assigned roles", reached by opening the profile)
    // while a profile with an id in its route is open: the code must not
    // carry the id.
    for (let i = 1; i <= 2; i++) {
      await until(async () => (await panelProgress(panel))?.n === i, `step ${i}`);
      await panelButton(panel, 'Skip');
    }
    const page = await admin.newPage();
    await page.goto('https://portal.azure.com/?login_hint=kelley%40contoso.onmicrosoft.com' + ROUTES.profile(KELLEY));
    await page.getByRole('heading', { name: 'Kelley Wall' }).waitFor();
    await until(async () => (await panelProgress(panel))?.n === 4, 'step 4');
    await panel.getByRole('button', { name: 'Get help', exact: true }).click();
    const codeBox = panel.locator('#help-code');
    await until(async () => /^WAYMARK2-/.test(await codeBox.inputValue()), 'the help code', WAIT);
    code = await codeBox.inputValue();
    lines = await panel.locator('#help-lines li').allInnerTexts();
    const shown = lines.join('\n');
    // Shown before it is copied: guide, step, page, why nothing matched, browser.
    assert.match(shown, /step 4 of 4/i);
    assert.match(shown, /portal\.azure\.com\/#view\/Microsoft_AAD_UsersAndTenants\/UserProfileMenuBlade\/~\/overview\/userId\/\[id\]/);
    assert.match(shown, /Locator 1/);
    assert.match(shown, /Chrome \d+; Waymark \d/);
    // Nothing that names the admin or the tenant, in the lines or the code.
    for (const secret of ['kelley', 'Kelley Wall', 'contoso', KELLEY]) {
      assert.ok(!shown.toLowerCase().includes(secret.toLowerCase()), `the lines mention ${secret}`);
      assert.ok(!code.toLowerCase().includes(secret.toLowerCase()), `the code mentions ${secret}`);
    }
    // The service worker stops (Chrome stops idle workers): the code and its
    // lines are still there when the panel comes back.
    await admin.stopServiceWorker();
    await panel.reload();
    await until(async () => (await codeBox.inputValue().catch(() => '')) === code, 'the same help code after the worker restarted', WAIT);
    assert.deepEqual(await panel.locator('#help-lines li').allInnerTexts(), lines, 'the same lines after the worker restarted');
    // Get help highlights Help + support, then Create a support request.
    await until(async () => /Need help\? Contact support/.test(await panel.locator('#active').innerText()) && (await panelProgress(panel))?.n === 1, 'the contact-support guide to start');
    await page.goto('https://portal.azure.com/#home');
    const h1 = await expectStep(page, panel, 'contact-support', 1, { frame: inTop, name: /Help \+ support|Show portal menu|Search resources/ });
    if (/Show portal menu/.test(h1.st.target.name)) {
      await clickStep(h1);
      const again = await expectStep(page, panel, 'contact-support', 1, { frame: inTop, name: /^Help \+ support \|/ });
      await clickStep(again);
    } else if (h1.st.target.tag === 'input') {
      await h1.st.frame.fill(`[data-waymark-target="${h1.full}"]`, 'Help');
      const again = await expectStep(page, panel, 'contact-support', 1, { frame: inTop, name: /^Help \+ support \|/ });
      await clickStep(again);
    } else {
      await clickStep(h1);
    }
    await page.waitForURL(/HelpAndSupportBlade/);
    const h2 = await expectStep(page, panel, 'contact-support', 2, { frame: inTop, name: /Create a support request/ });
    await clickStep(h2);
    await page.waitForURL(/NewSupportRequestV3Blade/);
    await until(async () => /finished|done/i.test(await panelText(panel)), 'the guide to finish', WAIT);
  } finally {
    await admin.close();
  }

  // A support engineer, another browser profile.
  const engineer = await launchChromium({ server: replicas.server });
  try {
    const panel = await engineer.openPanel('?code=' + encodeURIComponent(code));
    await until(async () => (await panel.locator('#help-lines li').count()) > 0, 'the opened code', WAIT);
    assert.deepEqual(await panel.locator('#help-lines li').allInnerTexts(), lines, 'the same lines as the admin saw');
    assert.match(await panel.locator('#help-title').innerText(), /opened from a code/i);
    // The same step, offered to start.
    await panel.locator('#preview').getByRole('button', { name: 'Start' }).click();
    await until(async () => (await panelProgress(panel))?.n === 4, 'the guide at step 4', WAIT);

    // A damaged code: an alert, and nothing else changes.
    const bad = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    await panel.fill('#code-input', bad);
    await panel.getByRole('button', { name: 'Open', exact: true }).click();
    await until(async () => /damaged|incomplete/i.test(await panel.locator('[role="alert"]').innerText()), 'the alert', WAIT);
    assert.equal((await panelProgress(panel))?.n, 4, 'the running guide is untouched');
  } finally {
    await engineer.close();
  }
});

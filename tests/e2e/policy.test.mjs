// Enterprise deployment (issue 10 item 6): an organisation's policy, given
// to the browser as a real managed policy (Chromium's policy directory, the
// "3rdparty" extension policies an Intune / Group Policy / ExtensionSettings
// deployment ends up as), reaches storage.managed and the panel and worker
// obey it. The extension gets a fixed id from a key made for this run only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveReplicas, useChromium, extensionMissing, extensionDir, panelText, policyRefusals, until, WAIT } from './harness.mjs';

const POLICY_DIR = '/etc/chromium/policies/managed';
const canWritePolicy = (() => {
  try {
    fs.mkdirSync(POLICY_DIR, { recursive: true });
    fs.accessSync(POLICY_DIR, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
})();
const skip = extensionMissing('chrome') || (!canWritePolicy && `cannot write ${POLICY_DIR} (the test needs root to give Chromium a managed policy)`);
serveReplicas();

/** A copy of the Chrome build with a manifest key: its id is known before launch. */
function buildWithFixedId() {
  const { publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const id = [...crypto.createHash('sha256').update(der).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-policy-ext-'));
  fs.cpSync(extensionDir('chrome'), dir, { recursive: true });
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  manifest.key = der.toString('base64');
  fs.writeFileSync(manifestFile, JSON.stringify(manifest));
  return { id, dir };
}

const POLICY = {
  recording: false,
  sharing: false,
  screenshots: false,
  guides: ['find-your-role', 'contact-support'],
  supportContact: { text: 'Contoso IT desk, ext. 4242', url: 'https://support.contoso.example/it' },
  organisationGuides: [{ title: 'Contoso: not a valid code', code: 'WAYMARK1.this-is-not-a-code' }],
};

test('a managed policy: only the offered guides, no recording, sharing or screenshots (refused by the worker too), the support contact, the organisation guides', { skip, timeout: 150000 }, async (t) => {
  const ext = buildWithFixedId();
  const policyFile = path.join(POLICY_DIR, `waymark-e2e-${ext.id}.json`);
  fs.writeFileSync(policyFile, JSON.stringify({ '3rdparty': { extensions: { [ext.id]: POLICY } } }));
  // Machine-wide: removed whatever happens, even if the launch fails.
  t.after(() => fs.rmSync(policyFile, { force: true }));
  const s = await useChromium(t, { extensionPath: ext.dir });
  t.after(() => fs.rmSync(ext.dir, { recursive: true, force: true }));
  assert.equal(await s.extensionId(), ext.id);
  const panel = await s.openPanel();
  await until(async () => (await panel.locator('#policy-note').isVisible()) || null, 'the panel to read the policy');
  assert.match(await panel.locator('#policy-note').innerText(), /^Your organisation has turned off recording steps, sharing and exporting guides, and screenshots\. It offers the guides listed here\.$/);
  // Only the offered guides are listed.
  await panel.locator('[data-waymark-start]').first().waitFor();
  const offered = await panel.$$eval('[data-waymark-start]', (els) => els.map((e) => e.getAttribute('data-waymark-start')));
  assert.deepEqual(offered.sort(), ['contact-support', 'find-your-role']);
  assert.equal(await panel.locator('#record').isVisible(), false, 'no Record steps');
  assert.equal(await panel.locator('#make').isVisible(), false, 'no Share or export');
  // The support contact, as text and a safe link.
  const contact = panel.locator('#support-contact');
  assert.match(await contact.innerText(), /Contoso IT desk, ext\. 4242/);
  assert.equal(await contact.locator('a').getAttribute('href'), 'https://support.contoso.example/it');
  // An organisation guide opens like any code: previewed, and a bad one gets
  // a clear error and starts nothing.
  await panel.getByRole('button', { name: 'Preview: Contoso: not a valid code' }).click();
  await until(async () => (await panel.locator('#errors').innerText()).trim().length > 0 || null, 'an error for the bad organisation code');
  // The worker refuses what the policy turns off, whatever the page sends.
  const refusals = await policyRefusals(panel);
  // The worker says why by message id (_locales); the panel words it.
  assert.deepEqual(refusals, [{ id: 'policyRefusedRecording' }, { id: 'policyRefusedSharing' }, { id: 'policyRefusedGuide' }]);
  assert.doesNotMatch(await panelText(panel), /Recording/);
  // Started from the list, an offered guide runs.
  await panel.locator('[data-waymark-start="find-your-role"]').click();
  await until(async () => /Step 1 of/.test(await panelText(panel)) || null, 'the offered guide to start', WAIT);
});

// The organisation policy (extension/policy.js): sanitising what managed
// storage holds, and what it allows of the panel's messages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePolicy, applyPolicy, safeContactUrl, NO_POLICY } from '../../extension/policy.js';

const KINDS = { START: 'start', SHARE: 'share', EXPORT: 'export', RECORD_START: 'record-start' };

test('no policy, or a policy that is not an object, allows everything', () => {
  for (const raw of [undefined, null, 'x', 42, {}])
    assert.deepEqual(parsePolicy(raw), { ...NO_POLICY, organisationGuides: [] });
});

test("a policy read back from the worker's cache is the same policy, without a warning", () => {
  const warn = console.warn;
  const warned = [];
  console.warn = (...args) => warned.push(args.join(' '));
  try {
    const set = parsePolicy({
      sharing: false,
      guides: ['find-your-role'],
      supportContact: { text: 'IT desk', url: '' },
    });
    for (const p of [{ ...NO_POLICY, organisationGuides: [] }, set]) {
      const cached = JSON.parse(JSON.stringify(p)); // storage.local keeps it as JSON
      assert.deepEqual(parsePolicy(cached), p);
    }
  } finally {
    console.warn = warn;
  }
  assert.deepEqual(warned, [], 'nothing is reported malformed');
});

test('each malformed field is dropped on its own, and never turns anything on', () => {
  const warn = console.warn;
  console.warn = () => {};
  try {
    const p = parsePolicy({
      recording: 'no',
      sharing: false,
      screenshots: 0,
      guides: ['find-your-role', 3],
      supportContact: { text: 'IT desk', url: 'javascript:alert(1)' },
      organisationGuides: [{ title: 'Ours', code: 'WAYMARK1.abc' }, { title: '', code: 'x' }, 'junk'],
    });
    assert.equal(p.recording, true, 'a non-boolean is ignored');
    assert.equal(p.sharing, false);
    assert.equal(p.screenshots, true);
    assert.equal(p.guides, null, 'a list with a non-string is ignored whole');
    assert.deepEqual(p.supportContact, { text: 'IT desk', url: '' }, 'a javascript: link is dropped, the text kept');
    assert.deepEqual(p.organisationGuides, [{ title: 'Ours', code: 'WAYMARK1.abc' }]);
  } finally {
    console.warn = warn;
  }
});

test('support links are https: or mailto: only', () => {
  assert.equal(safeContactUrl('https://support.contoso.com/it'), 'https://support.contoso.com/it');
  assert.equal(safeContactUrl('mailto:it@contoso.com'), 'mailto:it@contoso.com');
  for (const bad of [
    'http://support.contoso.com',
    'javascript:alert(1)',
    'data:text/html,x',
    'https://u:p@contoso.com',
    'not a url',
  ])
    assert.equal(safeContactUrl(bad), '', bad);
});

test('the policy refuses recording, sharing, exports and unlisted guides, and strips screenshots', () => {
  const off = { ...NO_POLICY, recording: false, sharing: false, guides: ['find-your-role'] };
  assert.equal(applyPolicy(off, { kind: 'record-start' }, KINDS).refused, 'policyRefusedRecording');
  assert.equal(applyPolicy(off, { kind: 'share', guide: 'find-your-role' }, KINDS).refused, 'policyRefusedSharing');
  assert.equal(
    applyPolicy(off, { kind: 'export', guide: 'find-your-role', format: 'html' }, KINDS).refused,
    'policyRefusedSharing',
  );
  assert.equal(applyPolicy(off, { kind: 'start', guide: 'azure-for-office365' }, KINDS).refused, 'policyRefusedGuide');
  assert.equal(applyPolicy(off, { kind: 'start', guide: 'find-your-role' }, KINDS).refused, '');
  assert.equal(
    applyPolicy(off, { kind: 'open-code', code: 'x' }, KINDS).refused,
    '',
    'opening a code from support stays possible',
  );
  const noShots = { ...NO_POLICY, screenshots: false };
  const r = applyPolicy(
    noShots,
    { kind: 'export', guide: 'g', format: 'html', screenshots: ['data:image/png;base64,AA'] },
    KINDS,
  );
  assert.equal(r.refused, '');
  assert.deepEqual(r.msg, { kind: 'export', guide: 'g', format: 'html' });
  const all = applyPolicy(NO_POLICY, { kind: 'record-start' }, KINDS);
  assert.equal(all.refused, '');
});

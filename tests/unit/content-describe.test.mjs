// Role and accessible name as the content script reports them to the engine
// (extension/content/describe.js), over fake elements.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accessibleName, matchesFingerprint, roleOf, visibleText } from '../../extension/content/describe.js';
import { h } from './fake-dom.mjs';

test("role: only the explicit one, first token, lower-case (implicit roles are the engine's)", () => {
  const cases = [
    [h('div', { role: 'Tab  button' }), 'tab'],
    [h('div', { role: '  menuitem ' }), 'menuitem'],
    [h('a', { href: '/x' }), ''],
    [h('button'), ''],
    [h('input', { type: 'checkbox' }), ''],
    [h('div'), ''],
  ];
  for (const [el, role] of cases) assert.equal(roleOf(el), role, el.localName + JSON.stringify(el.attrs));
});

test('accessible name: labelledby, aria-label, alt, labels, title, placeholder, then text', () => {
  const root = h('div', {}, h('span', { id: 'a' }, ' Add '), h('span', { id: 'b' }, 'user'));
  const labelled = root.append(h('button', { 'aria-labelledby': 'a  b', 'aria-label': 'ignored' }, 'Text'));
  assert.equal(accessibleName(labelled, visibleText(labelled)), 'Add user');
  assert.equal(accessibleName(h('button', { 'aria-label': '  New\n user ' }, 'x'), 'x'), 'New user');
  assert.equal(accessibleName(h('img', { alt: 'Azure' }), ''), 'Azure');
  const field = h('input', { title: 'T', placeholder: 'P' });
  field.labels = [h('label', {}, 'First  name')];
  assert.equal(accessibleName(field, ''), 'First name');
  field.labels = [];
  assert.equal(accessibleName(field, ''), 'T');
  assert.equal(accessibleName(h('input', { placeholder: ' Search ' }), ''), 'Search');
  // A placeholder names only fields.
  assert.equal(accessibleName(h('div', { placeholder: 'P' }), 'Body'), 'Body');
  // Without text, only attributes and labels count.
  assert.equal(accessibleName(h('button', {}, 'Save')), '');
  const long = 'word '.repeat(100);
  const cut = accessibleName(h('button', {}, long), visibleText(h('button', {}, long)));
  assert.ok(cut.length <= 200 && cut.startsWith('word word'), cut);
});

test('visible text never reads fields or editable regions', () => {
  assert.equal(visibleText(h('textarea', {}, 'secret')), '');
  assert.equal(visibleText(h('div', { contenteditable: '' }, 'typed')), '');
  assert.equal(visibleText(h('div', {}, 'a', h('div', { contenteditable: '' }, 'typed'))), '');
  assert.equal(visibleText(h('p', {}, '  Hello\n\n world ')), 'Hello world');
});

test('a fingerprint matches on its non-empty fields only', () => {
  const el = h('a', { href: '/users', class: 'ms-Link' }, 'All users');
  assert.ok(matchesFingerprint(el, { tag: 'a', name: 'All users', text: 'All users' }));
  assert.ok(matchesFingerprint(el, { attrs: { href: '/users', title: '' } }));
  assert.ok(!matchesFingerprint(el, { attrs: { href: '/groups' } }));
  assert.ok(!matchesFingerprint(el, { role: 'button' }));
  assert.ok(matchesFingerprint(h('div', { role: 'Button' }), { role: 'button' }));
  assert.ok(!matchesFingerprint(el, { text: 'All groups' }));
  const longClass = h('div', { class: 'c'.repeat(300) });
  assert.ok(
    matchesFingerprint(longClass, { attrs: { class: 'c'.repeat(200) } }),
    'class compared as reported: 200 chars',
  );
});

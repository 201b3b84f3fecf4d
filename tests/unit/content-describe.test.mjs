// Role and accessible name as the content script reports them to the engine
// (extension/content/describe.js), over fake elements.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accessibleName, matchesFingerprint, roleOf, visibleText } from '../../extension/content/describe.js';
import { h } from './fake-dom.mjs';

test('roles: explicit first, then the implicit role of the tag', () => {
  const cases = [
    [h('div', { role: 'Tab  button' }), 'tab'],
    [h('a', { href: '/x' }), 'link'],
    [h('a', {}), ''],
    [h('button'), 'button'],
    [h('input', {}), 'textbox'],
    [h('input', { type: 'Checkbox' }), 'checkbox'],
    [h('input', { type: 'search' }), 'searchbox'],
    [h('input', { type: 'hidden' }), ''],
    [h('input', { type: 'email' }), 'textbox'],
    [h('img', { alt: '' }), 'presentation'],
    [h('img', { alt: 'Logo' }), 'img'],
    [h('h3'), 'heading'],
    [h('tr'), 'row'],
    [h('summary'), 'button'],
    [h('div'), ''],
  ];
  for (const [el, role] of cases) assert.equal(roleOf(el), role, el.localName + JSON.stringify(el.attrs));
  const multi = h('select');
  multi.multiple = true;
  assert.equal(roleOf(multi), 'listbox');
  const single = h('select');
  single.size = 1;
  assert.equal(roleOf(single), 'combobox');
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
  assert.ok(matchesFingerprint(el, { tag: 'a', role: 'link', name: 'All users', text: 'All users' }));
  assert.ok(matchesFingerprint(el, { attrs: { href: '/users', title: '' } }));
  assert.ok(!matchesFingerprint(el, { attrs: { href: '/groups' } }));
  assert.ok(!matchesFingerprint(el, { role: 'button' }));
  assert.ok(!matchesFingerprint(el, { text: 'All groups' }));
  const longClass = h('div', { class: 'c'.repeat(300) });
  assert.ok(
    matchesFingerprint(longClass, { attrs: { class: 'c'.repeat(200) } }),
    'class compared as reported: 200 chars',
  );
});

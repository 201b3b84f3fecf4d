// Role and accessible name as the content script reports them to the engine
// (extension/content/describe.js), over fake elements.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  accessibleName,
  clip,
  matchesFingerprint,
  roleOf,
  textStart,
  visibleText,
} from '../../extension/content/describe.js';
import { FakeText, h } from './fake-dom.mjs';

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

test('textStart: the same text as the whole subtree normalised and cut, for every cut', () => {
  const trees = [
    h('div', {}, '  Microsoft ', h('b', {}, 'Entra'), '\n\n ', h('span', {}, ' ID ', h('i', {}, '(preview)'))),
    h('div', {}, ...Array.from({ length: 40 }, (_, i) => h('span', {}, i % 3 ? `  word${i}\t` : '   '))),
    h('div', {}, '', h('p', {}, ''), '  '),
    h('a', {}, 'Sign up'),
  ];
  for (const tree of trees)
    for (const max of [0, 1, 5, 7, 13, 40, 200, 2000])
      assert.equal(
        textStart(tree, max),
        clip(tree.textContent, max),
        `${JSON.stringify(tree.textContent)} cut at ${max}`,
      );
});

test('textStart: a 50,000-node blade is read only as far as the cut', () => {
  let reads = 0;
  // Every way of reading a text node counts (textContent too).
  class CountedText extends FakeText {
    get nodeValue() {
      reads++;
      return this.text;
    }
    get textContent() {
      return this.nodeValue;
    }
  }
  const blade = h('div', { role: 'grid' });
  for (let i = 0; i < 25000; i++) {
    const row = blade.append(h('div', { role: 'row' }));
    row.append(new CountedText(`  User ${i} `));
  }
  const whole = clip(blade.textContent, 2000);
  reads = 0;
  assert.equal(textStart(blade, 2000), whole);
  assert.ok(reads < 800, `read ${reads} of 25,000 text nodes for 2,000 characters`);
  // White space only: nothing to cut, so every node is read once, not again
  // and again (the length is re-checked only when the raw text doubles).
  reads = 0;
  const blank = h('div');
  for (let i = 0; i < 25000; i++) blank.append(new CountedText('   '));
  assert.equal(textStart(blank, 2000), '');
  assert.equal(reads, 25000);
});

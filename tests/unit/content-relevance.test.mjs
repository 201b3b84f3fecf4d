// The mutation filter (extension/content/relevance.js): which DOM changes
// can alter an answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TARGET_ATTRIBUTE } from '../../extension/content/page.js';
import { isOwnChange, isRelevant } from '../../extension/content/relevance.js';
import { FakeText, h } from './fake-dom.mjs';

const own = h('div', { id: 'waymark-root' });
const childList = (target, added = [], removed = []) => ({
  type: 'childList',
  target,
  addedNodes: added,
  removedNodes: removed,
});
const attribute = (target, attributeName) => ({
  type: 'attributes',
  target,
  attributeName,
  addedNodes: [],
  removedNodes: [],
});

test("Waymark's own changes are never relevant", () => {
  const page = h('body', {}, h('button', { class: 'go' }));
  const watched = ['button', new Set(), own];
  assert.ok(isOwnChange(childList(page, [own]), own));
  assert.ok(isOwnChange(attribute(page.children[0], TARGET_ATTRIBUTE), own));
  assert.ok(!isRelevant(childList(page, [own]), ...watched));
  assert.ok(!isRelevant(attribute(own, 'style'), ...watched));
  assert.ok(!isRelevant(attribute(page.children[0], TARGET_ATTRIBUTE), ...watched));
});

test('a change inside or around a watched element is relevant; a ticker elsewhere is not', () => {
  const button = h('button', { class: 'go' }, 'Go');
  const ticker = h('span', { class: 'tick' }, '1');
  const main = h('main', {}, h('section', {}, button));
  const body = h('body', {}, main, h('aside', {}, ticker));
  const watched = ['.go,label', new Set([button, main, body]), own];

  assert.ok(
    isRelevant({ ...childList(button.children[0]), type: 'characterData' }, ...watched),
    'text inside the match',
  );
  assert.ok(isRelevant(attribute(main, 'class'), ...watched), 'class on an ancestor can hide the match');
  assert.ok(isRelevant(childList(body, [h('div', {}, h('button', { class: 'go' }))]), ...watched), 'a match added');
  assert.ok(
    isRelevant(childList(main, [], [h('section', {}, h('button', { class: 'go' }))]), ...watched),
    'a match removed',
  );

  assert.ok(!isRelevant(childList(ticker, [new FakeText('2')], [new FakeText('1')]), ...watched), 'ticker text');
  assert.ok(!isRelevant(attribute(ticker, 'class'), ...watched), 'ticker class');
  assert.ok(!isRelevant(childList(body, [h('div', {}, h('p'))]), ...watched), 'an unrelated node added');
});

test('nothing watched: nothing is relevant', () => {
  const b = h('button', { class: 'go' });
  assert.ok(!isRelevant(attribute(b, 'class'), '', new Set(), null));
});

test('a selector the browser refuses means: evaluate', () => {
  const el = h('div');
  el.closest = () => {
    throw new Error('SyntaxError');
  };
  assert.ok(isRelevant(attribute(el, 'class'), ':bad(', new Set(), own));
});

// Placement maths (extension/content/position.js): pure functions over boxes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { choosePlace, clipBox, grow, places } from '../../extension/content/position.js';

const edges = (x, y, w, h) => ({ left: x, top: y, right: x + w, bottom: y + h });
const viewport = { w: 1000, h: 800 };

test('a box is clipped by its scroll containers, and gone when clipped away', () => {
  assert.deepEqual(clipBox(edges(10, 20, 100, 50), []), { x: 10, y: 20, w: 100, h: 50 });
  assert.deepEqual(clipBox(edges(10, 20, 100, 50), [edges(0, 40, 500, 500), edges(50, 0, 500, 500)]), {
    x: 50,
    y: 40,
    w: 60,
    h: 30,
  });
  assert.equal(clipBox(edges(10, 20, 100, 50), [edges(0, 100, 500, 500)]), null, 'scrolled out of its container');
  assert.equal(clipBox(edges(10, 20, 0, 50), []), null, 'an empty box');
});

test('the highlight is grown around its target', () => {
  assert.deepEqual(grow({ x: 10, y: 10, w: 20, h: 20 }, 4), { x: 6, y: 6, w: 28, h: 28 });
});

test('places: below, above, right, left of the target (centred, start, end), clamped', () => {
  const size = { w: 300, h: 100 };
  const p = places(size, { x: 400, y: 300, w: 200, h: 40 }, viewport);
  assert.equal(p.length, 12);
  assert.deepEqual(p[0], { x: 350, y: 350, w: 300, h: 100 }, 'below, centred');
  assert.deepEqual(p[1], { x: 400, y: 350, w: 300, h: 100 }, 'below, aligned with the start');
  assert.deepEqual(p[3], { x: 350, y: 190, w: 300, h: 100 }, 'above, centred');
  assert.deepEqual(p[6], { x: 610, y: 270, w: 300, h: 100 }, 'right, centred');
  assert.deepEqual(p[9], { x: 90, y: 270, w: 300, h: 100 }, 'left, centred');
  assert.deepEqual(places(size, { x: 950, y: 790, w: 40, h: 10 }, viewport)[0], { x: 692, y: 692, w: 300, h: 100 });
});

test('the callout covers neither its target nor a control nor a frame; prefers covering no part of a control', () => {
  const target = { x: 400, y: 300, w: 200, h: 40 };
  const p = places({ w: 300, h: 100 }, target, viewport);
  assert.equal(choosePlace(p, target, [], []), 0, 'below when nothing is in the way');
  // A checkbox's centre below the target: above instead.
  const checkbox = { x: 420, y: 380, w: 16, h: 16 };
  assert.equal(choosePlace(p, target, [checkbox], []), 3);
  // A wide text field whose centre is far right but whose edge is below: below
  // is allowed (its centre stays free) but a place that touches no control wins.
  const field = { x: 560, y: 400, w: 400, h: 30 };
  assert.equal(choosePlace(p, target, [field], []), 3, 'above touches nothing');
  assert.equal(
    choosePlace(p.slice(0, 3), target, [field], []),
    0,
    'only below: allowed, the field’s centre stays free',
  );
  // An iframe across the whole lower half: nothing may overlap it.
  const frame = { x: 0, y: 350, w: 1000, h: 450 };
  assert.equal(choosePlace(p, target, [], [frame]), 3);
  // No room anywhere: -1 (the overlay shows a small marker instead).
  const everywhere = [];
  for (let x = 0; x < 1000; x += 40) for (let y = 0; y < 800; y += 40) everywhere.push({ x, y, w: 30, h: 30 });
  assert.equal(choosePlace(p, target, everywhere, []), -1);
  // A place over the target itself is never taken (a target filling the viewport).
  const huge = { x: 0, y: 0, w: 1000, h: 800 };
  assert.equal(choosePlace(places({ w: 300, h: 100 }, huge, viewport), huge, [], []), -1);
});

test('hysteresis: the place taken last time is kept while it stays allowed', () => {
  const target = { x: 400, y: 300, w: 200, h: 40 };
  const p = places({ w: 300, h: 100 }, target, viewport);
  // Above was taken (something was below); now below is free again: stay above.
  assert.equal(choosePlace(p, target, [], [], 3), 3);
  // Until a control's centre comes under it.
  assert.equal(choosePlace(p, target, [{ x: 480, y: 220, w: 20, h: 20 }], [], 3), 0);
});

test('the marker: beside a menu item whose neighbours fill the column, next to a frame', () => {
  // "Assigned roles" in a blade menu (x 25-244), items above and below, the
  // blade's iframe from x 265: the marker goes under the item's start.
  const target = { x: 25, y: 340, w: 219, h: 27 };
  const items = [313, 367].map((y) => ({ x: 25, y, w: 219, h: 27 }));
  const frame = { x: 265, y: 147, w: 714, h: 450 };
  const spots = places({ w: 28, h: 28 }, target, { w: 1024, h: 640 }, 8);
  const i = choosePlace(spots, target, items, [frame]);
  assert.deepEqual(spots[i], { x: 25, y: 375, w: 28, h: 28 });
});

// Placement maths (extension/content/position.js): pure functions over boxes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clipBox, grow, placeNear } from '../../extension/content/position.js';

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

test('the callout goes below, else above, else beside; centred on the target', () => {
  const size = { w: 300, h: 100 };
  assert.deepEqual(placeNear(size, { x: 400, y: 100, w: 200, h: 40 }, viewport), { x: 350, y: 150 });
  assert.deepEqual(placeNear(size, { x: 400, y: 700, w: 200, h: 40 }, viewport), { x: 350, y: 590 }, 'above');
  // Too tall for above and below: beside, on the right when it fits.
  const tall = { x: 100, y: 50, w: 200, h: 700 };
  assert.deepEqual(placeNear(size, tall, viewport), { x: 310, y: 350 });
  assert.deepEqual(placeNear(size, { ...tall, x: 650 }, viewport), { x: 340, y: 350 }, 'left when the right is full');
});

test('side placement (badges) and clamping to the viewport', () => {
  const size = { w: 100, h: 20 };
  assert.deepEqual(placeNear(size, { x: 100, y: 100, w: 50, h: 20 }, viewport, true), { x: 160, y: 100 });
  // At the very edge: kept 8 px inside.
  assert.deepEqual(placeNear({ w: 300, h: 100 }, { x: -50, y: 0, w: 20, h: 10 }, viewport), { x: 8, y: 20 });
  assert.deepEqual(placeNear({ w: 300, h: 100 }, { x: 990, y: 100, w: 20, h: 10 }, viewport), { x: 692, y: 120 });
});

test('the highlight is grown around its target', () => {
  assert.deepEqual(grow({ x: 10, y: 10, w: 20, h: 20 }, 4), { x: 6, y: 6, w: 28, h: 28 });
});

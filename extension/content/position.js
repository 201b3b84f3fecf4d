// @ts-check
// Where the highlight and the callout go. The maths is pure functions over
// rectangles (in the manner of Floating UI's computePosition), unit-tested
// under Node (position.test.mjs); only visibleBox reads the DOM.

/** @typedef {{x: number, y: number, w: number, h: number}} Box */
/** @typedef {{left: number, top: number, right: number, bottom: number}} Edges */

/** Callouts keep this far from the viewport's edges. */
const MARGIN = 8;

/**
 * The part of `rect` inside every clipping rectangle, or null if none is.
 * @param {Edges} rect
 * @param {Edges[]} clips
 * @returns {Box | null}
 */
export function clipBox(rect, clips) {
  let { left, top, right, bottom } = rect;
  for (const c of clips) {
    left = Math.max(left, c.left);
    top = Math.max(top, c.top);
    right = Math.min(right, c.right);
    bottom = Math.min(bottom, c.bottom);
  }
  return right - left > 0 && bottom - top > 0 ? { x: left, y: top, w: right - left, h: bottom - top } : null;
}

/**
 * The visible part of an element: its box clipped by every ancestor that
 * clips (scroll containers), or null when nothing of it shows.
 * @param {Element} el
 */
export function visibleBox(el) {
  const clips = [];
  for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement)
    if (getComputedStyle(p).overflow !== 'visible') clips.push(p.getBoundingClientRect());
  return clipBox(el.getBoundingClientRect(), clips);
}

/** A box grown by `pad` on every side (the highlight sits just outside its target). */
export const grow = (/** @type {Box} */ b, pad = 0) => ({
  x: b.x - pad,
  y: b.y - pad,
  w: b.w + 2 * pad,
  h: b.h + 2 * pad,
});

/** Do two boxes share any area? */
export const overlaps = (/** @type {Box} */ a, /** @type {Box} */ b) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * The places a box of `size` may take beside `target`, nearest first, each
 * clamped inside the viewport: below the target, above it, on its right, on
 * its left (centred on it, then aligned with its start, then with its end).
 * @param {{w: number, h: number}} size
 * @param {Box} target
 * @param {{w: number, h: number}} viewport
 * @returns {Box[]}
 */
export function places(size, target, viewport, gap = 10) {
  const { w, h } = size;
  const xs = [target.x + target.w / 2 - w / 2, target.x, target.x + target.w - w];
  const ys = [target.y + target.h / 2 - h / 2, target.y, target.y + target.h - h];
  return [
    ...xs.map((x) => [x, target.y + target.h + gap]),
    ...xs.map((x) => [x, target.y - gap - h]),
    ...ys.map((y) => [target.x + target.w + gap, y]),
    ...ys.map((y) => [target.x - gap - w, y]),
  ].map(([x, y]) => clampInto({ x, y, w, h }, viewport));
}

/**
 * A box moved inside the viewport, `MARGIN` from its edges, on whole pixels.
 * @param {Box} box
 * @param {{w: number, h: number}} viewport
 * @returns {Box}
 */
export const clampInto = (box, viewport) => ({
  ...box,
  x: Math.round(Math.max(MARGIN, Math.min(box.x, viewport.w - box.w - MARGIN))),
  y: Math.round(Math.max(MARGIN, Math.min(box.y, viewport.h - box.h - MARGIN))),
});

/**
 * Which of `candidates` the callout takes so that it is never in the way:
 * it covers no part of the target (nor its highlight), no part of a wall
 * (an iframe: the controls inside cannot be seen from this frame), and no
 * control's centre (where a click lands). One that covers no part of any
 * control is preferred. The place taken last time (`previous`) is kept as
 * long as it stays allowed, so the callout does not jump between sides
 * while the page churns (hysteresis).
 * @param {Box[]} candidates from `places`
 * @param {Box} target
 * @param {Box[]} controls the visible controls in the viewport
 * @param {Box[]} walls
 * @param {number} [previous] the index taken last time, or -1
 * @returns {number} an index into `candidates`, or -1: nowhere is free
 */
export function choosePlace(candidates, target, controls, walls, previous = -1) {
  const ring = grow(target, 6);
  const allowed = (/** @type {Box} */ p) =>
    !overlaps(p, ring) &&
    !walls.some((wall) => overlaps(p, wall)) &&
    !controls.some((c) => overlaps(p, { x: c.x + c.w / 2, y: c.y + c.h / 2, w: 1e-9, h: 1e-9 }));
  if (candidates[previous] && allowed(candidates[previous])) return previous;
  const clear = candidates.findIndex((p) => allowed(p) && !controls.some((c) => overlaps(p, c)));
  return clear < 0 ? candidates.findIndex(allowed) : clear;
}

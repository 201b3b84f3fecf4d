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

/**
 * Where to put a floating box of `size` next to `target`: below it, else
 * above, else beside (right, else left); always clamped inside the viewport.
 * `side` goes straight to beside (the role badges).
 * @param {{w: number, h: number}} size
 * @param {Box} target
 * @param {{w: number, h: number}} viewport
 * @returns {{x: number, y: number}}
 */
export function placeNear(size, target, viewport, side = false, gap = 10) {
  let x = target.x + target.w / 2 - size.w / 2;
  let y;
  if (!side && target.y + target.h + gap + size.h <= viewport.h) y = target.y + target.h + gap;
  else if (!side && target.y - gap - size.h >= 0) y = target.y - gap - size.h;
  else {
    y = target.y + target.h / 2 - size.h / 2;
    x = target.x + target.w + gap + size.w <= viewport.w ? target.x + target.w + gap : target.x - gap - size.w;
  }
  return {
    x: Math.max(MARGIN, Math.min(x, viewport.w - size.w - MARGIN)),
    y: Math.max(MARGIN, Math.min(y, viewport.h - size.h - MARGIN)),
  };
}

/** A box grown by `pad` on every side (the highlight sits just outside its target). */
export const grow = (/** @type {Box} */ b, pad = 0) => ({
  x: b.x - pad,
  y: b.y - pad,
  w: b.w + 2 * pad,
  h: b.h + 2 * pad,
});

// "Never in the way" (issue 10 item 1): wherever Waymark paints, every
// visible control in the viewport stays reachable. `document.elementFromPoint`
// at a control's centre must not hit `#waymark-root` (the callout, or the
// marker it shrinks to); the same for the highlighted target. Controls inside
// a child frame are checked in their frame and, at the same point, in the
// parent (a callout painted in the portal must not cover a blade frame's
// controls either).
import { until, WAIT } from './harness.mjs';

/** The viewports of the issue: its two ends and a common laptop size. */
export const VIEWPORTS = [
  { width: 1024, height: 640 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

/** What counts as a control (the issue: input, checkbox, select, textarea, button, link). */
const CONTROLS =
  'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [role=checkbox], ' +
  '[role=radio], [role=tab], [role=menuitem], [role=option], [role=switch], [role=combobox], [role=searchbox], ' +
  '[role=textbox], [data-waymark-target]';

/** In one frame: the visible controls whose centre is in the viewport, and what is hit there. */
function probe(selector) {
  const root = document.getElementById('waymark-root');
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect();
    const x = r.x + r.width / 2;
    const y = r.y + r.height / 2;
    if (!r.width || !r.height || x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    const what = `${el.localName}${el.hasAttribute('data-waymark-target') ? ' (the target)' : ''} "${(
      el.getAttribute('aria-label') ||
      el.textContent ||
      el.getAttribute('placeholder') ||
      ''
    )
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 40)}"`;
    out.push({ x, y, what, covered: !!root && document.elementFromPoint(x, y) === root });
  }
  return out;
}

/** In a parent frame: is any of these points (in the child frame's coordinates) under our root? */
function coveredInParent(frameElement, points) {
  const root = document.getElementById('waymark-root');
  if (!root) return [];
  const r = frameElement.getBoundingClientRect();
  return points.filter(
    (p) => document.elementFromPoint(r.x + frameElement.clientLeft + p.x, r.y + frameElement.clientTop + p.y) === root,
  );
}

/** Every control Waymark covers now in `page`, described ('' when none). */
export async function coveredControls(page) {
  const bad = [];
  for (const frame of page.frames()) {
    let points;
    try {
      points = await frame.evaluate(probe, CONTROLS);
    } catch {
      continue; // detached or navigating
    }
    for (const p of points) if (p.covered) bad.push(`${p.what} in ${frame.url()}`);
    const parent = frame.parentFrame();
    if (!parent || !points.length) continue;
    try {
      const handle = await frame.frameElement();
      // Run in the parent frame, on the iframe element (the same call in
      // Playwright and puppeteer: the element, then the argument).
      for (const p of await handle.evaluate(coveredInParent, points))
        bad.push(`${p.what} in ${frame.url()}, under the callout of ${parent.url()}`);
    } catch {
      /* detached */
    }
  }
  return bad.join('; ');
}

/**
 * At each viewport, wait until Waymark covers no control of `page` (the
 * callout is re-placed in the next frame after a resize); fail naming what
 * stays covered. The page's own viewport is restored after.
 */
export async function assertOutOfTheWay(page, label = '') {
  const before = page.viewportSize();
  // The pointer off the page's controls: hovering the marker opens it.
  await page.mouse.move(1, 1);
  try {
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      let last = '';
      await until(
        async () => {
          last = await coveredControls(page);
          return !last;
        },
        `${label} at ${viewport.width}x${viewport.height}: nothing covered by Waymark`,
        WAIT,
      ).catch((e) => {
        throw new Error(`${e.message}; still covered: ${last}`);
      });
    }
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

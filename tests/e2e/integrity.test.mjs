// Hardening in the page (issue 13 items 3 and 7). Only the admin's own
// actions count: page script calling el.click(), dispatching a click or a
// synthetic Enter does not complete the step; a real click does. And the
// overlay holds against the page: removed, hidden by inline style or by a
// stylesheet, or displaced by a transform on an ancestor, it is back and on
// its target.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  extensionMissing,
  inTop,
  useChromium,
  panelProgress,
  readFrame,
  serveReplicas,
  startGuide,
  until,
  WAIT,
  waitCalloutOnTarget,
} from './harness.mjs';
import { expectStep } from './walk.mjs';

const GUIDE = 'azure-for-office365';
const skip = extensionMissing('chrome') || false;
serveReplicas();

/** Start guide A and wait for step 1 ("Start free") to be highlighted. */
async function startFree(s) {
  const panel = await s.openPanel();
  await startGuide(panel, GUIDE);
  const page = await s.newPage();
  await page.goto('https://azure.microsoft.com/en-us/free/', { waitUntil: 'domcontentloaded' });
  const a1 = await expectStep(page, panel, GUIDE, 1, { name: /Start free|Try Azure for free|Pay as you go/, frame: inTop });
  return { panel, page, a1 };
}

test('synthetic clicks and keys from page script do not complete a step; a real click does', { skip, timeout: 90000 }, async (t) => {
  const s = await useChromium(t);
  const { panel, page, a1 } = await startFree(s);
  const target = `[data-waymark-target="${a1.full}"]`;
  // The page keeps the click on the link to itself (as a single-page app
  // does), so that no navigation can complete the step: only click evidence.
  await page.evaluate((sel) => {
    window.addEventListener('click', (e) => e.target.closest?.(sel) && e.preventDefault(), true);
    const el = document.querySelector(sel);
    el.click();
    el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
    for (const type of ['keydown', 'keyup'])
      el.dispatchEvent(new KeyboardEvent(type, { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
  }, target);
  // What a reported click would do takes well under this (one message to the worker).
  await page.waitForTimeout(1500);
  const still = await panelProgress(panel);
  assert.equal(still?.n, 1, `page script's synthetic events completed step 1 (panel: step ${still?.n})`);
  assert.equal(new URL(page.url()).hostname, 'azure.microsoft.com', 'no navigation happened');

  await page.click(target);
  const next = await until(async () => {
    const p = await panelProgress(panel);
    return p && p.n > 1 ? p : null;
  }, 'the real click to complete step 1');
  assert.equal(next.n, 2);
  assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

test('the overlay comes back when the page removes, hides or displaces it', { skip, timeout: 90000 }, async (t) => {
  const s = await useChromium(t);
  const { page, a1 } = await startFree(s);
  const step = a1.full;
  /** The root is in the page, displayed, and its callout sits on the target. */
  const intact = async (what) => {
    await until(async () => {
      const shown = await page.evaluate(() => {
        const root = document.getElementById('waymark-root');
        return !!root && getComputedStyle(root).display !== 'none' && getComputedStyle(root).visibility !== 'hidden';
      });
      return shown || null;
    }, `#waymark-root back and shown after: ${what}`);
    const r = await readFrame(page.mainFrame());
    assert.equal(r.rootCount, 1, `${what}: exactly one #waymark-root`);
    await waitCalloutOnTarget(page.mainFrame(), step, 48, WAIT);
  };

  await page.evaluate(() => document.getElementById('waymark-root').remove());
  await intact('the page removed the root');

  await page.evaluate(() => {
    document.getElementById('waymark-root').style.display = 'none';
  });
  await intact('display:none on the root');

  await page.evaluate(() => {
    document.getElementById('waymark-root').hidePopover?.();
  });
  await intact('the page closed the root popover');

  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(
      '#waymark-root, [popover] { display: none !important; visibility: hidden !important; opacity: 0 !important; transform: translate(-9999px) !important }',
    );
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
  await intact('a page stylesheet hiding the root');

  // A page observer that removes the root whenever it is back: the page
  // stays responsive (no endless repair loop), and once the page stops,
  // the root is back.
  await page.evaluate(() => {
    const hostile = new MutationObserver(() => document.getElementById('waymark-root')?.remove());
    hostile.observe(document.documentElement, { childList: true });
    window.__stopRemoving = () => hostile.disconnect();
    document.getElementById('waymark-root')?.remove();
  });
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.title.length >= 0), true, 'the page still answers');
  await page.evaluate(() => window.__stopRemoving());
  await intact('a page observer that kept removing the root, then stopped');

  // A transform on the root's ancestors moves the target; the overlay
  // must follow it, not be carried away with the page.
  const before = (await readFrame(page.mainFrame())).targets.find((t) => t.step === step).rect;
  await page.evaluate(() => {
    document.documentElement.style.transform = 'translate(40px, 60px) scale(0.9)';
    document.body.style.transform = 'translateX(30px)';
  });
  await until(async () => {
    const t = (await readFrame(page.mainFrame())).targets.find((x) => x.step === step);
    return t && Math.abs(t.rect.x - before.x) > 5 ? t : null;
  }, 'the target to move with the transform');
  await intact('a transform on the ancestors');
  const settled = await readFrame(page.mainFrame());
  const dialog = settled.dialogs.find((d) => d.step === step);
  assert.ok(dialog?.visible, 'the callout is visible');
  assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

test("the page's own ResizeObserver changing the page never gets a loop error from the overlay", { skip, timeout: 90000 }, async (t) => {
  // The overlay places its boxes from a ResizeObserver callback (after the
  // page's layout). The browser reports "ResizeObserver loop completed with
  // undelivered notifications" to the page (an error event its own error
  // reporting sees) when an observation it cannot deliver in a round is
  // left: the overlay must never begin one inside the page's callbacks.
  // Here the page does what a Fluent UI overflow menu does: a
  // ResizeObserver deep in the page whose callback changes the DOM, every
  // few frames, while the callout and highlight are shown.
  const s = await useChromium(t);
  const { page, a1 } = await startFree(s);
  await waitCalloutOnTarget(page.mainFrame(), a1.full, 48, WAIT);
  const reported = await page.evaluate(
    () =>
      new Promise((done) => {
        const errors = [];
        const onError = (e) => errors.push(String(e.message));
        window.addEventListener('error', onError);
        let deep = document.body;
        for (let i = 0; i < 30; i++) deep = deep.appendChild(document.createElement('div'));
        deep.style.cssText = 'width: 10px; height: 2px';
        const note = document.body.appendChild(document.createElement('p'));
        let n = 0;
        const ro = new ResizeObserver(() => {
          note.textContent = `resized ${++n}`;
          document.querySelector('main, body').setAttribute('data-size', String(n));
        });
        ro.observe(deep);
        const resize = setInterval(() => (deep.style.width = `${10 + (n % 2)}px`), 20);
        setTimeout(() => {
          clearInterval(resize);
          ro.disconnect();
          window.removeEventListener('error', onError);
          done({ errors, resized: n });
        }, 2000);
      }),
  );
  assert.ok(reported.resized > 10, `the page's observer ran (${reported.resized} times)`);
  assert.deepEqual(reported.errors, [], 'errors reported to the page');
  await waitCalloutOnTarget(page.mainFrame(), a1.full, 48, WAIT);
  assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

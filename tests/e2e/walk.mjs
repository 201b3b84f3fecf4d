// Helpers for walking a guide the way an admin would: read the current step
// from the panel, check the page's highlight and callout for that step, then
// click what the overlay points at.
import assert from 'node:assert/strict';
import { waitPanelProgress, panelSteps, panelChecklist, panelProgress, waitForStep, readPage, isClean, until, WAIT, clickTarget } from './harness.mjs';
import { assertOutOfTheWay } from './out-of-the-way.mjs';

export const ENTRA = /^(Microsoft Entra ID|Azure Active Directory|Active Directory)$/;
export const SEARCH = 'Search resources, services, and docs (G+/)';

/**
 * What expectStep checks besides the step itself. The chaos suite turns off
 * the viewport sweep (out-of-the-way.mjs): the guide specs run it, and it
 * would only slow the walks the chaos suite stops the worker under.
 */
export const expectations = { outOfTheWay: true };

/**
 * The panel shows "Step n of …" and the checklist's n-th step; the page
 * highlights that step's target with its callout (unless panelOnly).
 * Returns {id, full, st} (st from waitForStep, absent when panelOnly).
 */
export async function expectStep(page, panel, guide, n, opts = {}) {
  const prog = await waitPanelProgress(panel, n, opts.timeout || WAIT);
  const steps = await until(async () => {
    const s = await panelSteps(panel);
    return s.length ? s : null;
  }, 'the checklist in the panel');
  assert.equal(steps.length, prog.of, `the checklist has ${prog.of} steps`);
  const id = steps[n - 1];
  const full = `${guide}/${id}`;
  if (opts.panelOnly) {
    for (const r of await readPage(page)) assert.ok(isClean(r), `${full} is told in the panel only, but ${r.url} shows Waymark markers`);
    return { id, full };
  }
  // When a name is expected, wait for the highlight to land on it: a target
  // that renders late may be preceded by a weaker candidate.
  const targetOk = (t) => (!opts.target || opts.target(t)) && (!opts.name || opts.name.test(`${t.name} | ${t.text}`));
  if (opts.allowDone) {
    // A step whose evidence is already on the page (rows present) may be
    // done before its highlight is seen; then the panel must say so.
    const r = await until(async () => {
      const c = (await panelChecklist(panel)).find((x) => x.id === id);
      if (c && c.status === 'done') return { done: true };
      try {
        return { st: await waitForStep(page, full, 300, { frame: opts.frame, target: targetOk }) };
      } catch {
        return null;
      }
    }, `${full} highlighted or done`, opts.timeout || WAIT);
    if (r.done) return { id, full, done: true };
  }
  const st = await waitForStep(page, full, opts.timeout || WAIT, { frame: opts.frame, target: targetOk });
  assert.equal(st.dialog.step, full, 'the callout carries the step');
  assert.ok(st.dialog.text.length > 10, `${full}: the callout holds an instruction`);
  if (opts.name) assert.match(`${st.target.name} | ${st.target.text}`, opts.name, `${full}: highlighted "${st.target.name}"`);
  assert.equal(st.read.rootCount, 1, `${full}: exactly one #waymark-root in the frame`);
  // Never in the way (issue 10 item 1): at every viewport, no control covered.
  if (expectations.outOfTheWay) await assertOutOfTheWay(page, full);
  return { id, full, st };
}

/** Click the highlighted element of a step. */
export async function clickStep(x) {
  await clickTarget(x.st.frame, x.full);
}

/** Sign in on the login replica (user name, password, stay signed in: Yes). */
export async function signIn(page, upn) {
  await page.waitForSelector('#i0116', { state: 'visible', timeout: WAIT });
  await page.fill('#i0116', upn);
  await page.click('#idSIButton9');
  await page.waitForSelector('#i0118', { state: 'visible' });
  await page.fill('#i0118', 'replica-password');
  await page.click('#idSIButton9');
  await page.waitForSelector('#KmsiCheckboxField', { state: 'visible' });
  await Promise.all([page.waitForURL((u) => u.hostname !== 'login.microsoftonline.com', { timeout: WAIT }), page.click('#idSIButton9')]);
}

/**
 * On the portal, follow the "open Microsoft Entra ID" step: the overlay may
 * point at the search box (type, then the highlight moves to the result),
 * at a "Microsoft Entra ID" / "Azure Active Directory" control, or at
 * "Browse" (2017; then the flyout's "Azure Active Directory").
 */
export async function openEntraAsPointed(page, x) {
  // Read the marked element when acting, not when the step was first seen: a
  // late-rendered "Microsoft Entra ID" link can take the highlight from the
  // search box in between (the stronger candidate wins, as it should).
  // The highlight can still move between reading it and typing: then the
  // marked element is no input any more, and it is read again.
  const sel = `[data-waymark-target="${x.full}"]`;
  const read = () =>
    x.st.frame.$eval(sel, (el) => ({
      tag: el.tagName.toLowerCase(),
      name: el.getAttribute('aria-label') || el.getAttribute('title') || '',
      text: (el.textContent || '').trim(),
    }));
  let marked = await read();
  for (let tries = 0; marked.tag === 'input' && tries < 3; tries++) {
    const typed = await x.st.frame
      .fill(`input${sel}`, 'Microsoft Entra', { timeout: 3000 })
      .then(() => true)
      .catch(() => false);
    if (typed) break;
    marked = await read();
  }
  if (marked.tag === 'input') {
    // Typed: the highlight moves to the search result.
  } else if (/^Browse/.test(marked.name) || /^Browse/.test(marked.text)) {
    await clickStep(x);
  } else {
    assert.match(`${marked.name} | ${marked.text}`, /Entra ID|Active Directory/);
    await clickStep(x);
    return;
  }
  const next = await waitForStep(page, x.full, WAIT, { target: (t) => ENTRA.test(t.name) || ENTRA.test(t.text) });
  await clickTarget(next.frame, x.full);
}

export async function panelButton(panel, name) {
  const b = panel.getByRole('button', { name, exact: true });
  await b.first().click();
}

export { panelProgress };

// Languages (issue 11; ARCHITECTURE.md "Languages").
//  1. A pseudo-locale, generated here from the English catalogue (every
//     message bracketed, its letters accented, 40% longer), loaded as the
//     extension's English: every visible text and accessible name of every
//     panel view (guide list, each guide running, each verdict, share
//     preview and error, exports, Get help, notice, recording), of the
//     callout and of the verdict badges is pseudo, except data (what the
//     engine sends as plain strings: guide prose, page text, names); nothing
//     is clipped or overflows, and the callout never covers its target. A
//     malformed code's detail is pseudo too, and so is everything Waymark
//     says of a guide recorded on the replica, shared and running (only the
//     clicked elements' names, sites and paths are data).
//  2. The language follows the page, not the browser: a German portal in an
//     English browser gets a German panel and callout, an English portal in
//     a German browser an English one.
//  3. A right-to-left page: the callout says its own `dir` and `lang` and
//     lays out left to right inside the page's right-to-left layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveReplicas, useChromium, extensionMissing, extensionDir, readPage, startGuide, until, waitForStep, WAIT } from './harness.mjs';
import { ROUTES, USERS } from './pages.mjs';

const GUIDE = 'find-your-role';
const HOME = 'https://portal.azure.com/#home';
const skip = extensionMissing('chrome') || false;
serveReplicas();

// ---- the pseudo-locale -----------------------------------------------------------
const ACCENTED = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [c, [...'àƀçđéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i]]),
);
/** A message made pseudo: placeholders kept, letters accented, bracketed, 40% longer. */
export function pseudo(message) {
  const parts = message.split(/(\$[A-Za-z0-9_@]+\$|\$[1-9])/);
  const body = parts.map((p, i) => (i % 2 ? p : [...p].map((c) => ACCENTED[c] ?? c).join(''))).join('');
  const pad = '~'.repeat(Math.max(1, Math.ceil(message.length * 0.4) - 2));
  return `⟦${body} ${pad}⟧`;
}
const MARK = /[⟦⟧]/;

/** dist/chrome with its English catalogue replaced by the pseudo-locale. */
function pseudoExtension() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-pseudo-'));
  fs.cpSync(extensionDir('chrome'), dir, { recursive: true });
  const file = path.join(dir, '_locales/en/messages.json');
  const messages = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const entry of Object.values(messages)) entry.message = pseudo(entry.message);
  fs.writeFileSync(file, JSON.stringify(messages));
  return dir;
}

/**
 * Every visible text node and accessible name under `root` (the panel's
 * document, or the callout's shadow root) that is neither pseudo nor data.
 * A text is pseudo when it, or the element text it is part of, carries the
 * pseudo brackets; data are the plain strings the engine sent.
 */
async function unmarked(frame, data, shadowHost = '') {
  return frame.evaluate(
    ({ data, shadowHost, mark }) => {
      const re = new RegExp(mark);
      const root = shadowHost ? document.querySelector(shadowHost)?.shadowRoot : document.body;
      if (!root) return ['no root'];
      const isData = (t) => data.some((d) => d === t || d.includes(t));
      const bad = [];
      const visible = (el) => {
        for (let e = el; e && e.nodeType === 1; e = e.parentElement ?? e.getRootNode().host) {
          if (e.hidden || getComputedStyle(e).display === 'none') return false;
          if (e.tagName === 'DETAILS' && !e.open && el.tagName !== 'SUMMARY' && !el.closest('summary')) return false;
        }
        return true;
      };
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const t = n.data.replace(/\s+/g, ' ').trim();
        const el = n.parentElement;
        if (!t || !el || !visible(el) || el.closest('script,style,title,textarea,option')) continue;
        if (re.test(t) || re.test(el.textContent) || isData(t) || /^[\d\s.,:;()/+–—-]*$/.test(t)) continue;
        bad.push(`text "${t}" in <${el.tagName.toLowerCase()} class="${el.className}">`);
      }
      for (const el of root.querySelectorAll('[aria-label],[alt],[title]')) {
        for (const a of ['aria-label', 'alt', 'title']) {
          const v = el.getAttribute(a);
          if (v && visible(el) && !re.test(v) && !isData(v)) bad.push(`${a} "${v}" on <${el.tagName.toLowerCase()}>`);
        }
      }
      for (const el of root.querySelectorAll('option')) {
        const t = el.textContent.trim();
        if (t && !re.test(t) && !isData(t)) bad.push(`option "${t}"`);
      }
      return bad;
    },
    { data, shadowHost, mark: MARK.source },
  );
}

/** Buttons and the document itself that clip or overflow their text. */
async function clipped(frame, shadowHost = '') {
  return frame.evaluate((shadowHost) => {
    const root = shadowHost ? document.querySelector(shadowHost)?.shadowRoot : document;
    const out = [];
    for (const b of root.querySelectorAll('button, summary, .badge, .label, h1, h2, h3')) {
      const r = b.getBoundingClientRect();
      // Read by screen readers only (a collapsed callout's content): 1 px by design.
      if (!r.width || b.closest('.sr, .min')) continue;
      if (b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1)
        out.push(`${b.tagName.toLowerCase()} "${b.textContent.trim().slice(0, 40)}" clips (${b.scrollWidth}x${b.scrollHeight} in ${b.clientWidth}x${b.clientHeight})`);
      if (r.right > innerWidth + 1 || r.left < -1) out.push(`${b.tagName.toLowerCase()} "${b.textContent.trim().slice(0, 40)}" leaves the view (${r.left}..${r.right} of ${innerWidth})`);
    }
    if (!shadowHost && document.documentElement.scrollWidth > document.documentElement.clientWidth + 1)
      out.push(`the panel scrolls sideways (${document.documentElement.scrollWidth} > ${document.documentElement.clientWidth})`);
    return out;
  }, shadowHost);
}

/** View fields that only ever hold Waymark's own words (messages). */
const WORDS_ONLY = new Set(['reason', 'next_action', 'line', 'role_check', 'lines', 'redactions', 'progress', 'notice']);
/** Plain strings found where only messages belong (checked by the spec). */
const notData = [];

/** Whether the callout covers the element it highlights (it never should). */
async function calloutCoversTarget(page, host) {
  return page.locator(host).evaluate((h) => {
    const c = h.shadowRoot.querySelector('[role="dialog"]')?.getBoundingClientRect();
    const t = h.shadowRoot.querySelector('.hl')?.getBoundingClientRect();
    if (!c || !t) return 'no callout or highlight';
    return !(c.right <= t.left || c.left >= t.right || c.bottom <= t.top || c.top >= t.bottom);
  });
}

/** The panel's view, as the engine sends it. */
async function panelView(panel) {
  return panel.evaluate(async () => {
    const api = globalThis.chrome;
    const port = api.runtime.connect({ name: 'panel' });
    const got = new Promise((resolve) => port.onMessage.addListener((m) => m.kind === 'state' && resolve(m.view)));
    port.postMessage({ waymark: 1, kind: 'get-state' });
    const v = await got;
    port.disconnect();
    return v;
  });
}

/** The plain strings of the panel's view (data: guide prose, names, engine text not yet a message). */
async function viewData(panel) {
  return dataOf(await panelView(panel));
}

/**
 * The data of a view whose recorded steps must speak in Waymark's messages:
 * everything but the recording, the preview and the running guide, of which
 * only what the pages themselves said is data (`labels`, the clicked
 * elements' names; each step's site and path). A step text in plain English
 * ("Click “Users”") is then not data, and fails the check.
 */
function recordedData(view, labels) {
  const out = dataOf({ ...view, active: null, preview: null, recording: null });
  for (const part of [view.active, view.preview, view.recording]) {
    for (const s of part?.steps ?? []) {
      out.push(s.site);
      if (typeof s.evidence === 'string') out.push(s.site + s.evidence);
      for (const v of [s.title, s.instruction]) if (labels.includes(v)) out.push(v);
    }
  }
  return out.filter(Boolean);
}

function dataOf(view) {
  const out = [];
  const walk = (x, key) => {
    // The engine's own words travel as messages: a plain string in one of
    // these fields would be a hard-coded sentence, so it is never data.
    if (WORDS_ONLY.has(key)) {
      if (typeof x === 'string' && x.trim()) notData.push(`${key}: ${x}`);
      if (typeof x === 'string' || (Array.isArray(x) && x.every((y) => typeof y === 'string'))) return;
    }
    if (typeof x === 'string') {
      if (x.trim()) out.push(x.trim(), ...x.split(/[;,]\s*/).map((s) => s.trim()).filter(Boolean));
    } else if (Array.isArray(x)) x.forEach((y) => walk(y, key));
    else if (x && typeof x === 'object') {
      // A message's id is not data; its arguments are.
      for (const [k, v] of Object.entries(x)) if (!(k === 'id' && 'args' in x) && !(k === 'id' && Object.keys(x).length === 1)) walk(v, k);
    }
  };
  walk(view);
  return out;
}

/**
 * A share code of format 1 around `body` (SHARE_FORMAT.md): length, body,
 * CRC-32, Crockford base32. Its checksum is right, so a reader refuses a
 * bad body as malformed and names the flaw.
 */
function framedCode(body) {
  const bytes = [body.length, ...body];
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  crc = ~crc >>> 0;
  bytes.push(crc >>> 24, (crc >>> 16) & 255, (crc >>> 8) & 255, crc & 255);
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += alphabet[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  if (bits) out += alphabet[(acc << (5 - bits)) & 31];
  return `WAYMARK1-${out}`;
}

/** Words in plain ASCII letters: none is left in a text all of whose words are pseudo. */
const PLAIN_WORD = /[A-Za-z]{3,}/;

/** The callout's data: what the engine put in it (guide prose, the why). */
async function calloutData(page) {
  return page.evaluate(() => {
    const box = document.querySelector('#waymark-root')?.shadowRoot?.querySelector('[role="dialog"]');
    if (!box) return [];
    const texts = [...box.querySelectorAll('.t, .x, .w, details p')].map((e) => e.textContent.replace(/^⚠ /, '').trim());
    return texts.filter(Boolean);
  });
}

/**
 * The text of the export that clicking `button` makes. The panel replaces
 * its download link with each export: a link seen before the click is an
 * earlier export's (CI once read the built-in guide's export for the
 * recorded guide's), so only a new one counts.
 */
async function exported(panel, button) {
  const earlier = await panel.evaluate(() => [...document.querySelectorAll('a[download]')].map((a) => a.href));
  await panel.locator(button).click();
  return until(
    async () =>
      panel.evaluate(async (earlier) => {
        const a = [...document.querySelectorAll('a[download]')].filter((l) => !earlier.includes(l.href)).pop();
        return a ? (await fetch(a.href)).text() : null;
      }, earlier),
    `the ${button} export`,
  );
}

test('pseudo-locale: no visible string of the panel or the callout is hard-coded, and long text fits', { skip, timeout: 180000 }, async (t) => {
  const dir = pseudoExtension();
  const s = await useChromium(t, { extensionPath: dir });
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const panel = await s.openPanel();
  await panel.locator('[data-waymark-start]').first().waitFor();
  await until(async () => MARK.test(await panel.locator('#guides-h').innerText()) || null, 'the pseudo panel');
  const check = async (what) => {
    const data = await viewData(panel);
    assert.deepEqual(await unmarked(panel, data), [], `${what}: hard-coded text in the panel`);
    assert.deepEqual(await clipped(panel), [], `${what}: clipped in the panel`);
  };
  // The guide list and the static sections; an error.
  await check('guide list');
  await panel.locator('#open-code').click();
  await until(async () => (await panel.locator('#errors').innerText()).trim() || null, 'the empty-code error');
  await check('an error');
  // A running guide, with its callout on the portal.
  await startGuide(panel, GUIDE);
  const page = await s.newPage();
  await page.goto(HOME);
  const st = await waitForStep(page, `${GUIDE}/c1`, WAIT);
  await check('a running guide');
  const host = '#waymark-root';
  await page.locator(host).evaluate((h) => h.shadowRoot.querySelector('details')?.setAttribute('open', ''));
  const cdata = await calloutData(page);
  // The marker's "W" is Waymark's mark, not a word.
  assert.deepEqual(await unmarked(page, [...cdata, 'W'], host), [], 'hard-coded text in the callout');
  assert.deepEqual(await clipped(page, host), [], 'the callout clips its text');
  assert.equal(await calloutCoversTarget(page, host), false, 'the long callout covers its target');
  assert.match(st.dialog.text, /./);
  // Each verdict, in the panel and as the badge on the page: the signed-in
  // account's (qualifies, eligible, unknown), someone else's (does not
  // qualify), each with its reason, next action and line.
  const roles = (who, hash, layout = '') => `https://portal.azure.com/?${layout}login_hint=${encodeURIComponent(USERS[who].upn)}${hash}`;
  const verdicts = [
    ['qualifies', roles('kelley', ROUTES.assignedRoles(USERS.kelley.id))],
    ['someone else\'s: does-not-qualify', roles('kelley', ROUTES.assignedRoles(USERS.alex.id))],
    ['eligible', roles('diego', ROUTES.assignedRoles(USERS.diego.id))],
    ['unknown', roles('lee', ROUTES.blade2017Profile(USERS.lee.id), 'layout=2017&')],
  ];
  for (const [what, url] of verdicts) {
    const verdict = what.split(': ').pop();
    await page.goto(url);
    const frame = await until(async () => {
      for (const r of await readPage(page)) if (r.verdicts.some((v) => v.verdict === verdict)) return r.frame;
      return null;
    }, `a "${verdict}" badge`, WAIT);
    await until(async () => (await panel.locator(`.verdict[data-waymark-verdict="${verdict}"]`).count()) || null, `the ${what} verdict in the panel`, WAIT);
    await check(`the ${what} verdict`);
    // The badge's words, in the frame that shows it.
    assert.deepEqual(await unmarked(frame, [...(await calloutData(frame)), 'W'], host), [], `${what}: hard-coded text in the badge`);
    assert.deepEqual(await clipped(frame, host), [], `${what}: the badge clips its text`);
  }
  // Every guide running (its steps, precondition, role check, who
  // qualifies, routes or paragraphs), the built-in guides one by one.
  const ids = await panel.$$eval('[data-waymark-start]', (els) => els.map((e) => e.getAttribute('data-waymark-start')));
  assert.ok(ids.length >= 5, ids.join(', '));
  for (const id of ids) {
    await startGuide(panel, id);
    await check(`guide ${id} running`);
  }
  // Share: a refused code's error, a made code's preview, an export.
  await panel.locator('#code-input').fill('WAYMARK1-not-a-code');
  await panel.locator('#open-code').click();
  const refused = await until(async () => {
    const text = (await panel.locator('#errors').innerText()).trim();
    return MARK.test(text) ? text : null;
  }, 'the refused code\'s error');
  await check('a refused share code');
  // A code whose checksum is right but whose content is not a guide (an
  // unknown kind of code): the reason and its detail are both messages.
  await panel.locator('#code-input').fill(framedCode([9]));
  await panel.locator('#open-code').click();
  const malformed = await until(async () => {
    const text = (await panel.locator('#errors').innerText()).trim();
    return MARK.test(text) && text !== refused ? text : null;
  }, 'the malformed code\'s error');
  assert.doesNotMatch(malformed, PLAIN_WORD, `the malformed code's detail is a message too: ${malformed}`);
  await check('a malformed share code');
  await panel.locator('#make-guide').selectOption(GUIDE);
  await panel.locator('#share-btn').click();
  const code = await until(async () => (await panel.locator('#output-text').inputValue()).trim() || null, 'a share code');
  await panel.locator('#code-input').fill(code);
  await panel.locator('#open-code').click();
  await until(async () => (await panel.locator('#preview [data-k="start-shared"]').count()) || null, 'the share preview');
  await check('the share preview');
  await panel.locator('#preview [data-k="start-shared"]').click();
  await page.goto(HOME);
  await waitForStep(page, `${GUIDE}/c1`, WAIT);
  await until(async () => page.locator(host).evaluate((h) => !!h.shadowRoot.querySelector('.sb')).catch(() => null), 'the shared step\'s badge');
  await page.locator(host).evaluate((h) => h.shadowRoot.querySelector('details')?.setAttribute('open', ''));
  assert.deepEqual(await unmarked(page, [...(await calloutData(page)), 'W'], host), [], 'hard-coded text in a shared step\'s callout');
  assert.deepEqual(await clipped(page, host), [], 'a shared step\'s callout clips its text');
  assert.equal(await calloutCoversTarget(page, host), false, 'the shared step\'s long callout covers its target');
  await check('a shared guide running');
  // The exports carry the panel's words (pseudo here), none of the engine's.
  for (const [button, re] of [['#export-md', /Ŵĥéŕé\\:/], ['#export-html', /<footer>⟦Éẋþöŕţéđ/]]) {
    await panel.locator('#make-guide').selectOption(GUIDE);
    const text = await exported(panel, button);
    assert.match(text, re, `${button}: the export's words are the catalogue's`);
    assert.doesNotMatch(text, /Exported from Waymark|Where:|Before you start:/, `${button}: no English word in the export`);
  }
  assert.deepEqual(notData, [], 'plain strings where only messages belong');
  // Get help: the code's lines.
  await panel.locator('#get-help').click();
  await until(async () => (await panel.locator('#help-lines li').count()) || null, 'the help lines');
  await check('get help');
  // Stopped: the notice; then a recording.
  await panel.locator('[data-k="stop"]').click();
  await until(async () => (await panel.locator('#notice').isVisible()) || null, 'the stop notice');
  await check('a notice');
  await panel.locator('#rec-start').click();
  await until(async () => (await panel.locator('#rec-body .status').count()) || null, 'the recording status');
  await check('recording');
  await recordedGuide(panel, page, code);
  assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

/**
 * A guide recorded by demonstration (two clicks on the portal replica),
 * shared, opened and running: what Waymark says of its steps (their texts
 * in the recording, the preview, the checklist, what each waits for, the
 * callout, the export) is its own words, pseudo here; only the pages' own
 * words (the clicked elements' names, sites, paths) are data.
 */
async function recordedGuide(panel, page, previousCode) {
  const labels = ['Microsoft Entra ID', 'Users'];
  const host = '#waymark-root';
  /** `text` without the pages' own words: what is left is Waymark's, pseudo here, so no plain word. */
  const waymarkWords = (text, data) =>
    [...data].sort((x, y) => y.length - x.length).reduce((t, d) => t.split(d).join(' '), text);
  const strict = async (what) => {
    const data = recordedData(await panelView(panel), labels);
    assert.deepEqual(await unmarked(panel, data), [], `${what}: a recorded step's words are hard-coded in the panel`);
    assert.deepEqual(await clipped(panel), [], `${what}: clipped in the panel`);
    // Inside a message too ("Waiting for: a click on …"): no English left.
    for (const part of ['#rec-body', '#preview', '#active']) {
      const box = panel.locator(part);
      if (!(await box.isVisible())) continue;
      const left = waymarkWords(await box.innerText(), data);
      assert.doesNotMatch(left, PLAIN_WORD, `${what}: a plain word in ${part}: ${left}`);
    }
  };
  await page.goto(HOME);
  await page.getByRole('link', { name: labels[0] }).first().click();
  await page.waitForURL(/ActiveDirectoryMenuBlade/);
  await page.locator('.fxs-menu-item-link', { hasText: /^Users$/ }).click();
  await page.waitForURL(/UserManagementMenuBlade/);
  const texts = await until(async () => {
    const v = await panel.$$eval('#rec-body input[data-edit]', (els) => els.map((e) => e.value));
    return v.length === 2 ? v : null;
  }, 'two recorded steps');
  // An input's value is no text node: checked here.
  assert.ok(texts.every((v) => MARK.test(v)), `the recorded steps' texts are Waymark's words: ${texts.join(' | ')}`);
  await strict('a recording');
  await panel.locator('#rec-stop').click();
  await panel.locator('#make-guide').selectOption('recording');
  await panel.locator('#share-btn').click();
  const code = await until(async () => {
    const v = (await panel.locator('#output-text').inputValue()).trim();
    return v && v !== previousCode ? v : null;
  }, 'the recording\'s share code');
  await panel.locator('#code-input').fill(code);
  await panel.locator('#open-code').click();
  await until(async () => (await panel.locator('#preview [data-k="start-shared"]').count()) || null, 'the recorded code\'s preview');
  await strict('a recorded code\'s preview');
  await panel.locator('#preview [data-k="start-shared"]').click();
  await page.goto(HOME);
  const st = await waitForStep(page, 'shared/s1', WAIT);
  await until(async () => page.locator(host).evaluate((h) => !!h.shadowRoot.querySelector('.picks')).catch(() => null), 'the recorded step\'s "Highlights" line');
  await page.locator(host).evaluate((h) => h.shadowRoot.querySelector('details')?.setAttribute('open', ''));
  // Only the element's name is the page's; the instruction is Waymark's.
  assert.deepEqual(await unmarked(st.frame, [...labels, 'W'], host), [], 'hard-coded text in a recorded step\'s callout');
  const said = await page.locator(host).evaluate((h) => h.shadowRoot.querySelector('[role="dialog"]').textContent);
  assert.doesNotMatch(waymarkWords(said, labels), PLAIN_WORD, `a plain word in a recorded step's callout: ${said}`);
  assert.deepEqual(await clipped(st.frame, host), [], 'a recorded step\'s callout clips its text');
  await until(async () => (await panel.locator('#active [data-step="s1"]').count()) || null, 'the recorded guide running');
  await strict('a recorded guide running');
  // Its export: the steps' instructions in the panel's words.
  await panel.locator('#make-guide').selectOption('shared');
  const md = await exported(panel, '#export-md');
  assert.match(md, /Microsoft Entra ID/, `the recorded guide's export names the clicked element: ${md}`);
  assert.doesNotMatch(md, /Find out your directory role/, `the recorded guide's export, not the built-in guide's: ${md}`);
  assert.doesNotMatch(md, /Click|Look for/, `no English word of Waymark's in the recorded guide's export: ${md}`);
}

/**
 * The portal as a page in another language shows it: its <html> with that
 * `lang` (and `dir`), set before any script of the page (or Waymark) runs,
 * in every frame.
 */
async function portalIn(page, lang, dir = 'ltr') {
  await page.addInitScript(
    ([lang, dir]) => {
      const set = () => {
        const html = document.documentElement;
        if (!html) return false;
        html.lang = lang;
        html.dir = dir;
        return true;
      };
      if (!set()) new MutationObserver((_, o) => set() && o.disconnect()).observe(document, { childList: true });
    },
    [lang, dir],
  );
}

async function calloutFacts(page) {
  return page.evaluate(() => {
    const box = document.querySelector('#waymark-root')?.shadowRoot?.querySelector('[role="dialog"]');
    if (!box) return null;
    const r = box.getBoundingClientRect();
    return {
      lang: box.lang,
      dir: box.dir,
      direction: getComputedStyle(box).direction,
      buttons: [...box.querySelectorAll('.nav button, .pr button')].map((b) => b.textContent),
      progress: box.querySelector('.pr span')?.textContent ?? '',
      label: box.getAttribute('aria-label'),
      inView: r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight,
      pageDir: getComputedStyle(document.documentElement).direction,
    };
  });
}

test('the language follows the page: a German portal in an English browser, an English portal in a German browser', { skip, timeout: 180000 }, async (t) => {
  {
    const s = await useChromium(t);
    const panel = await s.openPanel();
    await startGuide(panel, GUIDE);
    const page = await s.newPage();
    await portalIn(page, 'de-DE');
    await page.goto(HOME);
    await waitForStep(page, `${GUIDE}/c1`, WAIT);
    const c = await until(async () => {
      const f = await calloutFacts(page);
      return f?.lang === 'de' ? f : null;
    }, 'the callout in German');
    // Step 1 has no Back (nothing before it).
    assert.deepEqual(c.buttons, ['Ausblenden', 'Überspringen']);
    assert.match(c.progress, /^Schritt 1 von \d+$/);
    assert.match(c.label, /^Waymark: /);
    await until(async () => (await panel.evaluate(() => document.documentElement.lang)) === 'de' || null, 'the panel in German');
    const text = await panel.evaluate(() => document.body.innerText);
    assert.match(text, /Schritt 1 von \d+/);
    assert.match(text, /Anleitungen/);
    assert.match(await panel.locator('[data-k="skip"]').innerText(), /^Überspringen$/);
    assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
    await s.close();
  }
  // The reverse: the browser in German, the portal in English.
  const s = await useChromium(t, { lang: 'de' });
  const panel = await s.openPanel();
  // Before any page said its language: the browser's.
  await until(async () => (await panel.evaluate(() => document.documentElement.lang)) === 'de' || null, 'the panel in the browser\'s German');
  await startGuide(panel, GUIDE);
  const page = await s.newPage();
  await page.goto(HOME);
  await waitForStep(page, `${GUIDE}/c1`, WAIT);
  const c = await until(async () => {
    const f = await calloutFacts(page);
    return f?.lang === 'en' ? f : null;
  }, 'the callout in English');
  assert.deepEqual(c.buttons, ['Hide', 'Skip']);
  await until(async () => (await panel.evaluate(() => document.documentElement.lang)) === 'en' || null, 'the panel in English');
  assert.match(await panel.evaluate(() => document.body.innerText), /Step 1 of \d+/);
});

test('a right-to-left page: the callout keeps its own direction and stays in view', { skip, timeout: 120000 }, async (t) => {
  const s = await useChromium(t);
  const panel = await s.openPanel();
  await startGuide(panel, GUIDE);
  const page = await s.newPage();
  await portalIn(page, 'he', 'rtl');
  await page.goto(HOME);
  await waitForStep(page, `${GUIDE}/c1`, WAIT);
  const c = await until(async () => calloutFacts(page), 'the callout');
  assert.equal(c.pageDir, 'rtl', 'the page is right to left');
  // No Hebrew catalogue: the callout speaks the browser's English, left to right.
  assert.equal(c.lang, 'en');
  assert.equal(c.dir, 'ltr');
  assert.equal(c.direction, 'ltr');
  assert.deepEqual(c.buttons, ['Hide', 'Skip']);
  assert.ok(c.inView, 'the callout is inside the viewport');
  assert.deepEqual(s.errors, [], s.errors.map((e) => `${e.kind}: ${e.text}`).join('\n'));
});

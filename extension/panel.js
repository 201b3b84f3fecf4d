// Waymark side panel (Chrome side panel, Firefox sidebar, or panel.html in a
// tab). Talks to the engine over a runtime port named "panel" and renders the
// engine's PanelView with createElement/textContent only. It adds no guide
// knowledge of its own.

import {
  BACK,
  CHOOSE_ROUTE,
  ERROR,
  EXPORT,
  GET_HELP,
  GET_STATE,
  OPEN_CODE,
  OUTPUT,
  PANEL_PORT,
  PROTOCOL_VERSION,
  RECHECK_ROLE,
  RECORD_EDIT,
  RECORD_START,
  RECORD_STOP,
  RESTART,
  SHARE,
  SKIP,
  START,
  START_SHARED,
  STATE,
  STOP,
} from './protocol.js';
import { cachedPolicy, NO_POLICY, readPolicy } from './policy.js';
import { translator } from './i18n.js';

const api = globalThis.browser ?? globalThis.chrome;
const RECORDING_GUIDE = 'recording';
const SHARED_GUIDE = 'shared';
const $ = (id) => document.getElementById(id);

let port = null;
let view = null;
// The panel speaks the language of the portal page the guide is on (the
// view's `lang`, from the page's own `lang`), else the browser's (i18n.js).
/** @type {Awaited<ReturnType<typeof translator>>} */
let tr;
let trFor = null;
const t = (id, ...args) => tr.t(id, ...args);
let retry = 0;
let pendingCode = new URLSearchParams(location.search).get('code');
// The organisation's policy: what it turns off is not offered here (and the
// worker refuses it anyway).
let policy = NO_POLICY;

// Opened in a tab because no side panel could open (background.js,
// welcome.js): say why, from a fixed list of reasons.
const IN_TAB_REASONS = { 'no-side-panel': 'panelInTabNoSidePanel', 'side-panel-failed': 'panelInTabFailed' };
{
  const params = new URLSearchParams(location.search);
  const key =
    params.get('in') === 'tab' && Object.hasOwn(IN_TAB_REASONS, params.get('why') ?? '')
      ? IN_TAB_REASONS[params.get('why') ?? '']
      : '';
  const inTab = /** @type {HTMLElement} */ (document.getElementById('in-tab'));
  if (key && inTab) {
    inTab.dataset.i18n = key;
    inTab.hidden = false;
  }
}

// The panel's own fixed text (panel.html): `data-i18n` names the message of
// an element's text, `data-i18n-label` of its aria-label.
function translatePage() {
  document.documentElement.lang = tr.lang;
  document.documentElement.dir = tr.dir;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.getAttribute('data-i18n'));
  for (const node of document.querySelectorAll('[data-i18n-label]'))
    node.setAttribute('aria-label', t(node.getAttribute('data-i18n-label')));
}

// Loads the catalogue for `lang` (when it is not the one in use), then
// renders in it. Views arriving meanwhile render once it is loaded.
let switching = null;
async function useLanguage(lang) {
  const want = lang || '';
  if (tr && trFor === want) return;
  const next = translator(want);
  switching = next;
  const got = await next;
  if (switching !== next) return;
  tr = got;
  trFor = want;
  translatePage();
  if (conn.id) setConn(conn.id);
  if (view) render();
  renderPolicy();
}
const conn = { id: 'connConnecting' };

// ---- connection ----------------------------------------------------------------
function connect() {
  try {
    port = api.runtime.connect({ name: PANEL_PORT });
  } catch {
    setConn('connUpdated');
    return;
  }
  setConn('');
  port.onMessage.addListener(onMessage);
  port.onDisconnect.addListener(() => {
    port = null;
    setConn('connReconnecting');
    // The service worker stopped or restarted: connect again.
    setTimeout(connect, Math.min(200 * 2 ** retry++, 5000));
  });
  post({ kind: GET_STATE });
  // A message the worker held back was lost with it: send it again.
  if (unanswered) post(unanswered);
  if (pendingCode) {
    $('code-input').value = pendingCode;
    post({ kind: OPEN_CODE, code: pendingCode });
    pendingCode = null;
  }
}

// On a fresh install the worker holds what the organisation's policy can
// refuse (Start, Share, Export, Record) until its first storage.managed read
// answers (background.js); if the worker stops during that wait, the message
// goes with it. The panel keeps the last such message until the worker
// answers anything, and sends it again on the next connection.
const HELD_BY_POLICY = new Set([START, SHARE, EXPORT, RECORD_START]);
let unanswered = null;

function post(msg) {
  if (HELD_BY_POLICY.has(msg.kind)) unanswered = msg;
  if (!port) connect();
  try {
    port?.postMessage({ waymark: PROTOCOL_VERSION, ...msg });
  } catch {
    port = null;
    connect();
  }
}

function setConn(id) {
  conn.id = id;
  $('conn').textContent = id ? t(id) : '';
}

function onMessage(msg) {
  if (!msg || msg.waymark !== PROTOCOL_VERSION) return;
  retry = 0;
  setConn('');
  unanswered = null;
  if (msg.kind === STATE) {
    view = msg.view || {};
    if (trFor === (view.lang || '')) render();
    else useLanguage(view.lang);
  } else if (msg.kind === ERROR) {
    showError(tr.text(msg.message));
  } else if (msg.kind === OUTPUT) {
    output(msg);
  }
}

// ---- small DOM helpers ---------------------------------------------------------
function el(tag, props, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat()) if (kid != null && kid !== false) e.append(kid);
  return e;
}
const btn = (text, onclick, props) => el('button', { type: 'button', text, onclick, ...props });
const send = (kind, extra) => () => post({ kind, ...extra });

const ago = (ms) => tr.ago(ms);
/** Capitalized as a sentence start in the panel's language. */
const sentence = (text) => text.charAt(0).toLocaleUpperCase(tr.lang) + text.slice(1);

// A message whose argument is shown as an element (bold): the text around
// it, in the language's word order, with `node` where `$1` goes.
function around(id, node) {
  const MARK = '\u0001';
  const [before, after = ''] = t(id, MARK).split(MARK);
  return [before || null, node, after || null];
}

function showError(message) {
  const box = $('errors');
  const item = el('div', { class: 'error' }, el('span', { text: String(message || t('errorGeneric')) }));
  item.append(btn(t('dismiss'), () => item.remove(), { class: 'link', 'aria-label': t('dismissMessageLabel') }));
  box.replaceChildren(item);
}

// ---- rendering -----------------------------------------------------------------
// Re-rendering replaces DOM; keep keyboard focus (and text being edited) on the
// control with the same data-k.
function keepFocus(fn) {
  const a = document.activeElement;
  const k = a?.getAttribute?.('data-k');
  const val = a && 'value' in a && a.dataset.edit ? a.value : null;
  fn();
  if (!k) return;
  const b = document.querySelector(`[data-k="${CSS.escape(k)}"]`);
  if (!b) return;
  if (val != null) b.value = val;
  b.focus();
}

function render() {
  keepFocus(() => {
    const v = view || {};
    const notice = $('notice');
    notice.hidden = !v.notice;
    notice.textContent = tr.text(v.notice);
    renderWho(v);
    renderActive(v.active);
    renderGuides(offered(v.guides), v.active);
    renderPreview(v.preview);
    renderHelp(v.help);
    renderMake(v);
    renderRecording(v.recording);
  });
}

const VERDICT = {
  qualifies: 'verdictQualifies',
  'does-not-qualify': 'verdictDoesNotQualify',
  eligible: 'verdictEligible',
  unknown: 'verdictUnknown',
};

// One verdict card. `mine` is the signed-in account's verdict; anything else
// is labelled with whose roles they are and "not your verdict".
function verdictCard(r, mine) {
  const age = ago(r.read_at_ms);
  const when = r.read_on ? t(age ? 'readOnAgo' : 'readOn', r.read_on, age) : age && sentence(age);
  return el(
    'div',
    {
      class: (mine ? 'verdict' : 'verdict other-verdict') + ' v-' + r.verdict,
      'data-waymark-verdict': r.verdict,
      role: 'group',
      'aria-label': mine ? t('yourVerdictLabel') : t('notYourVerdictLabel', tr.text(r.whose) || t('someoneElse')),
    },
    el('div', { class: 'label', text: mine ? t('yourVerdict') : t('notYourVerdict') }),
    el('div', {
      class: 'verdict-h',
      text: tr.text(r.summary) || (VERDICT[r.verdict] ? t(VERDICT[r.verdict]) : r.verdict),
    }),
    el(
      'div',
      { class: 'meta' },
      ...around('rolesOf', el('strong', { text: tr.text(r.whose) || (mine ? t('you') : t('someoneElse')) })),
    ),
    r.roles_read?.length
      ? el('div', { class: 'roles', text: t('rolesRead', r.roles_read.join(', ')) })
      : el('div', { class: 'roles', text: t('rolesReadNone') }),
    when ? el('div', { class: 'meta', text: when }) : null,
    r.reason && el('p', { text: tr.text(r.reason) }),
    r.next_action &&
      el('p', { class: 'next' }, el('span', { class: 'label', text: t('nextLabel') }), tr.text(r.next_action)),
    mine ? el('div', { class: 'row' }, btn(t('checkAgain'), send(RECHECK_ROLE), { 'data-k': 'recheck' })) : null,
  );
}

function renderWho(v) {
  const box = $('who');
  const kids = [];
  if (v.account) {
    const a = v.account;
    kids.push(
      el(
        'div',
        { class: 'account' },
        el('div', { class: 'label', text: t('signedIn') }),
        el('div', { class: 'acct', text: a.account || t('accountNotShown') }),
        el('div', { class: 'dir' }, ...around('directoryIs', el('strong', { text: a.directory || t('notShown') }))),
        el('div', {
          class: 'meta',
          text: t(ago(a.read_at_ms) ? 'readOnAgo' : 'readOn', a.read_on || '?', ago(a.read_at_ms)),
        }),
      ),
    );
  }
  if (v.verdict) kids.push(verdictCard(v.verdict, v.verdict.about_signed_in_user !== false));
  if (v.other_verdict) kids.push(verdictCard(v.other_verdict, false));
  box.hidden = !kids.length;
  box.replaceChildren(...kids);
}

// `shotOf`: {guide, index} when this step may carry a screenshot (the running
// guide's current step, and any step that already has one).
function stepItem(s, i, interactive, shotOf) {
  const status = s.status || 'todo';
  const shot = shotOf ? shotFor(shotOf.guide, i) : null;
  return el(
    'li',
    {
      class: 'step s-' + status,
      'data-step': s.id,
      'data-status': status,
      'aria-current': status === 'current' ? 'step' : null,
    },
    el(
      'div',
      { class: 'step-h' },
      el('span', { class: 'step-title', text: tr.text(s.title) }),
      el('span', {
        class: 'badge b-' + status,
        text: { done: t('badgeDone'), current: t('badgeNow'), skipped: t('badgeSkipped'), todo: '' }[status] ?? status,
      }),
    ),
    el(
      'div',
      { class: 'site' },
      s.site ? el('span', { text: s.site }) : null,
      s.panel_only ? el('span', { class: 'here-only', text: t('toldHereOnly') }) : null,
    ),
    (status === 'current' || !interactive) && s.instruction
      ? el('p', { class: 'instr', text: tr.text(s.instruction) })
      : null,
    s.warning ? el('p', { class: 'warn', text: tr.text(s.warning) }) : null,
    s.evidence ? el('p', { class: 'evidence', text: tr.text(s.evidence) }) : null,
    s.source
      ? el('details', { class: 'source' }, el('summary', { text: t('source') }), el('p', { text: s.source }))
      : null,
    shotOf && (status === 'current' || shot) ? shotControls(shotOf.guide, i) : null,
  );
}

// Who qualifies for the running guide, from its data: the rules (with why),
// who does not, what Waymark cannot check, and (Guide C) each guide's
// verdict for the roles read.
function eligibilityBox(e) {
  if (!e) return null;
  const list = (label, items) =>
    items?.length
      ? el(
          'div',
          { class: 'elig-part' },
          el('div', { class: 'label', text: label }),
          el(
            'ul',
            {},
            items.map((x) => el('li', { text: tr.text(x) })),
          ),
        )
      : null;
  return el(
    'div',
    { class: 'eligibility' },
    el('div', { class: 'label', text: t('whoQualifies') }),
    e.summary ? el('p', { text: e.summary }) : null,
    list(t('verdictQualifies'), e.rules),
    list(t('verdictDoesNotQualify'), e.excluded),
    list(t('eligUnchecked'), e.unchecked),
    e.guides?.length
      ? el(
          'ul',
          { class: 'elig-guides' },
          e.guides.map((g) =>
            el(
              'li',
              {
                class: 'verdict v-' + (g.verdict || 'unknown'),
                'data-eligibility-guide': g.guide,
                'data-eligibility-verdict': g.verdict || 'unknown',
              },
              el('strong', { text: t('titleColon', g.title) }),
              tr.text(g.line),
            ),
          ),
        )
      : null,
    e.source
      ? el('details', { class: 'source' }, el('summary', { text: t('source') }), el('p', { text: e.source }))
      : null,
  );
}

// Alternative routes through the guide (Guide B): which one is followed, and
// a button per route to follow it instead (the pages choose until the admin
// does; the engine checks the id). A toggle button, so focus stays on it.
function routesBox(routes, finished) {
  if (!routes?.length) return null;
  return el(
    'div',
    { class: 'routes' },
    el('div', { class: 'label', text: t('routesLabel') }),
    el(
      'ul',
      {},
      routes.map((r) =>
        el(
          'li',
          { class: r.chosen ? 'route chosen' : 'route', 'data-route': r.id, 'aria-current': r.chosen ? 'true' : null },
          el('span', { text: t(r.chosen ? 'routeFollowing' : 'routeOr', r.title) }),
          finished
            ? null
            : btn(r.chosen ? t('routeFollowingButton') : t('routeFollowButton'), send(CHOOSE_ROUTE, { route: r.id }), {
                'data-k': 'route:' + r.id,
                'aria-pressed': r.chosen ? 'true' : 'false',
                // The visible text leads the name (WCAG 2.5.3, label in name).
                'aria-label': (r.chosen ? t('routeFollowingButton') : t('routeFollowButton')) + ': ' + r.title,
                class: 'quiet',
              }),
        ),
      ),
    ),
  );
}

/** An https:// address the panel may open, or null. */
function openablePage(url) {
  if (typeof url !== 'string' || !url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && !u.username && !u.password ? { href: u.href, host: u.host } : null;
  } catch {
    return null;
  }
}

// Site access the admin withdrew. In Firefox the content scripts' sites are
// host permissions the admin can withdraw per site (the Extensions button's
// menu); Chrome and Edge can withhold them too (site access "On click").
// Waymark then hears nothing from that site, so the engine offers to open a
// page that may well be open: the panel asks the browser (permissions.contains
// needs no permission) and says that access was withdrawn instead, with a
// button that asks for it again. Keyed by host; false = withdrawn.
const siteAccess = new Map();

/** The content scripts' match patterns on `host`: the site access granted at install. */
function sitePatterns(host) {
  const scripts = api.runtime.getManifest().content_scripts ?? [];
  return scripts.flatMap((c) => c.matches ?? []).filter((m) => m.startsWith(`https://${host}/`));
}

async function checkSiteAccess(host) {
  const origins = sitePatterns(host);
  if (!origins.length || !api.permissions?.contains) return;
  const allowed = await api.permissions.contains({ origins }).catch(() => true);
  if (siteAccess.get(host) === allowed) return;
  siteAccess.set(host, allowed);
  render();
}

for (const event of [api.permissions?.onAdded, api.permissions?.onRemoved]) {
  event?.addListener(() => {
    siteAccess.clear();
    if (view) render();
  });
}

/** "Open <host>", or, where the admin withdrew Waymark's access to that site, why not and a way back. */
function openPageBox(open) {
  checkSiteAccess(open.host);
  if (siteAccess.get(open.host) === false) {
    // permissions.request must run inside the click (a user action).
    const allow = btn(
      t('siteAccessAllow', open.host),
      () =>
        api.permissions
          .request({ origins: sitePatterns(open.host) })
          .then((granted) => granted || showError(t('siteAccessNotGranted', open.host)))
          .catch((e) => showError(t('siteAccessNotGranted', open.host) + ' ' + String(e?.message ?? e))),
      { 'data-k': 'allow-site' },
    );
    return el(
      'div',
      { class: 'site-access' },
      el('p', { class: 'withdrawn', text: t('siteAccessWithdrawn', open.host) }),
      el('div', { class: 'row' }, allow),
    );
  }
  const b = el('button', { type: 'button', class: 'open-page', text: t('openHost', open.host) });
  // tabs.create needs no permission; the address comes from a built-in
  // guide's data (the engine never offers one for a shared guide).
  b.addEventListener('click', () =>
    api.tabs.create({ url: open.href }).catch((e) => showError(t('openFailed', open.host, e.message))),
  );
  return el('div', { class: 'row' }, b);
}

function renderActive(a) {
  const box = $('active');
  box.hidden = !a;
  if (!a) return box.replaceChildren();
  const kids = [
    el(
      'div',
      { class: 'active-h' },
      el('h2', { text: tr.text(a.title) }),
      el('span', { class: 'waymark-progress progress', text: tr.text(a.progress) }),
    ),
  ];
  if (a.shared) kids.push(el('p', { class: 'shared', text: a.note ? t('sharedGuideNote', a.note) : t('sharedGuide') }));
  if (a.status) kids.push(el('p', { class: 'waymark-status status', role: 'status', text: tr.text(a.status) }));
  const open = openablePage(a.open_url);
  if (open) kids.push(openPageBox(open));
  if (a.precondition || a.role_check) {
    kids.push(
      el(
        'div',
        { class: 'precondition' },
        a.precondition ? el('p', {}, el('strong', { text: t('beforeYouStart') }), a.precondition) : null,
        a.role_check
          ? el(
              'div',
              {
                class: 'role-check verdict v-' + (a.role_check_verdict || 'unknown'),
                'data-waymark-verdict': a.role_check_verdict || 'unknown',
              },
              el('div', { class: 'label', text: t('roleForGuide') }),
              el('p', { text: tr.text(a.role_check) }),
              el('div', { class: 'row' }, btn(t('checkAgain'), send(RECHECK_ROLE), { 'data-k': 'recheck-pre' })),
            )
          : null,
      ),
    );
  }
  if (a.eligibility) kids.push(eligibilityBox(a.eligibility));
  if (a.routes?.length) kids.push(routesBox(a.routes, a.finished));
  if (a.caveats?.length)
    kids.push(
      el(
        'ul',
        { class: 'caveats' },
        a.caveats.map((c) => el('li', { text: c })),
      ),
    );
  if (a.paragraphs?.length) {
    kids.push(diagram(), ...a.paragraphs.map((p) => el('p', { class: 'para', text: tr.text(p) })));
  }
  if (a.steps?.length)
    kids.push(
      el(
        'ol',
        { class: 'steps' },
        a.steps.map((s, i) => stepItem(s, i, true, a.finished ? null : { guide: a.id })),
      ),
    );
  // The ending stays until dismissed: finishing is never silent.
  if (a.finished && a.ending) {
    kids.push(
      el(
        'div',
        { class: 'ending', role: 'status' },
        el('h3', { text: a.ending.title }),
        el('p', { text: a.ending.text }),
        a.ending.evidence ? el('p', { class: 'evidence', text: tr.text(a.ending.evidence) }) : null,
        a.ending.source
          ? el('details', { class: 'source' }, el('summary', { text: t('source') }), el('p', { text: a.ending.source }))
          : null,
        el('div', { class: 'row' }, btn(t('dismiss'), send(STOP), { 'data-k': 'dismiss', class: 'primary' })),
      ),
    );
  }
  kids.push(
    el(
      'div',
      { class: 'row controls' },
      btn(t('back'), send(BACK), { 'data-k': 'back', disabled: a.current === 0 && !a.finished ? true : null }),
      btn(t('skip'), send(SKIP), { 'data-k': 'skip', disabled: a.finished ? true : null }),
      btn(t('restart'), send(RESTART), { 'data-k': 'restart' }),
      btn(t('stop'), send(STOP), { 'data-k': 'stop', class: 'quiet' }),
    ),
  );
  box.replaceChildren(...kids);
}

/** The built-in guides the organisation offers (all without a policy). */
function offered(guides) {
  return (guides || []).filter((g) => !policy.guides || policy.guides.includes(g.id));
}

function renderPolicy() {
  if (!tr) return;
  $('record').hidden = !policy.recording;
  $('make').hidden = !policy.sharing;
  $('shots-on-label').hidden = !policy.screenshots;
  if (!policy.screenshots) $('shots-warning').hidden = true;
  const off = [
    !policy.recording && t('policyOffRecording'),
    !policy.sharing && t('policyOffSharing'),
    !policy.screenshots && t('policyOffScreenshots'),
  ].filter(Boolean);
  const note = $('policy-note');
  note.hidden = !off.length && !policy.guides;
  note.textContent = [off.length ? t('policyOff', tr.list(off)) : '', policy.guides ? t('policyGuides') : '']
    .filter(Boolean)
    .join(' ');
  const c = policy.supportContact;
  const contact = $('support-contact');
  contact.hidden = !c;
  contact.replaceChildren(
    ...(c
      ? [
          el('strong', { text: t('supportContact') }),
          c.text || null,
          c.text && c.url ? ' ' : null,
          c.url
            ? el('a', {
                href: c.url,
                target: '_blank',
                rel: 'noopener noreferrer',
                text: c.url.replace(/^mailto:/, ''),
              })
            : null,
          // replaceChildren writes a null as the text "null".
        ].filter((kid) => kid != null)
      : []),
  );
  const org = $('org-guides');
  org.hidden = !policy.organisationGuides.length;
  $('org-guide-list').replaceChildren(
    ...policy.organisationGuides.map((g, i) =>
      el(
        'li',
        { class: 'guide' },
        el('div', { class: 'guide-text' }, el('div', { class: 'guide-title', text: g.title })),
        btn(t('preview'), send(OPEN_CODE, { code: g.code }), {
          'data-k': 'org:' + i,
          'aria-label': t('previewLabel', g.title),
        }),
      ),
    ),
  );
}

function renderGuides(guides, active) {
  $('guide-list').replaceChildren(
    ...guides.map((g) =>
      el(
        'li',
        { class: 'guide' + (active?.id === g.id ? ' is-active' : '') },
        el(
          'div',
          { class: 'guide-text' },
          el('div', { class: 'guide-title', text: g.title }),
          el('div', { class: 'summary', text: g.summary }),
        ),
        btn(active?.id === g.id ? t('running') : t('start'), send(START, { guide: g.id }), {
          'data-waymark-start': g.id,
          'data-k': 'start:' + g.id,
          'aria-label': (active?.id === g.id ? t('running') : t('start')) + ': ' + g.title,
          class: 'primary',
        }),
      ),
    ),
  );
}

function renderPreview(p) {
  const box = $('preview');
  box.hidden = !p;
  if (!p) return box.replaceChildren();
  box.replaceChildren(
    el('h3', { text: tr.text(p.title) }),
    // replaceChildren writes a null as the text "null": left out instead.
    ...(p.note ? [el('p', { class: 'shared', text: t('noteFromSender', p.note) })] : []),
    el('p', { class: 'hint', text: t('previewHint') }),
    el(
      'ol',
      { class: 'steps preview-steps' },
      p.steps.map((s) => {
        const status = s.status || 'todo';
        return el(
          'li',
          { class: 'step s-' + status, 'data-step': s.id, 'data-status': status },
          el(
            'div',
            { class: 'step-h' },
            el('span', { class: 'step-title', text: tr.text(s.title) }),
            status === 'skipped' ? el('span', { class: 'badge', text: t('badgeSkipped') }) : null,
          ),
          el(
            'dl',
            { class: 'facts' },
            el('dt', { text: t('site') }),
            el('dd', { text: s.site || t('anySite') }),
            el('dt', { text: t('highlights') }),
            el('dd', { text: tr.text(s.instruction) || (s.panel_only ? t('highlightsNothing') : '—') }),
          ),
          s.warning ? el('p', { class: 'warn', text: tr.text(s.warning) }) : null,
        );
      }),
    ),
    el('div', { class: 'row' }, btn(t('start'), send(START_SHARED), { class: 'primary', 'data-k': 'start-shared' })),
  );
}

// Get help: the "where I am stuck" code, shown line by line before it can
// be copied (made here), or as opened from a code (a support engineer).
function renderHelp(h) {
  const box = $('help-body');
  box.hidden = !h;
  if (!h) return;
  $('help-title').textContent = t(h.from_code ? 'helpTitleFromCode' : 'helpTitleMade');
  $('help-lines').replaceChildren(...(h.lines || []).map((line) => el('li', { text: tr.text(line) })));
  if ($('help-code').value !== h.code) {
    $('help-code').value = h.code;
    $('help-copied').textContent = '';
  }
}

// "Chrome 156", "Edge 156", "Firefox 153": the browser as the code names it.
function browserLabel() {
  const ua = navigator.userAgent;
  const m = /Firefox\/(\d+)/.exec(ua) || /Edg\/(\d+)/.exec(ua) || /Chrome\/(\d+)/.exec(ua);
  if (!m) return 'unknown browser';
  const name = m[0].startsWith('Firefox') ? 'Firefox' : m[0].startsWith('Edg') ? 'Edge' : 'Chrome';
  return name + ' ' + m[1];
}

function renderMake(v) {
  const sel = $('make-guide');
  const keep = sel.value;
  const opts = offered(v.guides).map((g) => el('option', { value: g.id, text: g.title }));
  if (v.active?.id === SHARED_GUIDE)
    opts.push(
      el('option', {
        value: SHARED_GUIDE,
        text: t('sharedGuideNamed', tr.text(v.active.title) || t('openedFromCode')),
      }),
    );
  if (v.recording?.steps?.length) opts.push(el('option', { value: RECORDING_GUIDE, text: t('myRecording') }));
  sel.replaceChildren(...opts);
  const activeId = v.active && (!v.active.shared || v.active.id === SHARED_GUIDE) ? v.active.id : '';
  // Follow the running guide when it changes; otherwise keep the user's choice.
  const want = activeId && activeId !== lastActive ? activeId : keep;
  lastActive = activeId;
  sel.value = [...sel.options].some((o) => o.value === want) ? want : (sel.options[0]?.value ?? '');
  renderShotCount();
}
let lastActive = '';

function renderRecording(r) {
  $('rec-start').disabled = !!r?.active;
  $('rec-stop').disabled = !r?.active;
  const box = $('rec-body');
  if (!r) return box.replaceChildren();
  const n = r.steps.length;
  box.replaceChildren(
    el('p', {
      class: 'status',
      role: 'status',
      text: t(r.active ? 'recordingSteps' : 'recordedSteps', n),
    }),
    el(
      'ol',
      { class: 'rec-steps' },
      r.steps.map((s, i) => {
        const input = el('input', {
          type: 'text',
          'data-k': 'rec-text:' + i,
          'data-edit': '1',
          'aria-label': t('stepTextLabel', i + 1),
        });
        // The step text is `title` (Waymark's message until the engineer
        // rewrites it); `instruction` is the clicked element's label.
        const said = tr.text(s.title);
        input.value = said;
        const commit = () => {
          if (input.value !== said) post({ kind: RECORD_EDIT, edit: { op: 'set-text', index: i, text: input.value } });
        };
        input.addEventListener('change', commit);
        input.addEventListener('keydown', (e) => e.key === 'Enter' && commit());
        return el(
          'li',
          { class: 'rec-step' },
          el('div', { class: 'site', text: [s.site, tr.text(s.evidence)].filter(Boolean).join('') }),
          input,
          el('div', {
            class: 'highlights meta',
            text: t('recHighlights', tr.text(s.instruction) || t('clickedElement')),
          }),
          el(
            'div',
            { class: 'row' },
            btn(t('up'), () => recEdit({ op: 'move', from: i, to: i - 1 }), {
              disabled: i === 0 ? true : null,
              'data-k': 'up:' + i,
              'aria-label': t('moveUpLabel', i + 1),
            }),
            btn(t('down'), () => recEdit({ op: 'move', from: i, to: i + 1 }), {
              disabled: i === n - 1 ? true : null,
              'data-k': 'down:' + i,
              'aria-label': t('moveDownLabel', i + 1),
            }),
            btn(t('delete'), () => recEdit({ op: 'delete', index: i }), {
              class: 'quiet',
              'data-k': 'del:' + i,
              'aria-label': t('deleteLabel', i + 1),
            }),
          ),
          shotControls(RECORDING_GUIDE, i),
        );
      }),
    ),
    // replaceChildren writes a null as the text "null": left out instead.
    ...(r.redactions?.length
      ? [
          el(
            'div',
            { class: 'redactions' },
            el('div', { class: 'label', text: t('redacted') }),
            el(
              'ul',
              {},
              r.redactions.map((x) => el('li', { text: tr.text(x) })),
            ),
          ),
        ]
      : []),
  );
}

// Explanation D: a directory holds users and subscriptions.
function diagram() {
  const NS = 'http://www.w3.org/2000/svg';
  const s = (tag, attrs, text) => {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text) e.textContent = text;
    return e;
  };
  const svg = s('svg', { viewBox: '0 0 300 150', class: 'diagram', role: 'img', 'aria-labelledby': 'dgm-t' });
  svg.append(
    s('title', { id: 'dgm-t' }, t('diagramTitle')),
    s('rect', { x: 2, y: 2, width: 296, height: 146, rx: 10, class: 'd-dir' }),
    s('text', { x: 14, y: 24, class: 'd-h' }, t('diagramDirectory')),
    s('rect', { x: 14, y: 38, width: 104, height: 96, rx: 8, class: 'd-box' }),
    s('text', { x: 24, y: 60, class: 'd-t' }, t('diagramUsers')),
    s('text', { x: 24, y: 82, class: 'd-s' }, t('diagramUsersWho')),
    s('text', { x: 24, y: 100, class: 'd-s' }, t('diagramUsersSignIn')),
    s('rect', { x: 128, y: 38, width: 158, height: 42, rx: 8, class: 'd-box' }),
    s('text', { x: 138, y: 57, class: 'd-t' }, t('diagramSubscription')),
    s('text', { x: 138, y: 72, class: 'd-s' }, t('diagramSubscriptionOwner')),
    s('rect', { x: 128, y: 92, width: 158, height: 42, rx: 8, class: 'd-box' }),
    s('text', { x: 138, y: 111, class: 'd-t' }, t('diagramM365')),
    s('text', { x: 138, y: 126, class: 'd-s' }, t('diagramM365Owner')),
  );
  return el('figure', { class: 'figure' }, svg);
}

// ---- outputs: share code (copy) or export (download) -----------------------------
let lastUrl = null;
function output(o) {
  const isFile = o.filename && /^(markdown|html|md)$/i.test(o.format || '');
  if (!isFile) {
    $('output').hidden = false;
    $('output-text').value = o.content;
    $('copied').textContent = '';
    $('output-text').focus();
    $('output-text').select();
    return;
  }
  if (lastUrl) URL.revokeObjectURL(lastUrl);
  const type = /html/i.test(o.format) ? 'text/html' : 'text/markdown';
  lastUrl = URL.createObjectURL(new Blob([o.content], { type: type + ';charset=utf-8' }));
  const a = el('a', { href: lastUrl, download: o.filename, text: t('downloadFile', o.filename) });
  $('download').replaceChildren(a);
  a.click();
}

// ---- screenshots (issue 5: "taken when the user asks") ----------------------------
// Kept in this panel's memory only, per guide id and step index, and sent to
// the engine only inside an HTML export. Capturing needs `activeTab`, which
// the browser grants for a tab when the admin clicks Waymark's toolbar button
// on it.
const shots = new Map(); // guide id -> [dataUrl | undefined]
// Off until the engineer turns them on, with a warning (issue 13 item 5): a
// screenshot shows the screen as it is, names the text redaction removes
// included. Not kept: every panel starts with them off.
let shotsOn = false;
const MAX_SHOT_WIDTH = 1280;
const MAX_SHOT_BYTES = 4 * 1024 * 1024; // the engine's cap (share/export.rs)

function shotFor(guide, i) {
  return shots.get(guide)?.[i] ?? null;
}

function setShot(guide, i, url) {
  const list = shots.get(guide) || [];
  list[i] = url || undefined;
  shots.set(guide, list);
  render(); // renderMake() updates the screenshot count
}

function shotControls(guide, i) {
  if (!policy.screenshots || !shotsOn) return null;
  const url = shotFor(guide, i);
  const n = i + 1;
  return el(
    'div',
    { class: 'shot' },
    url ? el('img', { src: url, alt: t('shotAlt', n), class: 'thumb' }) : null,
    el(
      'div',
      { class: 'row' },
      btn(url ? t('captureAgain') : t('captureStep'), () => capture(guide, i), {
        'data-k': 'shot:' + guide + ':' + i,
        'aria-label': t(url ? 'captureAgainLabel' : 'captureStepLabel', n),
      }),
      url
        ? btn(t('removeShot'), () => setShot(guide, i, null), {
            class: 'quiet',
            'data-k': 'unshot:' + guide + ':' + i,
            'aria-label': t('removeShotLabel', n),
          })
        : null,
    ),
  );
}

async function shrink(url) {
  const img = new Image();
  img.src = url;
  await img.decode();
  if (img.naturalWidth <= MAX_SHOT_WIDTH) return url;
  const c = document.createElement('canvas');
  c.width = MAX_SHOT_WIDTH;
  c.height = Math.round((img.naturalHeight * MAX_SHOT_WIDTH) / img.naturalWidth);
  c.getContext('2d').drawImage(img, 0, 0, c.width, c.height);
  return c.toDataURL('image/png');
}

async function capture(guide, i) {
  let url;
  try {
    const win = await api.windows.getCurrent();
    url = await api.tabs.captureVisibleTab(win.id, { format: 'png' });
  } catch (e) {
    showError(t('captureRefused', String(e?.message ?? e)));
    return;
  }
  try {
    url = await shrink(url);
  } catch {
    // keep the original
  }
  if (typeof url !== 'string' || !url.startsWith('data:image/png;base64,')) return showError(t('shotNotPng'));
  if (url.length > MAX_SHOT_BYTES) return showError(t('shotTooLarge'));
  setShot(guide, i, url);
}

// Keep recording screenshots with their steps when steps move or go.
function recEdit(edit) {
  const list = shots.get(RECORDING_GUIDE);
  if (list) {
    if (edit.op === 'delete') list.splice(edit.index, 1);
    else if (edit.op === 'move') list.splice(edit.to, 0, list.splice(edit.from, 1)[0]);
  }
  post({ kind: RECORD_EDIT, edit });
}

function renderShotCount() {
  const list = (shotsOn && shots.get($('make-guide').value)) || [];
  const n = list.filter(Boolean).length;
  $('shot-count').textContent = n ? t('shotCount', n) : '';
}

// ---- static controls -------------------------------------------------------------------
$('open-code').addEventListener('click', () => {
  const code = $('code-input').value.trim();
  if (!code) return showError(t('pasteFirst'));
  post({ kind: OPEN_CODE, code });
});
$('get-help').addEventListener('click', () => {
  post({ kind: GET_HELP, browser: browserLabel(), version: api.runtime.getManifest?.().version || 'unknown' });
});
$('help-copy').addEventListener('click', async () => {
  const t = $('help-code');
  try {
    await navigator.clipboard.writeText(t.value);
  } catch {
    t.select();
    document.execCommand?.('copy');
  }
  $('help-copied').textContent = t('copied');
});
$('copy').addEventListener('click', async () => {
  const t = $('output-text');
  try {
    await navigator.clipboard.writeText(t.value);
  } catch {
    t.select();
    document.execCommand?.('copy');
  }
  $('copied').textContent = t('copied');
});
function currentStepId(guide) {
  const a = view?.active;
  if (!$('make-from').checked || !a || a.id !== guide) return null;
  return a.steps?.[a.current]?.id ?? null;
}
$('share-btn').addEventListener('click', () => {
  const guide = $('make-guide').value;
  if (!guide) return;
  post({ kind: SHARE, guide, from_step: currentStepId(guide), note: $('make-note').value.trim() });
});
// The export's own words, in the panel's language: the engine speaks none
// (protocol.rs ExportWords; the screenshot's alt keeps $1 and $2 for the
// step's number and title).
const exportWords = () => ({
  lang: tr.lang,
  where_: t('exportWhere'),
  warning: t('exportWarning'),
  before: t('exportBefore'),
  recorded: t('exportRecorded'),
  shot: t('exportShot', '$1', '$2'),
  shot_missing: t('exportShotMissing'),
  footer: t('exportFooter'),
  // A recorded step's own instruction, when its sender wrote none ($1: its label).
  click: t('recordedStepClick', '$1'),
  click_unnamed: t('recordedStepClickUnnamed'),
});
$('export-md').addEventListener(
  'click',
  () =>
    $('make-guide').value &&
    post({ kind: EXPORT, guide: $('make-guide').value, format: 'markdown', words: exportWords() }),
);
$('export-html').addEventListener('click', () => {
  const guide = $('make-guide').value;
  if (!guide) return;
  const list = (shotsOn && policy.screenshots && shots.get(guide)) || [];
  const screenshots = Array.from(list, (x) => x ?? null);
  while (screenshots.length && screenshots[screenshots.length - 1] == null) screenshots.pop();
  post({ kind: EXPORT, guide, format: 'html', words: exportWords(), ...(screenshots.length ? { screenshots } : {}) });
});
$('make-guide').addEventListener('change', renderShotCount);
$('shots-on').addEventListener('change', () => {
  shotsOn = $('shots-on').checked;
  $('shots-warning').hidden = !shotsOn;
  render();
});
$('rec-start').addEventListener('click', () => {
  shots.delete(RECORDING_GUIDE);
  post({ kind: RECORD_START });
});
$('rec-stop').addEventListener('click', send(RECORD_STOP));

const showPolicy = (p) => {
  policy = p;
  renderPolicy();
  if (tr && view) render();
};
let policyRead = false;
const loadPolicy = () =>
  readPolicy(api).then((p) => {
    policyRead = true;
    showPolicy(p);
  });
// The last policy the worker read shows at once; the fresh read follows.
cachedPolicy(api).then((p) => p && !policyRead && showPolicy(p));
api.storage?.onChanged?.addListener((_changes, area) => {
  if (area === 'managed') loadPolicy();
});
useLanguage('').then(() => {
  loadPolicy();
  connect();
});

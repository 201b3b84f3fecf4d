// Waymark side panel (Chrome side panel, Firefox sidebar, or panel.html in a
// tab). Talks to the engine over a runtime port named "panel" and renders the
// engine's PanelView with createElement/textContent only. It adds no guide
// knowledge of its own.

const api = globalThis.browser ?? globalThis.chrome;
const RECORDING_GUIDE = 'recording';
const $ = (id) => document.getElementById(id);

let port = null;
let view = null;
let retry = 0;
let pendingCode = new URLSearchParams(location.search).get('code');

// ---- connection ----------------------------------------------------------------
function connect() {
  try {
    port = api.runtime.connect({ name: 'panel' });
  } catch (e) {
    setConn('Waymark was updated: reopen this panel.');
    return;
  }
  setConn('');
  port.onMessage.addListener(onMessage);
  port.onDisconnect.addListener(() => {
    port = null;
    setConn('Reconnecting…');
    // The service worker stopped or restarted: connect again.
    setTimeout(connect, Math.min(200 * 2 ** retry++, 5000));
  });
  post({ kind: 'get-state' });
  if (pendingCode) {
    $('code-input').value = pendingCode;
    post({ kind: 'open-code', code: pendingCode });
    pendingCode = null;
  }
}

function post(msg) {
  if (!port) connect();
  try {
    port?.postMessage({ waymark: 1, ...msg });
  } catch {
    port = null;
    connect();
  }
}

function setConn(text) {
  $('conn').textContent = text;
}

function onMessage(msg) {
  if (!msg || msg.waymark !== 1) return;
  retry = 0;
  setConn('');
  if (msg.kind === 'state') {
    view = msg.view || {};
    render();
  } else if (msg.kind === 'error') {
    showError(msg.message);
  } else if (msg.kind === 'output') {
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

function ago(ms) {
  if (!ms) return '';
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return m + (m === 1 ? ' minute ago' : ' minutes ago');
  const h = Math.round(m / 60);
  return h + (h === 1 ? ' hour ago' : ' hours ago');
}

function showError(message) {
  const box = $('errors');
  const item = el('div', { class: 'error' }, el('span', { text: String(message || 'Something went wrong.') }));
  item.append(btn('Dismiss', () => item.remove(), { class: 'link', 'aria-label': 'Dismiss this message' }));
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
    notice.textContent = v.notice || '';
    renderWho(v);
    renderActive(v.active);
    renderGuides(v.guides || [], v.active);
    renderPreview(v.preview);
    renderMake(v);
    renderRecording(v.recording);
  });
}

const VERDICT = {
  qualifies: 'Your role qualifies',
  'does-not-qualify': 'This role does not qualify',
  eligible: 'Eligible, but not active yet',
  unknown: 'Role not known yet',
};

function renderWho(v) {
  const box = $('who');
  const kids = [];
  if (v.account) {
    const a = v.account;
    kids.push(
      el('div', { class: 'account' },
        el('div', { class: 'label', text: 'Signed in' }),
        el('div', { class: 'acct', text: a.account || '(account not shown)' }),
        el('div', { class: 'dir' }, 'Directory: ', el('strong', { text: a.directory || '(not shown)' })),
        el('div', { class: 'meta', text: ['Read on ' + (a.read_on || '?'), ago(a.read_at_ms)].filter(Boolean).join(', ') })),
    );
  }
  if (v.verdict) {
    const r = v.verdict;
    kids.push(
      el('div', { class: 'verdict v-' + r.verdict, 'data-waymark-verdict': r.verdict },
        el('div', { class: 'verdict-h', text: r.about_signed_in_user ? VERDICT[r.verdict] || r.verdict : (VERDICT[r.verdict] || r.verdict).replace('Your role', 'The role') }),
        r.whose && el('div', { class: 'meta', text: 'Roles of ' + r.whose + (r.about_signed_in_user ? '' : ' (not the signed-in account)') }),
        r.roles_read?.length ? el('div', { class: 'roles', text: 'Read: ' + r.roles_read.join(', ') }) : null,
        r.reason && el('p', { text: r.reason }),
        r.next_action && el('p', { class: 'next', text: r.next_action }),
        el('div', { class: 'row' },
          el('span', { class: 'meta', text: [r.read_on && 'on ' + r.read_on, ago(r.read_at_ms)].filter(Boolean).join(', ') }),
          btn('Check again', send('recheck-role'), { 'data-k': 'recheck' }))),
    );
  }
  box.hidden = !kids.length;
  box.replaceChildren(...kids);
}

function stepItem(s, i, interactive) {
  const status = s.status || 'todo';
  return el('li', { class: 'step s-' + status, 'data-step': s.id, 'data-status': status, 'aria-current': status === 'current' ? 'step' : null },
    el('div', { class: 'step-h' },
      el('span', { class: 'step-title', text: s.title }),
      el('span', { class: 'badge b-' + status, text: { done: 'Done', current: 'Now', skipped: 'Skipped', todo: '' }[status] ?? status })),
    el('div', { class: 'site' }, s.site ? el('span', { text: s.site }) : null, s.panel_only ? el('span', { class: 'here-only', text: 'told here only' }) : null),
    (status === 'current' || !interactive) && s.instruction ? el('p', { class: 'instr', text: s.instruction }) : null,
    s.warning ? el('p', { class: 'warn', text: s.warning }) : null,
    s.evidence ? el('p', { class: 'evidence', text: s.evidence }) : null,
  );
}

function renderActive(a) {
  const box = $('active');
  box.hidden = !a;
  if (!a) return box.replaceChildren();
  const kids = [
    el('div', { class: 'active-h' },
      el('h2', { text: a.title }),
      el('span', { class: 'waymark-progress progress', text: a.progress })),
  ];
  if (a.shared) kids.push(el('p', { class: 'shared', text: 'Shared guide' + (a.note ? ': “' + a.note + '”' : '') }));
  if (a.status) kids.push(el('p', { class: 'waymark-status status', role: 'status', text: a.status }));
  if (a.precondition) kids.push(el('p', { class: 'precondition' }, el('strong', { text: 'Before you start: ' }), a.precondition));
  if (a.caveats?.length) kids.push(el('ul', { class: 'caveats' }, a.caveats.map((c) => el('li', { text: c }))));
  if (a.paragraphs?.length) {
    kids.push(diagram(), ...a.paragraphs.map((p) => el('p', { class: 'para', text: p })));
  }
  if (a.steps?.length) kids.push(el('ol', { class: 'steps' }, a.steps.map((s, i) => stepItem(s, i, true))));
  kids.push(
    el('div', { class: 'row controls' },
      btn('Back', send('back'), { 'data-k': 'back', disabled: a.current === 0 && !a.finished ? true : null }),
      btn('Skip', send('skip'), { 'data-k': 'skip', disabled: a.finished ? true : null }),
      btn('Restart', send('restart'), { 'data-k': 'restart' }),
      btn('Stop', send('stop'), { 'data-k': 'stop', class: 'quiet' })),
  );
  box.replaceChildren(...kids);
}

function renderGuides(guides, active) {
  $('guide-list').replaceChildren(
    ...guides.map((g) =>
      el('li', { class: 'guide' + (active?.id === g.id ? ' is-active' : '') },
        el('div', { class: 'guide-text' }, el('div', { class: 'guide-title', text: g.title }), el('div', { class: 'summary', text: g.summary })),
        btn(active?.id === g.id ? 'Running' : 'Start', send('start', { guide: g.id }), {
          'data-waymark-start': g.id,
          'data-k': 'start:' + g.id,
          'aria-label': 'Start: ' + g.title,
          class: 'primary',
        })),
    ),
  );
}

function renderPreview(p) {
  const box = $('preview');
  box.hidden = !p;
  if (!p) return box.replaceChildren();
  box.replaceChildren(
    el('h3', { text: p.title }),
    p.note ? el('p', { class: 'shared', text: 'Note from the sender: “' + p.note + '”' }) : null,
    el('p', { class: 'hint', text: 'Waymark will highlight these steps on your own portal. It only shows text and highlights; it never clicks or fills anything in.' }),
    el('ol', { class: 'steps' }, p.steps.map((s, i) => stepItem(s, i, false))),
    el('div', { class: 'row' }, btn('Start', send('start-shared'), { class: 'primary', 'data-k': 'start-shared' })),
  );
}

function renderMake(v) {
  const sel = $('make-guide');
  const keep = sel.value;
  const opts = (v.guides || []).map((g) => el('option', { value: g.id, text: g.title }));
  if (v.recording?.steps?.length) opts.push(el('option', { value: RECORDING_GUIDE, text: 'My recording' }));
  sel.replaceChildren(...opts);
  const activeId = v.active && !v.active.shared ? v.active.id : '';
  // Follow the running guide when it changes; otherwise keep the user's choice.
  const want = activeId && activeId !== lastActive ? activeId : keep;
  lastActive = activeId;
  sel.value = [...sel.options].some((o) => o.value === want) ? want : sel.options[0]?.value ?? '';
}
let lastActive = '';

function renderRecording(r) {
  $('rec-start').disabled = !!r?.active;
  $('rec-stop').disabled = !r?.active;
  const box = $('rec-body');
  if (!r) return box.replaceChildren();
  const n = r.steps.length;
  box.replaceChildren(
    el('p', { class: 'status', role: 'status', text: (r.active ? 'Recording… ' : 'Recorded: ') + n + (n === 1 ? ' step' : ' steps') }),
    el('ol', { class: 'rec-steps' },
      r.steps.map((s, i) => {
        const input = el('input', {
          type: 'text',
          'data-k': 'rec-text:' + i,
          'data-edit': '1',
          'aria-label': 'Text of step ' + (i + 1),
        });
        input.value = s.instruction || s.title;
        const commit = () => {
          if (input.value !== (s.instruction || s.title)) post({ kind: 'record-edit', edit: { op: 'set-text', index: i, text: input.value } });
        };
        input.addEventListener('change', commit);
        input.addEventListener('keydown', (e) => e.key === 'Enter' && commit());
        return el('li', { class: 'rec-step' },
          el('div', { class: 'site', text: [s.title, s.site].filter(Boolean).join(' · ') }),
          input,
          el('div', { class: 'row' },
            btn('Up', send('record-edit', { edit: { op: 'move', from: i, to: i - 1 } }), { disabled: i === 0 ? true : null, 'data-k': 'up:' + i, 'aria-label': 'Move step ' + (i + 1) + ' up' }),
            btn('Down', send('record-edit', { edit: { op: 'move', from: i, to: i + 1 } }), { disabled: i === n - 1 ? true : null, 'data-k': 'down:' + i, 'aria-label': 'Move step ' + (i + 1) + ' down' }),
            btn('Delete', send('record-edit', { edit: { op: 'delete', index: i } }), { class: 'quiet', 'data-k': 'del:' + i, 'aria-label': 'Delete step ' + (i + 1) })));
      })),
    r.redactions?.length
      ? el('div', { class: 'redactions' }, el('div', { class: 'label', text: 'Redacted before sharing' }), el('ul', {}, r.redactions.map((x) => el('li', { text: x }))))
      : null,
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
    s('title', { id: 'dgm-t' }, 'A directory (Microsoft Entra tenant) contains its users and the subscriptions created under it.'),
    s('rect', { x: 2, y: 2, width: 296, height: 146, rx: 10, class: 'd-dir' }),
    s('text', { x: 14, y: 24, class: 'd-h' }, 'Directory (Microsoft Entra tenant)'),
    s('rect', { x: 14, y: 38, width: 104, height: 96, rx: 8, class: 'd-box' }),
    s('text', { x: 24, y: 60, class: 'd-t' }, 'Users'),
    s('text', { x: 24, y: 82, class: 'd-s' }, 'admins, staff'),
    s('text', { x: 24, y: 100, class: 'd-s' }, 'sign in here'),
    s('rect', { x: 128, y: 38, width: 158, height: 42, rx: 8, class: 'd-box' }),
    s('text', { x: 138, y: 57, class: 'd-t' }, 'Azure subscription'),
    s('text', { x: 138, y: 72, class: 'd-s' }, 'owned by a user'),
    s('rect', { x: 128, y: 92, width: 158, height: 42, rx: 8, class: 'd-box' }),
    s('text', { x: 138, y: 111, class: 'd-t' }, 'Microsoft 365'),
    s('text', { x: 138, y: 126, class: 'd-s' }, 'owned by the directory'),
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
  const a = el('a', { href: lastUrl, download: o.filename, text: 'Download ' + o.filename });
  $('download').replaceChildren(a);
  a.click();
}

// ---- static controls -------------------------------------------------------------------
$('open-code').addEventListener('click', () => {
  const code = $('code-input').value.trim();
  if (!code) return showError('Paste a share code first.');
  post({ kind: 'open-code', code });
});
$('copy').addEventListener('click', async () => {
  const t = $('output-text');
  try {
    await navigator.clipboard.writeText(t.value);
  } catch {
    t.select();
    document.execCommand?.('copy');
  }
  $('copied').textContent = 'Copied';
});
function currentStepId(guide) {
  const a = view?.active;
  if (!$('make-from').checked || !a || a.id !== guide) return null;
  return a.steps?.[a.current]?.id ?? null;
}
$('share-btn').addEventListener('click', () => {
  const guide = $('make-guide').value;
  if (!guide) return;
  post({ kind: 'share', guide, from_step: currentStepId(guide), note: $('make-note').value.trim() });
});
$('export-md').addEventListener('click', () => $('make-guide').value && post({ kind: 'export', guide: $('make-guide').value, format: 'markdown' }));
$('export-html').addEventListener('click', () => $('make-guide').value && post({ kind: 'export', guide: $('make-guide').value, format: 'html' }));
$('rec-start').addEventListener('click', send('record-start'));
$('rec-stop').addEventListener('click', send('record-stop'));

connect();

// Waymark content script: the engine's eyes and hands in one frame. No guide
// knowledge: it answers generic queries, reports clicks and URL changes, and
// paints the overlay the engine describes in its own shadow root. No
// innerHTML; form values are never read.
(() => {
  'use strict';
  const api = globalThis.browser ?? globalThis.chrome;
  // Second lock: sign-in pages are never touched (they are not matched either).
  if (/^login\.(microsoftonline|live|microsoft)\.com$/i.test(location.hostname)) return;
  if (!api?.runtime?.id) return;

  const D = document;
  const W = window;
  const TARGET = 'data-waymark-target';
  const isTop = W === W.top;
  let href = location.href;
  let watchId = 0;
  let queries = [];
  let record = false;
  let lastSent = '';
  let mo = null;
  let pending = 0;
  let lastEval = -1e9;
  // Watched selectors, `within`s and what can name a match; '' if none valid.
  let near = '';
  let sel = ''; // the valid selectors and `within`s of the watch
  // Last matches and their ancestors: changing one can hide or unmatch a match.
  let anc = new Set();
  // A task right after the page's, not the next frame (up to 16 ms later).
  const mc = new MessageChannel();
  let dead = false;

  // messaging
  const alive = () => {
    try {
      return !!api.runtime?.id;
    } catch {
      return false;
    }
  };
  function send(m, retry = 1) {
    if (dead) return;
    if (!alive()) return teardown();
    m.waymark = 1;
    try {
      const p = api.runtime.sendMessage(m);
      p?.catch?.((e) => {
        if (!alive()) teardown();
        else if (retry && /Receiving end/i.test(e?.message)) setTimeout(() => send(m, 0), 300);
      });
    } catch {
      teardown();
    }
  }
  // Answered by a new watch; the old one's answers are stale till then.
  const hello = () => (watchId = 0, send({ kind: 'hello', url: location.href, title: D.title.slice(0, 300), top: isTop }));
  function checkHref() {
    if (location.href !== href) {
      href = location.href;
      hello();
    }
  }

  // describing elements
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const clip = (s, n = 200) => norm(s).slice(0, n);
  const ROLE = {
    a: 'link', area: 'link', button: 'button', select: 'combobox', textarea: 'textbox', h1: 'heading',
    h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading', tr: 'row', td: 'cell',
    th: 'columnheader', table: 'table', ul: 'list', ol: 'list', menu: 'list', li: 'listitem', nav: 'navigation',
    main: 'main', header: 'banner', footer: 'contentinfo', form: 'form', img: 'img', dialog: 'dialog',
    aside: 'complementary', section: 'region', article: 'article', option: 'option', hr: 'separator',
    progress: 'progressbar', summary: 'button', fieldset: 'group', details: 'group', tbody: 'rowgroup',
    thead: 'rowgroup', tfoot: 'rowgroup', output: 'status', search: 'search',
  };
  const INPUT = {
    button: 'button', submit: 'button', reset: 'button', image: 'button', checkbox: 'checkbox', radio: 'radio',
    search: 'searchbox', number: 'spinbutton', range: 'slider', hidden: '', file: '', color: '',
  };
  function role(el) {
    const r = (el.getAttribute('role') || '').trim().split(/\s+/)[0];
    if (r) return r.toLowerCase();
    const t = el.localName;
    if (t === 'input') return INPUT[(el.getAttribute('type') || 'text').toLowerCase()] ?? 'textbox';
    if (t === 'a' || t === 'area') return el.hasAttribute('href') ? 'link' : '';
    if (t === 'img' && el.getAttribute('alt') === '') return 'presentation';
    if (t === 'select' && (el.multiple || el.size > 1)) return 'listbox';
    return ROLE[t] || '';
  }
  const field = (el) => /^(input|textarea|select)$/.test(el.localName);
  // Visible text, never typed text: fields and editable regions say nothing.
  function text(el) {
    if (field(el) || el.isContentEditable || el.querySelector?.('[contenteditable]:not([contenteditable=false])'))
      return '';
    return clip(el.innerText ?? el.textContent);
  }
  // Without `t` (the element's text()), from attributes and labels only.
  function name(el, t) {
    const root = el.getRootNode();
    const ids = el.getAttribute('aria-labelledby');
    let s = ids ? norm(ids.split(/\s+/).map((id) => root.getElementById?.(id)?.textContent || '').join(' ')) : '';
    s ||= norm(el.getAttribute('aria-label')) || norm(el.getAttribute('alt'));
    if (!s && el.labels?.length) s = norm([...el.labels].map((l) => l.innerText).join(' '));
    s ||= norm(el.getAttribute('title'));
    if (!s && field(el)) s = norm(el.getAttribute('placeholder'));
    return t == null ? s : clip(s || t);
  }
  const ATTRS = ['aria-label', 'title', 'href', 'type', 'name', 'data-automation-id', 'data-testid',
    'aria-expanded', 'aria-selected', 'aria-current', 'class'];
  function attrs(el) {
    const o = {};
    for (const a of ATTRS) {
      const v = el.getAttribute(a);
      if (v != null) o[a] = a === 'class' ? v.slice(0, 200) : v.slice(0, 1000);
    }
    return o;
  }
  function visible(el, r) {
    if (!r.width || !r.height) return false;
    return el.checkVisibility ? el.checkVisibility({ visibilityProperty: true }) : true;
  }
  function facts(el, index) {
    const r = el.getBoundingClientRect();
    const t = text(el);
    return {
      tag: el.localName, role: role(el), name: name(el, t), text: t, attrs: attrs(el),
      visible: visible(el, r), rect: [r.x, r.y, r.width, r.height].map(Math.round), index,
    };
  }
  // `m`: one evaluation's selector runs, shared by queries that repeat one.
  function matches(q, m) {
    try {
      const k = q.within + ' ' + q.selector;
      let els = m?.get(k);
      if (!els) {
        const scope = q.within ? D.querySelector(q.within) : D;
        els = scope ? [...scope.querySelectorAll(q.selector)].filter((e) => e !== host) : [];
        m?.set(k, els);
      }
      const words = (q.text_any || []).map((w) => norm(w).toLowerCase()).filter(Boolean);
      if (words.length) {
        els = els.filter((e) => {
          const t = (name(e) + ' ' + (field(e) ? '' : norm(e.textContent).slice(0, 2000))).toLowerCase();
          return words.some((w) => t.includes(w));
        });
      }
      return els;
    } catch {
      return []; // invalid selector: no answer
    }
  }
  // Is `el` (the i-th match) equal to the fingerprint's non-empty fields?
  function same(el, fp) {
    if (fp.tag && el.localName !== fp.tag) return false;
    if (fp.role && role(el) !== fp.role) return false;
    for (const [k, v] of Object.entries(fp.attrs || {}))
      if (v && (el.getAttribute(k) || '').slice(0, k === 'class' ? 200 : 1000) !== v) return false;
    const t = text(el);
    if (fp.name && name(el, t) !== fp.name) return false;
    return !fp.text || t === fp.text;
  }
  function find(query, fp) {
    const q = queries.find((x) => x.id === query);
    if (!q || !fp) return null;
    let n = fp.nth || 0;
    for (const el of matches(q)) if (same(el, fp) && n-- === 0) return el;
    return null;
  }

  // watching: one observer; only batches that could change an answer are evaluated
  const valid = (s) => {
    try {
      return s && !D.createDocumentFragment().querySelector(s);
    } catch {} // matches() answers [] for it: nothing to watch
  };
  function evaluate() {
    if (!queries.length || !watchId) return void (near = '');
    lastEval = performance.now();
    const a = new Set();
    const ids = [];
    const m = new Map();
    const results = queries.map((q) => {
      const els = matches(q, m);
      for (const e of els) {
        for (let p = e; p && !a.has(p); p = p.parentNode) a.add(p);
        for (const id of (e.getAttribute('aria-labelledby') || '').split(/\s+/)) if (id) ids.push(',#' + CSS.escape(id));
      }
      return { id: q.id, count: els.length, items: els.slice(0, q.limit).map(facts) };
    });
    anc = a;
    near = sel && sel + ',label,style,link' + ids.join('');
    const s = JSON.stringify([watchId, location.href, results]);
    if (s === lastSent) return;
    lastSent = s;
    send({ kind: 'observed', watch: watchId, url: location.href, results });
  }
  const ours = (r) =>
    r.target === host || r.attributeName === TARGET ||
    (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every((n) => n === host));
  // Can this record change an answer? Its node is in a match, or holds one
  // now or did at the last evaluation. A ticker in an unrelated table cannot.
  function relevant(r) {
    if (!near || ours(r)) return false;
    const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
    try {
      if (el?.closest(near)) return true;
      if (r.type === 'attributes') return anc.has(el) || !!el.querySelector(near);
      for (const n of [...r.addedNodes, ...r.removedNodes])
        if (n.nodeType === 1 && n !== host && (anc.has(n) || n.matches(near) || n.querySelector(near))) return true;
    } catch {
      return true;
    }
    return false;
  }
  function onMutations(records) {
    if (dead || records.every(ours)) return;
    checkHref();
    // A highlighted element that was removed is found again right away.
    if (tgt && !tgt.isConnected) follow();
    schedule(); // layout may have moved what is highlighted
    if (pending || !records.some(relevant)) return;
    pending = 1;
    // Continuous relevant changes: one evaluation per 16 ms at most.
    const wait = lastEval + 16 - performance.now();
    if (wait > 0) setTimeout(flush, wait);
    else mc.port2.postMessage(0);
  }
  function flush() {
    pending = 0;
    if (dead) return;
    if (!alive()) return teardown();
    checkHref();
    evaluate();
    recheck();
  }
  function recheck() {
    if (overlay) {
      if (!host.isConnected) ensureRoot();
      if (overlay.target && !(tgt?.isConnected && same(tgt, overlay.target.fingerprint))) follow();
      refindMarks();
      schedule();
    }
  }
  mc.port1.onmessage = flush;
  function observe() {
    const need = queries.length || record || overlay;
    if (need && !mo) {
      mo = new MutationObserver(onMutations);
      mo.observe(D, { childList: true, subtree: true, attributes: true, characterData: true });
    } else if (!need && mo) {
      mo.disconnect();
      mo = null;
    }
  }

  // clicks
  const INTERACTIVE =
    'a[href],button,input,select,textarea,summary,label,[role=button],[role=link],[role=tab],[role=menuitem],' +
    '[role=option],[role=checkbox],[role=radio],[role=switch],[role=treeitem],[role=gridcell],[role=row],[tabindex]';
  function activated(e) {
    if (e.type === 'keydown') {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      // Native buttons and links turn Enter/Space into a click already.
      if (/^(a|button|input|summary|select|textarea)$/.test(e.target.localName)) return;
    }
    const t = e.target;
    if (!(t instanceof Element) || t === host) return;
    for (const q of queries) {
      if (!q.report_clicks) continue;
      let el = null;
      try {
        el = t.closest(q.selector);
      } catch {}
      if (!el) continue;
      const i = matches(q).indexOf(el);
      if (i >= 0) send({ kind: 'clicked', watch: watchId, url: location.href, query: q.id, element: facts(el, i) });
    }
    if (record) {
      const el = t.closest(INTERACTIVE) || t;
      send({ kind: 'clicked', watch: watchId, url: location.href, query: '', element: facts(el, 0) });
    }
    setTimeout(checkHref, 50);
  }

  // the overlay
  let overlay = null; // last painted overlay (non-empty)
  let host = null;
  let shadow, hl, callout, live, marksBox;
  let tgt = null;
  let tgtStatus = '';
  let shownStep = '';
  let raf = 0;
  let ro = null;
  let markEls = [];
  const STYLE = `:host{all:initial}
*{box-sizing:border-box}
.hl,.dnu,.badge,.co{position:fixed;z-index:2147483647;left:0;top:0}
.hl{pointer-events:none;border:2px solid var(--a);border-radius:6px;box-shadow:0 0 0 4px color-mix(in srgb,var(--a) 30%,transparent)}
.co{pointer-events:auto;width:min(320px,calc(100vw - 16px));background:var(--bg);color:var(--fg);border:1px solid var(--bd);border-left:4px solid var(--a);border-radius:8px;padding:10px 12px;font:14px/1.4 "Segoe UI",system-ui,sans-serif;box-shadow:0 8px 24px rgba(0,0,0,.22)}
.co.float{left:auto;top:auto;right:16px;bottom:16px;max-height:calc(100vh - 32px);overflow:auto;transform:none!important}
.pr{font-size:12px;color:var(--mu);display:flex;justify-content:space-between;gap:8px}
.t{font-weight:600;margin:2px 0 4px}
.x{margin:0}
.w{margin:6px 0 0;padding:6px 8px;border-radius:4px;background:#fde7e9;color:#8a0b12;font-weight:600}
.why{margin:6px 0 0;font-size:12px;color:var(--mu)}
.co.min .body{display:none}
button{all:unset;cursor:pointer;font-size:12px;color:var(--a);padding:0 4px;border-radius:3px}
button:focus-visible{outline:2px solid var(--a)}
.dnu{pointer-events:none;border:4px dashed #c50f1f;background:rgba(197,15,31,.12);border-radius:4px}
.dnu span{position:absolute;left:-4px;bottom:100%;min-width:min(100%,260px);max-width:max(100%,260px);background:#c50f1f;color:#fff;font:700 14px/1.3 "Segoe UI",system-ui,sans-serif;padding:6px 10px;border-radius:4px 4px 0 0}
.badge{pointer-events:none;font:600 12px/1.2 "Segoe UI",system-ui,sans-serif;padding:4px 8px;border-radius:10px;background:#605e5c;color:#fff;max-width:280px}
.badge[data-waymark-verdict=qualifies]{background:#107c10}
.badge[data-waymark-verdict=does-not-qualify]{background:#c50f1f}
.badge[data-waymark-verdict=eligible]{background:#8a5a00}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
[hidden]{display:none!important}`;
  const mk = (tag, cls, txt) => {
    const e = D.createElement(tag);
    if (cls) e.className = cls;
    if (txt) e.textContent = txt;
    return e;
  };
  function dark() {
    for (const e of [D.body, D.documentElement]) {
      const m = e && /(\d+)\D+(\d+)\D+(\d+)(?:\D+([\d.]+))?/.exec(getComputedStyle(e).backgroundColor);
      if (m && m[4] !== '0') return 0.2126 * m[1] + 0.7152 * m[2] + 0.0722 * m[3] < 100;
    }
    return W.matchMedia?.('(prefers-color-scheme: dark)').matches;
  }
  function ensureRoot() {
    if (!host) {
      host = mk('div');
      host.id = 'waymark-root';
      shadow = host.attachShadow({ mode: 'open' });
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
      try {
        shadow.adoptedStyleSheets = [sheet];
      } catch {
        shadow.adoptedStyleSheets.push(sheet);
      }
      hl = mk('div', 'hl');
      marksBox = mk('div');
      live = mk('div', 'sr');
      live.setAttribute('aria-live', 'polite');
      shadow.append(hl, marksBox, live);
      ro = new ResizeObserver(schedule);
      W.addEventListener('scroll', schedule, { capture: true, passive: true });
      W.addEventListener('resize', schedule, { passive: true });
    }
    const d = dark();
    for (const [k, l, dk] of [['--a', '#0f6cbd', '#479ef5'], ['--bg', '#fff', '#292929'], ['--fg', '#242424', '#fff'],
      ['--mu', '#616161', '#adadad'], ['--bd', '#d1d1d1', '#525252']])
      host.style.setProperty(k, d ? dk : l);
    if (!host.isConnected) {
      D.documentElement.append(host);
      try {
        host.popover = 'manual'; // the top layer: above the page's own z-index fights
        host.showPopover();
      } catch {}
    }
  }
  function clearOverlay() {
    overlay = null;
    setTarget(null);
    host?.remove();
    host = callout = null;
    ro?.disconnect();
    W.removeEventListener('scroll', schedule, { capture: true });
    W.removeEventListener('resize', schedule);
    markEls = [];
    shownStep = '';
  }
  function setTarget(el) {
    if (tgt && tgt !== el) {
      tgt.removeAttribute(TARGET);
      ro?.unobserve(tgt);
    }
    for (const o of D.querySelectorAll('[' + TARGET + ']')) if (o !== el) o.removeAttribute(TARGET);
    tgt = el;
    if (el) {
      el.setAttribute(TARGET, overlay.target.step);
      ro.observe(el);
    }
  }
  function status(s) {
    tgtStatus = s;
    send({ kind: 'paint-status', step: overlay.target.step, status: s });
  }
  // The target was replaced or removed: find it again without the engine.
  function follow() {
    const el = find(overlay.target.query, overlay.target.fingerprint);
    if (el === tgt) return;
    setTarget(el);
    if (el) status('followed');
    else if (tgtStatus !== 'lost') status('lost');
    renderCallout();
  }
  function paint(ov) {
    if (!ov || (!ov.target && !ov.callout && !ov.marks?.length)) {
      clearOverlay();
      observe();
      return;
    }
    const stepChanged = (ov.callout?.step || '') !== (overlay?.callout?.step || '');
    overlay = ov;
    ensureRoot();
    setTarget(ov.target ? find(ov.target.query, ov.target.fingerprint) : null);
    if (ov.target) status(tgt ? 'shown' : 'lost');
    if (tgt && shownStep !== ov.target.step) {
      shownStep = ov.target.step;
      const b = box(tgt);
      // Off screen or hidden inside a scroll container: bring it into view once per step.
      if (!b || b.y < 0 || b.y + b.h > innerHeight) tgt.scrollIntoView({ block: 'center', inline: 'nearest' });
    }
    renderCallout(stepChanged);
    markEls = (ov.marks || []).map((m) => ({ m, el: find(m.query, m.fingerprint) }));
    marksBox.replaceChildren(
      ...markEls.map(({ m }) => {
        const e = mk('div', m.kind === 'do-not-use' ? 'dnu' : 'badge');
        if (m.kind === 'do-not-use') e.append(mk('span', '', m.text));
        else {
          e.textContent = m.text;
          if (m.verdict) e.setAttribute('data-waymark-verdict', m.verdict);
        }
        e.setAttribute('role', 'note');
        return e;
      }),
    );
    observe();
    position();
  }
  function refindMarks() {
    for (const me of markEls) if (!me.el?.isConnected) me.el = find(me.m.query, me.m.fingerprint);
  }
  function renderCallout(announce) {
    const c = overlay.callout;
    if (!c) {
      callout?.remove();
      callout = null;
      return;
    }
    if (!callout) {
      callout = mk('div', 'co');
      callout.setAttribute('role', 'dialog');
      callout.setAttribute('aria-modal', 'false');
      shadow.append(callout);
      ro.observe(callout);
    }
    callout.setAttribute('data-waymark-step', c.step);
    callout.setAttribute('aria-label', 'Waymark: ' + c.title);
    const min = mk('button', '', callout.classList.contains('min') ? 'Show' : 'Hide');
    min.type = 'button';
    min.setAttribute('aria-expanded', String(!callout.classList.contains('min')));
    min.onclick = () => {
      callout.classList.toggle('min');
      renderCallout();
    };
    const pr = mk('div', 'pr');
    pr.append(mk('span', '', c.progress), min);
    const body = mk('div', 'body');
    body.append(mk('div', 't', c.title), mk('p', 'x', c.text));
    if (c.warning) body.append(mk('p', 'w', '⚠ ' + c.warning));
    const why = c.why || (overlay.target && !tgt ? 'Not found on this page right now.' : '');
    if (why) body.append(mk('p', 'why', why));
    callout.replaceChildren(pr, body);
    if (announce) live.textContent = [c.progress, c.title, c.text].filter(Boolean).join('. ');
    schedule();
  }
  function schedule() {
    if (!raf && host) raf = requestAnimationFrame(position);
  }
  // Visible part of an element: its box clipped by scrolling ancestors.
  function box(el) {
    let r = el.getBoundingClientRect();
    let [l, t, ri, b] = [r.left, r.top, r.right, r.bottom];
    for (let p = el.parentElement; p && p !== D.documentElement; p = p.parentElement) {
      if (getComputedStyle(p).overflow === 'visible') continue;
      const q = p.getBoundingClientRect();
      [l, t, ri, b] = [Math.max(l, q.left), Math.max(t, q.top), Math.min(ri, q.right), Math.min(b, q.bottom)];
    }
    return ri - l > 0 && b - t > 0 ? { x: l, y: t, w: ri - l, h: b - t } : null;
  }
  const at = (e, x, y) => e.style.setProperty('transform', `translate(${Math.round(x)}px,${Math.round(y)}px)`);
  function fit(e, b, p = 0) {
    at(e, b.x - p, b.y - p);
    e.style.setProperty('width', b.w + 2 * p + 'px');
    e.style.setProperty('height', b.h + 2 * p + 'px');
  }
  function position() {
    raf = 0;
    if (!host) return;
    const vw = D.documentElement.clientWidth || innerWidth;
    const vh = innerHeight;
    const b = tgt && tgt.isConnected ? box(tgt) : null;
    hl.hidden = !b;
    if (b) fit(hl, b, 4);
    if (callout) {
      callout.classList.toggle('float', !b);
      if (b) place(callout, b, vw, vh);
    }
    markEls.forEach(({ m, el }, i) => {
      const e = marksBox.children[i];
      const r = el?.isConnected ? box(el) : null;
      e.hidden = !r;
      if (!r) return;
      if (m.kind === 'do-not-use') fit(e, r);
      else place(e, r, vw, vh, 'side');
    });
  }
  // Put `e` below target box `t`, else above, else beside; clamped to the viewport.
  function place(e, t, vw, vh, pref, g = 10) {
    const c = { w: e.offsetWidth, h: e.offsetHeight };
    let x = t.x + t.w / 2 - c.w / 2;
    let y;
    if (pref !== 'side' && t.y + t.h + g + c.h <= vh) y = t.y + t.h + g;
    else if (pref !== 'side' && t.y - g - c.h >= 0) y = t.y - g - c.h;
    else {
      y = t.y + t.h / 2 - c.h / 2;
      x = t.x + t.w + g + c.w <= vw ? t.x + t.w + g : t.x - g - c.w;
    }
    at(e, Math.max(8, Math.min(x, vw - c.w - 8)), Math.max(8, Math.min(y, vh - c.h - 8)));
  }

  // wiring
  function onMessage(m, sender) {
    if (dead || sender?.id !== api.runtime.id || m?.waymark !== 1) return;
    if (m.kind === 'watch') {
      watchId = m.id;
      queries = Array.isArray(m.queries) ? m.queries : [];
      record = !!m.record;
      sel = [...new Set(queries.flatMap((q) => [q.selector, q.within]).filter(valid))].join(',');
      lastSent = '';
      observe();
      evaluate();
      recheck();
    } else if (m.kind === 'paint') paint(m.overlay);
  }
  const onShow = (e) => e.persisted && hello();
  function teardown() {
    if (dead) return;
    dead = true;
    mo?.disconnect();
    clearOverlay();
    D.removeEventListener('click', activated, true);
    D.removeEventListener('keydown', activated, true);
    W.removeEventListener('hashchange', checkHref);
    W.removeEventListener('popstate', checkHref);
    W.removeEventListener('pageshow', onShow);
    W.navigation?.removeEventListener?.('navigatesuccess', checkHref);
    try {
      api.runtime.onMessage.removeListener(onMessage);
    } catch {}
  }
  // Leftovers of a previous instance (the extension was updated) go away.
  D.getElementById('waymark-root')?.remove();
  for (const o of D.querySelectorAll('[' + TARGET + ']')) o.removeAttribute(TARGET);
  api.runtime.onMessage.addListener(onMessage);
  D.addEventListener('click', activated, true);
  D.addEventListener('keydown', activated, true);
  W.addEventListener('hashchange', checkHref);
  W.addEventListener('popstate', checkHref);
  W.addEventListener('pageshow', onShow);
  W.navigation?.addEventListener?.('navigatesuccess', checkHref);
  hello();
})();

// @ts-check
// Describing an element the way the engine asks: tag, role, accessible name,
// visible text, a fixed list of attributes, visibility and box. No guide
// knowledge, and never a form value: fields and editable regions have no
// text here, only their labels.

/**
 * What the engine is told about one element (`ElementFacts` in
 * crate/core/src/protocol.rs). No value field, on purpose.
 * @typedef {{tag: string, role: string, name: string, text: string,
 *   attrs: Record<string, string>, visible: boolean, rect: number[], index: number}} Facts
 */

/**
 * A description to find an element again (`Fingerprint`): every non-empty
 * field must match; `nth` picks among equal matches.
 * @typedef {{tag?: string, role?: string, name?: string, text?: string,
 *   attrs?: Record<string, string>, nth?: number}} Fingerprint
 */

/** White space runs as one space, trimmed. */
export const normalize = (/** @type {string | null | undefined} */ s) => (s || '').replace(/\s+/g, ' ').trim();

/** Normalised and cut: the engine never needs more than `max` characters. */
export const clip = (/** @type {string | null | undefined} */ s, max = 200) => normalize(s).slice(0, max);

/**
 * `clip(el.textContent, max)` without reading the whole subtree: text nodes
 * are joined in document order (as textContent joins them) only until the
 * normalised text is `max` long, so a 50,000-node blade costs what its first
 * `max` characters cost.
 * @param {Node} el
 * @param {number} max
 */
export function textStart(el, max) {
  let text = '';
  let checkAt = max;
  const pending = [el];
  while (pending.length) {
    const node = /** @type {Node} */ (pending.pop());
    if (node.nodeType === 3) {
      text += node.nodeValue;
      // Normalising shrinks white space: re-check the length only when the
      // raw text has doubled, so a page of blank text nodes stays linear.
      if (text.length >= checkAt) {
        if (normalize(text).length >= max) break;
        checkAt = text.length * 2;
      }
    } else for (let i = node.childNodes.length; i--; ) pending.push(node.childNodes[i]);
  }
  return clip(text, max);
}

/**
 * The element's explicit role: the first token of its `role` attribute,
 * lower-case, else ''. Implicit roles (a button's, a link's) are the
 * engine's to work out from the tag and the reported attributes
 * (crate/core/src/aria.rs): their tables stay out of every page.
 * @param {Element} el
 * @returns {string}
 */
export const roleOf = (el) => (el.getAttribute('role') || '').trim().split(/\s+/)[0].toLowerCase();

/** A form field: its typed value must never be read. */
export const isField = (/** @type {Element} */ el) => /^(input|textarea|select)$/.test(el.localName);

/**
 * Visible text, never typed text: fields and editable regions say nothing.
 * @param {Element} el
 */
export function visibleText(el) {
  const html = /** @type {HTMLElement} */ (el);
  if (isField(el) || html.isContentEditable || el.querySelector?.('[contenteditable]:not([contenteditable=false])'))
    return '';
  return clip(html.innerText ?? el.textContent);
}

/**
 * The accessible name, from aria-labelledby, aria-label, alt, labels, title
 * and (for fields) placeholder. With `text` (the element's visibleText) it
 * falls back to that text and is cut like it; without, only attributes and
 * labels count (used to match `text_any` words).
 * @param {Element} el
 * @param {string} [text]
 */
export function accessibleName(el, text) {
  const root = /** @type {Document | ShadowRoot} */ (el.getRootNode());
  const ids = el.getAttribute('aria-labelledby');
  let name = ids
    ? normalize(
        ids
          .split(/\s+/)
          .map((id) => root.getElementById?.(id)?.textContent || '')
          .join(' '),
      )
    : '';
  name ||= normalize(el.getAttribute('aria-label')) || normalize(el.getAttribute('alt'));
  const labels = /** @type {HTMLInputElement} */ (el).labels;
  if (!name && labels?.length) name = normalize([...labels].map((l) => l.innerText).join(' '));
  name ||= normalize(el.getAttribute('title'));
  if (!name && isField(el)) name = normalize(el.getAttribute('placeholder'));
  return text == null ? name : clip(name || text);
}

/** The only attributes ever reported (never `value`). */
export const REPORTED_ATTRIBUTES = [
  'aria-label',
  'title',
  'href',
  'type',
  'name',
  'data-automation-id',
  'data-testid',
  'aria-expanded',
  'aria-selected',
  'aria-current',
  'class',
];

/** How much of an attribute is reported: class lists are long and noisy. */
export const attributeLimit = (/** @type {string} */ name) => (name === 'class' ? 200 : 1000);

/**
 * @param {Element} el
 * @returns {Record<string, string>}
 */
export function attributesOf(el) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const attribute of REPORTED_ATTRIBUTES) {
    const value = el.getAttribute(attribute);
    if (value != null) out[attribute] = value.slice(0, attributeLimit(attribute));
  }
  return out;
}

/**
 * Rendered: a non-empty box, and not hidden by display or visibility where
 * the browser can tell.
 * @param {Element} el
 * @param {DOMRect} rect
 */
function isVisible(el, rect) {
  return !!rect.width && !!rect.height && isShown(el);
}

/**
 * Not hidden by CSS (display, visibility, content-visibility): style only,
 * no layout (Chrome 105, Firefox 106).
 * @param {Element} el
 */
export const isShown = (el) => el.checkVisibility({ visibilityProperty: true });

/**
 * @param {Element} el
 * @param {number} index the element's position among its query's matches
 * @returns {Facts}
 */
export function describe(el, index) {
  const rect = el.getBoundingClientRect();
  const text = visibleText(el);
  return {
    tag: el.localName,
    role: roleOf(el),
    name: accessibleName(el, text),
    text,
    attrs: attributesOf(el),
    visible: isVisible(el, rect),
    rect: [rect.x, rect.y, rect.width, rect.height].map(Math.round),
    index,
  };
}

/**
 * Does `el` match every non-empty field of the fingerprint (`nth` aside)?
 * @param {Element} el
 * @param {Fingerprint} fingerprint
 */
export function matchesFingerprint(el, fingerprint) {
  if (fingerprint.tag && el.localName !== fingerprint.tag) return false;
  if (fingerprint.role && roleOf(el) !== fingerprint.role) return false;
  for (const [attribute, value] of Object.entries(fingerprint.attrs || {}))
    if (value && (el.getAttribute(attribute) || '').slice(0, attributeLimit(attribute)) !== value) return false;
  const text = visibleText(el);
  if (fingerprint.name && accessibleName(el, text) !== fingerprint.name) return false;
  return !fingerprint.text || text === fingerprint.text;
}

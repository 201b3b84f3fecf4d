// The smallest stand-in for DOM elements that the content script's pure
// parts read: attributes, tag, text, children and a root to look ids up in.
// Selectors are limited to what the tests use: `tag`, `.class`, `#id`, and
// comma-separated lists of them.

/** @param {string} list @param {FakeElement} el */
function matchesSelector(list, el) {
  return list.split(',').some((sel) => {
    sel = sel.trim();
    if (sel.startsWith('#')) return el.getAttribute('id') === sel.slice(1);
    if (sel.startsWith('.')) return (el.getAttribute('class') || '').split(/\s+/).includes(sel.slice(1));
    return el.localName === sel;
  });
}

export class FakeElement {
  /**
   * @param {string} tag
   * @param {Record<string, string>} [attrs]
   * @param {Array<FakeElement | string>} [children]
   */
  constructor(tag, attrs = {}, children = []) {
    this.nodeType = 1;
    this.localName = tag;
    this.attrs = { ...attrs };
    this.children = [];
    this.parentElement = null;
    this.parentNode = null;
    this.isContentEditable = 'contenteditable' in attrs;
    this.labels = undefined;
    for (const c of children) this.append(c);
  }
  append(child) {
    if (typeof child === 'string') child = new FakeText(child);
    child.parentNode = this;
    child.parentElement = this;
    this.children.push(child);
    return child;
  }
  getAttribute(name) {
    return name in this.attrs ? this.attrs[name] : null;
  }
  hasAttribute(name) {
    return name in this.attrs;
  }
  get textContent() {
    return this.children.map((c) => c.textContent).join('');
  }
  get childNodes() {
    return this.children;
  }
  get innerText() {
    return this.textContent;
  }
  /** @returns {FakeElement[]} */
  descendants() {
    return this.children.filter((c) => c.nodeType === 1).flatMap((c) => [c, ...c.descendants()]);
  }
  matches(sel) {
    return matchesSelector(sel, this);
  }
  querySelector(sel) {
    if (sel.includes('[contenteditable]')) return this.descendants().find((d) => d.isContentEditable) ?? null;
    return this.descendants().find((d) => d.matches(sel)) ?? null;
  }
  closest(sel) {
    for (let e = this; e; e = e.parentElement) if (e.matches(sel)) return e;
    return null;
  }
  getRootNode() {
    let e = this;
    while (e.parentNode) e = e.parentNode;
    return {
      getElementById: (id) =>
        e.getAttribute?.('id') === id ? e : e.descendants().find((d) => d.getAttribute('id') === id),
    };
  }
}

export class FakeText {
  constructor(text) {
    this.nodeType = 3;
    this.text = text;
    this.parentNode = null;
    this.parentElement = null;
  }
  get textContent() {
    return this.text;
  }
  get nodeValue() {
    return this.text;
  }
}

/** `h('button', {id: 'x'}, 'Save')` */
export const h = (tag, attrs, ...children) => new FakeElement(tag, attrs, children);

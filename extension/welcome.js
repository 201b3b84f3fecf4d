// The page the browser opens once, on install (background.js): what Waymark
// does, how to open its panel, what it never does. Every string comes from
// _locales through i18n.getMessage, set as text (never as HTML).
const api = globalThis.browser ?? globalThis.chrome;

for (const node of document.querySelectorAll('[data-i18n]')) {
  const text = api.i18n.getMessage(node.getAttribute('data-i18n') ?? '');
  if (text) node.textContent = text;
}
document.documentElement.lang = api.i18n.getUILanguage?.() || 'en';

// How to open the panel names the keys the browser actually gave Waymark:
// it refuses a suggested key that is one of its own shortcuts (Chromium
// never gave Alt+Shift+W), and the user may have changed them since.
const COMMANDS_OPEN = ['_execute_action', '_execute_sidebar_action'];
const openHow = /** @type {HTMLElement} */ (document.getElementById('open-how'));
api.commands.getAll().then((/** @type {{name?: string, shortcut?: string}[]} */ commands) => {
  const keyOf = (/** @type {(name: string) => boolean} */ isIt) =>
    commands.find((c) => isIt(c.name ?? ''))?.shortcut || api.i18n.getMessage('welcomeKeyUnset');
  openHow.textContent = api.i18n.getMessage('welcomeOpen', [
    keyOf((name) => COMMANDS_OPEN.includes(name)),
    keyOf((name) => name === 'focus-callout'),
  ]);
});

const result = /** @type {HTMLElement} */ (document.getElementById('open-result'));

// Opening a side panel or sidebar needs a user action, and must be called
// within it (not after an await): the window id is read beforehand. Where
// neither exists or opening fails, the panel opens in this tab.
/** @type {number | undefined} */
let windowId;
api.windows?.getCurrent().then((w) => {
  windowId = w.id;
});
const opened = () => {
  result.textContent = api.i18n.getMessage('welcomeOpened');
};
const inTab = () => location.assign(api.runtime.getURL('panel.html?in=tab&why=no-side-panel'));

document.getElementById('open-panel')?.addEventListener('click', () => {
  if (api.sidePanel?.open && windowId !== undefined) {
    api.sidePanel.open({ windowId }).then(opened, inTab);
  } else if (api.sidebarAction?.open) {
    api.sidebarAction.open().then(opened, inTab);
  } else {
    inTab();
  }
});

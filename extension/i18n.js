// @ts-check
// Waymark's own message lookup. chrome.i18n.getMessage answers only in the
// browser's UI language; Waymark speaks the language of the portal page the
// admin is guided on (its `lang`, reported by the content script), so it
// reads the bundled catalogue itself: `_locales/<locale>/messages.json`,
// a packaged file (no network), in the same format and with the same
// placeholder rules as chrome.i18n. Imported by background.js (the callout's
// strings, sent with each paint), panel.js and welcome.js.
//
// Messages from the engine are `{id, args}` (protocol.rs `Text`): an id of
// the catalogue and its arguments, each a string, a number or another
// `{id, args}`, or an array (a list, worded with Intl.ListFormat); the
// message `minutesAgo` (whole minutes) is worded with
// Intl.RelativeTimeFormat, `anyOf` (alternatives: "A or B") with
// Intl.ListFormat's disjunction. Numbers are formatted with Intl.NumberFormat; a message with
// plural forms has one entry per plural category (`<id>_one`, `<id>_other`,
// chosen by Intl.PluralRules on its first numeric argument).

const api = /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;

/** @typedef {{message: string, placeholders?: Record<string, {content: string}>}} Entry */
/** @typedef {Record<string, Entry>} Catalogue */
/** @typedef {string | number | Array<any> | {id: string, args?: Array<any>}} Arg */

/**
 * The locale folders under _locales (tests/unit/locales.test.mjs checks the
 * list against them): only these are read, so no lookup ever misses.
 */
export const LOCALES = ['de', 'en'];

/** @type {Map<string, Promise<Catalogue | null>>} */
const loaded = new Map();

/**
 * The bundled catalogue of one locale folder ("de", one of LOCALES), or null
 * if it cannot be read.
 * @param {string} folder
 * @returns {Promise<Catalogue | null>}
 */
function catalogue(folder) {
  let p = loaded.get(folder);
  if (!p) {
    p = fetch(api.runtime.getURL(`_locales/${folder}/messages.json`))
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null);
    loaded.set(folder, p);
  }
  return p;
}

/**
 * The locale folders to try for a BCP 47 tag, most specific first:
 * "de-AT" -> ["de_AT", "de"].
 * @param {string | undefined | null} tag
 */
export function folders(tag) {
  const parts = String(tag ?? '')
    .trim()
    .split(/[-_]/)
    .filter((x) => /^[A-Za-z0-9]{1,8}$/.test(x));
  if (!parts.length || !/^[A-Za-z]{2,3}$/.test(parts[0])) return [];
  const lang = parts[0].toLowerCase();
  const region = parts.find((x, i) => i > 0 && /^([A-Za-z]{2}|\d{3})$/.test(x));
  return region ? [`${lang}_${region.toUpperCase()}`, lang] : [lang];
}

/** The browser's UI language ("en-US"). */
export const uiLanguage = () => api.i18n?.getUILanguage?.() || 'en';

/**
 * A translator for the first of `tags` Waymark has a catalogue for (a page's
 * `lang` first, then the browser's language), English last. Its `lang` is
 * the BCP 47 tag of the catalogue chosen ("de", "en").
 * @param {...(string | undefined | null)} tags
 */
export async function translator(...tags) {
  const tried = [...new Set([...tags, uiLanguage(), 'en'].flatMap(folders))].filter((f) => LOCALES.includes(f));
  for (const folder of tried) {
    const messages = await catalogue(folder);
    if (messages) return makeTranslator(folder.replace('_', '-'), messages);
  }
  return makeTranslator('en', {});
}

/** Right-to-left scripts, by language subtag. */
const RTL = new Set(['ar', 'dv', 'fa', 'he', 'iw', 'ku', 'ps', 'sd', 'ug', 'ur', 'yi']);

/** "rtl" for a right-to-left language tag, else "ltr". */
export const direction = (/** @type {string} */ tag) =>
  RTL.has(String(tag).split(/[-_]/)[0].toLowerCase()) ? 'rtl' : 'ltr';

/**
 * @param {string} lang
 * @param {Catalogue} messages
 */
export function makeTranslator(lang, messages) {
  const numbers = new Intl.NumberFormat(lang);
  const plurals = new Intl.PluralRules(lang);
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  /** @type {(arg: Arg) => string} */
  const arg = (a) =>
    typeof a === 'number'
      ? numbers.format(a)
      : typeof a === 'string'
        ? a
        : Array.isArray(a)
          ? list(a.map(arg))
          : a && typeof a === 'object'
            ? a.id === 'minutesAgo'
              ? minutesAgo(Number(a.args?.[0]) || 0)
              : a.id === 'anyOf'
                ? new Intl.ListFormat(lang, { type: 'disjunction' }).format((a.args ?? []).map(arg))
                : t(a.id, ...(a.args ?? []))
            : '';
  /**
   * The message `id` with `args`; the id itself (visible, so a missing
   * string is noticed) if the catalogue lacks it.
   * @param {string} id
   * @param {...Arg} args
   */
  function t(id, ...args) {
    const n = args.find((a) => typeof a === 'number');
    const entry =
      (typeof n === 'number' && (messages[`${id}_${plurals.select(n)}`] ?? messages[`${id}_other`])) || messages[id];
    if (!entry || typeof entry.message !== 'string') return id;
    const values = args.map(arg);
    const named = entry.placeholders ?? {};
    const withNames = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name) => {
      const key = Object.keys(named).find((k) => k.toLowerCase() === name.toLowerCase());
      return key ? String(named[key].content) : whole;
    });
    return withNames.replace(/\$(\$|[1-9])/g, (_, d) => (d === '$' ? '$' : (values[Number(d) - 1] ?? '')));
  }
  /** A message from the engine: `{id, args}` (or a plain string, kept). */
  const text = (/** @type {Arg | null | undefined} */ m) => (m == null ? '' : arg(m));
  /** "just now", "3 minutes ago", "2 hours ago" for whole minutes. */
  function minutesAgo(/** @type {number} */ m) {
    if (m < 1) return t('timeJustNow');
    if (m < 60) return relative.format(-m, 'minute');
    return relative.format(-Math.floor(m / 60), 'hour');
  }
  /** "3 minutes ago", "just now" for a time in ms since the epoch. */
  function ago(/** @type {number} */ ms) {
    if (!ms) return '';
    return minutesAgo(Math.floor(Math.max(0, Date.now() - ms) / 60000));
  }
  /** "a, b and c" in this language. */
  const list = (/** @type {string[]} */ items) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(items);
  return { lang, dir: direction(lang), t, text, ago, list, number: (/** @type {number} */ x) => numbers.format(x) };
}

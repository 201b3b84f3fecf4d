// @ts-check
// The organisation's policy (issue 10 item 6): what an administrator set
// through Intune, Group Policy or the browsers' ExtensionSettings /
// "3rdparty" policies, read from storage.managed (schema:
// managed_schema.json). background.js enforces it on every panel message;
// panel.js reads it to show only what is allowed. Anything malformed is
// dropped field by field with a warning: a bad policy never breaks Waymark,
// and never turns on what it does not say.

/**
 * @typedef {{text: string, url: string}} SupportContact
 * @typedef {{title: string, code: string}} OrganisationGuide
 * @typedef {{
 *   recording: boolean,
 *   sharing: boolean,
 *   screenshots: boolean,
 *   guides: string[] | null,
 *   supportContact: SupportContact | null,
 *   organisationGuides: OrganisationGuide[],
 * }} Policy
 */

/** @type {Policy} */
export const NO_POLICY = Object.freeze({
  recording: true,
  sharing: true,
  screenshots: true,
  guides: null,
  supportContact: null,
  organisationGuides: [],
});

const MAX_TEXT = 280;
const MAX_CODE = 64 * 1024;
const MAX_ORGANISATION_GUIDES = 50;

/**
 * Sanitise raw managed storage into a Policy.
 * @param {unknown} raw
 * @returns {Policy}
 */
export function parsePolicy(raw) {
  /** @type {Policy} */
  const p = { ...NO_POLICY, organisationGuides: [] };
  if (!raw || typeof raw !== 'object') return p;
  const r = /** @type {Record<string, unknown>} */ (raw);
  const warn = (/** @type {string} */ field) =>
    console.warn(`Waymark: the organisation policy's "${field}" is malformed and was ignored`);
  for (const key of /** @type {const} */ (['recording', 'sharing', 'screenshots'])) {
    if (r[key] === undefined) continue;
    if (typeof r[key] === 'boolean') p[key] = r[key];
    else warn(key);
  }
  // null is "not set": the form the worker caches (storage.local) and
  // reads back on every start, which must not be reported as malformed.
  if (r.guides != null) {
    if (Array.isArray(r.guides) && r.guides.every((g) => typeof g === 'string')) p.guides = r.guides;
    else warn('guides');
  }
  if (r.supportContact != null) {
    const c = /** @type {Record<string, unknown>} */ (r.supportContact ?? {});
    const url = typeof c.url === 'string' ? safeContactUrl(c.url) : '';
    const text = typeof c.text === 'string' ? c.text.trim().slice(0, MAX_TEXT) : '';
    if (text || url) p.supportContact = { text, url };
    else warn('supportContact');
  }
  if (r.organisationGuides !== undefined) {
    const list = Array.isArray(r.organisationGuides) ? r.organisationGuides : [];
    for (const item of list.slice(0, MAX_ORGANISATION_GUIDES)) {
      const g = /** @type {Record<string, unknown>} */ (item ?? {});
      if (
        typeof g.title === 'string' &&
        g.title.trim() &&
        typeof g.code === 'string' &&
        g.code.trim() &&
        g.code.length <= MAX_CODE
      ) {
        p.organisationGuides.push({ title: g.title.trim().slice(0, MAX_TEXT), code: g.code.trim() });
      } else warn('organisationGuides');
    }
    if (!Array.isArray(r.organisationGuides)) warn('organisationGuides');
  }
  return p;
}

/**
 * A support link may be https: or mailto: only; anything else is dropped.
 * @param {string} url
 */
export function safeContactUrl(url) {
  try {
    const u = new URL(url.trim());
    return (u.protocol === 'https:' && !u.username && !u.password) || u.protocol === 'mailto:' ? u.href : '';
  } catch {
    return '';
  }
}

/**
 * A panel message under the policy: `refused` is the id of the message
 * (_locales) saying why it may not run ('' when
 * it may), `msg` is what may be sent on (an export without screenshots when
 * screenshots are off). Kinds are passed in: this module imports nothing.
 * @param {Policy} policy
 * @param {any} msg as the panel sent it (the engine checks its shape)
 * @param {{START: string, SHARE: string, EXPORT: string, RECORD_START: string}} kinds
 * @returns {{refused: string, msg: any}}
 */
export function applyPolicy(policy, msg, kinds) {
  if (!msg || typeof msg !== 'object') return { refused: '', msg };
  const refused = (/** @type {string} */ why) => ({ refused: why, msg });
  if (msg.kind === kinds.RECORD_START && !policy.recording) return refused('policyRefusedRecording');
  if ((msg.kind === kinds.SHARE || msg.kind === kinds.EXPORT) && !policy.sharing)
    return refused('policyRefusedSharing');
  if (msg.kind === kinds.START && policy.guides && !policy.guides.includes(String(msg.guide)))
    return refused('policyRefusedGuide');
  if (msg.kind === kinds.EXPORT && !policy.screenshots && msg.screenshots !== undefined) {
    const { screenshots: _dropped, ...rest } = msg;
    return { refused: '', msg: rest };
  }
  return { refused: '', msg };
}

/** Where the worker keeps the last policy it read (storage.local). */
export const POLICY_CACHE_KEY = 'waymark.policy';

/**
 * The policy last read, or null before the first read ever. Chromium can
 * take seconds to answer the first storage.managed read after the browser
 * starts; the last known policy answers meanwhile (a change arrives through
 * storage.onChanged).
 * @param {any} api
 * @returns {Promise<Policy | null>}
 */
export async function cachedPolicy(api) {
  try {
    const got = await api.storage.local.get(POLICY_CACHE_KEY);
    return got?.[POLICY_CACHE_KEY] ? parsePolicy(got[POLICY_CACHE_KEY]) : null;
  } catch {
    return null;
  }
}

/**
 * Read the policy now. Browsers without one (or without managed storage,
 * e.g. Firefox with no "3rdparty" policy) reject: that is no policy.
 * @param {any} api the extension API namespace (browser or chrome)
 * @returns {Promise<Policy>}
 */
export async function readPolicy(api) {
  try {
    return parsePolicy(await api.storage?.managed?.get());
  } catch {
    return NO_POLICY;
  }
}

// The message catalogues (extension/_locales/<locale>/messages.json) and
// Waymark's own lookup (extension/i18n.js): every locale says every message
// English has, with the same placeholders; every id the panel, background
// and welcome page use exists; placeholders, plurals and numbers resolve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { direction, folders, LOCALES, makeTranslator } from '../../extension/i18n.js';

const ext = fileURLToPath(new URL('../../extension/', import.meta.url));
const read = (locale) => JSON.parse(readFileSync(join(ext, '_locales', locale, 'messages.json'), 'utf8'));
const en = read('en');
const locales = readdirSync(join(ext, '_locales'));

/** The $NAME$ references of a message, lower-cased, sorted. */
const refs = (m) => [...m.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((x) => x[1].toLowerCase()).sort();

test('English and German are both there, and i18n.js knows every locale folder', () => {
  assert.ok(locales.includes('en') && locales.includes('de'), locales.join(', '));
  assert.deepEqual([...LOCALES].sort(), [...locales].sort());
});

for (const locale of locales) {
  test(`${locale}: every English message, no other, same placeholders`, () => {
    const m = read(locale);
    assert.deepEqual(Object.keys(m).sort(), Object.keys(en).sort());
    for (const [id, entry] of Object.entries(m)) {
      assert.equal(typeof entry.message, 'string', id);
      assert.ok(entry.message.trim(), `${locale} ${id} is empty`);
      assert.deepEqual(refs(entry.message), refs(en[id].message), `${locale} ${id}: placeholders`);
      const declared = Object.keys(entry.placeholders ?? {}).sort();
      assert.deepEqual(
        declared,
        refs(entry.message).filter((x, i, a) => a.indexOf(x) === i),
        `${locale} ${id}`,
      );
    }
  });
}

test('every message id the extension pages use is in the catalogue', () => {
  const used = new Set();
  for (const file of ['panel.js', 'background.js', 'welcome.js', 'policy.js']) {
    const src = readFileSync(join(ext, file), 'utf8');
    for (const m of src.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) used.add(m[1]);
    for (const m of src.matchAll(/\bid: '([A-Za-z0-9_]+)'/g)) used.add(m[1]);
    for (const m of src.matchAll(/refused\('([A-Za-z0-9_]+)'\)/g)) used.add(m[1]);
    for (const m of src.matchAll(/: '([a-z][A-Za-z]+)'[,\n ]/g)) if (/^(verdict|panelInTab)/.test(m[1])) used.add(m[1]);
  }
  for (const file of ['panel.html', 'welcome.html']) {
    const src = readFileSync(join(ext, file), 'utf8');
    for (const m of src.matchAll(/data-i18n(?:-label)?="([^"]+)"/g)) used.add(m[1]);
  }
  assert.ok(used.size > 100, `found ${used.size} ids`);
  const plural = (id) => en[id + '_one'] && en[id + '_other'];
  const missing = [...used].filter((id) => !en[id] && !plural(id));
  assert.deepEqual(missing, []);
});

test('placeholders, plurals, numbers and nested messages resolve', () => {
  const t = makeTranslator('en', en);
  assert.equal(t.t('readOnAgo', 'portal.azure.com', '3 minutes ago'), 'Read on portal.azure.com, 3 minutes ago');
  assert.equal(t.t('recordedSteps', 1), 'Recorded: 1 step');
  assert.equal(t.t('recordedSteps', 1200), 'Recorded: 1,200 steps');
  assert.equal(
    t.text({ id: 'notYourVerdictLabel', args: [{ id: 'someoneElse' }] }),
    'Not your verdict: roles of someone else',
  );
  assert.equal(t.text('plain text stays'), 'plain text stays');
  assert.equal(t.t('noSuchMessage'), 'noSuchMessage', 'a missing id shows itself');
  const de = makeTranslator('de', read('de'));
  assert.equal(de.t('recordedSteps', 2), 'Aufgezeichnet: 2 Schritte');
  assert.equal(de.t('recordedSteps', 1200), 'Aufgezeichnet: 1.200 Schritte');
  assert.equal(de.list(['a', 'b', 'c']), 'a, b und c');
  assert.match(de.ago(Date.now() - 3 * 60000), /^vor 3 Minuten$/);
  assert.equal(de.ago(Date.now() - 5000), 'gerade eben');
});

test("a recorded step and a malformed code speak the reader's language", () => {
  const de = makeTranslator('de', read('de'));
  const button = { id: 'elementNamed', args: [{ id: 'ariaRole_button' }, 'Löschen'] };
  assert.equal(de.text({ id: 'recordedStepClick', args: ['Löschen'] }), 'Klicken Sie auf „Löschen“');
  assert.equal(
    de.text({ id: 'waitingFor', args: [{ id: 'recordedWaitsClick', args: [button] }] }),
    'Warten auf: Klick auf Schaltfläche „Löschen“',
  );
  assert.equal(
    de.text({ id: 'recordedLookFor', args: [button, 'portal.azure.com'] }),
    'Suchen Sie auf portal.azure.com nach Schaltfläche „Löschen“.',
  );
  // The export's template, as panel.js asks for it ($1: the label).
  assert.equal(de.t('recordedStepClick', '$1'), 'Klicken Sie auf „$1“');
  assert.equal(
    de.text({ id: 'shareErrMalformed', args: [{ id: 'malformedUnknownStepFlags' }] }),
    'Die Prüfsumme dieses Codes stimmt, aber sein Inhalt ist keine gültige Anleitung (unbekannte Schritt-Flags). Er wurde nicht von dieser Waymark-Version erstellt.',
  );
});

test('a page language picks the catalogue folders; right-to-left languages are told', () => {
  assert.deepEqual(folders('de-DE'), ['de_DE', 'de']);
  assert.deepEqual(folders('pt_br'), ['pt_BR', 'pt']);
  assert.deepEqual(folders('EN'), ['en']);
  assert.deepEqual(folders(''), []);
  assert.deepEqual(folders('../x'), []);
  assert.deepEqual(folders('de/../../x'), []);
  assert.equal(direction('he'), 'rtl');
  assert.equal(direction('ar-EG'), 'rtl');
  assert.equal(direction('de'), 'ltr');
});

// The engine sends message ids (protocol.rs `Text`); each must be in the
// catalogue, or the panel would show the bare id. Ids built from a table
// (`redactCount<Kind>`, `field_<name>`, `ariaRole_<role>`) are checked by the
// engine's own tests, which read every message through the English catalogue.
test('every message id the engine sends is in the catalogue', () => {
  const root = fileURLToPath(new URL('../../crate/core/src/', import.meta.url));
  const used = new Set();
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.rs') && !/tests?\.rs$/.test(e.name)) {
        // The file's own tests (`mod tests`) may use ids of their own.
        const src = readFileSync(p, 'utf8').split(/#\[cfg\(test\)\]\s*mod tests/)[0];
        for (const m of src.matchAll(/\bmsg\(\s*"([A-Za-z0-9_]+)"/g)) used.add(m[1]);
        for (const m of src.matchAll(/\n\s*"([a-z][A-Za-z0-9]+)"\s*(?:=>|,\n)/g))
          if (
            en[m[1]] ||
            /^(reason|next|line|rbac|place|help|why|err|share|record|redact|evidence|assignment|pageSeen)[A-Z]/.test(
              m[1],
            )
          )
            used.add(m[1]);
      }
    }
  };
  walk(root);
  assert.ok(used.size > 150, `found ${used.size} ids`);
  const plural = (id) => en[id + '_one'] && en[id + '_other'];
  assert.deepEqual(
    [...used].filter((id) => !en[id] && !plural(id)),
    [],
  );
});

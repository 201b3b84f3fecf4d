// The shipped content.js is built from extension/content/ (tests/build/content.mjs).
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { bundleContent, checkImports } from '../build/content.mjs';

const extension = fileURLToPath(new URL('../../extension/', import.meta.url));

test('the bundle is reproducible: the same sources give the same bytes', async () => {
  const a = await bundleContent(extension);
  const b = await bundleContent(extension);
  assert.ok(a.length > 1000);
  assert.deepEqual(Buffer.from(a), Buffer.from(b));
  const text = Buffer.from(a).toString('utf8');
  assert.ok(text.startsWith('(()=>{'), 'one classic script (IIFE), not a module');
  assert.ok(!/\bimport\s*[{(]|\bexport\s/.test(text), 'no module syntax left');
  assert.ok(!text.includes(extension), 'no source paths in the output');
  assert.ok(!text.includes('innerHTML'), 'no innerHTML');
});

test('a message kind that protocol.js does not export fails the build', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'waymark-link-'));
  try {
    const bad = join(dir, 'bad.js');
    await writeFile(
      bad,
      `import { HELO } from ${JSON.stringify(join(extension, 'protocol.js'))};\nconsole.log(HELO);\n`,
    );
    await assert.rejects(checkImports([bad]), (e) => e.errors?.some((m) => /No matching export/.test(m.text)));
    await checkImports([join(extension, 'background.js'), join(extension, 'panel.js')]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// Bundles the content script's modules (extension/content/*.js) into the one
// classic script the manifest loads, and minifies the overlay's stylesheet
// into `overlay.css` beside it. Run by `cargo xtask dist`:
//   node tests/build/content.mjs <extension dir> <out file>
// Content scripts cannot be ES modules, hence one IIFE. The output is
// reproducible: esbuild and terser write no timestamps or paths into it, and
// the same sources give the same bytes (checked by unit/content-build.test.mjs).
// esbuild bundles and minifies; terser then compresses its output once more
// (about 2% fewer gzip bytes: it folds statements and conditionals that
// esbuild leaves as written), within the 6 KB gzip budget (issue 12).

import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';
import { minify } from 'terser';

/**
 * The oldest browsers Waymark supports: Chrome/Edge 116 (sidePanel.open,
 * used by background.js) and Firefox 142 (strict_min_version in the
 * manifest template).
 */
export const TARGET = ['chrome116', 'edge116', 'firefox142'];

/**
 * The overlay's stylesheet (extension/content/overlay.css), minified. It is
 * not in content.js: it ships as `overlay.css` beside it, and background.js
 * sends it with every `paint`, so that it reaches only pages where Waymark
 * paints (and the content script stays within its budget, issue 12).
 */
export async function bundleStyle(extensionDir) {
  const css = await readFile(join(extensionDir, 'content/overlay.css'), 'utf8');
  const { code } = await esbuild.transform(css, { loader: 'css', minify: true, target: TARGET });
  return new TextEncoder().encode(code.trim());
}

/** The bundled, minified content script, as bytes. */
export async function bundleContent(extensionDir) {
  const result = await esbuild.build({
    entryPoints: [join(extensionDir, 'content/main.js')],
    bundle: true,
    format: 'iife',
    minify: true,
    target: TARGET,
    charset: 'utf8',
    legalComments: 'none',
    // extension/content/tsconfig.json is for the type check only: its
    // strict mode would make esbuild prepend "use strict".
    tsconfigRaw: {},
    write: false,
    logLevel: 'silent',
  });
  // ecma 2020: the supported browsers parse all of it, so terser may use it.
  const { code } = await minify(result.outputFiles[0].text, { ecma: 2020, compress: { passes: 2 } });
  if (!code) throw new Error('terser returned no code');
  return new TextEncoder().encode(code);
}

/**
 * Link-checks modules that ship unbundled (background.js, panel.js): an
 * import that protocol.js does not export fails here, not in a user's browser.
 */
export async function checkImports(files) {
  await esbuild.build({
    entryPoints: files,
    bundle: true,
    format: 'esm',
    target: TARGET,
    write: false,
    logLevel: 'silent',
    outdir: 'unused',
    external: ['./engine/*'],
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [extensionDir, out] = process.argv.slice(2);
  if (!extensionDir || !out) {
    console.error('usage: node build/content.mjs <extension dir> <out file>');
    process.exit(2);
  }
  try {
    await checkImports([join(extensionDir, 'background.js'), join(extensionDir, 'panel.js')]);
    const bytes = await bundleContent(extensionDir);
    await writeFile(out, bytes);
    console.log(`ok: content script bundled, ${bytes.length} bytes -> ${out}`);
    const style = await bundleStyle(extensionDir);
    await writeFile(join(dirname(out), 'overlay.css'), style);
    console.log(`ok: overlay style, ${style.length} bytes -> overlay.css beside it`);
  } catch (e) {
    for (const m of e.errors ?? []) {
      const where = m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ` : '';
      console.error(`${where}${m.text}`);
    }
    if (!e.errors) console.error(e);
    process.exit(1);
  }
}

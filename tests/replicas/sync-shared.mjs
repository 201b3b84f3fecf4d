// Copies tests/replicas/_shared/contoso-data.js into every host that loads it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.join(here, '_shared', 'contoso-data.js');
export const TARGETS = [
  'portal.azure.com/Content/Scripts/contoso-data.js',
  'sandbox-1.reactblade.portal.azure.net/Content/Scripts/contoso-data.js',
  'entra.microsoft.com/Content/Scripts/contoso-data.js',
  'admin.microsoft.com/scripts/contoso-data.js',
];
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const t of TARGETS) {
    const dst = path.join(here, t);
    fs.mkdirSync(path.dirname(dst), { recursive: true });
    fs.copyFileSync(src, dst);
    console.log('copied', t);
  }
  // entra.microsoft.com runs the same portal shell (same blades and routes).
  for (const f of ['Content/Scripts/portal.js', 'Content/Css/portal.css']) {
    const dst = path.join(here, 'entra.microsoft.com', f);
    fs.mkdirSync(path.dirname(dst), { recursive: true });
    fs.copyFileSync(path.join(here, 'portal.azure.com', f), dst);
  }
  const html = fs.readFileSync(path.join(here, 'portal.azure.com', 'index.html'), 'utf8')
    .replace('<title>Microsoft Azure</title>', '<title>Microsoft Entra admin center</title>');
  fs.writeFileSync(path.join(here, 'entra.microsoft.com', 'index.html'), html);
  console.log('copied portal shell to entra.microsoft.com');
}

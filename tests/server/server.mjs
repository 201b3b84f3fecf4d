// Replica test hosts: one HTTPS server on 127.0.0.1 that serves
// tests/replicas/<hostname>/ chosen by the Host header, with the strict CSP
// every real Microsoft page is moving to. Started by the tests themselves; the
// certificate is generated at start-up and kept in memory (never on disk).
import https from 'node:https';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import selfsigned from 'selfsigned';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPLICAS = path.resolve(here, '..', 'replicas');

/** The CSP sent on every response (brief §3, issue 2 item 4). */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "frame-src https://*.reactblade.portal.azure.net; object-src 'none'; base-uri 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Host names served: one per directory under tests/replicas (README excluded). */
export function replicaHosts() {
  return fs
    .readdirSync(REPLICAS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name.includes('.'))
    .map((d) => d.name)
    .sort();
}

/** Host names to map in the browser's resolver (wildcards included). */
export function resolverHosts() {
  const hosts = replicaHosts();
  return [...hosts, '*.reactblade.portal.azure.net', '*.reactblade-ms.portal.azure.net', '*.reactblade-rc.portal.azure.net'];
}

/** Which replica directory answers for a host: exact, or any reactblade sandbox. */
function hostDir(host, hosts) {
  if (hosts.includes(host)) return host;
  if (/^sandbox-\d+\.reactblade(-ms|-rc)?\.portal\.azure\.net$/.test(host)) {
    return 'sandbox-1.reactblade.portal.azure.net';
  }
  if (host === 'admin.cloud.microsoft' && hosts.includes('admin.microsoft.com')) return 'admin.microsoft.com';
  if (host === 'account.azure.com' && hosts.includes('signup.azure.com')) return 'signup.azure.com';
  return null;
}

/**
 * Files one replica serves from elsewhere in the tree, still under its own
 * origin (a real site loads only its own scripts): entra.microsoft.com runs
 * the Azure portal's shell (same blades and routes; only its index.html, with
 * its own title, lives in its directory), and every host that loads the
 * fictional directory's data (`contoso-data.js`) or the replicas' DOM
 * builder (`replica-dom.js`) gets the one copy in `_shared/`.
 */
const SHELL_OF = { 'entra.microsoft.com': 'portal.azure.com' };
const SHARED = path.join(REPLICAS, '_shared');

function sharedFile(dir, urlPath) {
  const shell = SHELL_OF[dir];
  const fromShell = shell && resolveFile(path.join(REPLICAS, shell), urlPath);
  if (fromShell && path.basename(fromShell) !== 'index.html') return fromShell;
  const name = path.posix.basename(urlPath);
  const candidate = path.join(SHARED, name);
  return name && path.extname(name) && fs.existsSync(candidate) ? candidate : null;
}

/**
 * Paths a real site answers with a redirect: azure.microsoft.com sends `/`
 * to its default locale, so the home page exists once, under `/en-us/`.
 */
const REDIRECTS = { 'azure.microsoft.com': { '/': '/en-us/' } };

/** The nearest index.html at or above `urlPath` inside `root`, or null. */
function nearestIndex(root, urlPath) {
  for (let dir = path.posix.dirname(path.posix.normalize('/' + urlPath + '/x')); ; dir = path.posix.dirname(dir)) {
    const idx = resolveFile(root, dir);
    if (idx && path.basename(idx) === 'index.html') return idx;
    if (dir === '/') return null;
  }
}

function resolveFile(root, urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const full = path.resolve(root, '.' + path.posix.normalize('/' + rel));
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  let st;
  try {
    st = fs.statSync(full);
  } catch {
    return null;
  }
  if (st.isDirectory()) {
    const idx = path.join(full, 'index.html');
    return fs.existsSync(idx) ? idx : null;
  }
  return full;
}

function headers(type, extra = {}) {
  return {
    'content-type': type,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    ...extra,
  };
}

function handler(hosts, log) {
  return (req, res) => {
    const host = String(req.headers.host || '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url, 'https://' + (host || 'invalid'));
    log.push({ host, path: url.pathname, method: req.method });
    const dir = hostDir(host, hosts);
    if (!dir) {
      res.writeHead(421, headers('text/plain; charset=utf-8'));
      res.end('No replica for host ' + host + '\n');
      return;
    }
    const root = path.join(REPLICAS, dir);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers('text/plain; charset=utf-8', { allow: 'GET, HEAD' }));
      res.end('Method not allowed\n');
      return;
    }
    const to = REDIRECTS[dir]?.[url.pathname];
    if (to) {
      res.writeHead(301, headers('text/plain; charset=utf-8', { location: to + url.search }));
      res.end();
      return;
    }
    // SPA fallback: a path without a file extension gets the nearest
    // index.html above it (so /en-us/free and deep links work); a missing
    // asset is a real 404.
    const file =
      resolveFile(root, url.pathname) ??
      sharedFile(dir, url.pathname) ??
      (path.posix.extname(url.pathname) === '' ? nearestIndex(root, url.pathname) : null);
    if (!file) {
      res.writeHead(404, headers('text/plain; charset=utf-8'));
      res.end('Not found\n');
      return;
    }
    const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
    const body = fs.readFileSync(file);
    res.writeHead(200, headers(type, { 'content-length': body.length }));
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

let certPromise = null;
/** One certificate per process, generated in memory. */
export function certificate() {
  if (!certPromise) {
    const notBefore = new Date(Date.now() - 24 * 3600 * 1000);
    const notAfter = new Date(Date.now() + 7 * 24 * 3600 * 1000);
    const altNames = replicaHosts()
      .map((h) => ({ type: 2, value: h }))
      .concat([{ type: 2, value: '*.reactblade.portal.azure.net' }, { type: 7, ip: '127.0.0.1' }]);
    certPromise = selfsigned.generate([{ name: 'commonName', value: 'waymark-replicas.test' }], {
      keySize: 2048,
      algorithm: 'sha256',
      notBeforeDate: notBefore,
      notAfterDate: notAfter,
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames },
      ],
    });
  }
  return certPromise;
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    const onErr = (e) => reject(e);
    server.once('error', onErr);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onErr);
      resolve(server.address().port);
    });
  });
}

/**
 * Start the replica server.
 * @param {{port?: number, also443?: boolean}} opts
 *   also443: also listen on 127.0.0.1:443 (Firefox's network.dns.forceResolve
 *   has no port). Needs root; `port443` is null when it could not listen.
 * @returns {Promise<{port:number, port443:number|null, hosts:string[], resolverHosts:string[], requests:object[], origin:(host:string)=>string, close:()=>Promise<void>}>}
 */
export async function startServer(opts = {}) {
  const pems = await certificate();
  const hosts = replicaHosts();
  const requests = [];
  const servers = [];
  const mk = () => {
    const s = https.createServer({ key: pems.private, cert: pems.cert }, handler(hosts, requests));
    s.keepAliveTimeout = 1000;
    servers.push(s);
    return s;
  };
  const port = await listen(mk(), opts.port || 0);
  let port443 = null;
  if (opts.also443) {
    const s = mk();
    try {
      port443 = await listen(s, 443);
    } catch {
      servers.pop();
      port443 = null;
    }
  }
  return {
    port,
    port443,
    hosts,
    resolverHosts: resolverHosts(),
    requests,
    origin: (host) => 'https://' + host,
    close: () =>
      Promise.all(
        servers.map(
          (s) =>
            new Promise((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections?.();
            }),
        ),
      ).then(() => undefined),
  };
}

// `node server/server.mjs [port]` serves the replicas for a manual look.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const srv = await startServer({ port: Number(process.argv[2] || 0) });
  console.log(`replicas on https://127.0.0.1:${srv.port} for ${srv.hosts.join(', ')}`);
  console.log(`--host-resolver-rules="${srv.resolverHosts.map((h) => `MAP ${h} 127.0.0.1:${srv.port}`).join(', ')}"`);
}

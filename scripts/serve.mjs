// The static file server the page tests, the package test and the bench all use. It sends the
// strict CSP a careful shop would, so every page runs under the policy the widget promises to
// live with, and the wasm goes out as application/wasm so the browser compiles it as it streams.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

// mounts: { '/prefix/': '/absolute/dir' }, longest prefix first, or one directory for '/'. A
// request for a directory serves its index.html, as vite's dist and a static host would.
// Resolves to { origin, close }.
export async function serve(mounts, { csp = CSP } = {}) {
  if (typeof mounts === 'string') mounts = { '/': mounts };
  const table = Object.entries(mounts)
    .map(([prefix, dir]) => [prefix, resolve(dir)])
    .sort((a, b) => b[0].length - a[0].length);

  const server = createServer(async (req, res) => {
    const headers = {
      'Content-Security-Policy': csp,
      // Every load is meant to be a fresh one: no HTTP cache hit may hide a fetch.
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    };
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (path === '/favicon.ico') {
        // Browsers ask for it unprompted; a 404 would show up as a console error in every page.
        res.writeHead(204, headers);
        res.end();
        return;
      }
      const mount = table.find(([prefix]) => path.startsWith(prefix));
      if (!mount) throw Object.assign(new Error('no mount'), { status: 404 });
      const [prefix, dir] = mount;
      let file = normalize(join(dir, path.slice(prefix.length)));
      // Refuse anything that climbs out of its mount.
      if (file !== dir && !file.startsWith(dir + sep)) throw Object.assign(new Error('outside'), { status: 403 });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      headers['Content-Type'] = TYPES[extname(file)] ?? 'application/octet-stream';
      headers['Content-Length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      res.writeHead(e.status ?? 404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(e.status ?? 404));
    }
  });
  // Port 0: the system picks a free one, so two benches (or a dev server) never collide.
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => {
      server.closeAllConnections?.();
      server.close(() => ok());
    }),
  };
}

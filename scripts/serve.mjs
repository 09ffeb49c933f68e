// The static file server the page tests, the package test and the bench all use. It sends the
// strict CSP a careful shop would, so every page runs under the policy the widget promises to
// live with, and the wasm goes out as application/wasm so the browser compiles it as it streams.
//
// From the command line it serves a folder of your own with the package beside it:
//
//   node scripts/serve.mjs [DIR] [--port N]
//
// DIR (default: the current folder) at /, and this package's built pkg/ at /pkg/ and at
// /node_modules/instalment-guard/pkg/ (the path README's quick start uses), on
// http://127.0.0.1:N (default 8000; 0 picks a free port). `node scripts/serve.mjs
// examples/no-bundler` serves the example without a bundler.
import { createServer } from 'node:http';
import { existsSync, realpathSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

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
// `port` 0 (the default) lets the system pick a free one. Resolves to { origin, close }.
export async function serve(mounts, { csp = CSP, port: wanted = 0 } = {}) {
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
    server.listen(wanted, '127.0.0.1', ok);
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

const USAGE = `usage: node scripts/serve.mjs [DIR] [--port N]

Serves DIR (default: the current folder) under the strict Content-Security-Policy
  ${CSP}
with this package's pkg/ at /pkg/ and /node_modules/instalment-guard/pkg/.
Port 8000 unless --port says otherwise (0: any free port).`;

/** The command line: DIR and --port N (or --port=N); throws a message for anything else. */
export function parseArgs(args) {
  let dir = null;
  let port = 8000;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--port' || arg.startsWith('--port=')) {
      const text = arg === '--port' ? args[++i] : arg.slice('--port='.length);
      if (!/^\d{1,5}$/.test(text ?? '') || Number(text) > 65535) throw new Error(`--port takes a number from 0 to 65535, got ${text ?? 'nothing'}`);
      port = Number(text);
    } else if (arg === '-h' || arg === '--help') {
      return { help: true };
    } else if (arg.startsWith('-') || dir !== null) {
      throw new Error(`unexpected argument ${arg}`);
    } else {
      dir = arg;
    }
  }
  return { dir: dir ?? '.', port };
}

async function main(args) {
  let options;
  try {
    options = parseArgs(args);
  } catch (e) {
    console.error(`${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const dir = resolve(options.dir);
  if (!existsSync(dir) || !(await stat(dir)).isDirectory()) {
    console.error(`${options.dir} is not a folder\n\n${USAGE}`);
    return 2;
  }
  const pkg = fileURLToPath(new URL('../pkg/', import.meta.url));
  if (!existsSync(join(pkg, 'web/element.js'))) {
    console.error('the package is not built yet: run `npm run build` (or `bash scripts/build.sh web`) first');
    return 1;
  }
  let server;
  try {
    server = await serve({ '/': dir, '/pkg/': pkg, '/node_modules/instalment-guard/pkg/': pkg }, { port: options.port });
  } catch (e) {
    console.error(e.code === 'EADDRINUSE' ? `port ${options.port} is in use: pick another with --port N` : String(e));
    return 1;
  }
  console.log(`serving ${dir} on ${server.origin}/ under the strict CSP`);
  console.log(`the package: ${server.origin}/pkg/web/element.js (also under /node_modules/instalment-guard/pkg/)`);
  console.log('Ctrl-C stops it');
  process.once('SIGINT', () => server.close().then(() => process.exit(0)));
  return null;
}

function invoked() {
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false; // node -e, a REPL: imported, not run
  }
}
if (invoked()) {
  const code = await main(process.argv.slice(2));
  if (code !== null) process.exitCode = code;
}

// A loopback HTTP proxy for the wasm-bindgen tests in Chrome: every request Chrome makes is
// forwarded on a connection of its own, closed after the response.
//
// Why: wasm-bindgen-test-runner serves the test page with tiny_http, which gives each client
// connection a pool thread for as long as the connection stays open. When Chrome opens five or
// more keep-alive connections in one burst (the page imports our JS modules in parallel), the
// pool can queue one connection behind four idle ones, and that module request is never read:
// the page stays at "Loading scripts..." until Chrome's 300 s page-load limit. On this 2-core
// machine about every other run hung that way. Behind this proxy the runner sees one request
// per connection, so no connection waits for another.
//
// Usage: node scripts/one-request-proxy.mjs PORT_FILE
// Listens on a free loopback port, writes the port to PORT_FILE, and runs until killed.
import http from 'node:http';
import { writeFileSync } from 'node:fs';

const portFile = process.argv[2];
if (!portFile) {
  console.error('usage: node scripts/one-request-proxy.mjs PORT_FILE');
  process.exit(2);
}

const server = http.createServer((req, res) => {
  // A proxy receives the absolute URL; only loopback targets are forwarded.
  let target;
  try {
    target = new URL(req.url);
  } catch {
    res.writeHead(400).end('absolute URL expected');
    return;
  }
  if (target.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(target.hostname)) {
    res.writeHead(403).end('only loopback is forwarded');
    return;
  }
  const headers = { ...req.headers, connection: 'close' };
  delete headers['proxy-connection'];
  const upstream = http.request(
    {
      host: target.hostname,
      port: target.port || 80,
      method: req.method,
      path: target.pathname + target.search,
      headers,
      agent: false,
    },
    (up) => {
      const out = { ...up.headers };
      delete out.connection;
      res.writeHead(up.statusCode ?? 502, out);
      up.pipe(res);
    },
  );
  upstream.on('error', (e) => {
    if (!res.headersSent) res.writeHead(502);
    res.end(String(e.message));
  });
  req.pipe(upstream);
});

server.listen(0, '127.0.0.1', () => {
  writeFileSync(portFile, String(server.address().port));
});

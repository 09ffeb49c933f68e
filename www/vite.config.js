// The demo storefront. It imports the package by its npm name, as a shop would; the aliases
// point that name at the local build in pkg/web, so `scripts/build.sh web` must have run first.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const www = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));

// The policy a careful shop would send. Only preview (the production build) gets it: the dev
// server injects <style> elements for hot reload, which this policy rightly refuses.
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

export default defineConfig({
  root: www,
  // Relative asset URLs, so the built pages also work from a sub-folder of any static host.
  base: './',
  resolve: {
    // Exact matches: a prefix alias for "instalment-guard" would also rewrite ".../element".
    alias: [
      { find: /^instalment-guard$/, replacement: `${repo}pkg/web/instalment_guard.js` },
      { find: /^instalment-guard\/element$/, replacement: `${repo}pkg/web/element.js` },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The element entry point awaits init() at its top level.
    target: 'es2022',
    // Inlined assets would become data: URLs, which default-src 'self' refuses.
    assetsInlineLimit: 0,
    rolldownOptions: {
      input: {
        index: `${www}index.html`,
        done: `${www}done.html`,
        // The order page of examples/merchant-server, which fills it in on the server.
        order: `${www}order.html`,
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: false,
    // The package lives outside www/, in the repository's pkg/.
    fs: { allow: [repo] },
  },
  preview: {
    host: '127.0.0.1',
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  },
});

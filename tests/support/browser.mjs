// Shared by the Node-driven suites: the project's static server (scripts/serve.mjs) under the
// strict CSP, and Debian's Chromium.
import { join } from 'node:path';
import { serve as serveFiles, CSP } from '../../scripts/serve.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { chromium } from 'playwright-core';

/** The Content-Security-Policy the product must work under. */
export const STRICT_CSP = CSP;

/** Serves `root` on a free loopback port under the strict CSP; resolves to { origin, close }. */
export function serve(root) {
  return serveFiles(root);
}

/** Headless Debian Chromium with a fresh profile and no background network traffic. */
export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'ig-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return {
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// The peers' widgets for the main-thread figure, found at run time and never copied into the
// repository:
//  - Sezzle's static widget from ../shared/peers/ (its README there says how a merchant loads it),
//    beside this checkout or beside the main one when this is a git worktree elsewhere, or where
//    IG_PEERS points;
//  - PayPal's messaging, `dist/bizcomponents/js/messaging.js` of the npm package
//    @paypal/messaging-components: from node_modules if a developer installed it, else from the
//    bench's own cache (~/.cache/instalment-guard-bench), filled once with `npm pack` (the
//    ordinary npm client; the one run-time download of the bench, skipped with a reason when npm
//    cannot reach its registry).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

export const PAYPAL_PACKAGE = '@paypal/messaging-components';
export const PAYPAL_VERSION = '1.83.0';
const PAYPAL_FILE = 'dist/bizcomponents/js/messaging.js';

/** The folder that holds sezzle-static-widget.js, or { skipped }. */
export function sezzleDir() {
  const candidates = [];
  if (process.env.IG_PEERS) candidates.push(resolve(process.env.IG_PEERS));
  candidates.push(resolve(root, '../shared/peers'));
  try {
    // A worktree: ../shared is beside the main checkout, whose .git is the common one.
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: root, encoding: 'utf8' }).trim();
    candidates.push(resolve(dirname(common), '../shared/peers'));
  } catch {
    // Not a git checkout: the candidates above are all there is.
  }
  const dir = candidates.find((d) => existsSync(join(d, 'sezzle-static-widget.js')));
  return dir ? { dir } : { skipped: `sezzle-static-widget.js not found in ${candidates.join(', ')} (set IG_PEERS)` };
}

/** The folder that holds PayPal's messaging.js, or { skipped } with the reason. */
export function paypalDir() {
  const installed = join(root, 'node_modules', PAYPAL_PACKAGE);
  if (existsSync(join(installed, PAYPAL_FILE))) return { dir: dirname(join(installed, PAYPAL_FILE)), version: 'node_modules' };
  const cache = join(homedir(), '.cache/instalment-guard-bench', `paypal-messaging-components-${PAYPAL_VERSION}`);
  const file = join(cache, 'package', PAYPAL_FILE);
  if (!existsSync(file)) {
    try {
      mkdirSync(cache, { recursive: true });
      execFileSync('npm', ['pack', `${PAYPAL_PACKAGE}@${PAYPAL_VERSION}`, '--pack-destination', cache, '--silent'],
        { cwd: cache, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
      const tgz = readdirSync(cache).find((f) => f.endsWith('.tgz'));
      if (!tgz) throw new Error('npm pack wrote no tarball');
      execFileSync('tar', ['xzf', join(cache, tgz), '-C', cache]);
    } catch (e) {
      return { skipped: `${PAYPAL_PACKAGE}@${PAYPAL_VERSION} is not installed or cached and npm could not fetch it (${String(e.message).split('\n')[0]})` };
    }
  }
  return existsSync(file) ? { dir: dirname(file), version: PAYPAL_VERSION } : { skipped: `${PAYPAL_FILE} missing from the package` };
}

// `node scripts/serve.mjs DIR [--port N]`: the one command README gives for trying the element in
// a folder of one's own. It serves the folder under the strict CSP, with the built package at
// /pkg/ and /node_modules/instalment-guard/pkg/, and refuses a bad command line with its usage.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CSP, parseArgs } from '../../scripts/serve.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SERVE = join(REPO, 'scripts/serve.mjs');

describe('the command line of scripts/serve.mjs', () => {
  it('reads a folder and a port, and refuses anything else', () => {
    assert.deepEqual(parseArgs([]), { dir: '.', port: 8000 });
    assert.deepEqual(parseArgs(['shop', '--port', '0']), { dir: 'shop', port: 0 });
    assert.deepEqual(parseArgs(['--port=9001', 'shop']), { dir: 'shop', port: 9001 });
    assert.deepEqual(parseArgs(['--help']), { help: true });
    for (const bad of [['--port'], ['--port', 'x'], ['--port', '70000'], ['a', 'b'], ['--verbose']]) {
      assert.throws(() => parseArgs(bad), Error, bad.join(' '));
    }
    const run = spawnSync(process.execPath, [SERVE, '--port', 'eighty'], { encoding: 'utf8' });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--port takes a number from 0 to 65535, got eighty/);
    assert.match(run.stderr, /usage: node scripts\/serve\.mjs \[DIR\] \[--port N\]/);
    const missing = spawnSync(process.execPath, [SERVE, join(tmpdir(), 'no-such-folder-here')], { encoding: 'utf8' });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /is not a folder/);
  });

  describe('serving a folder', () => {
    let dir;
    let child;
    let origin;

    before(async () => {
      assert.ok(existsSync(join(REPO, 'pkg/web/element.js')), 'pkg/web is built first by scripts/build.sh web');
      dir = mkdtempSync(join(tmpdir(), 'ig-serve-'));
      writeFileSync(join(dir, 'index.html'), '<!doctype html><title>my shop</title>');
      child = spawn(process.execPath, [SERVE, dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      origin = await new Promise((ok, fail) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const found = out.match(/ on (http:\/\/127\.0\.0\.1:\d+)\/ under the strict CSP/);
          if (found) ok(found[1]);
        });
        child.once('exit', (code) => fail(new Error(`serve.mjs exited with ${code}: ${out}`)));
      });
    });

    after(() => {
      child?.kill('SIGINT');
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('serves the folder at / under the strict CSP', async () => {
      const res = await fetch(`${origin}/`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-security-policy'), CSP);
      assert.match(await res.text(), /<title>my shop<\/title>/);
    });

    it('serves the package where the quick start and the example look for it', async () => {
      for (const path of ['/pkg/web/element.js', '/node_modules/instalment-guard/pkg/web/element.js']) {
        const res = await fetch(`${origin}${path}`);
        assert.equal(res.status, 200, path);
        assert.match(res.headers.get('content-type'), /^text\/javascript/, path);
      }
      const wasm = await fetch(`${origin}/node_modules/instalment-guard/pkg/web/instalment_guard_bg.wasm`);
      assert.equal(wasm.headers.get('content-type'), 'application/wasm');
      // Only pkg/ of the package: its sources stay out of reach.
      assert.equal((await fetch(`${origin}/node_modules/instalment-guard/package.json`)).status, 404);
      assert.equal((await fetch(`${origin}/pkg/../Cargo.toml`)).status, 404);
    });
  });
});

// The --target bundler build imports its .wasm as an ES module, as webpack 5 and bundlers with a
// wasm plugin do. Node runs that same module graph with --experimental-wasm-modules, so the build
// is exercised here without a bundler: this file re-runs itself under the flag.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

const script = `
const ig = await import(${JSON.stringify(new URL('../../pkg/bundler/instalment_guard.js', import.meta.url).href)});
const e = ig.estimate(111111, 'CNY', { id: 'huabei-12', periods: 12, fee: { model: 'flatTotal', rate: '0.075' } });
let code = null;
try { ig.compare(1, 'CNY', [{ id: 'a', periods: 61, fee: { model: 'interestFree' } }]); } catch (err) { code = err.code + ' ' + err.field; }
console.log(JSON.stringify({ perMonth: e.schedule[1].paymentMinor, fee: e.totalFeeMinor, code,
  exports: ['CheckoutGuard', 'defineElement', 'assess', 'annualRate'].every((k) => typeof ig[k] === 'function') }));
`;

describe('the bundler build', () => {
  it('loads as an ES module graph with its .wasm imported, and computes', () => {
    const out = execFileSync(process.execPath, ['--experimental-wasm-modules', '--no-warnings', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    assert.deepEqual(JSON.parse(out), { perMonth: 9953, fee: 8333, code: 'INVALID_PLAN plans[0].periods', exports: true });
  });
});

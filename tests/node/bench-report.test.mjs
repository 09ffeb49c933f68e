// BENCHMARKS.md from a partial bench run (node bench/run.js --quick --write): the per-page rows
// and the twiggy tables appear, and the sections that did not run say so instead of failing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderBenchmarks } from '../../bench/report.js';

const file = (name, gzip, beforeLoad, startMs) => ({ file: name, raw: gzip * 2, gzip, beforeLoad, startMs });
const page = (files, shown = true) => ({
  shown, files, errors: [], failed: [], loadEventMs: 500,
  gzip: files.reduce((s, f) => s + f.gzip, 0), raw: files.reduce((s, f) => s + f.raw, 0),
  beforeLoadGzip: files.filter((f) => f.beforeLoad).reduce((s, f) => s + f.gzip, 0),
});
const checkout = page([file('element.js', 140, true, 300), file('shell-x.js', 2800, true, 400), file('checkout-x.wasm', 40000, false, 900)]);
const taskMs = (median) => ({ n: 15, min: median - 5, median, p95: median + 5, max: median + 9 });

const partial = {
  only: ['weight', 'mainthread', 'twiggy'],
  command: 'node bench/run.js --only=weight,mainthread,twiggy --write',
  machine: { date: '2026-12-07T00:00:00Z', nproc: 2, cpuModel: 'test', memoryGiB: 1, os: 'test', node: 'v20', chromium: '1', loadAverage: [1, 1, 1], loadAverageEnd: [1, 1, 1] },
  build: { commit: 'abc', wasmSha256_16: '0' },
  figures: [{ id: 'weight.checkout', name: 'Weight: checkout page', value: checkout.gzip, text: '42,940 B', target: '≤ 50,000 B', pass: true, peer: null }],
  errors: [],
  runtimeSeconds: 1,
  weight: {
    files: [], total: { raw: 0, gzip: 90_000 },
    checkout: { 'zh-CN': checkout, en: page(checkout.files.map((f) => ({ ...f, gzip: f.gzip + 100 }))) },
    order: page([file('element.js', 140, true, 300), file('order-x.wasm', 25000, false, 800)]),
    peers: { sezzle: 48_986 },
  },
  mainThread: {
    loads: 15, windowMs: 1000, errors: [], skipped: { sezzle: null, paypal: 'offline' },
    variants: {
      none: { taskMs: taskMs(40), scriptMs: 1, layoutMs: 5, longTasks: 0, longTaskMs: 0, shownInWindow: 15, loads: 15 },
      ours: { taskMs: taskMs(60), scriptMs: 10, layoutMs: 8, longTasks: 0, longTaskMs: 0, shownInWindow: 14, loads: 15, overBaseMs: 20 },
    },
  },
  twiggy: { twiggy: 'twiggy-opt 0.8.0', installedNow: false, entries: [{ entry: 'checkout', features: 'bundle,checkout', namedBytes: 1, codeAndDataBytes: 1000, strippedBytes: 900, strippedGzip: 400, top: [{ name: 'code[0]', bytes: 600, percent: 60 }] }] },
};

describe('BENCHMARKS.md from a partial run', () => {
  const md = renderBenchmarks(partial);
  it('says it is partial and which sections ran', () => {
    assert.match(md, /a partial run, sections `weight`, `mainthread`, `twiggy` only/);
  });
  it('has the per-page rows, each language against zh-CN', () => {
    assert.match(md, /\| zh-CN \| 42,940 B \| 2,940 B \| — \| yes \|/);
    assert.match(md, /\| en \| 43,240 B \| 3,140 B \| \+300 B \| yes \|/);
    assert.match(md, /order-x\.wasm/);
  });
  it('has the main-thread table and the twiggy ranking', () => {
    assert.match(md, /\*\*ours\*\*.*\+20\.00 ms/);
    assert.match(md, /paypal: not measured: offline/);
    assert.match(md, /\| 1 \| `code\[0\]` \| 600 \| 60\.00% \|/);
  });
  it('marks what did not run instead of failing', () => {
    assert.match(md, /## Peer comparison: compare\(\) of 12 plans\n[\s\S]*?_Not measured in this run\._/);
  });
});

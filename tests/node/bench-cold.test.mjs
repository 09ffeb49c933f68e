// The arithmetic of the cold figures in bench/cold.js: how clicks under Event Timing's threshold
// are counted, and how a trace is cut into slices. No browser needed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { censored, splitTrace } from '../../bench/cold.js';

describe('censored Event Timing quantiles', () => {
  it('is exact when every click was reported', () => {
    assert.deepEqual(censored([24, 32, 16, 40, 24], 0.5), { value: 24, bound: false });
  });
  it('counts a click under 16 ms as 16 and says the median is only a bound when it lands there', () => {
    assert.deepEqual(censored([null, null, null, 24, 32], 0.5), { value: 16, bound: true });
  });
  it('stays exact when the unreported clicks are all below the quantile', () => {
    assert.deepEqual(censored([null, 24, 32, 40, 48], 0.5), { value: 32, bound: false });
  });
});

describe('splitTrace', () => {
  const main = { pid: 1, tid: 10 };
  const mark = (name, ts) => ({ ...main, name, ts, ph: 'I', cat: 'blink.user_timing' });
  const x = (name, ts, dur, where = main, cat = 'devtools.timeline') => ({ ...where, name, ts, dur, ph: 'X', cat });
  // Times in µs: click 0, submit 1000, build 4000, showModal 6000 → 9000, frame 12000, painted 30000.
  const events = [
    mark('ig:click', 0), mark('ig:submit', 1000), mark('ig:build', 4000), mark('ig:modal', 6000),
    mark('ig:modal-end', 9000), mark('ig:frame', 12000), mark('ig:painted', 30000),
    x('wasm.CompileLazy', 1500, 1000, main, 'v8.wasm'),
    x('UpdateLayoutTree', 6100, 1000), x('Layout', 7200, 1500),
    x('UpdateLayoutTree', 12100, 200), x('Paint', 12500, 400), x('Commit', 13000, 300),
    // Nested inside the Paint above: must not count twice.
    x('Paint', 12600, 100),
    // Another process's layout: not ours.
    x('Layout', 6000, 5000, { pid: 2, tid: 20 }),
    x('RasterTask', 13500, 700, { pid: 1, tid: 11 }, 'cc'),
  ];
  const r = splitTrace(events);
  it('finds every slice', () => {
    assert.equal(r.totalMs, 30);
    assert.equal(r.wasmCompileMs, 1);
    assert.equal(r.decisionMs, 2); // 3 ms wall less 1 ms of compile
    assert.equal(r.viewBuildMs, 2);
    assert.equal(r.styleLayoutMs, 2.7);
    assert.equal(r.styleLayoutInShowModalMs, 2.5);
    assert.equal(r.paintMs, 0.7);
    assert.equal(r.rasterMs, 0.7);
  });
  it('says which marks are missing instead of guessing', () => {
    assert.match(splitTrace(events.filter((e) => e.name !== 'ig:build')).error, /ig:build/);
  });
});

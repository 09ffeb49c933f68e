// Timing helpers shared by Node and the bench pages (served as /bench/timing.js), so that the
// browser and Node batches are timed the same way. No imports, so it loads in both.

export function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

export function summary(values) {
  const s = [...values].sort((a, b) => a - b);
  return {
    n: s.length,
    min: s[0],
    median: quantile(s, 0.5),
    p95: quantile(s, 0.95),
    max: s[s.length - 1],
  };
}

// Runs fn in batches sized to last about `batchMs`, after `warmMs` of warm-up, and returns the
// per-call time of each batch in microseconds. The batch size is found during warm-up, so a slow
// function gets fewer calls per batch rather than a longer run. `sink` keeps results alive so the
// JIT cannot drop the calls.
export function batches(fn, { warmMs = 300, batchMs = 50, count = 20 } = {}) {
  let sink = 0;
  let calls = 0;
  const warmEnd = performance.now() + warmMs;
  while (performance.now() < warmEnd) {
    sink += touch(fn(calls));
    calls++;
  }
  const perCall = warmMs / Math.max(calls, 1);
  const size = Math.max(1, Math.round(batchMs / perCall));
  const out = [];
  for (let b = 0; b < count; b++) {
    const t0 = performance.now();
    for (let i = 0; i < size; i++) sink += touch(fn(i));
    out.push(((performance.now() - t0) * 1000) / size);
  }
  batches.sink = sink;
  return { perCallUs: out, batchSize: size };
}

function touch(result) {
  return result && result.estimates ? result.estimates.length : 1;
}

// One fresh page load of the "ready" figure. Marks are read back by bench/browser.js.
// The glue is imported dynamically so its fetch and parse are timed apart from init().
//
// With ?floor the page measures the floor under that figure instead: after the same import, at
// the same point of the page's load, it does what init() does at the least (fetch and
// instantiate a wasm module) for an empty module. Any wasm widget pays that before its first line
// of code runs.
const marks = {};
window.readyMarks = marks;
try {
  const floor = new URLSearchParams(location.search).has('floor');
  const glueUrl = new URL('/pkg/web/instalment_guard.js', location.href).href;
  marks.importStart = performance.now();
  const mod = await import(glueUrl);
  marks.initStart = performance.now();
  if (floor) {
    await WebAssembly.instantiateStreaming(fetch(new URL('empty.wasm', import.meta.url)), {});
    marks.initEnd = performance.now();
    marks.guardEnd = marks.initEnd;
  } else {
    await mod.default();
    marks.initEnd = performance.now();
    const guard = new mod.CheckoutGuard(document.getElementById('checkout'), { currency: 'CNY', preset: 'huabei' });
    marks.guardEnd = performance.now();
    window.guard = guard;
  }
  const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
  if (wasm) {
    marks.wasmFetchStart = wasm.fetchStart;
    marks.wasmResponseEnd = wasm.responseEnd;
    marks.wasmBytes = wasm.encodedBodySize;
  }
} catch (e) {
  marks.error = String(e && e.stack || e);
}
marks.done = true;

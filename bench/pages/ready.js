// One fresh page load of the "ready" figure. Marks are read back by bench/browser.js.
// The glue is imported dynamically so its fetch and parse are timed apart from init().
const marks = {};
window.readyMarks = marks;
try {
  const glueUrl = new URL('/pkg/web/instalment_guard.js', location.href).href;
  marks.importStart = performance.now();
  const mod = await import(glueUrl);
  marks.initStart = performance.now();
  await mod.default();
  marks.initEnd = performance.now();
  const guard = new mod.CheckoutGuard(document.getElementById('checkout'), { currency: 'CNY', preset: 'huabei' });
  marks.guardEnd = performance.now();
  window.guard = guard;
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

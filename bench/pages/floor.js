// The floor under the "ready" figure, loaded in a fresh browser context just like ready.js and at
// the same point of the page's load: it imports the same glue, then does what init() does at the
// least (fetch and instantiate a wasm module) for an empty module. What a page pays here, any wasm
// widget pays before its first line of code runs.
const marks = {};
window.readyMarks = marks;
try {
  const glueUrl = new URL('/pkg/web/instalment_guard.js', location.href).href;
  marks.importStart = performance.now();
  await import(glueUrl);
  marks.initStart = performance.now();
  await WebAssembly.instantiateStreaming(fetch(new URL('empty.wasm', import.meta.url)), {});
  marks.initEnd = performance.now();
  marks.guardEnd = marks.initEnd;
  const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
  if (wasm) {
    marks.wasmResponseEnd = wasm.responseEnd;
    marks.wasmBytes = wasm.encodedBodySize;
  }
} catch (e) {
  marks.error = String(e && e.stack || e);
}
marks.done = true;

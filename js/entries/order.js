// instalment-guard/order: the order-complete page's own entry. Importing it registers
// <instalment-remedy>, which fetches this entry's wasm when API.md "Entries" says.
import initWasm, { defineRemedyElement, isInstalmentError } from 'instalment-guard:order';
import { defineRemedy } from '../shell.js';

let loading = null;

/** Fetches and compiles this entry's wasm once, and gives <instalment-remedy> its code. */
export default function init() {
  loading ??= initWasm().then(() => {
    defineRemedyElement();
  });
  return loading;
}

defineRemedy(init);

export { defineRemedyElement, isInstalmentError };

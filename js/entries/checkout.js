// instalment-guard/checkout: the checkout page's own entry, with only what that page shows.
// Importing it registers <instalment-guard>, which fetches this entry's wasm when API.md
// "Entries" says; `CheckoutGuard` works once `await init()` has resolved.
import initWasm, { CheckoutGuard, defineElement, isInstalmentError } from 'instalment-guard:checkout';
import { defineGuard } from '../shell.js';

let loading = null;

/** Fetches and compiles this entry's wasm once, and gives <instalment-guard> its code. */
export default function init() {
  loading ??= initWasm().then(() => {
    defineElement();
  });
  return loading;
}

defineGuard(init);

export { CheckoutGuard, defineElement, isInstalmentError };

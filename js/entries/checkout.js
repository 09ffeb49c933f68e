// instalment-guard/checkout: the checkout page's own entry, with only what that page shows.
// Importing it registers <instalment-guard>, which fetches this entry's wasm when API.md
// "Entries" says, with the catalogue of the one language it shows; `CheckoutGuard` works once
// `await init()` has resolved (in the page's language; `loadLocale()` brings another).
import initWasm, { CheckoutGuard, defineElement, isInstalmentError, setCatalogue } from 'instalment-guard:checkout';
import { defineGuard, wantedLocales } from '../shell.js';
import { entryTexts } from '../catalogue.js';
import * as files from 'instalment-guard:catalogues:checkout';

const TAG = 'instalment-guard';
let wasm = null;
let loading = null;
const texts = entryTexts(files, () => (wasm ??= initWasm()), setCatalogue);

/**
 * Fetches and compiles this entry's wasm once, with the texts of each language its elements
 * show, and gives <instalment-guard> its code.
 */
export default function init() {
  loading ??= texts.start(wantedLocales(TAG)).then(() => {
    defineElement();
  });
  return loading;
}

/** Brings the texts of one more locale ("zh-CN", "zh-TW", "en" or a tag of their languages). */
export const loadLocale = (tag) => texts.loadLocale(tag);

defineGuard(init, texts.need);

export { CheckoutGuard, defineElement, isInstalmentError };

// instalment-guard/order: the order-complete page's own entry. Importing it registers
// <instalment-remedy>, which fetches this entry's wasm when API.md "Entries" says, with the
// catalogue of the one language it shows.
import initWasm, { defineRemedyElement, isInstalmentError, setCatalogue } from 'instalment-guard:order';
import { defineRemedy, wantedLocales } from '../shell.js';
import { entryTexts } from '../catalogue.js';
import * as files from 'instalment-guard:catalogues:order';

const TAG = 'instalment-remedy';
let wasm = null;
let loading = null;
const texts = entryTexts(files, () => (wasm ??= initWasm()), setCatalogue);

/**
 * Fetches and compiles this entry's wasm once, with the texts of each language its elements
 * show, and gives <instalment-remedy> its code.
 */
export default function init() {
  loading ??= texts.start(wantedLocales(TAG)).then(() => {
    defineRemedyElement();
  });
  return loading;
}

/** Brings the texts of one more locale ("zh-CN", "zh-TW", "en" or a tag of their languages). */
export const loadLocale = (tag) => texts.loadLocale(tag);

defineRemedy(init, texts.need);

export { defineRemedyElement, isInstalmentError };

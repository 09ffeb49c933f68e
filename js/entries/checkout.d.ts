// instalment-guard/checkout: CheckoutGuard and <instalment-guard>, with the checkout page's own
// wasm. Importing it registers the element; CheckoutGuard works once init() has resolved.
export { CheckoutGuard, defineElement, isInstalmentError } from './instalment_guard.js';
export type * from './instalment_guard.js';

/** Fetches and compiles this entry's wasm (once) and gives <instalment-guard> its code. */
export default function init(): Promise<void>;

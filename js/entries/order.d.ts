// instalment-guard/order: <instalment-remedy>, with the order-complete page's own wasm.
// Importing it registers the element.
export { isInstalmentError } from './instalment_guard.js';
export type * from './instalment_guard.js';

/** Registers <instalment-remedy> and gives it this entry's code; false when it already had it. */
export function defineRemedyElement(): boolean;

/** Fetches and compiles this entry's wasm (once) and gives <instalment-remedy> its code. */
export default function init(): Promise<void>;

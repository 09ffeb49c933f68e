// instalment-guard/checkout: CheckoutGuard and <instalment-guard>, with the checkout page's own
// wasm. Importing it registers the element; CheckoutGuard works once init() has resolved.
export { CheckoutGuard, defineElement, isInstalmentError } from './instalment_guard.js';
export type * from './instalment_guard.js';

/** Fetches and compiles this entry's wasm (once) and gives <instalment-guard> its code. */
export default function init(): Promise<void>;

/**
 * Fetches the texts of one more language for this entry (each language's catalogue is its own
 * file). Elements fetch their own; call it before building a CheckoutGuard, or drawing, in a
 * language no element on the page shows. Rejects with an InstalmentError at `locale` for a tag
 * of a language the widget does not speak.
 */
export function loadLocale(tag: 'zh-CN' | 'zh-TW' | 'en' | (string & {})): Promise<void>;

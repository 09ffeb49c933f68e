// The package in Node (the `node` export condition): the pure functions, synchronous from the
// start; init() resolves at once; CheckoutGuard throws an InstalmentError (no document to guard).
export * from './instalment_guard.js';

/** Nothing to fetch or compile in Node. */
export default function init(): Promise<void>;

/** Throws an InstalmentError (INVALID_STATE at `form`): Node has no page to guard. */
export class CheckoutGuard {
  constructor(form: unknown, config: import('./instalment_guard.js').GuardConfig);
}

/** Does nothing in Node (server-side rendering): the elements need a browser page. */
export function defineElement(): boolean;

// Importing "instalment-guard/element" (pkg/web/element.js) registers <instalment-guard> and
// <instalment-remedy>; each fetches its own code when the page holds it. It exports nothing.
import type {} from './instalment_guard.js';
export {};

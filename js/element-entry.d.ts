// Importing "instalment-guard/element" registers <instalment-guard>; everything else is re-exported.
export * from './instalment_guard.js';

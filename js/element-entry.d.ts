// Importing "instalment-guard/element" registers <instalment-guard> and <instalment-remedy>;
// everything else is re-exported.
export * from './instalment_guard.js';

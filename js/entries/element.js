// pkg/web/element.js, the one-line embed:
//   <script type="module" src="…/instalment-guard/pkg/web/element.js"></script>
// Registers <instalment-guard> and <instalment-remedy> at once, and fetches an element's code (its
// wasm and glue) only when the page holds that element, after the page has loaded or at the
// shopper's first touch of its form (js/shell.js says when). Nothing else is exported.
import { defineGuard, defineRemedy } from '../shell.js';

defineGuard(() => import('./checkout.js').then((m) => m.default()));
defineRemedy(() => import('./order.js').then((m) => m.default()));

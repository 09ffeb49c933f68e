// instalment-guard/element: importing this registers <instalment-guard> and <instalment-remedy>.
// One line in a page:
//   <script type="module" src="…/instalment-guard/pkg/web/element.js"></script>
import init, { defineElement } from './instalment_guard.js';

await init();
defineElement();

export * from './instalment_guard.js';

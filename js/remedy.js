// The order-complete page's help after paying, as <instalment-remedy> draws it. Rust
// (src/dom/remedy.rs) reads the attributes and answers with a view model, JSON of
//   { lang, summary, missed: string | null, caption, headers: string[5], recommended: string | null,
//     typical, rows: { kind, name, rate, cost, lose, time, available, how, steps: string[] }[] }
// or "" when there is nothing to offer (the shopper was asked, or nothing was missed). The element
// itself, with its attributes and `ready`, is in js/shell.js.
import { h, provideRemedy } from './shell.js';

let sheet = null;

function remedyLayout(m) {
  // Each cell carries its column's header, which a phone shows beside it (src/dom/remedy.css
  // stacks the rows there); the roles keep it a table for assistive technology when it does.
  const cell = (text, i, num) => h('td', null, { role: 'cell', 'data-label': m.headers[i], ...(num ? { class: 'num' } : null) }, text);
  const table = h('table', 'ways', { role: 'table' },
    h('caption', null, null, m.caption),
    h('thead', null, { role: 'rowgroup' }, h('tr', null, { role: 'row' }, ...m.headers.map((x) => h('th', null, { scope: 'col', role: 'columnheader' }, x)))),
    h('tbody', null, { role: 'rowgroup' }, ...m.rows.map((r) => h('tr', r.available ? 'way' : 'way unavailable-way', { 'data-kind': r.kind, role: 'row' },
      h('th', null, { scope: 'row', role: 'rowheader' }, r.name),
      // The annualised rate before the fee, in the same type: never less prominent.
      cell(r.rate, 1, true), cell(r.cost, 2, true), cell(r.lose, 3), cell(r.time, 4)))));
  const steps = m.rows.filter((r) => r.available && r.steps.length).map((r) => h('section', 'steps', { 'data-kind': r.kind },
    h('h3', null, null, r.how),
    h('ol', null, null, ...r.steps.map((s) => h('li', null, null, s)))));
  return h('details', 'remedy', { lang: m.lang },
    h('summary', 'remedy-summary', null, m.summary),
    m.missed && h('p', 'missed', null, m.missed),
    h('div', null, { class: 'scroll' }, table),
    m.recommended && h('p', 'recommended', null, m.recommended),
    ...steps,
    h('p', 'typical', null, m.typical));
}

/**
 * Gives <instalment-remedy> its code: `render(texts, pageLang)` returns the view model's JSON,
 * "" or throws; `css` is its stylesheet. False when it already had code.
 */
export function defineInstalmentRemedy(css, render) {
  return provideRemedy((root, texts) => {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    root.adoptedStyleSheets = [sheet];
    const model = render(texts, document.documentElement.lang || '');
    root.replaceChildren(...(model ? [remedyLayout(JSON.parse(model))] : []));
  });
}

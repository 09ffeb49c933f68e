//! The DOM layer: the checkout guard, its reminder dialog, the `<instalment-guard>` element and
//! the order-complete page's `<instalment-remedy>`.
//! The decisions are here; the DOM work they ask for is done by `js/dom.js`.

pub mod dialog;
pub mod element;
pub mod guard;
mod lang;
pub mod remedy;

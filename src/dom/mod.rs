//! The DOM layer: the checkout guard, its reminder dialog and the `<instalment-guard>` element.
//! The decisions are here; the DOM work they ask for is done by `js/dom.js`.

pub mod dialog;
pub mod element;
pub mod guard;

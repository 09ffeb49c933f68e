//! The DOM layer: the checkout guard, its reminder dialog and the `<instalment-guard>` element.

pub mod dialog;
pub mod element;
pub mod form;
pub mod guard;
pub mod listener;
mod single;

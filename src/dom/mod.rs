//! The DOM layer: the checkout guard, its reminder dialog, the `<instalment-guard>` element and
//! the order-complete page's `<instalment-remedy>`.
//! The decisions are here; the DOM work they ask for is done by `js/dom.js`.

//!
//! Each element is its own feature, so that a page's entry holds only its own: `checkout` (the
//! guard, its dialog, `<instalment-guard>`) and `order` (`<instalment-remedy>`). What both read
//! attributes with is in `attrs`.

pub mod attrs;
#[cfg(feature = "checkout")]
pub mod dialog;
#[cfg(feature = "checkout")]
pub mod element;
#[cfg(feature = "checkout")]
pub mod guard;
mod lang;
#[cfg(feature = "order")]
pub mod remedy;

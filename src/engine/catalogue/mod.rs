//! Every text a shopper reads, from one catalogue per locale in `locales/` (build.rs turns them
//! into [`Locale`], [`Key`] and the `keys` constants; docs/architecture.md gives the recipe for a
//! new locale).
//!
//! The full API and the Node build hold every locale's texts, so their functions stay
//! synchronous. The per-page builds hold none: each element fetches the one catalogue it shows
//! (js/catalogue.js) and hands it over with [`install`] before it draws.

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

#[cfg(all(test, not(target_arch = "wasm32")))]
mod check;

/// Whether this build holds every locale's texts: the full API (feature `api`) and any native
/// build do; the per-page wasm builds fetch theirs.
const BUILT_IN_TEXTS: bool = cfg!(any(feature = "api", not(target_arch = "wasm32")));

/// The text of `key` in `locale`.
///
/// A per-page build that has not been given `locale`'s catalogue uses one it has (an element
/// checks [`has`] first, so this is only a safety net), else the empty string.
pub fn text(locale: Locale, key: Key) -> &'static str {
    if BUILT_IN_TEXTS {
        return BUILT_IN[locale as usize][key.0 as usize];
    }
    let found = loaded::get(locale)
        .or_else(|| Locale::ALL.into_iter().find_map(loaded::get))
        .and_then(|texts| texts.get(key.0 as usize).copied())
        .unwrap_or("");
    if found.is_empty() {
        // No catalogue text is empty (build.rs checks): this key is not in the page's list.
        loaded::missed(key);
    }
    found
}

/// The first key a per-page build was asked for but did not have since the last call, if any:
/// scripts/entries.mjs ships each page only the groups of keys that page's code reads, and the
/// elements say on the console when that list fell short.
pub fn take_missed() -> Option<Key> {
    if BUILT_IN_TEXTS {
        return None;
    }
    loaded::take_missed()
}

/// Whether `locale`'s texts are here: always in a build that holds them all.
pub fn has(locale: Locale) -> bool {
    BUILT_IN_TEXTS || loaded::get(locale).is_some()
}

/// Takes `locale`'s catalogue: its texts in the keys' sorted order, as scripts/entries.mjs
/// ships them. Refused unless there is exactly one text per key. A locale already here keeps
/// the texts it has.
pub fn install(
    locale: Locale,
    texts: alloc::vec::Vec<alloc::string::String>,
) -> Result<(), super::error::Error> {
    use super::error::{Code, Error};
    if texts.len() != KEY_COUNT {
        return Err(Error::new(
            Code::InvalidArgument,
            "catalogue",
            &[
                "must hold one text per key of this build: the catalogue file does not belong \
                 to this build of instalment-guard (serve the files of one build together)",
            ],
        ));
    }
    if !has(locale) {
        loaded::set(locale, texts);
    }
    Ok(())
}

/// The catalogues a per-page build was given. Wasm without threads runs one thread, so the cell
/// is never touched from two places at once; each catalogue is kept for the page's lifetime.
mod loaded {
    use super::Locale;
    use alloc::boxed::Box;
    use alloc::string::String;
    use alloc::vec::Vec;
    use core::cell::UnsafeCell;

    type Texts = &'static [&'static str];

    struct Store(UnsafeCell<[Option<Texts>; Locale::ALL.len()]>);
    // SAFETY: the per-page builds are single-threaded wasm; native builds never call `set`
    // (they hold every text), and `get` only reads.
    unsafe impl Sync for Store {}

    static STORE: Store = Store(UnsafeCell::new([None; Locale::ALL.len()]));

    struct Missed(UnsafeCell<Option<super::Key>>);
    // SAFETY: as for `Store`.
    unsafe impl Sync for Missed {}

    static MISSED: Missed = Missed(UnsafeCell::new(None));

    pub(super) fn missed(key: super::Key) {
        // SAFETY: see `Store`; no reference into the cell outlives this call.
        unsafe { (*MISSED.0.get()).get_or_insert(key) };
    }

    pub(super) fn take_missed() -> Option<super::Key> {
        // SAFETY: see `Store`.
        unsafe { (*MISSED.0.get()).take() }
    }

    pub(super) fn get(locale: Locale) -> Option<Texts> {
        // SAFETY: see `Store`; no reference into the cell outlives this call.
        unsafe { (*STORE.0.get())[locale as usize] }
    }

    pub(super) fn set(locale: Locale, texts: Vec<String>) {
        let texts: Vec<&'static str> = texts
            .into_iter()
            .map(|t| &*Box::leak(t.into_boxed_str()))
            .collect();
        let texts: Texts = Box::leak(texts.into_boxed_slice());
        // SAFETY: see `Store`; no reference into the cell is held across this write.
        unsafe { (*STORE.0.get())[locale as usize] = Some(texts) }
    }
}

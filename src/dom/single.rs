//! Page-wide state for the DOM layer, which exists only in wasm.

/// A static for a wasm instance, which runs on one thread.
pub struct Single<T>(pub T);

// SAFETY: the DOM layer is compiled only for wasm32, and the package is built without the atomics
// feature, so the instance and everything in it is only ever touched by the one thread it runs on.
unsafe impl<T> Sync for Single<T> {}

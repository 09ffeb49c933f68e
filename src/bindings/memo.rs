//! The last plans and configuration read, kept with their tape (see `encode` in js/codec.js). A
//! page asks about the same plans at every cart change; when the tape is identical, so is
//! everything read from it, errors included, and the checks need not run again.

use super::convert::{read, tape};
use crate::engine::{Result, Value};
use alloc::rc::Rc;
use alloc::vec::Vec;
use core::cell::RefCell;
use wasm_bindgen::JsValue;

/// One remembered argument.
pub struct Memo<T>(RefCell<Option<(Vec<f64>, Rc<T>)>>);

// SAFETY: memos are only touched by the exported functions, which run inside a wasm instance
// (they call into JS); the package is built for wasm32 without the atomics feature, so that
// instance, its statics included, is only ever used from the one thread it runs on.
unsafe impl<T> Sync for Memo<T> {}

impl<T> Default for Memo<T> {
    fn default() -> Memo<T> {
        Memo::new()
    }
}

impl<T> Memo<T> {
    /// An empty memo, for a static.
    pub const fn new() -> Memo<T> {
        Memo(RefCell::new(None))
    }

    /// What `build` makes of `js`, from the memo when `js` has the same tape as last time.
    pub fn read(
        &self,
        js: &JsValue,
        field: &str,
        build: impl FnOnce(&Value) -> Result<T>,
    ) -> Result<Rc<T>> {
        let tape = tape(js);
        if let (Some(t), Ok(memo)) = (&tape, self.0.try_borrow()) {
            if let Some((_, value)) = memo.as_ref().filter(|(known, _)| same(known, t)) {
                return Ok(Rc::clone(value));
            }
        }
        let built = Rc::new(build(&read(tape.as_deref(), field)?)?);
        if let (Some(t), Ok(mut memo)) = (tape, self.0.try_borrow_mut()) {
            *memo = Some((t, Rc::clone(&built)));
        }
        Ok(built)
    }
}

/// Tapes that hold the same bits: -0 is not 0 here, and NaN is itself, so what is read from them
/// is the same too.
fn same(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

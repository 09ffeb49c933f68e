//! An event listener owned by a value: added when made, removed when dropped, so nothing leaks.
//!
//! Its callback is `Fn`, not `FnMut`: the guard's own submit listener runs again, re-entrantly,
//! when the dialog's choice calls `requestSubmit()`, and wasm-bindgen refuses to re-enter a
//! `FnMut` closure.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventTarget};

/// A listener for one event type on one target.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    capture: bool,
    callback: Closure<dyn Fn(Event)>,
}

impl Listener {
    /// Starts listening; `capture` runs it in the capture phase.
    pub fn new(
        target: &EventTarget,
        kind: &'static str,
        capture: bool,
        f: impl Fn(&Event) + 'static,
    ) -> Result<Listener, JsValue> {
        let callback = Closure::<dyn Fn(Event)>::new(move |e: Event| f(&e));
        target.add_event_listener_with_callback_and_bool(
            kind,
            callback.as_ref().unchecked_ref(),
            capture,
        )?;
        Ok(Listener {
            target: target.clone(),
            kind,
            capture,
            callback,
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let f = self.callback.as_ref().unchecked_ref();
        let _ =
            self.target
                .remove_event_listener_with_callback_and_bool(self.kind, f, self.capture);
    }
}

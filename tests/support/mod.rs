//! What the browser test files share: checks that fail a test without trapping, reading JS
//! objects, calling through a real JS `throw`, and a page fixture that cleans up after itself.
//!
//! A failed check returns `Err` from the test instead of panicking: a panic in wasm32 traps
//! without unwinding, so no `Drop` would run and a guard, a dialog or a broken prototype would
//! leak into the next test. Returning lets every fixture's `Drop` do its work.
#![allow(dead_code)] // each test file uses its own part of this

use std::cell::RefCell;
use std::rc::Rc;

use instalment_guard::CheckoutGuard;
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlElement, HtmlFormElement};

/// Fails the test with the condition's text, or a message, unless `cond` holds.
#[macro_export]
macro_rules! check {
    ($cond:expr $(,)?) => {
        if !$cond {
            return Err($crate::support::failure(
                file!(),
                line!(),
                &format!("check failed: {}", stringify!($cond)),
            ));
        }
    };
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err($crate::support::failure(file!(), line!(), &format!($($msg)+)));
        }
    };
}

/// Fails the test unless both sides are equal, showing both.
#[macro_export]
macro_rules! check_eq {
    ($left:expr, $right:expr $(,)?) => {
        $crate::check_eq!($left, $right, "")
    };
    // A match, as in assert_eq!, keeps temporaries on either side alive for the comparison.
    ($left:expr, $right:expr, $($msg:tt)+) => {
        match (&$left, &$right) {
            (left, right) => {
                if left != right {
                    return Err($crate::support::failure(
                        file!(),
                        line!(),
                        &format!(
                            "{} == {} {}\n   left: {:?}\n  right: {:?}",
                            stringify!($left),
                            stringify!($right),
                            format!($($msg)+),
                            left,
                            right
                        ),
                    ));
                }
            }
        }
    };
}

pub fn failure(file: &str, line: u32, message: &str) -> JsValue {
    JsValue::from_str(&format!("{file}:{line}: {message}"))
}

/// A test's outcome: `Err` carries what went wrong.
pub type Outcome = Result<(), JsValue>;

#[wasm_bindgen(module = "/tests/support/web.js")]
extern "C" {
    fn attempt(f: &Function) -> JsValue;
    #[wasm_bindgen(js_name = typeOf)]
    pub fn type_of(v: &JsValue) -> String;
    fn sleep(ms: u32) -> js_sys::Promise;
    fn mount(html: &str) -> HtmlElement;
    fn sweep();
    #[wasm_bindgen(js_name = sweepHosts)]
    fn sweep_hosts();
    fn record(scope: &JsValue, form: &HtmlFormElement, field: &str) -> Array;
    #[wasm_bindgen(js_name = mountShadow)]
    fn mount_shadow(host: &HtmlElement, html: &str) -> JsValue;
    fn query(scope: &JsValue, selector: &str) -> Option<web_sys::Element>;
    #[wasm_bindgen(js_name = queryAll)]
    pub fn query_all(scope: &JsValue, selector: &str) -> Array;
    #[wasm_bindgen(js_name = isDefined)]
    pub fn is_defined(name: &str) -> bool;
    pub fn hosts() -> Array;
    #[wasm_bindgen(js_name = dialogOf)]
    pub fn dialog_of(host: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = openDialogs)]
    pub fn open_dialogs() -> Array;
    #[wasm_bindgen(js_name = clickIn)]
    pub fn click_in(dialog: &JsValue, selector: &str) -> bool;
    #[wasm_bindgen(js_name = focusOn)]
    pub fn focus_on(dialog: &JsValue, selector: &str) -> bool;
    #[wasm_bindgen(js_name = textOf)]
    pub fn text_of(node: &JsValue) -> String;
    #[wasm_bindgen(js_name = canRequestClose)]
    pub fn can_request_close(dialog: &JsValue) -> bool;
    #[wasm_bindgen(js_name = activeElement)]
    pub fn active_element() -> JsValue;
    pub fn count(node: &JsValue, selector: &str) -> u32;
    #[wasm_bindgen(js_name = cancelReminders)]
    pub fn cancel_reminders(form: &HtmlFormElement);
    #[wasm_bindgen(js_name = once)]
    fn once_js(target: &JsValue, kind: &str, f: &Function);
    #[wasm_bindgen(js_name = breakShowModal)]
    fn break_show_modal_js() -> Function;
    #[wasm_bindgen(js_name = breakLayout)]
    fn break_layout_js() -> Function;
    #[wasm_bindgen(js_name = breakStorage)]
    fn break_storage_js() -> Function;
    #[wasm_bindgen(js_name = setPageLang)]
    fn set_page_lang_js(lang: &str) -> Function;
    #[wasm_bindgen(js_name = focusIn)]
    pub fn focus_in(dialog: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = cyclicPlan)]
    pub fn cyclic_plan() -> JsValue;
    #[wasm_bindgen(js_name = aFunction)]
    pub fn a_function() -> JsValue;
}

// ---- reading JS values -------------------------------------------------------------------------

/// Parses JSON written in a test; a typo there is the test's own bug, so it may stop the run.
pub fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect_throw("test JSON must be valid")
}

/// JSON text of `v`, for messages and for comparing whole results.
pub fn json(v: &JsValue) -> String {
    js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| format!("{v:?}"))
}

/// `v.a.b[2].c` for a path `"a.b.2.c"`; undefined where the path leads nowhere.
pub fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.')
        .filter(|k| !k.is_empty())
        .fold(v.clone(), |at, key| {
            if at.is_undefined() || at.is_null() {
                return JsValue::UNDEFINED;
            }
            Reflect::get(&at, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
        })
}

pub fn num(v: &JsValue, path: &str) -> Option<f64> {
    get(v, path).as_f64()
}

pub fn text(v: &JsValue, path: &str) -> Option<String> {
    get(v, path).as_string()
}

pub fn array(v: &JsValue, path: &str) -> Array {
    get(v, path).dyn_into::<Array>().unwrap_or_default()
}

pub fn strings(v: &JsValue, path: &str) -> Vec<String> {
    array(v, path)
        .iter()
        .map(|s| s.as_string().unwrap_or_else(|| json(&s)))
        .collect()
}

/// `estimates[].planId` of a Comparison or a Verdict, in order.
pub fn plan_ids(v: &JsValue) -> Vec<String> {
    array(v, "estimates")
        .iter()
        .map(|e| text(&e, "planId").unwrap_or_default())
        .collect()
}

/// The estimate for `plan` in a Comparison or a Verdict.
pub fn estimate_of(v: &JsValue, plan: &str) -> JsValue {
    array(v, "estimates")
        .iter()
        .find(|e| text(e, "planId").as_deref() == Some(plan))
        .unwrap_or(JsValue::UNDEFINED)
}

// ---- calling through JS ------------------------------------------------------------------------

/// Calls `f` from JS, so an `Err` comes back as the value a real `throw` carried, exactly as a
/// storefront's `try`/`catch` would see it.
pub fn from_js(f: impl FnMut() -> Result<JsValue, JsValue> + 'static) -> Result<JsValue, JsValue> {
    let f = Closure::<dyn FnMut() -> Result<JsValue, JsValue>>::new(f);
    let out = attempt(f.as_ref().unchecked_ref());
    if get(&out, "ok").as_bool() == Some(true) {
        Ok(get(&out, "value"))
    } else {
        Err(get(&out, "value"))
    }
}

/// Checks that `result` failed with an `InstalmentError` (a real `Error`, named so) with `code`
/// and `field`, and a message to read.
pub fn check_error(result: &Result<JsValue, JsValue>, code: &str, field: &str) -> Outcome {
    let e = match result {
        Ok(v) => {
            return Err(JsValue::from_str(&format!(
                "expected {code} at {field}, but it returned {}",
                json(v)
            )))
        }
        Err(e) => e,
    };
    let seen = format!(
        "name {:?}, code {:?}, field {:?}, message {:?}",
        text(e, "name"),
        text(e, "code"),
        text(e, "field"),
        text(e, "message")
    );
    let message = text(e, "message").unwrap_or_default();
    let ok = e.is_instance_of::<js_sys::Error>()
        && text(e, "name").as_deref() == Some("InstalmentError")
        && text(e, "code").as_deref() == Some(code)
        && text(e, "field").as_deref() == Some(field)
        && !message.is_empty()
        && instalment_guard::is_instalment_error(e);
    if ok {
        Ok(())
    } else {
        Err(JsValue::from_str(&format!(
            "expected an InstalmentError {code} at {field} (instanceof Error: {}), got {seen}",
            e.is_instance_of::<js_sys::Error>()
        )))
    }
}

/// Runs `f` on the first `kind` event at `target`: page code reacting to the guard.
pub fn on_first(target: &JsValue, kind: &str, f: impl FnOnce() + 'static) {
    let f = Closure::once_into_js(f);
    once_js(target, kind, f.unchecked_ref());
}

// ---- time ----------------------------------------------------------------------------------------

pub async fn wait(ms: u32) {
    let _ = JsFuture::from(sleep(ms)).await;
}

/// Waits until `done()` holds, polling; the dialog's `close` event and observer callbacks arrive
/// in later tasks, so a fixed delay would be either slow or flaky.
pub async fn until(what: &str, mut done: impl FnMut() -> bool) -> Outcome {
    for _ in 0..300 {
        if done() {
            return Ok(());
        }
        wait(10).await;
    }
    Err(JsValue::from_str(&format!(
        "timed out after 3 s waiting for {what}"
    )))
}

/// Long enough for anything the guard would do in later tasks to have happened.
pub async fn settle() {
    wait(60).await;
}

// ---- broken platform APIs ------------------------------------------------------------------------

/// Undoes a change to the page (a broken platform API, <html lang>) when dropped, whether the
/// test passed or not.
pub struct Undo(Function);

impl Drop for Undo {
    fn drop(&mut self) {
        let _ = self.0.call0(&JsValue::NULL);
    }
}

pub fn break_show_modal() -> Undo {
    Undo(break_show_modal_js())
}

pub fn break_layout() -> Undo {
    Undo(break_layout_js())
}

pub fn break_storage() -> Undo {
    Undo(break_storage_js())
}

/// Sets `<html lang>` until dropped.
pub fn page_lang(lang: &str) -> Undo {
    Undo(set_page_lang_js(lang))
}

// ---- the page ------------------------------------------------------------------------------------

thread_local! {
    // Every guard a test made, so that the next test can destroy those a trapped test left alive.
    static LIVE: RefCell<Vec<Rc<CheckoutGuard>>> = const { RefCell::new(Vec::new()) };
    // Storage keys a test may have set, for the same reason.
    static KEYS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// The "don't remind me again" key of a shop, as API users and the shopper's browser see it.
pub fn opt_out_key(shop: &str) -> String {
    format!("instalment-guard:dont-remind:{shop}")
}

pub fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect_throw("the test browsers allow localStorage")
}

/// One checkout form in its own container, with a record of what happened to it. Dropping it
/// destroys its guards, removes its nodes and forgets its storage keys.
pub struct Page {
    /// The container on the page, removed at the end.
    pub root: HtmlElement,
    /// Where the form lives: the container, or a shadow root inside it.
    pub scope: JsValue,
    pub form: HtmlFormElement,
    pub log: Array,
    guards: Vec<Rc<CheckoutGuard>>,
}

/// The guard's usual field name.
pub const FIELD: &str = "instalment_plan";

impl Page {
    /// A test's first page, made of `html`, which must hold one `<form>`. Its forms use
    /// `method="dialog"`: a submit that escaped every listener would then do nothing instead of
    /// leaving the test page. Whatever an earlier, trapped test left behind goes first.
    pub fn new(html: &str) -> Result<Page, JsValue> {
        clean_up_after_a_trap();
        Page::another(html)
    }

    /// A further page in the same test, next to the first.
    pub fn another(html: &str) -> Result<Page, JsValue> {
        Page::with_field(html, FIELD)
    }

    /// A further page whose plan field has another name.
    pub fn with_field(html: &str, field: &str) -> Result<Page, JsValue> {
        let root = mount(html);
        Page::in_scope(root.clone(), root.into(), field)
    }

    /// A test's first page, with `html` inside a shadow root.
    pub fn in_shadow_root(html: &str) -> Result<Page, JsValue> {
        clean_up_after_a_trap();
        let root = mount("");
        let scope = mount_shadow(&root, html);
        Page::in_scope(root, scope, FIELD)
    }

    fn in_scope(root: HtmlElement, scope: JsValue, field: &str) -> Result<Page, JsValue> {
        let form: HtmlFormElement = query(&scope, "form")
            .ok_or("the page has no form")?
            .dyn_into()?;
        let log = record(&scope, &form, field);
        Ok(Page {
            root,
            scope,
            form,
            log,
            guards: Vec::new(),
        })
    }

    /// Guards this page's form with `config` (JSON).
    pub fn guard(&mut self, config: &str) -> Result<Rc<CheckoutGuard>, JsValue> {
        let guard = Rc::new(CheckoutGuard::new(self.form.clone().into(), js(config))?);
        self.keep(Rc::clone(&guard));
        Ok(guard)
    }

    /// Makes sure `guard` is destroyed with the page.
    pub fn keep(&mut self, guard: Rc<CheckoutGuard>) {
        LIVE.with(|l| l.borrow_mut().push(Rc::clone(&guard)));
        self.guards.push(guard);
    }

    /// Remembers a storage key to remove when the test ends.
    pub fn forget_key_later(&self, key: &str) {
        KEYS.with(|k| k.borrow_mut().push(key.to_string()));
    }

    pub fn el(&self, selector: &str) -> Result<HtmlElement, JsValue> {
        Ok(query(&self.scope, selector)
            .ok_or_else(|| JsValue::from_str(&format!("no {selector} on the page")))?
            .dyn_into()?)
    }

    /// The types of what happened, in order: `remind`, `input`, `change`, `choose`, `submit`…
    pub fn events(&self) -> Vec<String> {
        self.log
            .iter()
            .map(|e| text(&e, "type").unwrap_or_default())
            .collect()
    }

    /// The record of the first event of `kind`, or undefined.
    pub fn event(&self, kind: &str) -> JsValue {
        self.log
            .iter()
            .find(|e| text(e, "type").as_deref() == Some(kind))
            .unwrap_or(JsValue::UNDEFINED)
    }

    pub fn count(&self, kind: &str) -> usize {
        self.events().iter().filter(|t| *t == kind).count()
    }

    /// The submits that reached the page's own listener.
    pub fn submits(&self) -> Vec<JsValue> {
        self.log
            .iter()
            .filter(|e| text(e, "type").as_deref() == Some("submit"))
            .collect()
    }

    pub fn clear_log(&self) {
        self.log.set_length(0);
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        for guard in self.guards.drain(..) {
            guard.destroy();
            LIVE.with(|l| l.borrow_mut().retain(|g| !Rc::ptr_eq(g, &guard)));
        }
        self.root.remove();
        forget_keys();
        // A dialog a destroyed guard failed to take with it (a bug a test has just reported)
        // is modal, and would sit over every later test.
        if LIVE.with(|l| l.borrow().is_empty()) {
            sweep_hosts();
        }
    }
}

fn forget_keys() {
    let storage = local_storage();
    for key in KEYS.with(|k| k.take()) {
        let _ = storage.remove_item(&key);
    }
}

/// What a test that trapped half-way left behind: its guards, nodes, hosts and storage keys.
fn clean_up_after_a_trap() {
    for guard in LIVE.with(|l| l.take()) {
        guard.destroy();
    }
    sweep();
    forget_keys();
}

/// A form with the plan as radios; `amount` goes in `data-amount-minor` when given.
pub fn radio_form(amount: Option<u64>) -> String {
    format!(
        r#"<form method="dialog"{}>
             <fieldset>
               <label><input type="radio" name="instalment_plan" value="" checked> Pay in full</label>
               <label><input type="radio" name="instalment_plan" value="huabei-3"> 3</label>
               <label><input type="radio" name="instalment_plan" value="huabei-6"> 6</label>
               <label><input type="radio" name="instalment_plan" value="huabei-12"> 12</label>
             </fieldset>
             <input type="text" name="note" id="note">
             <button id="pay">Pay</button>
           </form>"#,
        amount_attribute(amount)
    )
}

/// A form with the plan as a `<select>`.
pub fn select_form(amount: Option<u64>) -> String {
    format!(
        r#"<form method="dialog"{}>
             <select name="instalment_plan">
               <option value="none" selected>Pay in full</option>
               <option value="huabei-3">3</option>
               <option value="huabei-6">6</option>
               <option value="huabei-12">12</option>
             </select>
             <button id="pay" name="action" value="pay">Pay</button>
           </form>"#,
        amount_attribute(amount)
    )
}

fn amount_attribute(amount: Option<u64>) -> String {
    amount.map_or(String::new(), |a| format!(r#" data-amount-minor="{a}""#))
}

/// Huabei's three plans, in English so the dialog's figures read as "CN¥99.53".
pub const HUABEI_EN: &str = r#"{"currency": "CNY", "preset": "huabei", "locale": "en"}"#;

/// The open reminder dialog, when exactly one is open.
pub fn the_open_dialog() -> Result<JsValue, JsValue> {
    let open = open_dialogs();
    if open.length() == 1 {
        Ok(open.get(0))
    } else {
        Err(JsValue::from_str(&format!(
            "expected one open reminder dialog, found {}",
            open.length()
        )))
    }
}

/// Makes an `Object` from pairs, for arguments that JSON cannot carry (functions, symbols).
pub fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

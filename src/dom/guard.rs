//! `CheckoutGuard`: watches one checkout form, and when the shopper submits without a plan they
//! would likely want, stops that one submit and opens the reminder.
//!
//! Every decision about the checkout is made here; `js/dom.js` performs the DOM work asked of it
//! (besides reading the element's attributes and letting only deliberate input reach the
//! reminder, which are its own). The guard fails open: a submit is stopped only once the reminder
//! is really on screen, and if anything throws (even a trapped wasm instance) the JS listener lets
//! the submit through. No borrow of the state is held while page code can run (events the guard
//! dispatches, `requestSubmit`), so page code may call back into the guard, even `destroy()`, at
//! any point.

use super::dialog::{Content, Dialog, Outcome, Row};
use crate::bindings::convert::{read, value, Out};
use crate::bindings::error::{new as js_error, to_js};
use crate::engine::remind::normalise_choice;
use crate::engine::value::MAX_SAFE;
use crate::engine::{
    assess, CheckoutState, Code, Error, Fee, GuardConfig, Ineligible, Locale, StateUpdate, Value,
    Verdict,
};
use alloc::rc::{Rc, Weak};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::RefCell;
use js_sys::Function;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlFormElement;

/// The attribute on the form that carries the amount, watched for changes.
pub const AMOUNT_ATTRIBUTE: &str = "data-amount-minor";

const STORAGE_PREFIX: &str = "instalment-guard:dont-remind:";

#[wasm_bindgen(module = "/js/dom.js")]
extern "C" {
    fn claim(form: &HtmlFormElement) -> bool;
    fn release(form: &HtmlFormElement);
    #[wasm_bindgen(js_name = listenSubmit)]
    fn listen_submit(form: &HtmlFormElement, decide: &Function) -> Function;
    #[derive(Clone)]
    type Watcher;
    #[wasm_bindgen(js_name = watchAttribute)]
    fn watch_attribute(el: &HtmlFormElement, name: &str, changed: &Function) -> Watcher;
    #[wasm_bindgen(method)]
    fn flush(this: &Watcher);
    #[wasm_bindgen(method)]
    fn stop(this: &Watcher);
    /// What the page holds for one decision, as one argument tape: see `snapshot` in js/dom.js.
    fn snapshot(form: &HtmlFormElement, name: &str, key: &str) -> Option<Vec<f64>>;
    #[wasm_bindgen(js_name = choosePlan)]
    fn choose_plan(form: &HtmlFormElement, name: &str, id: &str) -> bool;
    fn emit(target: &HtmlFormElement, kind: &str, detail: &JsValue, cancelable: bool) -> bool;
    /// Submits again through the page's own submit handlers; the JS listener lets that one
    /// submit past the guard without asking it.
    fn resubmit(form: &HtmlFormElement, submitter: &JsValue);
    #[wasm_bindgen(js_name = resubmitAfterChoice)]
    fn resubmit_after_choice(form: &HtmlFormElement, submitter: &JsValue);
    /// Sets the hidden field that tells the server what the guard did (creating it if missing).
    fn report(form: &HtmlFormElement, name: &str, value: &str);
    #[wasm_bindgen(js_name = focusPay)]
    fn focus_pay(form: &HtmlFormElement, submitter: &JsValue);
    #[wasm_bindgen(js_name = setOptedOut)]
    fn set_opted_out(key: &str, on: bool);
    #[wasm_bindgen(js_name = pageLang)]
    fn page_lang() -> String;
    fn warn(e: &JsValue);
    /// Says on the console that the page's amount is wrong, and shows it as the element's
    /// `error` (null: put right).
    #[wasm_bindgen(js_name = reportAmount)]
    fn report_amount(form: &HtmlFormElement, e: &JsValue);
    /// Says on the console, once per page, why a submit found the guard quiet.
    fn quiet(reasons: &str, score: f64, threshold: f64);
}

/// Watches a checkout form and reminds the shopper about instalments before they pay.
#[wasm_bindgen]
pub struct CheckoutGuard {
    state: Rc<RefCell<State>>,
}

struct State {
    form: HtmlFormElement,
    config: GuardConfig,
    locale: Locale,
    /// The last good amount the page gave.
    amount: Option<u64>,
    /// The page's amount attribute is malformed or was removed since: the amount is unknown,
    /// and an open reminder keeps showing the last good figures.
    amount_bad: bool,
    /// A choice given by `update()`, for pages whose plan picker is not a form field.
    chosen: Option<String>,
    /// `update()` has given a choice at least once: the page keeps its own picker.
    picker_told: bool,
    /// The console has been told once that the form has no plan field (see `on_submit`).
    fieldless_said: bool,
    reminders: u32,
    /// What `update()` told of the cart and the shopper (signals, commitments, income, credit);
    /// its amount, choice and count fields are unused.
    context: CheckoutState,
    /// The page gave commitments or income, so the reminder shows the repayments line.
    informed: bool,
    /// The button that made the interrupted submit (or null): it submits again, and gets focus.
    submitter: JsValue,
    dialog: Option<Rc<Dialog>>,
    hooks: Option<Hooks>,
    destroyed: bool,
}

/// What ties the guard to the page; all of it is undone by `destroy()`.
struct Hooks {
    unlisten: Function,
    watcher: Watcher,
    // Called by the JS listener and observer: they must live exactly as long as those do.
    _decide: Closure<dyn Fn(JsValue) -> bool>,
    _changed: Closure<dyn Fn(Option<String>)>,
}

#[wasm_bindgen]
impl CheckoutGuard {
    /// Starts guarding `form`. Throws an `InstalmentError` for a bad form or configuration.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "HTMLFormElement")] form: JsValue,
        #[wasm_bindgen(unchecked_param_type = "GuardConfig")] config: JsValue,
    ) -> Result<CheckoutGuard, JsValue> {
        // A proxy of a form passes instanceof but not the DOM's own checks: refused here, not
        // by a TypeError from the first DOM call on it.
        let form = form
            .dyn_into::<HtmlFormElement>()
            .ok()
            .filter(|f| f.closest("form").is_ok())
            .ok_or_else(|| {
                js_error(
                    Code::InvalidArgument,
                    "form",
                    &["must be a <form> element (an HTMLFormElement)"],
                )
            })?;
        let config = value(&config, "config").and_then(|v| GuardConfig::from_value(&v));
        CheckoutGuard::attach(form, config.map_err(|e| to_js(&e))?).map_err(|e| to_js(&e))
    }

    /// Tells the guard about the checkout: `{ amountMinor }` for a new cart total,
    /// `{ selectedPlanId }` where the page's plan picker is not a form field, and
    /// `{ remindersShown }` to carry the count over from an earlier guard on the same checkout.
    /// An open reminder shows the new figures at once.
    pub fn update(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Partial<CheckoutState>")] state: JsValue,
    ) -> Result<(), JsValue> {
        let update = value(&state, "state").and_then(|v| StateUpdate::from_value(&v));
        let update = update.map_err(|e| to_js(&e))?;
        // Attribute changes the observer has not delivered yet are older than this call.
        flush(&self.state);
        let mut fixed = false;
        {
            let mut s = self.state.try_borrow_mut().map_err(|_| busy())?;
            // A destroyed guard has nothing to update: harmless, as destroy() is.
            if s.destroyed {
                return Ok(());
            }
            if let Some(amount) = update.amount {
                s.amount = Some(amount);
                fixed = core::mem::take(&mut s.amount_bad);
            }
            if let Some(choice) = &update.selected_plan {
                s.chosen = choice.clone();
                s.picker_told = true;
            }
            if let Some(shown) = update.reminders_shown {
                s.reminders = shown;
            }
            update.apply_context(&mut s.context);
            s.informed = s.context.commitments.is_some() || s.context.income.is_some();
        }
        if fixed {
            clear_amount_error(&self.state);
        }
        refresh_open_dialog(&self.state);
        Ok(())
    }

    /// How many reminders this guard has shown in this checkout.
    #[wasm_bindgen(getter, js_name = remindersShown)]
    pub fn reminders_shown(&self) -> u32 {
        self.state.try_borrow().map_or(0, |s| s.reminders)
    }

    /// What a submit would do now: remind or not, why, and the eligible plans' costs.
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn assess(&self) -> Result<JsValue, JsValue> {
        flush(&self.state);
        let s = self.state.try_borrow().map_err(|_| busy())?;
        if s.destroyed {
            return Err(destroyed());
        }
        s.verdict()
            .map(|(v, _)| Out::default().verdict(&v))
            .map_err(|e| to_js(&e))
    }

    /// Removes every listener and node the guard added; the form is left as it was. Safe to
    /// call more than once, and from inside the guard's own events.
    pub fn destroy(&self) {
        let (hooks, dialog, form) = match self.state.try_borrow_mut() {
            Ok(mut s) if !s.destroyed => {
                s.destroyed = true;
                (s.hooks.take(), s.dialog.take(), s.form.clone())
            }
            _ => return,
        };
        if let Some(hooks) = hooks {
            let _ = hooks.unlisten.call0(&JsValue::NULL);
            hooks.watcher.stop();
        }
        // Removed even while an open or a redraw still holds the dialog: that code sees the
        // guard destroyed when it resumes, and the last reference frees the callbacks after.
        if let Some(dialog) = dialog {
            dialog.remove();
        }
        release(&form);
    }
}

/// Dropping the guard releases the form exactly as `destroy()` does. From JS this is `free()`,
/// `[Symbol.dispose]()` (and so `using`), or the collection of a guard nothing refers to any more;
/// from Rust, the end of its scope.
impl Drop for CheckoutGuard {
    fn drop(&mut self) {
        self.destroy();
    }
}

fn busy() -> JsValue {
    js_error(
        Code::InvalidState,
        "guard",
        &["is busy with an event; call it again from a later task"],
    )
}

fn destroyed() -> JsValue {
    js_error(
        Code::InvalidState,
        "guard",
        &["was destroyed; create a new CheckoutGuard"],
    )
}

impl CheckoutGuard {
    /// Starts guarding `form` with a checked configuration. Not inlined: the constructor and
    /// the element both call it, and one copy of it is enough bytes for every shopper.
    #[inline(never)]
    pub(super) fn attach(
        form: HtmlFormElement,
        config: GuardConfig,
    ) -> Result<CheckoutGuard, Error> {
        let locale = config
            .locale
            .unwrap_or_else(|| super::lang::page_locale(&page_lang()));
        super::lang::texts_here(locale)?;
        if !claim(&form) {
            return Err(Error::new(
                Code::InvalidState,
                "form",
                &["already has a guard; destroy() it before attaching another"],
            ));
        }
        let state = Rc::new(RefCell::new(State {
            form: form.clone(),
            config,
            locale,
            amount: None,
            amount_bad: false,
            chosen: None,
            reminders: 0,
            context: CheckoutState::default(),
            informed: false,
            picker_told: false,
            fieldless_said: false,
            submitter: JsValue::NULL,
            dialog: None,
            hooks: None,
            destroyed: false,
        }));
        set_amount_from_attribute(&state, form.get_attribute(AMOUNT_ATTRIBUTE), false);

        // The listener owns the state (through this closure) until destroy() detaches it, which
        // dropping the CheckoutGuard also does.
        let s = Rc::clone(&state);
        let decide =
            Closure::<dyn Fn(JsValue) -> bool>::new(move |submitter| on_submit(&s, submitter));
        let weak = Rc::downgrade(&state);
        let changed = Closure::<dyn Fn(Option<String>)>::new(move |raw| {
            if let Some(s) = weak.upgrade() {
                set_amount_from_attribute(&s, raw, true);
                refresh_open_dialog(&s);
            }
        });
        let hooks = Hooks {
            unlisten: listen_submit(&form, decide.as_ref().unchecked_ref()),
            watcher: watch_attribute(&form, AMOUNT_ATTRIBUTE, changed.as_ref().unchecked_ref()),
            _decide: decide,
            _changed: changed,
        };
        if let Ok(mut s) = state.try_borrow_mut() {
            s.hooks = Some(hooks);
        }
        Ok(CheckoutGuard { state })
    }
}

/// What the page holds for one decision, read in one call: the plan field's value (`None`
/// when the form has no such field), the values it can take (`None` when it takes any), and
/// whether the shopper asked not to be reminded.
struct PageState {
    choice: Option<String>,
    offered: Option<Vec<String>>,
    opted_out: bool,
}

impl PageState {
    /// Reads the tape `snapshot` in js/dom.js writes: `[value, options, optedOut]`. Anything
    /// else (it cannot happen unless the page broke the platform) reads as an empty form.
    fn from_tape(tape: Option<Vec<f64>>) -> PageState {
        let text = |v: &Value| match v {
            Value::String(s) => Some(s.clone()),
            _ => None,
        };
        match read(tape.as_deref(), "page") {
            Ok(Value::Array(items)) if items.len() == 3 => PageState {
                choice: text(&items[0]),
                offered: match &items[1] {
                    Value::Array(list) => Some(list.iter().filter_map(text).collect()),
                    _ => None,
                },
                opted_out: matches!(items[2], Value::Bool(true)),
            },
            _ => PageState {
                choice: None,
                offered: None,
                opted_out: false,
            },
        }
    }
}

impl State {
    /// Everything the page holds for a decision, in one crossing.
    fn page(&self) -> PageState {
        PageState::from_tape(snapshot(
            &self.form,
            &self.config.plan_field,
            &self.opt_out_key(),
        ))
    }

    /// The decision for a submit now, with the page it was made on.
    fn verdict(&self) -> Result<(Verdict, PageState), Error> {
        let page = self.page();
        let amount = match self.amount {
            Some(a) if !self.amount_bad => a,
            _ => return Ok((Verdict::amount_unknown(), page)),
        };
        let in_form = normalise_choice(page.choice.as_deref());
        let state = CheckoutState {
            amount,
            selected_plan: in_form.or_else(|| self.chosen.clone()),
            reminders_shown: self.reminders,
            dont_remind: page.opted_out,
            ..self.context.clone()
        };
        assess(&self.config, &state, page.offered.as_deref()).map(|v| (v, page))
    }

    /// Tells the server, in the form's report field, what the guard did for a submit it lets
    /// through: "reminded" once this checkout had its reminder, else "quiet:" and the verdict's
    /// reasons. The page writes the field, so the server may use it only to decide whether the
    /// order page offers help (API.md, "Entries").
    fn report(&self, verdict: &Verdict) {
        if self.config.report_field.is_empty() {
            return;
        }
        let mut value = String::from(if self.reminders > 0 {
            "reminded"
        } else {
            "quiet:"
        });
        if self.reminders == 0 {
            for (i, r) in verdict.reasons.iter().enumerate() {
                if i > 0 {
                    value.push(',');
                }
                value.push_str(r.as_str());
            }
        }
        report(&self.form, &self.config.report_field, &value);
    }

    fn opt_out_key(&self) -> String {
        STORAGE_PREFIX.to_string() + &self.config.shop_id
    }

    /// What a render needs besides the verdict, detached from the state so that no borrow is
    /// held while the dialog renders.
    fn view(&self, page: &PageState) -> View {
        let plans = self
            .config
            .plans
            .iter()
            .map(|p| {
                (
                    p.id.clone(),
                    p.name(self.locale),
                    matches!(
                        p.fee,
                        Fee::FlatTotal {
                            merchant_pays: true,
                            ..
                        }
                    ),
                )
            })
            .collect();
        let providers = self
            .config
            .plans
            .iter()
            .filter_map(|p| Some((p.id.clone(), p.provider.clone()?)))
            .collect();
        View {
            plans,
            providers,
            budget: self.config.recommend.max_per_period,
            informed: self.informed,
            amount: self.amount.unwrap_or(0),
            allow_dont_remind: self.config.remind.allow_dont_remind,
            dont_remind: page.opted_out,
        }
    }
}

/// Each plan's id, display name and whether the merchant pays its fee, with what else is shown.
struct View {
    plans: Vec<(String, String, bool)>,
    /// Each plan's id and provider.
    providers: Vec<(String, String)>,
    budget: Option<u64>,
    informed: bool,
    amount: u64,
    allow_dont_remind: bool,
    dont_remind: bool,
}

impl View {
    fn render(&self, dialog: &Dialog, verdict: &Verdict) -> Result<(), JsValue> {
        let rows: Vec<Row> = verdict
            .comparison
            .estimates
            .iter()
            .filter_map(|e| {
                let (_, label, merchant_pays) =
                    self.plans.iter().find(|(id, _, _)| *id == e.plan_id)?;
                Some(Row {
                    label: label.clone(),
                    estimate: e,
                    merchant_pays: *merchant_pays,
                })
            })
            .collect();
        // Each provider once, whichever of its plans the credit rule set aside.
        let mut unavailable: Vec<(String, Ineligible)> = Vec::new();
        for (id, why) in &verdict.ineligible {
            if !matches!(
                why,
                Ineligible::OverCreditLimit | Ineligible::ProviderUnavailable
            ) {
                continue;
            }
            let provider = self
                .providers
                .iter()
                .find(|(p, _)| p == id)
                .map(|(_, v)| v.clone());
            if let Some(provider) = provider {
                if !unavailable.iter().any(|(p, _)| *p == provider) {
                    unavailable.push((provider, *why));
                }
            }
        }
        dialog.render(&Content {
            amount: self.amount,
            rows: &rows,
            allow_dont_remind: self.allow_dont_remind,
            dont_remind: self.dont_remind,
            recommendation: verdict.recommendation.as_ref().map(|r| (r, self.budget)),
            affordability: verdict.affordability.as_ref().filter(|_| self.informed),
            unavailable: &unavailable,
        })
    }
}

/// Reads the amount attribute: `None` when absent, an error when it is not a whole number of
/// minor units within `Number.MAX_SAFE_INTEGER`.
fn amount_attribute(raw: Option<String>) -> Result<Option<u64>, Error> {
    let Some(raw) = raw else { return Ok(None) };
    let digits = raw.trim();
    if digits.is_empty() || digits.len() > 16 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::new(
            Code::InvalidAmount,
            AMOUNT_ATTRIBUTE,
            &[
                "must be a whole number of minor units such as \"111111\" for 1111.11 CNY, got \"",
                &raw,
                "\"",
            ],
        ));
    }
    let n = digits
        .bytes()
        .fold(0u64, |acc, b| acc * 10 + (b - b'0') as u64);
    if n > MAX_SAFE {
        return Err(Error::new(
            Code::InvalidAmount,
            AMOUNT_ATTRIBUTE,
            &["is larger than Number.MAX_SAFE_INTEGER"],
        ));
    }
    Ok(Some(n))
}

/// Takes the amount attribute's text: at attaching (`removed` false, absent means the page
/// tells the amount by `update()`), or after a change (`removed` true: absent means it was
/// taken away). A malformed or removed amount leaves the amount unknown, so the next submit goes
/// through unreminded, but keeps the last good one for an open reminder, which goes on showing
/// its figures rather than any the page did not give; it is reported once, on the console and
/// as the element's `error`, until a good amount comes.
fn set_amount_from_attribute(state: &Rc<RefCell<State>>, raw: Option<String>, removed: bool) {
    let result = match raw {
        None if removed => Err(Error::new(
            Code::InvalidAmount,
            AMOUNT_ATTRIBUTE,
            &["was removed: set it again, or tell the amount with update({ amountMinor })"],
        )),
        raw => amount_attribute(raw),
    };
    let (form, fixed) = {
        let Ok(mut s) = state.try_borrow_mut() else {
            return;
        };
        match &result {
            Ok(Some(amount)) => {
                s.amount = Some(*amount);
                (s.form.clone(), core::mem::take(&mut s.amount_bad))
            }
            Ok(None) => return,
            Err(_) => {
                s.amount_bad = true;
                (s.form.clone(), false)
            }
        }
    };
    // Told with no borrow held: the element's error is page-visible state.
    match result {
        Err(e) => report_amount(&form, &to_js(&e)),
        Ok(_) if fixed => report_amount(&form, &JsValue::NULL),
        Ok(_) => {}
    }
}

/// The amount is good again: the element's `error` goes.
fn clear_amount_error(state: &Rc<RefCell<State>>) {
    let form = state.try_borrow().map(|s| s.form.clone());
    if let Ok(form) = form {
        report_amount(&form, &JsValue::NULL);
    }
}

/// Applies attribute changes the observer has queued but not yet delivered.
fn flush(state: &Rc<RefCell<State>>) {
    let watcher = state
        .try_borrow()
        .ok()
        .and_then(|s| s.hooks.as_ref().map(|h| h.watcher.clone()));
    // Delivered through the observer's own callback, which takes its own borrow.
    if let Some(w) = watcher {
        w.flush();
    }
}

/// Redraws an open reminder with the current figures, so it never shows a stale amount.
fn refresh_open_dialog(state: &Rc<RefCell<State>>) {
    let prepared = {
        let Ok(s) = state.try_borrow() else { return };
        let Some(dialog) = s.dialog.as_ref().filter(|d| d.is_open()) else {
            return;
        };
        // The page's amount is wrong: the last good figures stay, already reported.
        if s.amount_bad {
            return;
        }
        s.verdict()
            .map(|(v, page)| (Rc::clone(dialog), v, s.view(&page)))
    };
    // Rendering moves focus, which page code can hear: no borrow is held past this point.
    let result = prepared
        .map_err(|e| to_js(&e))
        .and_then(|(dialog, verdict, view)| view.render(&dialog, &verdict));
    if let Err(e) = result {
        warn(&e);
    }
}

fn plan_detail(plan: Option<&str>) -> JsValue {
    let detail = js_sys::Object::new();
    let id = plan.map_or(JsValue::NULL, JsValue::from_str);
    let _ = js_sys::Reflect::set(&detail, &"planId".into(), &id);
    detail.into()
}

/// Decides one submit (`submitter` the button, or null): true stops it, because the reminder is
/// now on screen. `undefined` is no submit but the cue, once the page is idle after attaching,
/// to [`prepare`] the first reminder (see `listenSubmit`); it never stops anything.
fn on_submit(state: &Rc<RefCell<State>>, submitter: JsValue) -> bool {
    if submitter.is_undefined() {
        prepare(state);
        return false;
    }
    flush(state);
    let (verdict, page, form, fieldless) = {
        let Ok(s) = state.try_borrow() else {
            return false;
        };
        if s.destroyed {
            return false;
        }
        // The open reminder already holds this checkout's submit. Another one made meanwhile
        // (page code calling requestSubmit(), a payment widget's own button) is held with it, so
        // the shopper's choice makes the one submit; letting it through, as the reminder limit
        // alone would, sent the order twice: now, and again when the shopper chose.
        if s.dialog.as_ref().is_some_and(|d| d.is_open()) {
            return true;
        }
        match s.verdict() {
            Ok((v, page)) if v.remind => {
                let fieldless = page.choice.is_none() && !s.picker_told && !s.fieldless_said;
                let fieldless = fieldless.then(|| s.config.plan_field.clone());
                (v, page, s.form.clone(), fieldless)
            }
            Ok((v, _)) => {
                s.report(&v);
                tell_quiet(&v);
                return false;
            }
            Err(e) => {
                warn(&to_js(&e));
                return false;
            }
        }
    };
    // No field of that name, and no choice ever told by update(): most likely a field named
    // otherwise. The reminder cannot see a plan the shopper already picked on the page, and a plan
    // picked in it reaches the page only through the choose event. Said once, for the developer.
    if let Some(field) = fieldless {
        if let Ok(mut s) = state.try_borrow_mut() {
            s.fieldless_said = true;
        }
        warn(&JsValue::from_str(
            &(String::from("the form has no field named \"")
                + &field
                + "\" (planField, plan-field), and the page has not told the guard its own \
                   picker's choice with update({ selectedPlanId }): a plan the shopper picked on \
                   the page is not seen, and one picked in the reminder reaches the page only \
                   through the instalmentguard:choose event"),
        ));
    }
    // The page may veto the reminder, or change anything (even destroy the guard) while it hears.
    if !emit(
        &form,
        "instalmentguard:remind",
        &Out::default().verdict(&verdict),
        true,
    ) {
        return false;
    }
    match open_reminder(state, &verdict, &page, submitter) {
        Ok(opened) => opened,
        Err(e) => {
            warn(&e);
            false
        }
    }
}

/// Tells the developer why this submit went through without a reminder (the console hears it
/// once per page: see `quiet` in js/dom.js).
fn tell_quiet(verdict: &Verdict) {
    let mut reasons = String::new();
    for r in &verdict.reasons {
        if !reasons.is_empty() {
            reasons.push_str(", ");
        }
        reasons.push_str(r.as_str());
    }
    let (score, threshold) = verdict
        .likelihood
        .as_ref()
        .map_or((f64::NAN, f64::NAN), |l| (l.score, l.threshold));
    quiet(&reasons, score, threshold);
}

/// Does ahead of time, while the page is idle, what the first reminder would otherwise do while
/// the shopper waits: decides as a submit would, and when that would remind, builds the (closed)
/// dialog with the figures of now, and has it laid out unseen over the next idle moments. The
/// code this runs is compiled, the stylesheet parsed and the fonts for its text found by then, so
/// pressing pay opens that dialog as it is, or rebuilds it when the figures changed. Nothing is
/// shown, counted, stored or told to the page.
fn prepare(state: &Rc<RefCell<State>>) {
    let (verdict, page) = {
        let Ok(s) = state.try_borrow() else { return };
        if s.destroyed || s.dialog.is_some() {
            return;
        }
        match s.verdict() {
            Ok((v, page)) if v.remind => (v, page),
            _ => return,
        }
    };
    let drawn = dialog_and_view(state, &page).and_then(|found| {
        found.map_or(Ok(()), |(dialog, view)| {
            view.render(&dialog, &verdict)?;
            dialog.warm()
        })
    });
    if let Err(e) = drawn {
        warn(&e);
    }
}

/// The guard's dialog, built on first use, and the view of this decision; `None` once the
/// guard is destroyed or busy.
fn dialog_and_view(
    state: &Rc<RefCell<State>>,
    page: &PageState,
) -> Result<Option<(Rc<Dialog>, View)>, JsValue> {
    let Ok(mut s) = state.try_borrow_mut() else {
        return Ok(None);
    };
    if s.destroyed {
        return Ok(None);
    }
    if s.dialog.is_none() {
        // Building runs no page code: only elements of our own, in our own shadow root.
        let weak = Rc::downgrade(state);
        let weak_box = weak.clone();
        let dialog = Dialog::build(
            s.locale,
            s.config.currency,
            s.config.disclosure,
            s.config.promotion[s.locale as usize].clone(),
            move |outcome| on_outcome(&weak, outcome),
            move |checked| remember_opt_out(&weak_box, checked),
        )?;
        s.dialog = Some(Rc::new(dialog));
    }
    Ok(Some((
        Rc::clone(s.dialog.as_ref().ok_or("no dialog")?),
        s.view(page),
    )))
}

fn open_reminder(
    state: &Rc<RefCell<State>>,
    verdict: &Verdict,
    page: &PageState,
    submitter: JsValue,
) -> Result<bool, JsValue> {
    let Some((dialog, view)) = dialog_and_view(state, page)? else {
        return Ok(false);
    };
    view.render(&dialog, verdict)?;
    dialog.open()?;
    // Opening moves focus, which page code can hear; if it destroyed the guard meanwhile, the
    // dialog is gone and this submit must go through.
    let Ok(mut s) = state.try_borrow_mut() else {
        return Ok(false);
    };
    if s.destroyed {
        return Ok(false);
    }
    s.reminders += 1;
    s.submitter = submitter;
    Ok(true)
}

fn remember_opt_out(state: &Weak<RefCell<State>>, checked: bool) {
    if let Some(key) = state
        .upgrade()
        .and_then(|s| s.try_borrow().ok().map(|s| s.opt_out_key()))
    {
        set_opted_out(&key, checked);
    }
}

fn on_outcome(state: &Weak<RefCell<State>>, outcome: Outcome) {
    let Some(state) = state.upgrade() else { return };
    let (form, submitter, field) = {
        let Ok(mut s) = state.try_borrow_mut() else {
            return;
        };
        if s.destroyed {
            return;
        }
        let submitter = core::mem::replace(&mut s.submitter, JsValue::NULL);
        // Whatever the shopper does next, this checkout was reminded.
        if !s.config.report_field.is_empty() {
            report(&s.form, &s.config.report_field, "reminded");
        }
        (s.form.clone(), submitter, s.config.plan_field.clone())
    };
    match outcome {
        Outcome::Dismiss => {
            emit(&form, "instalmentguard:dismiss", &plan_detail(None), false);
            // Back to the pay button, whatever had focus before the reminder.
            focus_pay(&form, &submitter);
        }
        Outcome::PayInFull => {
            emit(&form, "instalmentguard:proceed", &plan_detail(None), false);
            resubmit(&form, &submitter);
        }
        Outcome::Choose(id) => {
            if !choose_plan(&form, &field, &id) {
                // No form field takes it: the page's own picker learns the choice from the event.
                if let Ok(mut s) = state.try_borrow_mut() {
                    s.chosen = Some(id.clone());
                }
            }
            emit(
                &form,
                "instalmentguard:choose",
                &plan_detail(Some(&id)),
                false,
            );
            resubmit_after_choice(&form, &submitter);
        }
    }
}

//! `CheckoutGuard`: watches one checkout form, and when the shopper submits without a plan they
//! would likely want, stops that one submit and opens the reminder.
//!
//! Every handler fails open: anything that goes wrong before the reminder is on screen leaves the
//! submit alone, and nothing here holds a borrow while page code can run (events it dispatches,
//! `requestSubmit`), so page code may call back into the guard, even `destroy()`, at any point.

use super::dialog::{Content, Dialog, Outcome, Row};
use super::form::{amount_attribute, PlanControl, AMOUNT_ATTRIBUTE};
use super::listener::Listener;
use super::single::Single;
use crate::bindings::convert::{self, value};
use crate::bindings::error::{new as js_error, to_js};
use crate::engine::messages::default_label;
use crate::engine::remind::normalise_choice;
use crate::engine::{assess, CheckoutState, Code, Fee, GuardConfig, Locale, StateUpdate, Verdict};
use alloc::rc::{Rc, Weak};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::RefCell;
use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CustomEvent, CustomEventInit, Event, HtmlElement, HtmlFormElement, MutationObserver,
    MutationObserverInit, SubmitEvent,
};

const STORAGE_PREFIX: &str = "instalment-guard:dont-remind:";

/// Watches a checkout form and reminds the shopper about instalments before they pay.
#[wasm_bindgen]
pub struct CheckoutGuard {
    state: Rc<RefCell<State>>,
}

struct State {
    form: HtmlFormElement,
    config: GuardConfig,
    locale: Locale,
    amount: Option<u64>,
    /// A choice given by `update()`, for pages whose plan picker is not a form field.
    chosen: Option<String>,
    reminders: u32,
    /// Let the next submit through: it is the one the dialog itself makes.
    bypass: bool,
    /// The button that made the interrupted submit: it submits again, and gets focus back.
    submitter: Option<HtmlElement>,
    dialog: Option<Rc<Dialog>>,
    listeners: Vec<Listener>,
    observer: Option<(MutationObserver, Closure<dyn FnMut()>)>,
    destroyed: bool,
}

// Forms that have a live guard: two guards on one form would remind twice.
static GUARDED: Single<RefCell<Vec<HtmlFormElement>>> = Single(RefCell::new(Vec::new()));

fn guarded() -> Option<core::cell::RefMut<'static, Vec<HtmlFormElement>>> {
    GUARDED.0.try_borrow_mut().ok()
}

fn warn(e: &JsValue) {
    web_sys::console::warn_2(&"instalment-guard:".into(), e);
}

#[wasm_bindgen]
impl CheckoutGuard {
    /// Starts guarding `form`. Throws an `InstalmentError` for a bad form or configuration.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "HTMLFormElement")] form: JsValue,
        #[wasm_bindgen(unchecked_param_type = "GuardConfig")] config: JsValue,
    ) -> Result<CheckoutGuard, JsValue> {
        let form: HtmlFormElement = form.dyn_into().map_err(|_| {
            js_error(
                Code::InvalidArgument,
                "form",
                &["must be a <form> element (an HTMLFormElement)"],
            )
        })?;
        let config = GuardConfig::from_value(&value(&config, "config").map_err(|e| to_js(&e))?)
            .map_err(|e| to_js(&e))?;
        CheckoutGuard::attach(form, config)
    }

    /// Tells the guard about the checkout: `{ amountMinor }` for a new cart total, and
    /// `{ selectedPlanId }` where the page's plan picker is not a form field. An open reminder
    /// shows the new figures at once.
    pub fn update(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Partial<CheckoutState>")] state: JsValue,
    ) -> Result<(), JsValue> {
        let update = StateUpdate::from_value(&value(&state, "state").map_err(|e| to_js(&e))?)
            .map_err(|e| to_js(&e))?;
        // Attribute changes the observer has not delivered yet are older than this call.
        flush_observer(&self.state);
        {
            let mut s = self.state.try_borrow_mut().map_err(|_| busy())?;
            if s.destroyed {
                return Err(destroyed());
            }
            if let Some(amount) = update.amount {
                s.amount = Some(amount);
            }
            if let Some(choice) = update.selected_plan {
                s.chosen = choice;
            }
        }
        refresh_open_dialog(&self.state);
        Ok(())
    }

    /// What a submit would do now: remind or not, why, and the eligible plans' costs.
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn assess(&self) -> Result<JsValue, JsValue> {
        flush_observer(&self.state);
        let s = self.state.try_borrow().map_err(|_| busy())?;
        if s.destroyed {
            return Err(destroyed());
        }
        s.verdict()
            .map(|v| convert::Out::default().verdict(&v))
            .map_err(|e| to_js(&e))
    }

    /// Removes every listener and node the guard added; the form is left as it was. Safe to
    /// call more than once, and from inside the guard's own events.
    pub fn destroy(&self) {
        let (listeners, observer, dialog, form) = match self.state.try_borrow_mut() {
            Ok(mut s) if !s.destroyed => {
                s.destroyed = true;
                (
                    core::mem::take(&mut s.listeners),
                    s.observer.take(),
                    s.dialog.take(),
                    s.form.clone(),
                )
            }
            _ => return,
        };
        drop(listeners);
        if let Some((observer, _callback)) = observer {
            observer.disconnect();
        }
        if let Some(dialog) = dialog.and_then(|d| Rc::try_unwrap(d).ok()) {
            dialog.remove();
        }
        if let Some(mut g) = guarded() {
            g.retain(|f| *f != form);
        }
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
    /// Starts guarding `form` with a checked configuration (the custom element enters here).
    pub fn attach(form: HtmlFormElement, config: GuardConfig) -> Result<CheckoutGuard, JsValue> {
        if guarded().is_some_and(|g| g.contains(&form)) {
            return Err(js_error(
                Code::InvalidState,
                "form",
                &["already has a guard; destroy() it before attaching another"],
            ));
        }
        let locale = config.locale.unwrap_or_else(page_locale);
        let amount = match amount_attribute(&form) {
            Ok(a) => a,
            Err(e) => {
                warn(&to_js(&e));
                None
            }
        };
        let state = Rc::new(RefCell::new(State {
            form: form.clone(),
            config,
            locale,
            amount,
            chosen: None,
            reminders: 0,
            bypass: false,
            submitter: None,
            dialog: None,
            listeners: Vec::new(),
            observer: None,
            destroyed: false,
        }));

        // Capture phase on the form itself runs before the page's own submit handlers, so a
        // reminder can stop the submit before any of them starts a payment.
        let s = Rc::clone(&state);
        let submit = Listener::new(&form, "submit", true, move |e| on_submit(&s, e))?;

        let weak = Rc::downgrade(&state);
        let callback = Closure::<dyn FnMut()>::new(move || {
            if let Some(s) = weak.upgrade() {
                read_amount_attribute(&s);
                refresh_open_dialog(&s);
            }
        });
        let observer = MutationObserver::new(callback.as_ref().unchecked_ref())?;
        let init = MutationObserverInit::new();
        init.set_attributes(true);
        init.set_attribute_filter(&Array::of1(&AMOUNT_ATTRIBUTE.into()));
        observer.observe_with_options(&form, &init)?;

        if let Ok(mut s) = state.try_borrow_mut() {
            s.listeners.push(submit);
            s.observer = Some((observer, callback));
        }
        if let Some(mut g) = guarded() {
            g.push(form);
        }
        Ok(CheckoutGuard { state })
    }
}

/// The page's language from `<html lang>`.
fn page_locale() -> Locale {
    let lang = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .unwrap_or_default();
    Locale::from_lang(&lang)
}

impl State {
    fn control(&self) -> Option<PlanControl> {
        PlanControl::find(&self.form, &self.config.plan_field)
    }

    fn opted_out(&self) -> bool {
        storage()
            .and_then(|s| {
                s.get_item(&(STORAGE_PREFIX.to_string() + &self.config.shop_id))
                    .ok()
                    .flatten()
            })
            .is_some()
    }

    /// The decision for a submit now.
    fn verdict(&self) -> Result<Verdict, crate::engine::Error> {
        let amount = match self.amount {
            Some(a) => a,
            None => return Ok(Verdict::amount_unknown()),
        };
        let control = self.control();
        let in_form = normalise_choice(control.as_ref().map(PlanControl::value).as_deref());
        let state = CheckoutState {
            amount,
            selected_plan: in_form.or_else(|| self.chosen.clone()),
            reminders_shown: self.reminders,
            dont_remind: self.opted_out(),
        };
        let offered = control.as_ref().and_then(PlanControl::offered);
        assess(&self.config, &state, offered.as_deref())
    }

    /// What a render needs besides the verdict, detached from the state so that no borrow is
    /// held while the dialog renders.
    fn view(&self) -> View {
        let plans = self
            .config
            .plans
            .iter()
            .map(|p| {
                let label = p.label.clone().unwrap_or_else(|| {
                    default_label(self.locale, p.provider.as_deref(), p.periods)
                });
                (
                    p.id.clone(),
                    label,
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
        View {
            plans,
            amount: self.amount.unwrap_or(0),
            allow_dont_remind: self.config.remind.allow_dont_remind,
            dont_remind: self.opted_out(),
        }
    }
}

/// Each plan's id, display name and whether the merchant pays its fee, with the amount shown.
struct View {
    plans: Vec<(String, String, bool)>,
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
        dialog.render(&Content {
            amount: self.amount,
            rows: &rows,
            allow_dont_remind: self.allow_dont_remind,
            dont_remind: self.dont_remind,
        })
    }
}

fn storage() -> Option<web_sys::Storage> {
    // localStorage throws where storage is blocked; the guard then simply never remembers.
    web_sys::window()?.local_storage().ok().flatten()
}

/// Applies attribute changes the observer has queued but not yet delivered.
fn flush_observer(state: &Rc<RefCell<State>>) {
    let pending = match state.try_borrow() {
        Ok(s) => s
            .observer
            .as_ref()
            .is_some_and(|(o, _)| o.take_records().length() > 0),
        Err(_) => false,
    };
    if pending {
        read_amount_attribute(state);
    }
}

fn read_amount_attribute(state: &Rc<RefCell<State>>) {
    let Ok(mut s) = state.try_borrow_mut() else {
        return;
    };
    match amount_attribute(&s.form) {
        Ok(Some(amount)) => s.amount = Some(amount),
        // A removed attribute leaves the last known amount in place.
        Ok(None) => {}
        Err(e) => {
            // A malformed amount must not yield a stale reminder: the guard goes quiet.
            s.amount = None;
            warn(&to_js(&e));
        }
    }
}

/// Redraws an open reminder with the current figures, so it never shows a stale amount.
fn refresh_open_dialog(state: &Rc<RefCell<State>>) {
    let prepared = {
        let Ok(s) = state.try_borrow() else { return };
        let Some(dialog) = s.dialog.as_ref().filter(|d| d.is_open()) else {
            return;
        };
        s.verdict().map(|v| (Rc::clone(dialog), v, s.view()))
    };
    // Rendering moves focus, which page code can hear: no borrow is held past this point.
    let result = prepared
        .map_err(|e| to_js(&e))
        .and_then(|(dialog, verdict, view)| view.render(&dialog, &verdict));
    if let Err(e) = result {
        warn(&e);
    }
}

fn dispatch(form: &HtmlFormElement, name: &str, detail: &JsValue, cancelable: bool) -> bool {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(cancelable);
    init.set_detail(detail);
    match CustomEvent::new_with_event_init_dict(name, &init) {
        Ok(event) => form.dispatch_event(&event).unwrap_or(true),
        Err(_) => true,
    }
}

fn plan_detail(plan: Option<&str>) -> JsValue {
    let detail = js_sys::Object::new();
    let id = plan.map_or(JsValue::NULL, JsValue::from_str);
    let _ = js_sys::Reflect::set(&detail, &"planId".into(), &id);
    detail.into()
}

fn on_submit(state: &Rc<RefCell<State>>, event: &Event) {
    if event.default_prevented() {
        return;
    }
    flush_observer(state);
    let decision = {
        let Ok(mut s) = state.try_borrow_mut() else {
            return;
        };
        if s.destroyed {
            return;
        }
        if s.bypass {
            s.bypass = false;
            return;
        }
        match s.verdict() {
            Ok(v) if v.remind => (v, s.form.clone()),
            Ok(_) => return,
            Err(e) => return warn(&to_js(&e)),
        }
    };
    let (verdict, form) = decision;
    let submitter = event
        .dyn_ref::<SubmitEvent>()
        .and_then(SubmitEvent::submitter);
    // The page may veto the reminder, or change anything (even destroy the guard) while it hears.
    if !dispatch(
        &form,
        "instalmentguard:remind",
        &convert::Out::default().verdict(&verdict),
        true,
    ) {
        return;
    }
    match open_reminder(state, &verdict, submitter) {
        // Only a reminder that is really on screen stops the submit: fail open.
        Ok(true) => {
            event.prevent_default();
            event.stop_immediate_propagation();
        }
        Ok(false) => {}
        Err(e) => warn(&e),
    }
}

fn open_reminder(
    state: &Rc<RefCell<State>>,
    verdict: &Verdict,
    submitter: Option<HtmlElement>,
) -> Result<bool, JsValue> {
    let (dialog, view) = {
        let Ok(mut s) = state.try_borrow_mut() else {
            return Ok(false);
        };
        if s.destroyed {
            return Ok(false);
        }
        if s.dialog.is_none() {
            // Building runs no page code: only elements of our own, in our own shadow root.
            let weak = Rc::downgrade(state);
            let weak_box = weak.clone();
            let shop = s.config.shop_id.clone();
            let dialog = Dialog::build(
                s.locale,
                s.config.currency,
                move |outcome| on_outcome(&weak, outcome),
                move |checked| remember_opt_out(&weak_box, &shop, checked),
            )?;
            s.dialog = Some(Rc::new(dialog));
        }
        (Rc::clone(s.dialog.as_ref().ok_or("no dialog")?), s.view())
    };
    view.render(&dialog, verdict)?;
    dialog.open()?;
    if let Ok(mut s) = state.try_borrow_mut() {
        s.reminders += 1;
        s.submitter = submitter;
    }
    Ok(true)
}

fn remember_opt_out(state: &Weak<RefCell<State>>, shop: &str, checked: bool) {
    if state.upgrade().is_none() {
        return;
    }
    if let Some(storage) = storage() {
        let key = STORAGE_PREFIX.to_string() + shop;
        let _ = if checked {
            storage.set_item(&key, "1")
        } else {
            storage.remove_item(&key)
        };
    }
}

fn on_outcome(state: &Weak<RefCell<State>>, outcome: Outcome) {
    let Some(state) = state.upgrade() else { return };
    let (form, submitter, control) = {
        let Ok(mut s) = state.try_borrow_mut() else {
            return;
        };
        if s.destroyed {
            return;
        }
        (s.form.clone(), s.submitter.take(), s.control())
    };
    match outcome {
        Outcome::Dismiss => {
            dispatch(&form, "instalmentguard:dismiss", &plan_detail(None), false);
            // Back to the pay button, whatever had focus before the reminder.
            if let Some(button) = submitter.or_else(|| default_button(&form)) {
                let _ = button.focus();
            }
        }
        Outcome::PayInFull => {
            dispatch(&form, "instalmentguard:proceed", &plan_detail(None), false);
            submit(&state, &form, submitter.as_ref());
        }
        Outcome::Choose(id) => {
            if let Some(control) = control {
                if let Err(e) = control.choose(&id) {
                    warn(&e);
                }
            }
            {
                let Ok(mut s) = state.try_borrow_mut() else {
                    return;
                };
                if s.control().is_none() {
                    // No form field: the page's own picker learns the choice from the event.
                    s.chosen = Some(id.clone());
                }
            }
            dispatch(
                &form,
                "instalmentguard:choose",
                &plan_detail(Some(&id)),
                false,
            );
            submit(&state, &form, submitter.as_ref());
        }
    }
}

/// The form's first submit button, for focus when the submit came from `requestSubmit()`.
fn default_button(form: &HtmlFormElement) -> Option<HtmlElement> {
    form.query_selector("button:not([type]),button[type=submit],input[type=submit]")
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// Submits the form again, through the page's own submit handlers, letting it past the guard.
fn submit(state: &Rc<RefCell<State>>, form: &HtmlFormElement, submitter: Option<&HtmlElement>) {
    match state.try_borrow_mut() {
        Ok(mut s) if !s.destroyed => s.bypass = true,
        _ => {}
    }
    let sent = match submitter.filter(|b| b.is_connected()) {
        Some(button) => form
            .request_submit_with_submitter(Some(button))
            .or_else(|_| form.request_submit()),
        None => form.request_submit(),
    };
    if let Err(e) = sent {
        warn(&e);
    }
    // If validation stopped the submit, no event used the pass: take it back.
    if let Ok(mut s) = state.try_borrow_mut() {
        s.bypass = false;
    }
}

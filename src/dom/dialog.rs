//! The reminder: what it says, decided here, and shown by a small JS view (`js/dom.js`) as a
//! native modal `<dialog>` in a shadow root: focus trap, Esc and the top layer come from the
//! platform, and the shop's CSS cannot break it nor it the shop's.
//!
//! The content crosses as one JSON tree per render, `[tag, {attributes}, ...children]`, whose
//! text children are strings or `{"m": "1111.11"}` (money) and `{"p": "0.1357"}` (a rate), which
//! the view formats with `Intl.NumberFormat` for the locale.

use crate::engine::json::Writer;
use crate::engine::messages::{split_slot, text, Msg};
use crate::engine::money::{decimal_string, Currency};
use crate::engine::{Estimate, Locale};
use alloc::rc::Rc;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cell::RefCell;
use js_sys::Function;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/dom.js")]
extern "C" {
    type ReminderView;

    #[wasm_bindgen(constructor, catch)]
    fn new(
        css: &str,
        locale: &str,
        currency: &str,
        on_close: &Function,
        on_toggle: &Function,
    ) -> Result<ReminderView, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn render(this: &ReminderView, spec: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn open(this: &ReminderView) -> Result<(), JsValue>;
    #[wasm_bindgen(method, getter, js_name = isOpen)]
    fn is_open(this: &ReminderView) -> bool;
    #[wasm_bindgen(method)]
    fn remove(this: &ReminderView);
}

/// How the shopper left the dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Chose the plan with this id.
    Choose(String),
    /// Chose to pay in full.
    PayInFull,
    /// Closed it (Esc or the close button): nothing is submitted.
    Dismiss,
}

/// How the view reports a way out (see `ReminderView` in js/dom.js): a plan as its position in
/// the list last rendered, or one of these.
const PAY_IN_FULL: i32 = -2;

impl Outcome {
    /// Reads the view's report against the plan ids it was last given, in their order. Any
    /// other number (a plan no longer listed) is a dismissal: nothing is submitted.
    fn from_code(code: i32, listed: &[String]) -> Outcome {
        match usize::try_from(code).ok().and_then(|i| listed.get(i)) {
            Some(id) => Outcome::Choose(id.to_string()),
            None if code == PAY_IN_FULL => Outcome::PayInFull,
            None => Outcome::Dismiss,
        }
    }
}

/// One plan as the dialog lists it.
pub struct Row<'a> {
    /// The plan's name for the shopper.
    pub label: String,
    /// Its costs.
    pub estimate: &'a Estimate,
    /// The merchant pays the fee.
    pub merchant_pays: bool,
}

/// What one render shows.
pub struct Content<'a> {
    /// The order total, in minor units.
    pub amount: u64,
    /// The eligible plans, best first.
    pub rows: &'a [Row<'a>],
    /// Offer "don't remind me again".
    pub allow_dont_remind: bool,
    /// The shopper has ticked it.
    pub dont_remind: bool,
}

/// A dialog on the page, for as long as its guard lives.
pub struct Dialog {
    view: ReminderView,
    locale: Locale,
    exponent: u8,
    /// The plan ids of the last render, in the order shown: how the view's report is read.
    listed: Rc<RefCell<Vec<String>>>,
    // The view calls these; they must outlive it, and go with it.
    _on_close: Closure<dyn Fn(i32)>,
    _on_toggle: Closure<dyn Fn(bool)>,
}

impl Dialog {
    /// Adds the (closed) dialog to the page. `on_outcome` hears how the shopper left it;
    /// `on_dont_remind` hears the "don't remind me again" box.
    pub fn build(
        locale: Locale,
        currency: Currency,
        on_outcome: impl Fn(Outcome) + 'static,
        on_dont_remind: impl Fn(bool) + 'static,
    ) -> Result<Dialog, JsValue> {
        let listed = Rc::new(RefCell::new(Vec::new()));
        let seen = Rc::clone(&listed);
        let on_close = Closure::<dyn Fn(i32)>::new(move |code: i32| {
            // Read, then released before page code runs in the outcome's events.
            let outcome = seen.try_borrow().map(|l| Outcome::from_code(code, &l));
            on_outcome(outcome.unwrap_or(Outcome::Dismiss))
        });
        let on_toggle = Closure::<dyn Fn(bool)>::new(on_dont_remind);
        let view = ReminderView::new(
            include_str!("style.css"),
            locale.tag(),
            currency.code(),
            on_close.as_ref().unchecked_ref(),
            on_toggle.as_ref().unchecked_ref(),
        )?;
        Ok(Dialog {
            view,
            locale,
            exponent: currency.exponent(),
            listed,
            _on_close: on_close,
            _on_toggle: on_toggle,
        })
    }

    /// Shows `content`, replacing what was there; called again whenever the cart changes while
    /// the dialog is open, so it never shows a stale figure.
    pub fn render(&self, content: &Content) -> Result<(), JsValue> {
        if let Ok(mut listed) = self.listed.try_borrow_mut() {
            *listed = content
                .rows
                .iter()
                .map(|r| r.estimate.plan_id.clone())
                .collect();
        }
        self.view.render(&self.spec(content))
    }

    /// Opens the dialog modally with its heading focused: no plan is one keystroke away.
    pub fn open(&self) -> Result<(), JsValue> {
        self.view.open()
    }

    /// True while the shopper sees it.
    pub fn is_open(&self) -> bool {
        self.view.is_open()
    }

    /// Takes the dialog off the page for good, reporting no outcome. Safe to call while the
    /// dialog is opening or redrawing (page code can destroy the guard from a focus event).
    pub fn remove(&self) {
        self.view.remove();
    }

    fn spec(&self, c: &Content) -> String {
        let t = |m| text(self.locale, m);
        let mut s = Spec::new();
        s.open("#", &[]);

        s.open("div", &[("part", "header")]);
        // The heading takes the focus when the reminder opens (never a plan); from script only,
        // so it is no Tab stop.
        s.open(
            "h2",
            &[("part", "title"), ("id", "title"), ("tabindex", "-1")],
        )
        .text(t(Msg::Title))
        .close();
        s.open(
            "button",
            &[
                ("part", "close"),
                ("type", "button"),
                ("data-action", "close"),
                ("aria-label", t(Msg::Close)),
            ],
        )
        .text("×")
        .close();
        s.close();

        s.open("div", &[("part", "body")]);
        s.open("p", &[("part", "lead"), ("id", "lead")])
            .text(t(Msg::Lead))
            .close();
        s.open("p", &[("part", "order-total")]);
        self.sentence(&mut s, t(Msg::OrderTotal), c.amount);
        s.close();
        if c.rows.is_empty() {
            s.open("p", &[("part", "empty")])
                .text(t(Msg::NoPlans))
                .close();
        } else {
            // Safari drops list semantics under list-style:none unless the role is explicit.
            s.open("ul", &[("part", "plans"), ("role", "list")]);
            for row in c.rows {
                s.open("li", &[]);
                self.row(&mut s, row);
                s.close();
            }
            s.close();
        }
        s.close();

        s.open("div", &[("part", "footer")]);
        s.open(
            "button",
            &[
                ("part", "pay-in-full"),
                ("type", "button"),
                ("data-action", "full"),
            ],
        )
        .text(t(Msg::PayInFull))
        .close();
        if c.allow_dont_remind {
            s.open("label", &[("part", "dont-remind")]);
            let checked: &[(&str, &str)] = if c.dont_remind {
                &[("checked", "")]
            } else {
                &[]
            };
            s.open("input", &[&[("type", "checkbox")], checked].concat())
                .close();
            s.text(t(Msg::DontRemind)).close();
        }
        s.open("p", &[("part", "note")])
            .text(t(Msg::CreditNote))
            .close();
        s.close();

        s.close();
        s.json.finish()
    }

    fn row(&self, s: &mut Spec, row: &Row) {
        let t = |m| text(self.locale, m);
        let e = row.estimate;
        s.open(
            "button",
            &[
                ("part", "plan"),
                ("type", "button"),
                ("data-plan", &e.plan_id),
            ],
        );
        s.open("span", &[("part", "plan-name")]).text(&row.label);
        if e.interest_free {
            s.open("span", &[("part", "tag")])
                .text(t(Msg::InterestFree))
                .close();
        }
        s.close();
        // Per-period amount, total fee and annualised rate side by side, in the same type: the
        // rate is never less prominent than the fee.
        s.open("span", &[("part", "figures")]);
        for (part, caption, value) in [
            (
                "figure per-period",
                Msg::PerPeriod,
                Figure::Money(e.regular_payment()),
            ),
            ("figure fee", Msg::Fee, Figure::Money(e.total_fee)),
            ("figure apr", Msg::Apr, Figure::Rate(e.rate.nominal)),
        ] {
            s.open("span", &[("part", part)]);
            s.open("span", &[("part", "caption")])
                .text(t(caption))
                .close();
            s.open("span", &[("part", "value")]);
            match value {
                Figure::Money(minor) => s.money(&decimal_string(minor, self.exponent)),
                Figure::Rate(rate) => s.rate(rate),
            };
            s.close().close();
        }
        s.close();
        s.open("span", &[("part", "details")]);
        let first = e.schedule.first().map_or(0, |l| l.payment);
        if e.periods > 1 && first != e.regular_payment() {
            self.sentence(s, t(Msg::FirstPayment), first);
            s.text(" · ");
        }
        self.sentence(s, t(Msg::TotalRepayment), e.total_repayment);
        if row.merchant_pays {
            s.text(" · ").text(t(Msg::MerchantPays));
        }
        s.close();
        s.close();
    }

    /// A template whose `{}` is an amount.
    fn sentence(&self, s: &mut Spec, template: &str, minor: u64) {
        let (before, after) = split_slot(template).unwrap_or((template, ""));
        s.text(before)
            .money(&decimal_string(minor, self.exponent))
            .text(after);
    }
}

enum Figure {
    Money(u64),
    Rate(f64),
}

/// Writes the JSON tree on the engine's JSON writer, which escapes every string, so no merchant
/// text can change its shape.
struct Spec {
    json: Writer,
    /// Nothing written yet in the current list: the next item needs no comma.
    first: bool,
}

impl Spec {
    fn new() -> Spec {
        Spec {
            json: Writer::default(),
            first: true,
        }
    }

    /// Starts an item of the current list.
    fn item(&mut self) {
        if !self.first {
            self.json.raw(",");
        }
        self.first = false;
    }

    fn open(&mut self, tag: &str, attrs: &[(&str, &str)]) -> &mut Spec {
        self.item();
        self.json.raw("[");
        self.json.string(tag);
        self.json.raw(",{");
        for (i, (k, v)) in attrs.iter().enumerate() {
            if i > 0 {
                self.json.raw(",");
            }
            self.json.string(k);
            self.json.raw(":");
            self.json.string(v);
        }
        self.json.raw("}");
        self
    }

    fn close(&mut self) -> &mut Spec {
        self.json.raw("]");
        self.first = false;
        self
    }

    fn text(&mut self, v: &str) -> &mut Spec {
        if !v.is_empty() {
            self.item();
            self.json.string(v);
        }
        self
    }

    fn money(&mut self, decimal: &str) -> &mut Spec {
        self.item();
        self.json.raw("{\"m\":");
        self.json.string(decimal);
        self.json.raw("}");
        self
    }

    /// A rate as an exact four-place decimal (basis points), for a two-place percentage.
    fn rate(&mut self, rate: f64) -> &mut Spec {
        let bp = crate::engine::math::round(rate * 10_000.0);
        let mut decimal = if bp < 0.0 {
            String::from("-")
        } else {
            String::new()
        };
        // Bounded well past any real rate, so the conversion below cannot saturate silently.
        decimal.push_str(&decimal_string(bp.abs().min(9.0e15) as u64, 4));
        self.item();
        self.json.raw("{\"p\":");
        self.json.string(&decimal);
        self.json.raw("}");
        self
    }
}

//! The reminder: what it says, decided here, and shown by a small JS view (`js/dom.js`) as a
//! native modal `<dialog>` in a shadow root: focus trap, Esc and the top layer come from the
//! platform, and the shop's CSS cannot break it nor it the shop's.
//!
//! The content crosses as one view model per render (JSON text: every string already in the
//! shopper's language, every figure already formatted); the view lays it out with the DOM API,
//! so nothing Rust sends is ever read as markup.

use crate::engine::advice::{Affordability, RecommendReason, Recommendation};
use crate::engine::disclose::{disclose, Jurisdiction};
use crate::engine::json::Writer;
use crate::engine::messages::keys::msg;
use crate::engine::messages::{fill, money, percent, text, Key};
use crate::engine::money::Currency;
use crate::engine::{Estimate, Ineligible, Locale};
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
        on_close: &Function,
        on_toggle: &Function,
    ) -> Result<ReminderView, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn render(this: &ReminderView, model: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn open(this: &ReminderView) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn warm(this: &ReminderView) -> Result<(), JsValue>;
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
    /// Why the first plan is first, and the budget the plans were held to.
    pub recommendation: Option<(&'a Recommendation, Option<u64>)>,
    /// The repayments with the first plan, when the page told the shopper's commitments or income.
    pub affordability: Option<&'a Affordability>,
    /// Providers not offered for credit reasons: (provider, why), each once.
    pub unavailable: &'a [(String, Ineligible)],
}

/// A dialog on the page, for as long as its guard lives.
pub struct Dialog {
    view: ReminderView,
    locale: Locale,
    currency: Currency,
    /// Whose figures each plan shows.
    disclosure: Option<Jurisdiction>,
    /// The merchant's approved wording in this locale.
    promotion: Option<String>,
    /// The plan ids of the last render, in the order shown: how the view's report is read.
    listed: Rc<RefCell<Vec<String>>>,
    // The view calls these; they must outlive it, and go with it.
    _on_close: Closure<dyn Fn(i32)>,
    _on_toggle: Closure<dyn Fn(bool)>,
}

impl Dialog {
    /// Adds the (closed) dialog to the page. `on_outcome` hears how the shopper left it;
    /// `on_dont_remind` hears the "don't remind me again" box.
    #[allow(clippy::too_many_arguments)]
    pub fn build(
        locale: Locale,
        currency: Currency,
        disclosure: Option<Jurisdiction>,
        promotion: Option<String>,
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
            on_close.as_ref().unchecked_ref(),
            on_toggle.as_ref().unchecked_ref(),
        )?;
        Ok(Dialog {
            view,
            locale,
            currency,
            disclosure,
            promotion,
            listed,
            _on_close: on_close,
            _on_toggle: on_toggle,
        })
    }

    /// Shows `content` in place of what was there (the view rewrites only what changed); called
    /// again whenever the cart changes while the dialog is open, so it never shows a stale figure.
    pub fn render(&self, content: &Content) -> Result<(), JsValue> {
        if let Ok(mut listed) = self.listed.try_borrow_mut() {
            *listed = content
                .rows
                .iter()
                .map(|r| r.estimate.plan_id.clone())
                .collect();
        }
        let model = self.model(content);
        super::lang::say_missing_texts();
        self.view.render(&model)
    }

    /// Opens the dialog modally with its heading focused: no plan is one keystroke away.
    pub fn open(&self) -> Result<(), JsValue> {
        self.view.open()
    }

    /// Lays the closed dialog out, unseen, over the page's next idle moments, so that its first
    /// opening finds the fonts and line-breaking data its text needs ready (see `warm` in
    /// js/dom.js: one short step per idle callback, stopped when the dialog opens or goes).
    pub fn warm(&self) -> Result<(), JsValue> {
        self.view.warm()
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

    /// The view model: every text in the locale and every figure formatted, for `ReminderView`
    /// in js/dom.js to lay out with the DOM API. Its shape is documented there and in
    /// docs/architecture.md; `tests/web_guard.rs` reads it back through the page.
    fn model(&self, c: &Content) -> String {
        let t = |m| text(self.locale, m);
        let mut j = Writer::default();
        j.raw("{");
        for (key, msg) in [
            ("title", msg::Title),
            ("close", msg::Close),
            ("lead", msg::Lead),
            ("payInFull", msg::PayInFull),
            ("choose", msg::ChoosePlan),
            ("note", msg::CreditNote),
        ] {
            j.string(key);
            j.raw(":");
            j.string(t(msg));
            j.raw(",");
        }
        j.raw("\"total\":");
        j.string(&self.sentence(msg::OrderTotal, c.amount));
        j.raw(",\"reason\":");
        let reason = c.recommendation.filter(|_| !self.neutral());
        self.optional(&mut j, reason.map(|(r, budget)| self.reason(r, budget)));
        j.raw(",\"warning\":");
        let warning = self
            .disclosure
            .filter(|_| !c.rows.is_empty())
            .and_then(|jurisdiction| jurisdiction.warning(self.locale));
        self.optional(&mut j, warning.map(String::from));
        j.raw(",\"promotion\":");
        self.optional(&mut j, self.promotion.clone());
        j.raw(",\"costDetails\":");
        j.string(t(msg::CostDetails));
        j.raw(",\"repayments\":");
        self.optional(&mut j, c.affordability.map(|a| self.repayments(a)));
        j.raw(",\"unavailable\":[");
        for (i, (provider, why)) in c.unavailable.iter().enumerate() {
            if i > 0 {
                j.raw(",");
            }
            let name = match provider.as_str() {
                "huabei" => t(msg::ProviderHuabei),
                "credit_card" => t(msg::ProviderCard),
                other => other,
            };
            let msg = if *why == Ineligible::ProviderUnavailable {
                msg::ProviderUnavailable
            } else {
                msg::OverCreditLimit
            };
            j.string(&fill(t(msg), &[name]));
        }
        j.raw("]");
        j.raw(",\"empty\":");
        if c.rows.is_empty() {
            j.string(t(msg::NoPlans));
        } else {
            j.raw("null");
        }
        j.raw(",\"dontRemind\":");
        if c.allow_dont_remind {
            j.raw("{\"label\":");
            j.string(t(msg::DontRemind));
            j.raw(if c.dont_remind {
                ",\"checked\":true}"
            } else {
                ",\"checked\":false}"
            });
        } else {
            j.raw("null");
        }
        j.raw(",\"plans\":[");
        for (i, row) in c.rows.iter().enumerate() {
            if i > 0 {
                j.raw(",");
            }
            self.row(&mut j, row);
        }
        j.raw("]}");
        j.finish()
    }

    /// One plan: `{id, name, tag, figures: [{part, caption, value}], details}`.
    fn row(&self, j: &mut Writer, row: &Row) {
        let t = |m| text(self.locale, m);
        let e = row.estimate;
        j.raw("{\"id\":");
        j.string(&e.plan_id);
        j.raw(",\"name\":");
        j.string(&row.label);
        j.raw(",\"tag\":");
        // Under the EU's and UK's rules the reminder adds no evaluative words of its own.
        if e.interest_free && !self.neutral() {
            j.string(t(msg::InterestFree));
        } else {
            j.raw("null");
        }
        // Without a jurisdiction: per-period amount, total fee and annualised rate side by side,
        // in the same type, so the rate is never less prominent than the fee. With one: its
        // items, the prominent one first (and larger, by its part), and its paragraph.
        let disclosure = self
            .disclosure
            .map(|jurisdiction| disclose(e, jurisdiction, self.locale, Some(e.amount)));
        let figures: Vec<(String, &str, String)> = match &disclosure {
            None => Vec::from([
                (
                    String::from("per-period"),
                    t(msg::PerPeriod),
                    self.payments(e),
                ),
                (String::from("fee"), t(msg::Fee), self.money(e.total_fee)),
                (String::from("apr"), t(msg::Apr), percent(e.rate.nominal, 2)),
            ]),
            Some(d) => d
                .items
                .iter()
                .map(|item| {
                    let mut part = String::from(figure_part(item.key));
                    if item.key == d.prominent {
                        part.push_str(" prominent");
                    }
                    // The payments as the card names them, a first or last one that differs
                    // included, so that they add up to the total beside them; other amounts as
                    // amounts; rates and durations in the words the law asks for.
                    let value = match (item.key, item.minor) {
                        ("perPeriod" | "paymentSchedule" | "instalment", _) => self.payments(e),
                        (_, Some(minor)) => self.money(minor),
                        _ => item.text.clone(),
                    };
                    (part, item.label, value)
                })
                .collect(),
        };
        j.raw(",\"figures\":[");
        for (i, (part, caption, value)) in figures.iter().enumerate() {
            if i > 0 {
                j.raw(",");
            }
            j.raw("{\"part\":");
            j.string(part);
            j.raw(",\"caption\":");
            j.string(caption);
            j.raw(",\"value\":");
            j.string(value);
            j.raw("}");
        }
        j.raw("],\"summary\":");
        self.optional(j, disclosure.map(|d| d.summary));
        j.raw(",\"details\":");
        let mut parts: Vec<String> = Vec::new();
        // With a jurisdiction, the total is among the figures already.
        if self.disclosure.is_none() {
            parts.push(self.sentence(msg::TotalRepayment, e.total_repayment));
        }
        if row.merchant_pays {
            parts.push(String::from(t(msg::MerchantPays)));
        }
        let details = parts.join(" · ");
        j.string(&details);
        j.raw("}");
    }

    /// The EU's and UK's rules: no plan called recommended, no evaluative words.
    fn neutral(&self) -> bool {
        matches!(self.disclosure, Some(Jurisdiction::Eu | Jurisdiction::Uk))
    }

    fn optional(&self, j: &mut Writer, text: Option<String>) {
        match text {
            Some(text) => j.string(&text),
            None => j.raw("null"),
        }
    }

    /// "Sorted by lowest annualised rate, within your ¥500.00 a month".
    fn reason(&self, r: &Recommendation, budget: Option<u64>) -> String {
        let mut line = String::from(text(
            self.locale,
            match r.reason {
                RecommendReason::InterestFree => msg::FirstInterestFree,
                RecommendReason::LowestApr => msg::FirstLowestApr,
                RecommendReason::LowestFee => msg::FirstLowestFee,
            },
        ));
        match (budget, r.within_budget) {
            (Some(b), Some(true)) => line.push_str(&self.sentence(msg::WithinBudget, b)),
            (Some(b), Some(false)) => {
                line.push_str(text(self.locale, msg::OverBudgetJoin));
                line.push_str(&self.sentence(msg::OverBudget, b));
            }
            _ => {}
        }
        line
    }

    /// "With the first plan, your instalment repayments would become ¥400.00 a month (3 plans),
    /// about 20% of your income".
    fn repayments(&self, a: &Affordability) -> String {
        let after = self.money(a.after);
        let mut line = if a.plans_after == 1 {
            fill(text(self.locale, msg::RepaymentsOne), &[&after])
        } else {
            let n = crate::engine::error::digits(a.plans_after as u128);
            fill(text(self.locale, msg::Repayments), &[&after, &n])
        };
        if let Some(share) = a.share {
            line.push_str(&fill(
                text(self.locale, msg::ShareOfIncome),
                &[&percent(share, 0)],
            ));
        }
        line
    }

    fn money(&self, minor: u64) -> String {
        money(self.locale, self.currency, minor)
    }

    /// Every payment of a plan, as its card shows them: "12 × ¥99.53", "首期 ¥99.61，之后
    /// 11 × ¥99.53", "5 × $824.65, last $824.69". Each run of equal payments once, in order, so
    /// the figures on the card add up to the total it shows.
    fn payments(&self, e: &Estimate) -> String {
        let mut runs: Vec<(u32, u64)> = Vec::new();
        for line in &e.schedule {
            match runs.last_mut() {
                Some((n, payment)) if *payment == line.payment => *n += 1,
                _ => runs.push((1, line.payment)),
            }
        }
        let t = |m| text(self.locale, m);
        let last = runs.len().saturating_sub(1);
        let mut out = String::new();
        for (i, &(n, payment)) in runs.iter().enumerate() {
            let amount = self.money(payment);
            if n == 1 && last > 0 && (i == 0 || i == last) {
                let msg = if i == 0 {
                    msg::FirstPayment
                } else {
                    msg::LastPayment
                };
                out.push_str(&fill(t(msg), &[&amount]));
            } else {
                // No-break spaces: a narrow card wraps between runs, never inside one.
                let run = crate::engine::error::digits(n as u128) + "\u{a0}×\u{a0}" + &amount;
                if i == 0 {
                    out.push_str(&run);
                } else {
                    out.push_str(&fill(t(msg::ThenPayments), &[&run]));
                }
            }
        }
        out
    }

    /// A template whose `{}` is an amount.
    fn sentence(&self, key: Key, minor: u64) -> String {
        fill(text(self.locale, key), &[&self.money(minor)])
    }
}

/// The part name of a disclosure item's figure: the names of the figures without a jurisdiction
/// where the meaning is the same, so a shop's `::part` styles carry over.
fn figure_part(key: &str) -> &'static str {
    match key {
        "annualRate" | "apr" | "aprc" | "representativeApr" => "figure apr",
        "perPeriod" | "paymentSchedule" | "instalment" => "figure per-period",
        "totalFee" | "financeCharge" => "figure fee",
        "totalRepayment" | "totalOfPayments" | "totalPayable" => "figure total",
        "periods" | "duration" => "figure periods",
        "amountFinanced" | "totalCredit" => "figure credit",
        "borrowingRate" | "interestRate" => "figure rate",
        _ => "figure cash-price",
    }
}

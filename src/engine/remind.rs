//! The reminder decision: given the merchant's configuration and the checkout as it stands, should
//! the shopper be asked about instalments before paying, and why (or why not)?

use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use super::advice::{
    affordability, largest_payment, likelihood, recommend, Affordability, Commitments, Likelihood,
    LikelihoodPolicy, RecommendPolicy, Recommendation, Signals, Weights,
};
use super::compare::{compare, Comparison};
use super::disclose::Jurisdiction;
use super::error::{Code, Error, Result};
use super::messages::Locale;
use super::money::Currency;
use super::plan::{plans_from_value, Ineligible, Plan};
use super::presets;
use super::value::{Fields, Value};

/// The form field that carries the plan choice unless the configuration names another.
pub const DEFAULT_PLAN_FIELD: &str = "instalment_plan";

/// The hidden form field that reports what the guard did, when the config names none.
pub const DEFAULT_REPORT_FIELD: &str = "instalment_guard";

/// The most reminders a configuration may ask for in one checkout: asking the same shopper again
/// is a dark pattern, so `remind.maxPerCheckout` is 0 or 1.
pub const MAX_PER_CHECKOUT: u32 = 1;

/// The keys a `GuardConfig` object may have; any other is refused as a likely typo.
pub const CONFIG_FIELDS: [&str; 12] = [
    "currency",
    "plans",
    "preset",
    "locale",
    "planField",
    "shopId",
    "remind",
    "likelihood",
    "recommend",
    "disclosure",
    "promotionText",
    "reportField",
];

/// The keys its `remind` object may have.
pub const REMIND_FIELDS: [&str; 5] = [
    "minAmountMinor",
    "interestFreeOnly",
    "maxPerCheckout",
    "allowDontRemind",
    "quietWhenHeavy",
];

/// How the text of an `<instalment-guard>` attribute becomes its `GuardConfig` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrKind {
    /// The text as it is.
    Text,
    /// JSON text, parsed at the boundary (`JSON.parse`) before it reaches [`GuardConfig::from_attributes`].
    Json,
    /// Digits become a number; any other text stays text, for the field's own check to refuse.
    Whole,
    /// A decimal number ("0.5", "-1.25", "1e-3") becomes a number; any other text stays text.
    Number,
    /// Present (empty), its own name, `true` or `false` in any case; any other word stays text,
    /// for the field's own check to refuse ("no" and "0" are not read as false).
    YesNo,
}

/// Every attribute of `<instalment-guard>` but `for` (the form's id, read by the element), the
/// `GuardConfig` field it sets (`remind.x` inside `remind`) and how its text is read. A new config
/// field gets its attribute here; `tests/contract.rs` holds the README's attribute table to it.
pub const ATTRIBUTES: [(&str, &str, AttrKind); 18] = [
    ("currency", "currency", AttrKind::Text),
    ("locale", "locale", AttrKind::Text),
    ("preset", "preset", AttrKind::Text),
    ("plans", "plans", AttrKind::Json),
    ("plan-field", "planField", AttrKind::Text),
    ("shop-id", "shopId", AttrKind::Text),
    (
        "remind-min-amount-minor",
        "remind.minAmountMinor",
        AttrKind::Whole,
    ),
    (
        "remind-interest-free-only",
        "remind.interestFreeOnly",
        AttrKind::YesNo,
    ),
    (
        "remind-max-per-checkout",
        "remind.maxPerCheckout",
        AttrKind::Whole,
    ),
    (
        "allow-dont-remind",
        "remind.allowDontRemind",
        AttrKind::YesNo,
    ),
    (
        "remind-quiet-when-heavy",
        "remind.quietWhenHeavy",
        AttrKind::YesNo,
    ),
    ("likelihood-weights", "likelihood.weights", AttrKind::Json),
    (
        "likelihood-threshold",
        "likelihood.threshold",
        AttrKind::Number,
    ),
    ("recommend-objective", "recommend.objective", AttrKind::Text),
    (
        "recommend-max-per-period-minor",
        "recommend.maxPerPeriodMinor",
        AttrKind::Whole,
    ),
    ("disclosure", "disclosure", AttrKind::Text),
    ("promotion-text", "promotionText", AttrKind::Text),
    ("report-field", "reportField", AttrKind::Text),
];

/// A decimal number as attribute text gives it ("0.5", "-1.25", "2e-3"): the nearest double for
/// up to 15 significant digits, or `None` for any other text. `str::parse` would link the
/// standard library's float parser, several kilobytes of wasm, for one attribute.
fn number_text(t: &str) -> Option<f64> {
    let b = t.as_bytes();
    let mut i = 0;
    let neg = matches!(b.first(), Some(b'-'));
    if matches!(b.first(), Some(b'-' | b'+')) {
        i = 1;
    }
    let (mut mantissa, mut digits, mut scale) = (0.0f64, 0u32, 0i32);
    let mut point = false;
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => {
                if digits >= 15 {
                    return None;
                }
                mantissa = mantissa * 10.0 + (c - b'0') as f64;
                digits += 1;
                if point {
                    scale -= 1;
                }
            }
            b'.' if !point => point = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return None;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        let rest = t.get(i + 1..)?;
        let (sign, exp) = match rest.as_bytes().first() {
            Some(b'-') => (-1, rest.get(1..)?),
            Some(b'+') => (1, rest.get(1..)?),
            _ => (1, rest),
        };
        if exp.is_empty() || exp.len() > 3 || !exp.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        scale += sign * exp.bytes().fold(0i32, |n, c| n * 10 + (c - b'0') as i32);
        i = t.len();
    }
    if i != t.len() {
        return None;
    }
    let ten = super::math::powi(10.0, scale.unsigned_abs());
    let v = if scale < 0 {
        mantissa / ten
    } else {
        mantissa * ten
    };
    Some(if neg { -v } else { v })
}

/// The value an attribute's text stands for under `kind` (`attr` is its own name, a yes for
/// `YesNo`), or `None` where the text stays text for the field's own check to refuse. `Json`
/// is parsed at the boundary, not here.
pub fn attribute_value(kind: AttrKind, attr: &str, raw: &str) -> Option<Value> {
    let t = raw.trim();
    match kind {
        AttrKind::Whole
            if !t.is_empty() && t.len() <= 16 && t.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some(Value::Number(
                t.bytes().fold(0.0, |n, b| n * 10.0 + (b - b'0') as f64),
            ))
        }
        AttrKind::Number => number_text(t).map(Value::Number),
        AttrKind::YesNo if t.eq_ignore_ascii_case("false") => Some(Value::Bool(false)),
        AttrKind::YesNo
            if t.is_empty() || t.eq_ignore_ascii_case("true") || t.eq_ignore_ascii_case(attr) =>
        {
            Some(Value::Bool(true))
        }
        _ => None,
    }
}

/// A checked `GuardConfig`.
#[derive(Clone, Debug, PartialEq)]
pub struct GuardConfig {
    /// The checkout's currency.
    pub currency: Currency,
    /// The plans on offer, from `plans` or a `preset`.
    pub plans: Vec<Plan>,
    /// The shopper's language, when the merchant fixed it.
    pub locale: Option<Locale>,
    /// The form field (radios or a select) whose value is the chosen plan id.
    pub plan_field: String,
    /// Scopes the shopper's "don't remind me again".
    pub shop_id: String,
    /// When to remind.
    pub remind: RemindPolicy,
    /// How likely a shopper is to want instalments, and the threshold to remind.
    pub likelihood: LikelihoodPolicy,
    /// Which plan to put first.
    pub recommend: RecommendPolicy,
    /// Whose disclosure rules the reminder follows under each plan; `None` shows the figures
    /// of old (`"none"`).
    pub disclosure: Option<Jurisdiction>,
    /// The merchant's or lender's approved wording, per locale (zh-CN, zh-TW, en), plain text.
    pub promotion: [Option<String>; 3],
    /// The hidden form field that tells the server what the guard did at the submit
    /// ("reminded", or "quiet:" and the reasons); empty for none.
    pub report_field: String,
}

/// The currencies of the EU member states outside the euro, whose shops follow the EU's rules.
const EU_CURRENCIES: [&str; 8] = ["EUR", "BGN", "CZK", "DKK", "HUF", "PLN", "RON", "SEK"];

/// The disclosure a currency implies when the config names none.
pub fn default_disclosure(currency: Currency) -> Option<Jurisdiction> {
    match currency.code() {
        "CNY" => Some(Jurisdiction::Cn),
        "USD" => Some(Jurisdiction::Us),
        "GBP" => Some(Jurisdiction::Uk),
        code if EU_CURRENCIES.contains(&code) => Some(Jurisdiction::Eu),
        _ => None,
    }
}

/// The longest promotion text, in characters.
pub const MAX_PROMOTION_CHARS: usize = 500;

fn promotion_text(text: &str, field: &str) -> Result<String> {
    if text.chars().count() > MAX_PROMOTION_CHARS {
        return Err(Error::new(
            Code::InvalidConfig,
            field,
            &["must be at most 500 characters of plain text"],
        ));
    }
    Ok(text.to_string())
}

fn promotion(value: Option<&Value>) -> Result<[Option<String>; 3]> {
    let mut out: [Option<String>; 3] = [None, None, None];
    match value {
        None => {}
        Some(Value::String(text)) => {
            let text = promotion_text(text, "promotionText")?;
            out = [Some(text.clone()), Some(text.clone()), Some(text)];
        }
        Some(v) => {
            let f = Fields::open(
                v,
                "promotionText",
                Code::InvalidConfig,
                &["zh-CN", "zh-TW", "en"],
            )?;
            for (slot, locale) in out.iter_mut().zip(Locale::ALL) {
                if let Some(text) = f.string(locale.tag(), Code::InvalidConfig)? {
                    *slot = Some(promotion_text(text, &f.path(locale.tag()))?);
                }
            }
        }
    }
    Ok(out)
}

/// The merchant's reminder policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RemindPolicy {
    /// Stay quiet below this amount.
    pub min_amount: u64,
    /// Remind only when an interest-free plan is eligible.
    pub interest_free_only: bool,
    /// Reminders per checkout; after that many, submits go through.
    pub max_per_checkout: u32,
    /// Offer the shopper "don't remind me again".
    pub allow_dont_remind: bool,
    /// Stay quiet when the shopper's repayments would be heavy.
    pub quiet_when_heavy: bool,
}

impl Default for RemindPolicy {
    fn default() -> RemindPolicy {
        RemindPolicy {
            min_amount: 0,
            interest_free_only: false,
            max_per_checkout: 1,
            allow_dont_remind: true,
            quiet_when_heavy: true,
        }
    }
}

impl GuardConfig {
    /// Reads `<instalment-guard>`'s attributes: `values[i]` is the value of `ATTRIBUTES[i]`
    /// (`None` when absent; a `Json` one already parsed, the others as `Value::String`). The
    /// checks are those of [`GuardConfig::from_value`], so the element and `assess()` agree on
    /// every config; errors name the attribute (`remind-max-per-checkout`, not
    /// `remind.maxPerCheckout`).
    pub fn from_attributes(values: Vec<Option<Value>>) -> Result<GuardConfig> {
        let mut top = Vec::new();
        let mut nested: Vec<(&str, Vec<(String, Value)>)> = Vec::new();
        for ((attr, key, kind), v) in ATTRIBUTES.iter().zip(values) {
            let Some(mut v) = v else { continue };
            if let Value::String(raw) = &v {
                if let Some(typed) = attribute_value(*kind, attr, raw) {
                    v = typed;
                }
            }
            match key.split_once('.') {
                Some((group, k)) => match nested.iter_mut().find(|(g, _)| *g == group) {
                    Some((_, fields)) => fields.push((k.to_string(), v)),
                    None => nested.push((group, vec![(k.to_string(), v)])),
                },
                None => top.push((key.to_string(), v)),
            }
        }
        for (group, fields) in nested {
            top.push((group.to_string(), Value::Object(fields)));
        }
        GuardConfig::from_value(&Value::Object(top)).map_err(|e| {
            ATTRIBUTES
                .iter()
                .fold(e, |e, (attr, key, _)| e.renamed(key, attr))
        })
    }

    /// Checks a `GuardConfig` object. Fields are named from the config's top: `plans[2].fee.rate`.
    pub fn from_value(value: &Value) -> Result<GuardConfig> {
        let code = Code::InvalidConfig;
        let f = Fields::open_root(value, "config", code, &CONFIG_FIELDS)?;
        let currency = f.currency(", such as \"CNY\"")?;
        let plans = offer(&f, currency)?;
        let locale = f
            .string("locale", code)?
            .map(|l| Locale::resolve(l, "locale"))
            .transpose()?;
        let plan_field = match f.string("planField", code)? {
            None => DEFAULT_PLAN_FIELD.to_string(),
            Some(name) if !name.trim().is_empty() => name.to_string(),
            Some(_) => {
                return Err(Error::new(
                    code,
                    "planField",
                    &["must name a form field, not be empty"],
                ))
            }
        };
        let shop_id = f.string("shopId", code)?.unwrap_or_default().to_string();
        // "" turns the report off; a name of spaces is a mistake, as for planField.
        let report_field = match f.string("reportField", code)? {
            None => DEFAULT_REPORT_FIELD.to_string(),
            Some(name) if name.is_empty() || !name.trim().is_empty() => name.to_string(),
            Some(_) => {
                return Err(Error::new(
                    code,
                    "reportField",
                    &["must name a form field, or be \"\" for no report, not be blank"],
                ))
            }
        };
        let remind = match f.get("remind") {
            None => RemindPolicy::default(),
            Some(v) => {
                let r = Fields::open(v, "remind", code, &REMIND_FIELDS)?;
                let d = RemindPolicy::default();
                RemindPolicy {
                    min_amount: r.amount("minAmountMinor")?.unwrap_or(d.min_amount),
                    interest_free_only: r
                        .bool("interestFreeOnly", code)?
                        .unwrap_or(d.interest_free_only),
                    max_per_checkout: r
                        .whole("maxPerCheckout", code, 0, MAX_PER_CHECKOUT)?
                        .unwrap_or(d.max_per_checkout),
                    allow_dont_remind: r
                        .bool("allowDontRemind", code)?
                        .unwrap_or(d.allow_dont_remind),
                    quiet_when_heavy: r
                        .bool("quietWhenHeavy", code)?
                        .unwrap_or(d.quiet_when_heavy),
                }
            }
        };
        let likelihood = f
            .get("likelihood")
            .map(LikelihoodPolicy::from_value)
            .transpose()?
            .unwrap_or_default();
        let recommend = f
            .get("recommend")
            .map(RecommendPolicy::from_value)
            .transpose()?
            .unwrap_or_default();
        let disclosure = match f.string("disclosure", code)? {
            None => default_disclosure(currency),
            Some("none") => None,
            Some(j) => Some(Jurisdiction::parse(j, "disclosure").map_err(|_| {
                Error::new(
                    code,
                    "disclosure",
                    &[
                        "must be \"cn\", \"us\", \"eu\", \"uk\" or \"none\", got \"",
                        j,
                        "\"",
                    ],
                )
            })?),
        };
        let promotion = promotion(f.get("promotionText"))?;
        Ok(GuardConfig {
            currency,
            plans,
            locale,
            plan_field,
            shop_id,
            remind,
            likelihood,
            recommend,
            disclosure,
            promotion,
            report_field,
        })
    }
}

/// The plans on offer in an object that takes `plans` or `preset` (a `GuardConfig`, or the
/// `Choice` a server verifies): the list, the named preset, or for CNY with neither the built-in
/// Huabei plans. Decided here, so `assess()`, `<instalment-guard>` and `verifyChoice()` agree.
pub fn offer(f: &Fields, currency: Currency) -> Result<Vec<Plan>> {
    let code = Code::InvalidConfig;
    let plans =
        match (f.get("plans"), f.string("preset", code)?) {
            (Some(_), Some(_)) => {
                return Err(Error::new(
                    code,
                    "preset",
                    &["cannot be given together with plans: choose one"],
                ))
            }
            (Some(list), None) => plans_from_value(list, "plans")?,
            (None, Some(name)) => presets::plans(name, currency.code(), "preset")?,
            // The one-line embed needs nothing else in China: the built-in Huabei plans.
            (None, None) if currency.code() == "CNY" => {
                presets::plans("huabei", currency.code(), "preset")?
            }
            // The presets are Chinese plans priced in CNY, which this currency would refuse.
            (None, None) => return Err(Error::new(
                code,
                "plans",
                &[
                    "are required for ",
                    currency.code(),
                    ": the presets are priced in CNY, so list your own plans, such as \
                     [{\"id\":\"pay-6\",\"periods\":6,\"fee\":{\"model\":\"annuity\",\"annualRate\":\"0.0999\"}}]",
                ],
            )),
        };
    if plans.is_empty() {
        return Err(Error::new(code, "plans", &["must list at least one plan"]));
    }
    Ok(plans)
}

/// The checkout as it stands.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckoutState {
    /// The amount to pay, in minor units.
    pub amount: u64,
    /// The plan the shopper chose, if any (`""` and `"none"` mean none).
    pub selected_plan: Option<String>,
    /// Reminders already shown in this checkout.
    pub reminders_shown: u32,
    /// The shopper asked not to be reminded again.
    pub dont_remind: bool,
    /// What the page knows of the cart and the shopper's last choice.
    pub signals: Signals,
    /// Instalment plans the shopper already repays.
    pub commitments: Option<Commitments>,
    /// The shopper's monthly income, only if they gave it.
    pub income: Option<u64>,
    /// Credit available per provider (`availableCreditMinor`).
    pub credit: Vec<(String, u64)>,
}

/// A partial `CheckoutState`, as `update()` takes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StateUpdate {
    /// A new amount, if given.
    pub amount: Option<u64>,
    /// A new choice, if given: `Some(None)` clears it.
    pub selected_plan: Option<Option<String>>,
    /// Reminders already shown in this checkout, carried over from an earlier guard on the same
    /// checkout (the element's guard, rebuilt when an attribute changes).
    pub reminders_shown: Option<u32>,
    /// New signals, if given (`null` clears them).
    pub signals: Option<Signals>,
    /// New commitments, if given: `Some(None)` clears them.
    pub commitments: Option<Option<Commitments>>,
    /// A new income, if given: `Some(None)` clears it.
    pub income: Option<Option<u64>>,
    /// New available credit, if given (`null` clears it).
    pub credit: Option<Vec<(String, u64)>>,
}

impl StateUpdate {
    /// Applies the fields given to `state`.
    pub fn apply_context(&self, state: &mut CheckoutState) {
        if let Some(s) = self.signals {
            state.signals = s;
        }
        if let Some(c) = self.commitments {
            state.commitments = c;
        }
        if let Some(i) = self.income {
            state.income = i;
        }
        if let Some(c) = &self.credit {
            state.credit = c.clone();
        }
    }
}

/// The keys a `CheckoutState` object may have. `update()` takes all but `dontRemind`: whether
/// the shopper opted out is the guard's to know, from storage.
pub const STATE_FIELDS: [&str; 8] = [
    "amountMinor",
    "selectedPlanId",
    "remindersShown",
    "dontRemind",
    "signals",
    "commitments",
    "monthlyIncomeMinor",
    "availableCreditMinor",
];

/// The keys `update()` takes.
const UPDATE_FIELDS: [&str; 7] = [
    "amountMinor",
    "selectedPlanId",
    "remindersShown",
    "signals",
    "commitments",
    "monthlyIncomeMinor",
    "availableCreditMinor",
];

/// The optional fields both shapes share; each `null` means absent.
struct Context {
    signals: Option<Signals>,
    commitments: Option<Option<Commitments>>,
    income: Option<Option<u64>>,
    credit: Option<Vec<(String, u64)>>,
}

/// Reads `availableCreditMinor`: minor units per provider, a `null` entry left out.
pub fn credit_from_value(v: &Value) -> Result<Vec<(String, u64)>> {
    let Value::Object(entries) = v else {
        return Err(Error::new(
            Code::InvalidState,
            "availableCreditMinor",
            &["must be an object of provider: minor units, got ", v.kind()],
        ));
    };
    let mut list = Vec::with_capacity(entries.len());
    for (provider, amount) in entries {
        if *amount == Value::Null {
            continue;
        }
        let field = super::error::join("availableCreditMinor", provider);
        list.push((provider.clone(), super::value::amount(amount, &field)?));
    }
    Ok(list)
}

/// Why the shopper's credit with `plan`'s provider cannot take `amount`, if it cannot: 0 means
/// the provider is not available to them, less than the amount is over their limit. A provider
/// missing from `credit` is unknown, and takes it.
pub fn credit_ineligibility(
    plan: &Plan,
    credit: &[(String, u64)],
    amount: u64,
) -> Option<Ineligible> {
    let provider = plan.provider.as_deref()?;
    match credit.iter().find(|(q, _)| q == provider) {
        Some((_, 0)) => Some(Ineligible::ProviderUnavailable),
        Some((_, n)) if *n < amount => Some(Ineligible::OverCreditLimit),
        _ => None,
    }
}

fn context(f: &Fields) -> Result<Context> {
    let given = |k: &str| f.has(k);
    let income = match f.amount("monthlyIncomeMinor")? {
        Some(0) => {
            return Err(Error::new(
                Code::InvalidAmount,
                "monthlyIncomeMinor",
                &["must be positive: leave it out when the shopper did not give it"],
            ))
        }
        i => i,
    };
    let credit = match f.get("availableCreditMinor") {
        None => Vec::new(),
        Some(v) => credit_from_value(v)?,
    };
    Ok(Context {
        signals: if given("signals") {
            Some(
                f.get("signals")
                    .map(Signals::from_value)
                    .transpose()?
                    .unwrap_or_default(),
            )
        } else {
            None
        },
        commitments: if given("commitments") {
            Some(
                f.get("commitments")
                    .map(Commitments::from_value)
                    .transpose()?,
            )
        } else {
            None
        },
        income: given("monthlyIncomeMinor").then_some(income),
        credit: given("availableCreditMinor").then_some(credit),
    })
}

impl StateUpdate {
    /// Checks a partial state: every field optional.
    pub fn from_value(value: &Value) -> Result<StateUpdate> {
        let f = Fields::open_root(value, "state", Code::InvalidState, &UPDATE_FIELDS)?;
        let c = context(&f)?;
        // A present `null` clears the choice, an absent key leaves it as it was.
        let selected_plan = if f.has("selectedPlanId") {
            Some(plan_choice(&f)?)
        } else {
            None
        };
        Ok(StateUpdate {
            amount: f.amount("amountMinor")?,
            selected_plan,
            reminders_shown: f.whole("remindersShown", Code::InvalidState, 0, u32::MAX)?,
            signals: c.signals,
            commitments: c.commitments,
            income: c.income,
            credit: c.credit,
        })
    }
}

impl CheckoutState {
    /// Checks a full state: `amountMinor` is required.
    pub fn from_value(value: &Value) -> Result<CheckoutState> {
        let f = Fields::open_root(value, "state", Code::InvalidState, &STATE_FIELDS)?;
        let c = context(&f)?;
        let amount = match f.amount("amountMinor")? {
            Some(a) => a,
            None => {
                return Err(Error::new(
                    Code::InvalidAmount,
                    "amountMinor",
                    &["is required"],
                ))
            }
        };
        Ok(CheckoutState {
            amount,
            selected_plan: plan_choice(&f)?,
            reminders_shown: f
                .whole("remindersShown", Code::InvalidState, 0, u32::MAX)?
                .unwrap_or(0),
            dont_remind: f.bool("dontRemind", Code::InvalidState)?.unwrap_or(false),
            signals: c.signals.unwrap_or_default(),
            commitments: c.commitments.flatten(),
            income: c.income.flatten(),
            credit: c.credit.unwrap_or_default(),
        })
    }
}

/// The plan a form value names: `""`, `"none"` and absence mean none.
pub fn normalise_choice(value: Option<&str>) -> Option<String> {
    value
        .filter(|v| !v.is_empty() && *v != "none")
        .map(str::to_string)
}

fn plan_choice(f: &Fields) -> Result<Option<String>> {
    Ok(normalise_choice(
        f.string("selectedPlanId", Code::InvalidState)?,
    ))
}

/// Why the guard reminds, or why it stays quiet: stable codes for logs. A new reason goes at the
/// end, and into [`Reason::ALL`] (tests/contract.rs holds the TypeScript to it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Remind: the shopper has not chosen a plan.
    NoPlanSelected,
    /// Remind: at least one plan can take the amount.
    EligiblePlans,
    /// Remind: one of those plans costs the shopper nothing.
    InterestFreeAvailable,
    /// Quiet: the shopper already chose a plan.
    PlanSelected,
    /// Quiet: no plan can take this amount.
    NoEligiblePlan,
    /// Quiet: the amount is below the merchant's reminder minimum.
    BelowRemindMinimum,
    /// Quiet: the merchant reminds only for interest-free plans, and none is eligible.
    NoInterestFreePlan,
    /// Quiet: this checkout has had its reminders.
    ReminderLimitReached,
    /// Quiet: the shopper asked not to be reminded again.
    ShopperOptedOut,
    /// Quiet: the eligible plans are not among the choices the form offers.
    NoPlanInForm,
    /// Quiet: the guard does not know the amount yet.
    AmountUnknown,
    /// Quiet: the likelihood score is below the threshold.
    Unlikely,
    /// Quiet: the shopper's instalment repayments would be heavy (`remind.quietWhenHeavy`).
    HeavyRepayments,
}

impl Reason {
    /// Every reason, in declaration order.
    pub const ALL: [Reason; 13] = [
        Reason::NoPlanSelected,
        Reason::EligiblePlans,
        Reason::InterestFreeAvailable,
        Reason::PlanSelected,
        Reason::NoEligiblePlan,
        Reason::BelowRemindMinimum,
        Reason::NoInterestFreePlan,
        Reason::ReminderLimitReached,
        Reason::ShopperOptedOut,
        Reason::NoPlanInForm,
        Reason::AmountUnknown,
        Reason::Unlikely,
        Reason::HeavyRepayments,
    ];

    /// The code JS sees.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::NoPlanSelected => "NO_PLAN_SELECTED",
            Reason::EligiblePlans => "ELIGIBLE_PLANS",
            Reason::InterestFreeAvailable => "INTEREST_FREE_AVAILABLE",
            Reason::PlanSelected => "PLAN_SELECTED",
            Reason::NoEligiblePlan => "NO_ELIGIBLE_PLAN",
            Reason::BelowRemindMinimum => "BELOW_REMIND_MINIMUM",
            Reason::NoInterestFreePlan => "NO_INTEREST_FREE_PLAN",
            Reason::ReminderLimitReached => "REMINDER_LIMIT_REACHED",
            Reason::ShopperOptedOut => "SHOPPER_OPTED_OUT",
            Reason::NoPlanInForm => "NO_PLAN_IN_FORM",
            Reason::AmountUnknown => "AMOUNT_UNKNOWN",
            Reason::Unlikely => "UNLIKELY",
            Reason::HeavyRepayments => "HEAVY_REPAYMENTS",
        }
    }
}

/// The decision and what it rests on.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// Stop the submit and remind.
    pub remind: bool,
    /// Why, in a fixed order.
    pub reasons: Vec<Reason>,
    /// The eligible plans, the recommended one first; `comparison.ineligible` holds the
    /// amount reasons only, as `compare()` gives them.
    pub comparison: Comparison,
    /// Every plan not offered: the amount reasons, then the credit ones.
    pub ineligible: Vec<(String, Ineligible)>,
    /// How likely the shopper is to want instalments (`None`: no plan is eligible, or no weights
    /// exist for the currency).
    pub likelihood: Option<Likelihood>,
    /// The plan put first, and why.
    pub recommendation: Option<Recommendation>,
    /// The repayments with the recommended plan.
    pub affordability: Option<Affordability>,
}

impl Verdict {
    /// A quiet verdict for a checkout whose amount is not known.
    pub fn amount_unknown() -> Verdict {
        Verdict {
            remind: false,
            reasons: vec![Reason::AmountUnknown],
            comparison: Comparison {
                estimates: Vec::new(),
                ineligible: Vec::new(),
            },
            ineligible: Vec::new(),
            likelihood: None,
            recommendation: None,
            affordability: None,
        }
    }
}

/// Decides whether to remind. `offered` lists the plan ids the form can select, when the DOM
/// knows it; plans the form cannot select are never proposed.
pub fn assess(
    config: &GuardConfig,
    state: &CheckoutState,
    offered: Option<&[String]>,
) -> Result<Verdict> {
    let mut comparison = compare(state.amount, config.currency, &config.plans)?;
    let mut ineligible = comparison.ineligible.clone();
    // A provider whose available credit is below the amount cannot take it.
    comparison.estimates.retain(|e| {
        let why = config
            .plans
            .iter()
            .find(|p| p.id == e.plan_id)
            .and_then(|p| credit_ineligibility(p, &state.credit, state.amount));
        if let Some(why) = why {
            ineligible.push((e.plan_id.clone(), why));
        }
        why.is_none()
    });
    let any_eligible = !comparison.estimates.is_empty();
    if let Some(offered) = offered {
        comparison
            .estimates
            .retain(|e| offered.contains(&e.plan_id));
    }
    let recommendation = recommend(&comparison.estimates, config.recommend);
    if let Some(r) = &recommendation {
        // The recommended plan is listed first; the others keep their order.
        if let Some(i) = comparison
            .estimates
            .iter()
            .position(|e| e.plan_id == r.plan_id)
        {
            let first = comparison.estimates.remove(i);
            comparison.estimates.insert(0, first);
        }
    }
    let weights = config
        .likelihood
        .weights
        .or_else(|| Weights::default_for(config.currency));
    let likelihood = weights.filter(|_| any_eligible).map(|w| {
        likelihood(
            &w,
            config.likelihood.threshold,
            state.amount,
            config.currency,
            &comparison.estimates,
            state.signals,
        )
    });
    let affordability = comparison
        .estimates
        .first()
        .filter(|_| recommendation.is_some())
        .map(|e| affordability(state.commitments, state.income, largest_payment(e)));
    let policy = config.remind;
    let mut quiet = Vec::new();
    if state.selected_plan.is_some() {
        quiet.push(Reason::PlanSelected);
    }
    if !any_eligible {
        quiet.push(Reason::NoEligiblePlan);
    } else if comparison.estimates.is_empty() {
        quiet.push(Reason::NoPlanInForm);
    }
    if state.amount < policy.min_amount {
        quiet.push(Reason::BelowRemindMinimum);
    }
    let interest_free = comparison.estimates.iter().any(|e| e.interest_free);
    if policy.interest_free_only && !interest_free {
        quiet.push(Reason::NoInterestFreePlan);
    }
    if state.reminders_shown >= policy.max_per_checkout {
        quiet.push(Reason::ReminderLimitReached);
    }
    if state.dont_remind {
        quiet.push(Reason::ShopperOptedOut);
    }
    if likelihood.as_ref().is_some_and(|l| l.score < l.threshold) {
        quiet.push(Reason::Unlikely);
    }
    if policy.quiet_when_heavy
        && affordability.is_some_and(|a| a.level == super::advice::Level::High)
    {
        quiet.push(Reason::HeavyRepayments);
    }
    let remind = quiet.is_empty();
    let reasons = if remind {
        let mut why = vec![Reason::NoPlanSelected, Reason::EligiblePlans];
        if interest_free {
            why.push(Reason::InterestFreeAvailable);
        }
        why
    } else {
        quiet
    };
    Ok(Verdict {
        remind,
        reasons,
        comparison,
        ineligible,
        likelihood,
        recommendation,
        affordability,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn json(s: &str) -> Value {
        serde_json::from_str(s).expect("valid test JSON")
    }

    fn config_with(preset: &str, extra: &str) -> GuardConfig {
        let text = format!(r#"{{"currency": "CNY", "preset": "{preset}"{extra}}}"#);
        GuardConfig::from_value(&json(&text)).expect("valid config")
    }

    /// The element's attributes as `from_attributes` receives them: text, `plans` parsed.
    fn attributes(pairs: &[(&str, &str)]) -> Vec<Option<Value>> {
        ATTRIBUTES
            .iter()
            .map(|(attr, _, kind)| {
                let (_, text) = pairs.iter().find(|(a, _)| a == attr)?;
                Some(match kind {
                    AttrKind::Json => json(text),
                    _ => Value::String(text.to_string()),
                })
            })
            .collect()
    }

    #[test]
    fn attributes_are_typed_and_checked_as_the_config_object_is() {
        let c = GuardConfig::from_attributes(attributes(&[
            ("currency", "CNY"),
            ("remind-min-amount-minor", " 50000 "),
            ("remind-interest-free-only", ""),
            ("remind-max-per-checkout", "0"),
            ("allow-dont-remind", "FALSE"),
        ]))
        .expect("valid attributes");
        // The built-in Huabei plans, as assess() gives a config without plans or preset.
        assert_eq!(c, {
            let mut o = config_with("huabei", "");
            o.remind = RemindPolicy {
                min_amount: 50_000,
                interest_free_only: true,
                max_per_checkout: 0,
                allow_dont_remind: false,
                quiet_when_heavy: true,
            };
            o
        });
        for word in ["true", "remind-interest-free-only", " True "] {
            let c = GuardConfig::from_attributes(attributes(&[
                ("currency", "CNY"),
                ("remind-interest-free-only", word),
            ]))
            .expect("a yes");
            assert!(c.remind.interest_free_only, "{word:?}");
        }
        let plans = r#"[{"id": "a", "periods": 3, "fee": {"model": "interestFree"}}]"#;
        let c = GuardConfig::from_attributes(attributes(&[("currency", "USD"), ("plans", plans)]))
            .expect("own plans");
        assert_eq!(c.plans.len(), 1);
    }

    #[test]
    fn a_locale_is_any_tag_of_chinese_or_english_in_config_and_attribute_alike() {
        for (tag, want) in [
            ("zh-cn", Locale::ZhCn),
            ("zh", Locale::ZhCn),
            ("en-US", Locale::En),
            ("zh-Hant-HK", Locale::ZhTw),
        ] {
            let text = format!(r#"{{"currency": "CNY", "locale": "{tag}"}}"#);
            let c = GuardConfig::from_value(&json(&text)).expect("a locale of ours");
            assert_eq!(c.locale, Some(want), "config {tag}");
            let c =
                GuardConfig::from_attributes(attributes(&[("currency", "CNY"), ("locale", tag)]))
                    .expect("a locale attribute of ours");
            assert_eq!(c.locale, Some(want), "attribute {tag}");
        }
        for tag in ["fr", "ja-JP", ""] {
            let text = format!(r#"{{"currency": "CNY", "locale": "{tag}"}}"#);
            let e = GuardConfig::from_value(&json(&text)).expect_err("another language");
            assert_eq!(
                (e.code, e.field.as_str()),
                (Code::InvalidConfig, "locale"),
                "{tag}"
            );
            let e =
                GuardConfig::from_attributes(attributes(&[("currency", "CNY"), ("locale", tag)]))
                    .expect_err("another language");
            assert_eq!(
                (e.code, e.field.as_str()),
                (Code::InvalidConfig, "locale"),
                "{tag}"
            );
        }
    }

    #[test]
    fn attribute_errors_name_the_attribute() {
        for (pairs, code, field, start) in [
            (
                &[("currency", "CNY"), ("remind-max-per-checkout", "2")][..],
                Code::InvalidConfig,
                "remind-max-per-checkout",
                "remind-max-per-checkout must be",
            ),
            (
                &[("currency", "CNY"), ("remind-interest-free-only", "no")][..],
                Code::InvalidConfig,
                "remind-interest-free-only",
                "remind-interest-free-only must be true or false",
            ),
            (
                &[("currency", "CNY"), ("remind-min-amount-minor", "12.5")][..],
                Code::InvalidAmount,
                "remind-min-amount-minor",
                "remind-min-amount-minor ",
            ),
            (
                &[("currency", "CNY"), ("plan-field", " ")][..],
                Code::InvalidConfig,
                "plan-field",
                "plan-field must name a form field",
            ),
            (
                &[("currency", "CNY"), ("preset", "huabei"), ("plans", "[]")][..],
                Code::InvalidConfig,
                "preset",
                "preset cannot be given together with plans",
            ),
            (
                &[][..],
                Code::InvalidCurrency,
                "currency",
                "currency is required",
            ),
        ] {
            let e = GuardConfig::from_attributes(attributes(pairs)).expect_err("refused");
            assert_eq!((e.code, e.field.as_str()), (code, field), "{pairs:?}");
            assert!(e.message.starts_with(start), "{pairs:?}: {}", e.message);
        }
    }

    #[test]
    fn disclosure_follows_the_currency_unless_named_and_promotion_text_is_checked() {
        let of = |text: &str| GuardConfig::from_value(&json(text));
        for (currency, want) in [
            ("CNY", Some(Jurisdiction::Cn)),
            ("USD", Some(Jurisdiction::Us)),
            ("GBP", Some(Jurisdiction::Uk)),
            ("EUR", Some(Jurisdiction::Eu)),
            ("PLN", Some(Jurisdiction::Eu)),
            ("HKD", None),
        ] {
            let c = of(&format!(
                r#"{{"currency": "{currency}", "plans": [{{"id": "a", "periods": 3,
                "fee": {{"model": "interestFree"}}}}]}}"#
            ))
            .expect(currency);
            assert_eq!(c.disclosure, want, "{currency}");
        }
        let c = of(r#"{"currency": "CNY", "disclosure": "none"}"#).expect("none");
        assert_eq!(c.disclosure, None);
        let c = of(
            r#"{"currency": "CNY", "disclosure": "uk", "promotionText": {"en": "Credit by X"}}"#,
        )
        .expect("uk");
        assert_eq!(c.disclosure, Some(Jurisdiction::Uk));
        assert_eq!(c.promotion, [None, None, Some("Credit by X".to_string())]);
        let c = of(r#"{"currency": "CNY", "promotionText": "由 X 提供"}"#).expect("one text");
        assert_eq!(
            c.promotion,
            [
                Some("由 X 提供".to_string()),
                Some("由 X 提供".to_string()),
                Some("由 X 提供".to_string())
            ]
        );
        let long = "字".repeat(501);
        for (text, field) in [
            (
                r#"{"currency": "CNY", "disclosure": "gb"}"#.to_string(),
                "disclosure",
            ),
            (
                r#"{"currency": "CNY", "disclosure": "UK"}"#.to_string(),
                "disclosure",
            ),
            (
                r#"{"currency": "CNY", "promotionText": 5}"#.to_string(),
                "promotionText",
            ),
            (
                r#"{"currency": "CNY", "promotionText": {"fr": "x"}}"#.to_string(),
                "promotionText.fr",
            ),
            (
                format!(r#"{{"currency": "CNY", "promotionText": "{long}"}}"#),
                "promotionText",
            ),
            (
                format!(r#"{{"currency": "CNY", "promotionText": {{"en": "{long}"}}}}"#),
                "promotionText.en",
            ),
        ] {
            let e = of(&text).expect_err(&text);
            assert_eq!(
                (e.code, e.field.as_str()),
                (Code::InvalidConfig, field),
                "{text}"
            );
        }
        // 500 characters are taken, whatever their bytes.
        assert!(of(&format!(
            r#"{{"currency": "CNY", "promotionText": "{}"}}"#,
            "字".repeat(500)
        ))
        .is_ok());
    }

    fn config(extra: &str) -> GuardConfig {
        config_with("huabei", extra)
    }

    fn state(amount: u64) -> CheckoutState {
        CheckoutState {
            amount,
            ..CheckoutState::default()
        }
    }

    fn reasons(v: &Verdict) -> Vec<&'static str> {
        v.reasons.iter().map(|r| r.as_str()).collect()
    }

    #[test]
    fn all_lists_every_reason_once_in_order() {
        for (i, reason) in Reason::ALL.iter().enumerate() {
            assert_eq!(*reason as usize, i, "{reason:?}");
        }
    }

    #[test]
    fn config_defaults() {
        let c = config("");
        assert_eq!(c.plan_field, "instalment_plan");
        assert_eq!(c.remind, RemindPolicy::default());
        assert_eq!(c.locale, None);
        assert_eq!(c.plans.len(), 3);
    }

    #[test]
    fn a_cny_config_without_plans_gets_the_huabei_preset() {
        let bare = GuardConfig::from_value(&json(r#"{"currency": "CNY"}"#)).expect("valid");
        let preset = config_with("huabei", "");
        let ids = |c: &GuardConfig| c.plans.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&bare), ids(&preset));
        assert_eq!(ids(&bare), ["huabei-3", "huabei-6", "huabei-12"]);
    }

    #[test]
    fn a_currency_without_plans_is_told_plans_it_could_use_not_a_cny_preset() {
        let of = |text: &str| GuardConfig::from_value(&json(text));
        let e = of(r#"{"currency": "USD"}"#).expect_err("no plans");
        assert_eq!((e.code, e.field.as_str()), (Code::InvalidConfig, "plans"));
        assert!(!e.message.contains("credit-card-cn"), "{}", e.message);
        // The plans it suggests are accepted for that currency as they are written.
        let at = e.message.find('[').expect("an example");
        let config = String::from(r#"{"currency": "USD", "plans": "#) + &e.message[at..] + "}";
        assert!(of(&config).is_ok(), "{config}");
    }

    #[test]
    fn config_mistakes_name_their_field() {
        for (input, code, field) in [
            (r#"[]"#, Code::InvalidConfig, "config"),
            (r#"{"preset": "huabei"}"#, Code::InvalidCurrency, "currency"),
            (
                r#"{"currency": "cny", "preset": "huabei"}"#,
                Code::InvalidCurrency,
                "currency",
            ),
            (r#"{"currency": "USD"}"#, Code::InvalidConfig, "plans"),
            (
                r#"{"currency": "CNY", "plans": []}"#,
                Code::InvalidConfig,
                "plans",
            ),
            (
                r#"{"currency": "CNY", "preset": "huabei", "plans": []}"#,
                Code::InvalidConfig,
                "preset",
            ),
            (
                r#"{"currency": "CNY", "preset": "paypal"}"#,
                Code::InvalidConfig,
                "preset",
            ),
            (
                r#"{"currency": "USD", "preset": "huabei"}"#,
                Code::InvalidConfig,
                "preset",
            ),
            (
                r#"{"currency": "CNY", "preset": "huabei", "locale": "fr"}"#,
                Code::InvalidConfig,
                "locale",
            ),
            (
                r#"{"currency": "CNY", "preset": "huabei", "planField": ""}"#,
                Code::InvalidConfig,
                "planField",
            ),
            (
                r#"{"currency": "CNY", "preset": "huabei", "remind": {"maxPerCheckout": -1}}"#,
                Code::InvalidConfig,
                "remind.maxPerCheckout",
            ),
            (
                r#"{"currency": "CNY", "preset": "huabei", "remind": {"maxPerCheckout": 2}}"#,
                Code::InvalidConfig,
                "remind.maxPerCheckout",
            ),
            (
                r#"{"currency": "CNY", "preset": "huabei", "remind": {"minAmountMinor": 1.5}}"#,
                Code::InvalidAmount,
                "remind.minAmountMinor",
            ),
            (
                r#"{"currency": "CNY", "preset": "huabei", "remind": {"interestFreeOnly": "yes"}}"#,
                Code::InvalidConfig,
                "remind.interestFreeOnly",
            ),
            (
                r#"{"currency": "CNY", "preset": "huabei", "remind": {"max": 2}}"#,
                Code::InvalidConfig,
                "remind.max",
            ),
            (
                r#"{"currency": "CNY", "preset": "huabei", "plan": []}"#,
                Code::InvalidConfig,
                "plan",
            ),
            // An empty key is still named, as JS indexes it (found by fuzzing: the field was "").
            (
                r#"{"currency": "CNY", "preset": "huabei", "": 1}"#,
                Code::InvalidConfig,
                r#"[""]"#,
            ),
            (
                r#"{"currency": "CNY", "plans": [{"id": "a", "periods": 3, "fee": {"model": "flatTotal", "rate": "x"}}]}"#,
                Code::InvalidRate,
                "plans[0].fee.rate",
            ),
        ] {
            let e = GuardConfig::from_value(&json(input)).expect_err(input);
            assert_eq!(
                (e.code, e.field.as_str()),
                (code, field),
                "{input}: {}",
                e.message
            );
        }
    }

    #[test]
    fn a_config_holds_at_most_64_plans() {
        let with = |n: usize| {
            let plans: Vec<String> = (0..n)
                .map(|i| {
                    format!(r#"{{"id": "p{i}", "periods": 3, "fee": {{"model": "interestFree"}}}}"#)
                })
                .collect();
            GuardConfig::from_value(&json(&format!(
                r#"{{"currency": "CNY", "plans": [{}]}}"#,
                plans.join(",")
            )))
        };
        assert_eq!(with(64).map(|c| c.plans.len()), Ok(64));
        let e = with(65).expect_err("65 plans");
        assert_eq!((e.code, e.field.as_str()), (Code::InvalidConfig, "plans"));
    }

    #[test]
    fn reminds_when_nothing_is_chosen_and_a_plan_fits() {
        let v = assess(&config(""), &state(111111), None).expect("verdict");
        assert!(v.remind);
        assert_eq!(reasons(&v), vec!["NO_PLAN_SELECTED", "ELIGIBLE_PLANS"]);
        assert_eq!(v.comparison.recommended(), Some("huabei-12"));
    }

    #[test]
    fn says_when_an_interest_free_plan_is_there() {
        let c = config_with("huabei-interest-free", "");
        let v = assess(&c, &state(111111), None).expect("verdict");
        assert_eq!(
            reasons(&v),
            vec![
                "NO_PLAN_SELECTED",
                "ELIGIBLE_PLANS",
                "INTEREST_FREE_AVAILABLE"
            ]
        );
        assert_eq!(v.comparison.recommended(), Some("huabei-12"));
    }

    #[test]
    fn each_quiet_branch_has_its_reason() {
        let c = config("");
        let chosen = CheckoutState {
            selected_plan: Some("huabei-3".into()),
            ..state(111111)
        };
        assert_eq!(
            reasons(&assess(&c, &chosen, None).expect("v")),
            vec!["PLAN_SELECTED"]
        );
        // Below the presets' 100-yuan floor no plan fits.
        assert_eq!(
            reasons(&assess(&c, &state(9999), None).expect("v")),
            vec!["NO_ELIGIBLE_PLAN"]
        );
        let shown = CheckoutState {
            reminders_shown: 1,
            ..state(111111)
        };
        assert_eq!(
            reasons(&assess(&c, &shown, None).expect("v")),
            vec!["REMINDER_LIMIT_REACHED"]
        );
        let opted = CheckoutState {
            dont_remind: true,
            ..state(111111)
        };
        assert_eq!(
            reasons(&assess(&c, &opted, None).expect("v")),
            vec!["SHOPPER_OPTED_OUT"]
        );
        let min = config(r#", "remind": {"minAmountMinor": 200000}"#);
        assert_eq!(
            reasons(&assess(&min, &state(111111), None).expect("v")),
            vec!["BELOW_REMIND_MINIMUM"]
        );
        let free_only = config(r#", "remind": {"interestFreeOnly": true}"#);
        assert_eq!(
            reasons(&assess(&free_only, &state(111111), None).expect("v")),
            vec!["NO_INTEREST_FREE_PLAN"]
        );
        let offered = ["card-3".to_string()];
        assert_eq!(
            reasons(&assess(&c, &state(111111), Some(&offered)).expect("v")),
            vec!["NO_PLAN_IN_FORM"]
        );
        let never = config(r#", "remind": {"maxPerCheckout": 0}"#);
        assert_eq!(
            reasons(&assess(&never, &state(111111), None).expect("v")),
            vec!["REMINDER_LIMIT_REACHED"]
        );
    }

    #[test]
    fn every_quiet_reason_that_applies_is_listed_in_order() {
        let c = config(r#", "remind": {"minAmountMinor": 200000, "interestFreeOnly": true}"#);
        let s = CheckoutState {
            selected_plan: Some("x".into()),
            reminders_shown: 3,
            dont_remind: true,
            ..state(5000)
        };
        assert_eq!(
            reasons(&assess(&c, &s, None).expect("v")),
            vec![
                "PLAN_SELECTED",
                "NO_ELIGIBLE_PLAN",
                "BELOW_REMIND_MINIMUM",
                "NO_INTEREST_FREE_PLAN",
                "REMINDER_LIMIT_REACHED",
                "SHOPPER_OPTED_OUT"
            ]
        );
    }

    #[test]
    fn the_form_limits_what_is_proposed() {
        let offered = ["huabei-3".to_string(), "huabei-6".to_string()];
        let v = assess(&config(""), &state(111111), Some(&offered)).expect("verdict");
        assert!(v.remind);
        assert_eq!(v.comparison.recommended(), Some("huabei-3"));
    }

    #[test]
    fn states_are_checked() {
        let s =
            CheckoutState::from_value(&json(r#"{"amountMinor": 100, "selectedPlanId": "none"}"#))
                .expect("state");
        assert_eq!(s.selected_plan, None);
        let s = CheckoutState::from_value(&json(
            r#"{"amountMinor": 100, "selectedPlanId": "huabei-3"}"#,
        ))
        .expect("state");
        assert_eq!(s.selected_plan.as_deref(), Some("huabei-3"));
        for (input, code, field) in [
            (r#"{}"#, Code::InvalidAmount, "amountMinor"),
            (r#"7"#, Code::InvalidState, "state"),
            (
                r#"{"amountMinor": "100"}"#,
                Code::InvalidAmount,
                "amountMinor",
            ),
            (
                r#"{"amountMinor": 1, "selectedPlanId": 3}"#,
                Code::InvalidState,
                "selectedPlanId",
            ),
            (
                r#"{"amountMinor": 1, "amount": 3}"#,
                Code::InvalidState,
                "amount",
            ),
            (
                r#"{"amountMinor": 1, "": 3}"#,
                Code::InvalidState,
                r#"[""]"#,
            ),
            (
                r#"{"amountMinor": 1, "remindersShown": -1}"#,
                Code::InvalidState,
                "remindersShown",
            ),
        ] {
            let e = CheckoutState::from_value(&json(input)).expect_err(input);
            assert_eq!((e.code, e.field.as_str()), (code, field), "{input}");
        }
    }

    #[test]
    fn updates_are_partial() {
        let u = StateUpdate::from_value(&json(r#"{"amountMinor": 5}"#)).expect("update");
        assert_eq!(
            u,
            StateUpdate {
                amount: Some(5),
                ..StateUpdate::default()
            }
        );
        let u = StateUpdate::from_value(&json(r#"{"selectedPlanId": null}"#)).expect("update");
        assert_eq!(
            u,
            StateUpdate {
                selected_plan: Some(None),
                ..StateUpdate::default()
            }
        );
        let u = StateUpdate::from_value(&json(r#"{"remindersShown": 1}"#)).expect("update");
        assert_eq!(u.reminders_shown, Some(1));
        assert!(StateUpdate::from_value(&json(r#"{"dontRemind": true}"#)).is_err());
        assert!(StateUpdate::from_value(&json(r#"{"remindersShown": -1}"#)).is_err());
    }
}

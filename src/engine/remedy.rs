//! Help after paying: a shopper who paid a Chinese order in full without meaning to learns every
//! way back, whether it is open to them, what it costs beyond the price, and what to do. Once a
//! Tmall-style order is paid its payment method cannot change, so the ways are: keep it; a bill
//! instalment (Huabei 账单分期, or a card's), which keeps the order but loses any merchant-paid
//! interest-free deal; refund and buy again, which keeps the plan but loses discounts and days;
//! and customer service, which costs time and may do nothing.

use alloc::string::String;
use alloc::vec::Vec;

use super::advice::{recommend, RecommendPolicy};
use super::error::{digits, Code, Error, Result};
use super::messages::keys::remedy::*;
use super::messages::{fill, money, percent, text, Key, Locale};
use super::money::Currency;
use super::plan::{plans_from_value, Fee, Plan};
use super::rate::Rate;
use super::remind::AttrKind;
use super::schedule::{estimate, Estimate};
use super::value::{Fields, Value};

/// The attributes of `<instalment-remedy>` (src/dom/remedy.rs reads them; js/shell.js lists
/// them in this order), each with the `PaidOrder` field it sets (`checkout.x` inside `checkout`;
/// `preset`, `locale` and the space-separated `quiet-reasons` are read apart) and how its text is
/// read, as `<instalment-guard>` reads its own.
pub const ELEMENT_ATTRIBUTES: [(&str, &str, AttrKind); 13] = [
    ("currency", "currency", AttrKind::Text),
    ("amount-minor", "amountMinor", AttrKind::Whole),
    ("paid-with", "paidWith", AttrKind::Text),
    ("preset", "", AttrKind::Text),
    ("plans", "plans", AttrKind::Json),
    ("bill-plans", "billPlans", AttrKind::Json),
    ("lost-on-rebuy-minor", "lostOnRebuyMinor", AttrKind::Whole),
    ("status", "status", AttrKind::Text),
    ("received-days-ago", "receivedDaysAgo", AttrKind::Whole),
    ("returnable", "returnable", AttrKind::YesNo),
    ("reminded", "checkout.reminded", AttrKind::YesNo),
    ("quiet-reasons", "checkout.quietReasons", AttrKind::Text),
    ("locale", "", AttrKind::Text),
];

/// The keys a `PaidOrder` may have.
pub const ORDER_FIELDS: [&str; 10] = [
    "amountMinor",
    "currency",
    "paidWith",
    "checkout",
    "plans",
    "billPlans",
    "lostOnRebuyMinor",
    "status",
    "receivedDaysAgo",
    "returnable",
];

/// How the order was paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaidWith {
    /// Huabei.
    Huabei,
    /// A credit card.
    CreditCard,
    /// Anything else (balance, debit card): no bill to split.
    Other,
}

/// Where the order is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Not shipped: a refund needs no return.
    Unshipped,
    /// On its way.
    Shipped,
    /// Received, `receivedDaysAgo` days ago.
    Received,
}

/// A paid order, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct PaidOrder {
    /// The amount paid, in fen.
    pub amount: u64,
    /// Always CNY: these are the ways back of Chinese platforms and law.
    pub currency: Currency,
    /// How it was paid.
    pub paid_with: PaidWith,
    /// The guard reminded at checkout (and the shopper chose to pay in full).
    pub reminded: bool,
    /// Why the guard stayed quiet at checkout, as its reason codes.
    pub quiet_reasons: Vec<String>,
    /// The instalment plans the checkout offered.
    pub plans: Vec<Plan>,
    /// The instalments open after paying.
    pub bill_plans: Vec<Plan>,
    /// Discounts a new order would not get back.
    pub lost_on_rebuy: u64,
    /// Where the order is.
    pub status: Status,
    /// Days since receipt, for a received order.
    pub received_days_ago: Option<u32>,
    /// False for goods outside the 7-day rule.
    pub returnable: bool,
}

/// The built-in bill instalments: Huabei 3/6/9/12 periods at a typical 2.5/4.5/6.5/8.8% in all,
/// and a card's 3/6/12 at a typical 0.9/0.75/0.66% a period. Personalised rates differ: the texts
/// say "typical; check your app".
pub fn typical_bill_plans(paid_with: PaidWith) -> Vec<Plan> {
    let (provider, list): (&str, &[(u32, Fee)]) = match paid_with {
        PaidWith::Huabei => (
            "huabei",
            &[
                (3, flat(25_000_000)),
                (6, flat(45_000_000)),
                (9, flat(65_000_000)),
                (12, flat(88_000_000)),
            ],
        ),
        PaidWith::CreditCard => (
            "credit_card",
            &[
                (3, per_period(9_000_000)),
                (6, per_period(7_500_000)),
                (12, per_period(6_600_000)),
            ],
        ),
        PaidWith::Other => return Vec::new(),
    };
    list.iter()
        .map(|&(periods, fee)| Plan {
            id: String::from(if paid_with == PaidWith::Huabei {
                "bill-huabei-"
            } else {
                "bill-card-"
            }) + &digits(periods as u128),
            label: None,
            provider: Some(String::from(provider)),
            periods,
            fee,
            min_amount: None,
            max_amount: None,
        })
        .collect()
}

const fn flat(nanos: u64) -> Fee {
    Fee::FlatTotal {
        rate: Rate::from_nanos(nanos),
        merchant_pays: false,
    }
}

const fn per_period(nanos: u64) -> Fee {
    Fee::PerPeriod {
        rate: Rate::from_nanos(nanos),
    }
}

impl PaidOrder {
    /// Checks a `PaidOrder`.
    pub fn from_value(value: &Value) -> Result<PaidOrder> {
        let state = Code::InvalidState;
        let f = Fields::open_root(value, "order", state, &ORDER_FIELDS)?;
        let amount = f
            .amount("amountMinor")?
            .ok_or_else(|| Error::new(Code::InvalidAmount, "amountMinor", &["is required"]))?;
        let currency = f.currency(": \"CNY\"")?;
        if currency.code() != "CNY" {
            return Err(Error::new(
                Code::InvalidCurrency,
                "currency",
                &["must be \"CNY\": the ways back are those of Chinese platforms and law"],
            ));
        }
        let paid_with = match f.string("paidWith", state)? {
            Some("huabei") => PaidWith::Huabei,
            Some("credit_card") => PaidWith::CreditCard,
            Some("other") => PaidWith::Other,
            Some(other) => {
                return Err(Error::new(
                    state,
                    "paidWith",
                    &[
                        "must be \"huabei\", \"credit_card\" or \"other\", got \"",
                        other,
                        "\"",
                    ],
                ))
            }
            None => return Err(Error::new(state, "paidWith", &["is required"])),
        };
        let (reminded, quiet_reasons) = match f.get("checkout") {
            None => (false, Vec::new()),
            Some(v) => {
                let c = Fields::open(v, "checkout", state, &["reminded", "quietReasons"])?;
                let reminded = c.bool("reminded", state)?.ok_or_else(|| {
                    Error::new(state, "checkout.reminded", &["is required in checkout"])
                })?;
                let mut reasons = Vec::new();
                match c.get("quietReasons") {
                    None => {}
                    Some(Value::Array(list)) => {
                        for (i, r) in list.iter().enumerate() {
                            match r {
                                Value::String(s) => reasons.push(s.clone()),
                                other => {
                                    return Err(Error::new(
                                        state,
                                        &super::error::index("checkout.quietReasons", i),
                                        &["must be a reason code, got ", other.kind()],
                                    ))
                                }
                            }
                        }
                    }
                    Some(other) => {
                        return Err(Error::new(
                            state,
                            "checkout.quietReasons",
                            &["must be a list of reason codes, got ", other.kind()],
                        ))
                    }
                }
                (reminded, reasons)
            }
        };
        let plans = match f.get("plans") {
            Some(v) => plans_from_value(v, "plans")?,
            None => {
                return Err(Error::new(
                    Code::InvalidPlan,
                    "plans",
                    &["are required: the plans the checkout offered (may be [])"],
                ))
            }
        };
        let bill_plans = match f.get("billPlans") {
            Some(v) => plans_from_value(v, "billPlans")?,
            None => typical_bill_plans(paid_with),
        };
        let status = match f.string("status", state)? {
            None | Some("unshipped") => Status::Unshipped,
            Some("shipped") => Status::Shipped,
            Some("received") => Status::Received,
            Some(other) => {
                return Err(Error::new(
                    state,
                    "status",
                    &[
                        "must be \"unshipped\", \"shipped\" or \"received\", got \"",
                        other,
                        "\"",
                    ],
                ))
            }
        };
        Ok(PaidOrder {
            amount,
            currency,
            paid_with,
            reminded,
            quiet_reasons,
            plans,
            bill_plans,
            lost_on_rebuy: f.amount("lostOnRebuyMinor")?.unwrap_or(0),
            status,
            received_days_ago: f.whole("receivedDaysAgo", state, 0, 100_000)?,
            returnable: f.bool("returnable", state)?.unwrap_or(true),
        })
    }
}

/// A way back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Keep the order as paid: nothing to do, nothing to pay.
    Keep,
    /// Split the bill after paying.
    BillInstalment,
    /// Refund and order again, choosing the plan.
    RefundAndRebuy,
    /// Ask the merchant, then the platform.
    CustomerService,
}

impl Kind {
    /// The code JS sees.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Keep => "keep",
            Kind::BillInstalment => "billInstalment",
            Kind::RefundAndRebuy => "refundAndRebuy",
            Kind::CustomerService => "customerService",
        }
    }
}

/// One way back, for this order.
#[derive(Clone, Debug, PartialEq)]
pub struct Way {
    /// Which.
    pub kind: Kind,
    /// Open to this shopper now.
    pub available: bool,
    /// Why not, as a code.
    pub reason: Option<&'static str>,
    /// The plan it ends on.
    pub estimate: Option<Estimate>,
    /// What it costs beyond the price (fees and lost discounts); `None` when unknown.
    pub cost: Option<u64>,
    /// `cost` minus the missed plan's fee: what forgetting costs this way.
    pub extra_cost: Option<i64>,
    /// What to do, in order, in the locale.
    pub steps: Vec<String>,
}

/// Everything a paid order can still do.
#[derive(Clone, Debug, PartialEq)]
pub struct Remedy {
    /// Whether to offer help at all.
    pub offer: bool,
    /// The plan the checkout would have put first.
    pub missed: Option<Estimate>,
    /// Keep first, then the available ways by cost, then the unavailable ones.
    pub options: Vec<Way>,
    /// The cheaper available way to still get instalments.
    pub recommended: Option<Kind>,
}

const KEEP_STEPS: [Key; 2] = [KEEP_STEPS_0, KEEP_STEPS_1];
const SERVICE_STEPS: [Key; 3] = [SERVICE_STEPS_0, SERVICE_STEPS_1, SERVICE_STEPS_2];

/// The remedy for `order`, its texts in `locale`.
pub fn remedy(order: &PaidOrder, locale: Locale) -> Result<Remedy> {
    let t = |key: Key| text(locale, key);
    let m = |minor: u64| money(locale, order.currency, minor);
    // The plan the checkout would have put first: the same rule as the reminder's.
    let mut eligible = Vec::new();
    for plan in order
        .plans
        .iter()
        .filter(|p| p.ineligibility(order.amount).is_none())
    {
        eligible.push(estimate(order.amount, order.currency, plan)?);
    }
    let missed = recommend(&eligible, RecommendPolicy::default())
        .and_then(|r| eligible.into_iter().find(|e| e.plan_id == r.plan_id));
    let missed_fee = missed.as_ref().map(|e| e.total_fee);
    let extra = |cost: Option<u64>| match (cost, missed_fee) {
        (Some(c), Some(f)) => Some(c as i64 - f as i64),
        _ => None,
    };

    // Bill instalment: the bill plan with the missed plan's periods, else the lowest rate.
    let mut bills = Vec::new();
    for plan in order
        .bill_plans
        .iter()
        .filter(|p| p.ineligibility(order.amount).is_none())
    {
        bills.push(estimate(order.amount, order.currency, plan)?);
    }
    let periods = missed.as_ref().map(|e| e.periods);
    let bill = bills
        .iter()
        .find(|e| Some(e.periods) == periods)
        .or_else(|| {
            bills.iter().reduce(|a, b| {
                if b.rate.nominal < a.rate.nominal {
                    b
                } else {
                    a
                }
            })
        })
        .cloned();
    let bill_way = match (order.paid_with, bill) {
        (PaidWith::Other, _) => unavailable(Kind::BillInstalment, "NOT_CREDIT"),
        (_, None) => unavailable(Kind::BillInstalment, "NO_BILL_PLAN"),
        (paid_with, Some(e)) => {
            let mut steps = Vec::new();
            if paid_with == PaidWith::Huabei {
                steps.push(String::from(t(BILL_HUABEI)));
                steps.push(String::from(t(BILL_HUABEI_WHERE)));
            } else {
                steps.push(String::from(t(BILL_CARD)));
            }
            steps.push(fill(
                t(BILL_CHOOSE),
                &[
                    &digits(e.periods as u128),
                    &m(e.total_fee),
                    &percent(e.rate.nominal, 2),
                ],
            ));
            let cost = Some(e.total_fee);
            Way {
                kind: Kind::BillInstalment,
                available: true,
                reason: None,
                cost,
                extra_cost: extra(cost),
                estimate: Some(e),
                steps,
            }
        }
    };

    // Refund and buy again, choosing the missed plan this time.
    let window_open = match order.status {
        Status::Unshipped | Status::Shipped => true,
        Status::Received => order.received_days_ago.is_some_and(|d| d <= 7),
    };
    let refund_way = match &missed {
        None => unavailable(Kind::RefundAndRebuy, "NO_ELIGIBLE_PLAN"),
        Some(_) if !order.returnable => unavailable(Kind::RefundAndRebuy, "RETURN_NOT_ALLOWED"),
        Some(_) if !window_open => unavailable(Kind::RefundAndRebuy, "RETURN_WINDOW_CLOSED"),
        Some(e) => {
            let name = order
                .plans
                .iter()
                .find(|p| p.id == e.plan_id)
                .map(|p| p.name(locale))
                .unwrap_or_default();
            let mut steps = Vec::from([
                String::from(t(if order.status == Status::Unshipped {
                    REFUND_UNSHIPPED
                } else {
                    REFUND_RETURN
                })),
                fill(t(REBUY), &[&name]),
            ]);
            if order.lost_on_rebuy > 0 {
                steps.push(fill(t(REBUY_LOST), &[&m(order.lost_on_rebuy)]));
            }
            let cost = Some(order.lost_on_rebuy.saturating_add(e.total_fee));
            Way {
                kind: Kind::RefundAndRebuy,
                available: true,
                reason: None,
                cost,
                extra_cost: extra(cost),
                estimate: Some(e.clone()),
                steps,
            }
        }
    };
    let service_way = Way {
        kind: Kind::CustomerService,
        available: true,
        reason: None,
        estimate: None,
        cost: None,
        extra_cost: None,
        steps: SERVICE_STEPS.iter().map(|s| String::from(t(*s))).collect(),
    };
    let keep_way = Way {
        kind: Kind::Keep,
        available: true,
        reason: None,
        estimate: None,
        cost: Some(0),
        extra_cost: extra(Some(0)),
        steps: KEEP_STEPS.iter().map(|s| String::from(t(*s))).collect(),
    };

    // The cheaper available way to still get instalments; a tie goes to the bill instalment.
    let recommended = match (
        bill_way.available.then_some(bill_way.cost).flatten(),
        refund_way.available.then_some(refund_way.cost).flatten(),
    ) {
        (Some(b), Some(r)) if r < b => Some(Kind::RefundAndRebuy),
        (Some(_), _) => Some(Kind::BillInstalment),
        (None, Some(_)) => Some(Kind::RefundAndRebuy),
        (None, None) => None,
    };
    // Keep first; then the available ways by known cost, then unknown; then the unavailable.
    // The sort is stable, so ties keep bill instalment, refund and rebuy, customer service.
    let mut rest = Vec::from([bill_way, refund_way, service_way]);
    let rank = |w: &Way| match (w.available, w.cost) {
        (true, Some(c)) => (0u8, c),
        (true, None) => (1, 0),
        (false, _) => (2, 0),
    };
    // The standard library's sort would link several kilobytes of wasm for three items.
    super::error::insertion_sort(&mut rest, |a, b| rank(a) < rank(b));
    let mut options = Vec::from([keep_way]);
    options.extend(rest);

    let told_no = order
        .quiet_reasons
        .iter()
        .any(|r| r == "HEAVY_REPAYMENTS" || r == "SHOPPER_OPTED_OUT");
    Ok(Remedy {
        offer: missed.is_some() && !order.reminded && !told_no,
        missed,
        options,
        recommended,
    })
}

fn unavailable(kind: Kind, reason: &'static str) -> Way {
    Way {
        kind,
        available: false,
        reason: Some(reason),
        estimate: None,
        cost: None,
        extra_cost: None,
        steps: Vec::new(),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn order(extra: &str) -> PaidOrder {
        let text = format!(
            r#"{{"amountMinor": 600000, "currency": "CNY", "paidWith": "huabei",
                "plans": [{{"id": "huabei-12", "provider": "huabei", "periods": 12,
                            "fee": {{"model": "flatTotal", "rate": "0.075", "payer": "merchant"}}}},
                          {{"id": "huabei-3", "provider": "huabei", "periods": 3,
                            "fee": {{"model": "flatTotal", "rate": "0.023"}}}}]{extra}}}"#
        );
        PaidOrder::from_value(&serde_json::from_str(&text).expect("JSON")).expect("an order")
    }

    fn kinds(r: &Remedy) -> Vec<&'static str> {
        r.options.iter().map(|w| w.kind.as_str()).collect()
    }

    fn way(r: &Remedy, kind: Kind) -> &Way {
        r.options
            .iter()
            .find(|w| w.kind == kind)
            .expect("every kind is listed")
    }

    #[test]
    fn a_missed_interest_free_plan_makes_the_bill_instalment_cost_528_yuan() {
        // DOMAIN.md: 6,000 CNY with 12 periods interest-free missed; the bill's 12 periods cost
        // 528 CNY (8.8%).
        let r = remedy(&order(""), Locale::ZhCn).expect("a remedy");
        assert!(r.offer);
        assert_eq!(
            r.missed.as_ref().map(|e| e.plan_id.as_str()),
            Some("huabei-12")
        );
        let bill = way(&r, Kind::BillInstalment);
        assert_eq!(bill.cost, Some(52_800));
        assert_eq!(bill.extra_cost, Some(52_800));
        assert_eq!(bill.estimate.as_ref().map(|e| e.periods), Some(12));
        assert!(bill
            .steps
            .last()
            .expect("steps")
            .contains("以你的 App 显示为准"));
        // Refund and rebuy keeps the interest-free plan: it costs nothing here, so it is first
        // after keep and the recommended way back.
        let refund = way(&r, Kind::RefundAndRebuy);
        assert_eq!((refund.cost, refund.extra_cost), (Some(0), Some(0)));
        assert!(refund.steps[0].contains("不用退货"), "{:?}", refund.steps);
        assert_eq!(
            kinds(&r),
            [
                "keep",
                "refundAndRebuy",
                "billInstalment",
                "customerService"
            ]
        );
        assert_eq!(r.recommended, Some(Kind::RefundAndRebuy));
        assert_eq!(way(&r, Kind::Keep).cost, Some(0));
        assert_eq!(way(&r, Kind::CustomerService).cost, None);
    }

    #[test]
    fn lost_discounts_make_the_bill_instalment_the_cheaper_way() {
        let r = remedy(
            &order(r#", "lostOnRebuyMinor": 60000, "status": "shipped""#),
            Locale::En,
        )
        .expect("a remedy");
        assert_eq!(way(&r, Kind::RefundAndRebuy).cost, Some(60_000));
        assert_eq!(
            kinds(&r),
            [
                "keep",
                "billInstalment",
                "refundAndRebuy",
                "customerService"
            ]
        );
        assert_eq!(r.recommended, Some(Kind::BillInstalment));
        assert!(way(&r, Kind::RefundAndRebuy)
            .steps
            .iter()
            .any(|s| s.contains("CN¥600.00")));
    }

    #[test]
    fn the_return_window_and_returnable_goods_close_refund_and_rebuy() {
        for (extra, reason) in [
            (
                r#", "status": "received", "receivedDaysAgo": 8"#,
                "RETURN_WINDOW_CLOSED",
            ),
            (r#", "status": "received""#, "RETURN_WINDOW_CLOSED"),
            (
                r#", "status": "shipped", "returnable": false"#,
                "RETURN_NOT_ALLOWED",
            ),
        ] {
            let r = remedy(&order(extra), Locale::En).expect("a remedy");
            let refund = way(&r, Kind::RefundAndRebuy);
            assert_eq!(
                (refund.available, refund.reason),
                (false, Some(reason)),
                "{extra}"
            );
            assert_eq!(refund.estimate, None);
            assert_eq!(
                *kinds(&r).last().expect("listed"),
                "refundAndRebuy",
                "unavailable last"
            );
        }
        let r = remedy(
            &order(r#", "status": "received", "receivedDaysAgo": 7"#),
            Locale::En,
        )
        .expect("a remedy");
        assert!(way(&r, Kind::RefundAndRebuy).available);
    }

    #[test]
    fn no_second_ask_and_nothing_to_miss_mean_no_offer() {
        let r = remedy(&order(r#", "checkout": {"reminded": true}"#), Locale::En).expect("r");
        assert!(!r.offer, "the shopper chose in the reminder");
        for reason in ["HEAVY_REPAYMENTS", "SHOPPER_OPTED_OUT"] {
            let extra =
                format!(r#", "checkout": {{"reminded": false, "quietReasons": ["{reason}"]}}"#);
            assert!(
                !remedy(&order(&extra), Locale::En).expect("r").offer,
                "{reason}"
            );
        }
        let none = PaidOrder::from_value(
            &serde_json::from_str(
                r#"{"amountMinor": 5000, "currency": "CNY", "paidWith": "other", "plans": []}"#,
            )
            .expect("JSON"),
        )
        .expect("an order");
        let r = remedy(&none, Locale::ZhTw).expect("r");
        assert!(!r.offer);
        assert_eq!(r.missed, None);
        assert_eq!(way(&r, Kind::BillInstalment).reason, Some("NOT_CREDIT"));
        assert_eq!(
            way(&r, Kind::RefundAndRebuy).reason,
            Some("NO_ELIGIBLE_PLAN")
        );
        assert!(r.options.iter().all(|w| w.extra_cost.is_none()));
        assert_eq!(r.recommended, None);
    }

    #[test]
    fn keep_costs_less_than_nothing_when_the_missed_plan_charged_a_fee() {
        let r = remedy(
            &PaidOrder::from_value(
                &serde_json::from_str(
                    r#"{"amountMinor": 111111, "currency": "CNY", "paidWith": "credit_card",
                        "plans": [{"id": "huabei-12", "provider": "huabei", "periods": 12,
                                   "fee": {"model": "flatTotal", "rate": "0.075"}}]}"#,
                )
                .expect("JSON"),
            )
            .expect("an order"),
            Locale::En,
        )
        .expect("r");
        assert_eq!(way(&r, Kind::Keep).extra_cost, Some(-8333));
        // The card's bill plans have no 12 at 12 periods? They do: 3/6/12.
        assert_eq!(
            way(&r, Kind::BillInstalment)
                .estimate
                .as_ref()
                .map(|e| e.periods),
            Some(12)
        );
    }

    fn order_with(plans: &str, extra: &str) -> PaidOrder {
        let text = format!(
            r#"{{"amountMinor": 600000, "currency": "CNY", "paidWith": "huabei", "plans": {plans}{extra}}}"#
        );
        PaidOrder::from_value(&serde_json::from_str(&text).expect("JSON")).expect("an order")
    }

    #[test]
    fn without_a_bill_plan_of_the_same_length_the_lowest_rate_is_used() {
        // The missed plan has 24 periods; Huabei's bill instalments stop at 12. Of 3/6/9/12, the
        // lowest annualised rate is used.
        let plans =
            r#"[{"id": "p24", "periods": 24, "fee": {"model": "annuity", "annualRate": "0.10"}}]"#;
        let r = remedy(&order_with(plans, ""), Locale::En).expect("r");
        let bills: Vec<Estimate> = typical_bill_plans(PaidWith::Huabei)
            .iter()
            .map(|p| estimate(600_000, Currency::parse("CNY", "c").expect("CNY"), p).expect("e"))
            .collect();
        let lowest = bills
            .iter()
            .min_by(|a, b| a.rate.nominal.total_cmp(&b.rate.nominal))
            .expect("some");
        let used = way(&r, Kind::BillInstalment)
            .estimate
            .as_ref()
            .expect("a plan");
        assert_eq!(used.plan_id, lowest.plan_id);
        // A bill plan whose range does not take the order is not matched.
        let bill = r#", "billPlans": [{"id": "b", "periods": 24, "fee": {"model": "flatTotal", "rate": "0.1"}, "maxAmountMinor": 100}]"#;
        let r = remedy(&order_with(plans, bill), Locale::En).expect("r");
        assert_eq!(way(&r, Kind::BillInstalment).reason, Some("NO_BILL_PLAN"));
    }

    #[test]
    fn a_tie_between_the_two_credit_ways_goes_to_the_bill_instalment() {
        // A shopper-paid 12-period plan at 8.8% missed: the bill instalment costs the same fee,
        // and refund and rebuy costs that fee too.
        let plans = r#"[{"id": "huabei-12", "periods": 12, "fee": {"model": "flatTotal", "rate": "0.088"}}]"#;
        let r = remedy(&order_with(plans, ""), Locale::En).expect("r");
        assert_eq!(
            way(&r, Kind::BillInstalment).cost,
            way(&r, Kind::RefundAndRebuy).cost
        );
        assert_eq!(way(&r, Kind::BillInstalment).extra_cost, Some(0));
        assert_eq!(
            kinds(&r),
            [
                "keep",
                "billInstalment",
                "refundAndRebuy",
                "customerService"
            ]
        );
        assert_eq!(r.recommended, Some(Kind::BillInstalment));
        // Keep saves the shopper-paid fee: its extra cost is negative.
        assert_eq!(way(&r, Kind::Keep).extra_cost, Some(-52_800));
    }

    #[test]
    fn refund_is_open_while_unshipped_or_shipped_and_for_seven_days_after_receipt() {
        for (extra, open) in [
            ("", true),
            (r#", "status": "unshipped""#, true),
            (r#", "status": "shipped""#, true),
            (r#", "status": "received", "receivedDaysAgo": 0"#, true),
            (r#", "status": "received", "receivedDaysAgo": 7"#, true),
            (r#", "status": "received", "receivedDaysAgo": 8"#, false),
            (r#", "status": "unshipped", "returnable": false"#, false),
        ] {
            let r = remedy(&order(extra), Locale::En).expect("r");
            assert_eq!(way(&r, Kind::RefundAndRebuy).available, open, "{extra}");
        }
        // A card order: its bill plans; another way of paying has no bill to split.
        let card = PaidOrder::from_value(
            &serde_json::from_str(
                r#"{"amountMinor": 600000, "currency": "CNY", "paidWith": "credit_card", "plans": []}"#,
            )
            .expect("JSON"),
        )
        .expect("a card order");
        assert!(card
            .bill_plans
            .iter()
            .all(|p| p.provider.as_deref() == Some("credit_card")));
        let r = remedy(&card, Locale::En).expect("r");
        // Nothing was missed (no plan offered), but the bill instalment is still open.
        assert!(way(&r, Kind::BillInstalment).available);
        assert!(!r.offer);
    }

    #[test]
    fn bad_orders_are_refused_at_their_field() {
        for (text, code, field) in [
            (
                r#"{"amountMinor": 100, "currency": "USD", "paidWith": "huabei", "plans": []}"#,
                Code::InvalidCurrency,
                "currency",
            ),
            (
                r#"{"amountMinor": 1.5, "currency": "CNY", "paidWith": "huabei", "plans": []}"#,
                Code::InvalidAmount,
                "amountMinor",
            ),
            (
                r#"{"amountMinor": 100, "currency": "CNY", "paidWith": "cash", "plans": []}"#,
                Code::InvalidState,
                "paidWith",
            ),
            (
                r#"{"amountMinor": 100, "currency": "CNY", "paidWith": "huabei", "plans": [], "status": "lost"}"#,
                Code::InvalidState,
                "status",
            ),
            (
                r#"{"amountMinor": 100, "currency": "CNY", "paidWith": "huabei", "plans": [], "receivedDaysAgo": -1}"#,
                Code::InvalidState,
                "receivedDaysAgo",
            ),
            (
                r#"{"amountMinor": 100, "currency": "CNY", "paidWith": "huabei", "plans": [], "returnable": "no"}"#,
                Code::InvalidState,
                "returnable",
            ),
            (
                r#"{"amountMinor": 100, "currency": "CNY", "paidWith": "huabei", "plans": [], "checkout": {}}"#,
                Code::InvalidState,
                "checkout.reminded",
            ),
            (
                r#"{"amountMinor": 100, "currency": "CNY", "paidWith": "huabei", "plans": [{"id": "x", "periods": 3, "fee": {"model": "flatTotal", "rate": "7.5%"}}]}"#,
                Code::InvalidRate,
                "plans[0].fee.rate",
            ),
            (
                r#"{"amountMinor": 100, "currency": "CNY", "paidWith": "huabei"}"#,
                Code::InvalidPlan,
                "plans",
            ),
        ] {
            let e =
                PaidOrder::from_value(&serde_json::from_str(text).expect("JSON")).expect_err(text);
            assert_eq!(
                (e.code, e.field.as_str()),
                (code, field),
                "{text}: {}",
                e.message
            );
        }
    }
}

//! Everything the shopper reads, in Simplified Chinese, Traditional Chinese and English.
//!
//! Amounts and percentages are formatted here too ([`money`], [`percent`]), from exact minor
//! units, so what the shopper reads is decided in one place and never goes through a float;
//! templates place them, with `{}` standing for each in turn.

use alloc::string::{String, ToString};

use super::error::{Code, Error, Result};
use super::money::{decimal_string, Currency};

/// A language the widget speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locale {
    /// Simplified Chinese, the default.
    ZhCn,
    /// Traditional Chinese.
    ZhTw,
    /// English.
    En,
}

impl Locale {
    /// Every locale: the ones a configuration may name (tests/contract.rs holds the TypeScript
    /// to it).
    pub const ALL: [Locale; 3] = [Locale::ZhCn, Locale::ZhTw, Locale::En];

    /// Reads a locale given exactly: the tag of one of [`Locale::ALL`], as the `locale` option
    /// of `disclose()` and `remedy()` takes it.
    pub fn parse(tag: &str, field: &str) -> Result<Locale> {
        Locale::ALL
            .into_iter()
            .find(|l| l.tag() == tag)
            .ok_or_else(|| {
                Error::new(
                    Code::InvalidConfig,
                    field,
                    &["must be \"zh-CN\", \"zh-TW\" or \"en\", got \"", tag, "\""],
                )
            })
    }

    /// The language a tag names, in any case, with `-` or `_` between its parts: English for
    /// any `en` tag, Traditional Chinese for a `zh` tag naming Hant, Taiwan, Hong Kong or Macau,
    /// Simplified Chinese for any other `zh` tag; `None` for another language or no tag.
    fn language(tag: &str) -> Option<Locale> {
        let mut parts = tag.split(['-', '_']);
        let is = |p: &str, names: &[&str]| names.iter().any(|n| p.eq_ignore_ascii_case(n));
        let first = parts.next()?;
        if is(first, &["en"]) {
            Some(Locale::En)
        } else if !is(first, &["zh"]) {
            None
        } else if parts.any(|p| is(p, &["hant", "tw", "hk", "mo"])) {
            Some(Locale::ZhTw)
        } else {
            Some(Locale::ZhCn)
        }
    }

    /// Reads the locale a merchant named (the `locale` config or attribute): any tag of a
    /// language the widget speaks, such as "en-US", "zh-cn" or "zh-Hant-HK"; another language
    /// is refused, since the merchant asked for words the widget does not have.
    pub fn resolve(tag: &str, field: &str) -> Result<Locale> {
        Locale::language(tag).ok_or_else(|| {
            Error::new(
                Code::InvalidConfig,
                field,
                &[
                    "must be Chinese or English, such as \"zh-CN\", \"zh-TW\", \"en\" or \"en-US\", got \"",
                    tag,
                    "\"",
                ],
            )
        })
    }

    /// Picks a locale from a page's `lang` attribute by the rule of [`Locale::resolve`]; no
    /// language at all gives Simplified Chinese. `None` for a language the widget does not
    /// speak: the caller shows English and says so on the console.
    pub fn from_lang(lang: &str) -> Option<Locale> {
        let lang = lang.trim();
        if lang.is_empty() {
            return Some(Locale::ZhCn);
        }
        Locale::language(lang)
    }

    /// The BCP 47 tag for `Intl` and for the dialog's `lang`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::ZhTw => "zh-TW",
            Locale::En => "en",
        }
    }
}

/// A sentence in each locale, in the order of [`Locale::ALL`]: zh-CN, zh-TW, en. Indexed by
/// `locale as usize`.
pub type Text3 = [&'static str; 3];

/// A piece of text in the reminder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    /// The dialog's heading.
    Title,
    /// Why the dialog appeared.
    Lead,
    /// The order total: `{}` is the amount.
    OrderTotal,
    /// A Huabei plan's name: `{}` is the number of periods.
    LabelHuabei,
    /// A credit-card plan's name: `{}` is the number of periods.
    LabelCard,
    /// Any other plan's name: `{}` is the number of periods.
    LabelOther,
    /// The caption over the monthly payment.
    PerPeriod,
    /// A first payment that differs from the rest: `{}`.
    FirstPayment,
    /// The payments after a first one that differs: `{}` is "11 × ¥99.53".
    ThenPayments,
    /// A last payment that differs from the rest: `{}`.
    LastPayment,
    /// The verb on a plan card: what one tap on it does.
    ChoosePlan,
    /// The caption over the shopper's total fee.
    Fee,
    /// The merchant pays the fee.
    MerchantPays,
    /// The caption over the annualised rate.
    Apr,
    /// Everything the shopper pays back: `{}`.
    TotalRepayment,
    /// The tag on plans that cost nothing.
    InterestFree,
    /// The always-present way out.
    PayInFull,
    /// The close button's accessible name.
    Close,
    /// The opt-out checkbox.
    DontRemind,
    /// The reminder that instalments are credit.
    CreditNote,
    /// Shown instead of plans when none can take the amount any more.
    NoPlans,
    /// Why the first plan is first: it costs nothing.
    FirstInterestFree,
    /// Why the first plan is first: the lowest annualised rate.
    FirstLowestApr,
    /// Why the first plan is first: the lowest total fee.
    FirstLowestFee,
    /// Added to the reason when the plans were kept to the budget: `{}` is the budget.
    WithinBudget,
    /// No plan keeps to the budget: `{}`.
    OverBudget,
    /// The repayments line: `{}` the monthly total, then `{}` the number of plans.
    Repayments,
    /// The repayments line with one plan: `{}` the monthly total.
    RepaymentsOne,
    /// Added to it when the income is known: `{}` the share.
    ShareOfIncome,
    /// A provider's available credit is below the order: `{}` the provider.
    OverCreditLimit,
    /// A provider is not available to this shopper: `{}` the provider.
    ProviderUnavailable,
    /// Huabei, as a provider.
    ProviderHuabei,
    /// A credit card, as a provider.
    ProviderCard,
    /// The `<summary>` of a plan's disclosure paragraph.
    CostDetails,
}

/// The text of `msg` in `locale`.
pub fn text(locale: Locale, msg: Msg) -> &'static str {
    use Locale::*;
    use Msg::*;
    match (msg, locale) {
        (Title, ZhCn) => "要分期付款吗？",
        (Title, ZhTw) => "要分期付款嗎？",
        (Title, En) => "Pay in instalments?",
        (Lead, ZhCn) => "这笔订单还没有选择分期。付款后就不能再更改付款方式了，要分期请现在选择。",
        (Lead, ZhTw) => "這筆訂單還沒有選擇分期。付款後就不能再更改付款方式了，要分期請現在選擇。",
        (Lead, En) => {
            "You haven't chosen instalments for this order. Once it's paid, the payment method can't be \
             changed, so choose now if you want them."
        }
        (OrderTotal, ZhCn) => "订单金额 {}",
        (OrderTotal, ZhTw) => "訂單金額 {}",
        (OrderTotal, En) => "Order total {}",
        (LabelHuabei, ZhCn) => "花呗分{}期",
        (LabelHuabei, ZhTw) => "花唄分{}期",
        (LabelHuabei, En) => "Huabei, {} monthly payments",
        (LabelCard, ZhCn) | (LabelCard, ZhTw) => "信用卡分{}期",
        (LabelCard, En) => "Credit card, {} monthly payments",
        (LabelOther, ZhCn) | (LabelOther, ZhTw) => "分{}期",
        (LabelOther, En) => "{} monthly payments",
        (PerPeriod, ZhCn) | (PerPeriod, ZhTw) => "每期",
        (PerPeriod, En) => "Monthly",
        // No-break spaces: a narrow card wraps between payments, never inside one.
        (FirstPayment, ZhCn) | (FirstPayment, ZhTw) => "首期\u{a0}{}",
        (FirstPayment, En) => "first\u{a0}{}",
        (ThenPayments, ZhCn) => "，之后 {}",
        (ThenPayments, ZhTw) => "，之後 {}",
        (ThenPayments, En) => ", then {}",
        (LastPayment, ZhCn) | (LastPayment, ZhTw) => "，末期\u{a0}{}",
        (LastPayment, En) => ", last\u{a0}{}",
        (ChoosePlan, ZhCn) => "选这个方案并付款",
        (ChoosePlan, ZhTw) => "選這個方案並付款",
        (ChoosePlan, En) => "Choose this plan and pay",
        (Fee, ZhCn) => "手续费",
        (Fee, ZhTw) => "手續費",
        (Fee, En) => "Total fee",
        (MerchantPays, ZhCn) => "手续费由商家承担",
        (MerchantPays, ZhTw) => "手續費由商家承擔",
        (MerchantPays, En) => "The shop pays the fee",
        (Apr, ZhCn) | (Apr, ZhTw) => "年化利率",
        (Apr, En) => "APR",
        (TotalRepayment, ZhCn) => "共还 {}",
        (TotalRepayment, ZhTw) => "共還 {}",
        (TotalRepayment, En) => "{} in total",
        (InterestFree, ZhCn) | (InterestFree, ZhTw) => "免息",
        (InterestFree, En) => "Interest-free",
        (PayInFull, ZhCn) => "不分期，全额付款",
        (PayInFull, ZhTw) => "不分期，全額付款",
        (PayInFull, En) => "Pay in full, no instalments",
        (Close, ZhCn) => "关闭，返回订单",
        (Close, ZhTw) => "關閉，返回訂單",
        (Close, En) => "Close and go back to the order",
        (DontRemind, ZhCn) | (DontRemind, ZhTw) => "不再提醒",
        (DontRemind, En) => "Don't remind me again",
        (CreditNote, ZhCn) => "分期是借贷：请按自己的还款能力选择，按时还款。",
        (CreditNote, ZhTw) => "分期是借貸：請依自己的還款能力選擇，按時還款。",
        (CreditNote, En) => "Instalments are credit: choose only what you can repay on time.",
        (NoPlans, ZhCn) => "这个金额没有可用的分期方案。",
        (NoPlans, ZhTw) => "這個金額沒有可用的分期方案。",
        (NoPlans, En) => "No instalment plan is available for this amount.",
        (FirstInterestFree, ZhCn) => "排在最前的方案不收手续费",
        (FirstInterestFree, ZhTw) => "排在最前的方案不收手續費",
        (FirstInterestFree, En) => "Listed first: no fee",
        (FirstLowestApr, ZhCn) => "按年化利率从低到高排列",
        (FirstLowestApr, ZhTw) => "按年化利率從低到高排列",
        (FirstLowestApr, En) => "Sorted by lowest annualised rate",
        (FirstLowestFee, ZhCn) => "按手续费从低到高排列",
        (FirstLowestFee, ZhTw) => "按手續費從低到高排列",
        (FirstLowestFee, En) => "Sorted by lowest total fee",
        (WithinBudget, ZhCn) => "（每月不超过 {}）",
        (WithinBudget, ZhTw) => "（每月不超過 {}）",
        (WithinBudget, En) => ", within your {} a month",
        (OverBudget, ZhCn) => "没有每月不超过 {} 的方案",
        (OverBudget, ZhTw) => "沒有每月不超過 {} 的方案",
        (OverBudget, En) => "no plan keeps within {} a month",
        // "Up to": the figure counts the plan's largest payment, which not every month is.
        (Repayments, ZhCn) => "选第一个方案后，你每月的分期还款最多将是 {}（共 {} 笔）",
        (Repayments, ZhTw) => "選第一個方案後，你每月的分期還款最多將是 {}（共 {} 筆）",
        (Repayments, En) => "With the first plan, your instalment repayments would become up to {} a month ({} plans)",
        (RepaymentsOne, ZhCn) => "选第一个方案后，你每月的分期还款最多将是 {}（共 1 笔）",
        (RepaymentsOne, ZhTw) => "選第一個方案後，你每月的分期還款最多將是 {}（共 1 筆）",
        (RepaymentsOne, En) => "With the first plan, your instalment repayments would become up to {} a month (1 plan)",
        (ShareOfIncome, ZhCn) => "，约占月收入的 {}",
        (ShareOfIncome, ZhTw) => "，約佔月收入的 {}",
        (ShareOfIncome, En) => ", about {} of your income",
        (OverCreditLimit, ZhCn) => "{}：可用额度低于这笔订单的金额",
        (OverCreditLimit, ZhTw) => "{}：可用額度低於這筆訂單的金額",
        (OverCreditLimit, En) => "{}: available limit below this order",
        (ProviderUnavailable, ZhCn) => "{}：这笔订单暂不可用",
        (ProviderUnavailable, ZhTw) => "{}：這筆訂單暫不可用",
        (ProviderUnavailable, En) => "{}: not available for this order",
        (ProviderHuabei, ZhCn) => "花呗",
        (ProviderHuabei, ZhTw) => "花唄",
        (ProviderHuabei, En) => "Huabei",
        (ProviderCard, ZhCn) | (ProviderCard, ZhTw) => "信用卡",
        (ProviderCard, En) => "Credit card",
        (CostDetails, ZhCn) => "费用说明",
        (CostDetails, ZhTw) => "費用說明",
        (CostDetails, En) => "Cost details",
    }
}

/// An amount as a shopper reading `locale` expects it: the currency's sign as that language
/// writes it (¥ for yuan in Simplified Chinese, CN¥ elsewhere; $ for US dollars in English, US$
/// elsewhere), thousands grouped with commas and the currency's own number of decimals, e.g.
/// "¥1,111.11", "CN¥94.44", "£1,200.00", "¥12,000" (yen). A currency without a sign here is
/// written with its code and a no-break space: "SGD 1,234.50". These are the forms browsers'
/// `Intl.NumberFormat` gives for the same locale and currency.
pub fn money(locale: Locale, currency: Currency, minor: u64) -> String {
    let code = currency.code();
    let sign = SIGNS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, signs)| signs[locale as usize]);
    let plain = decimal_string(minor, currency.exponent());
    let bytes = plain.as_bytes();
    let whole = bytes.iter().position(|b| *b == b'.').unwrap_or(bytes.len());
    let mut out = String::with_capacity(plain.len() + whole / 3 + 8);
    match sign {
        Some(sign) => out.push_str(sign),
        None => {
            out.push_str(code);
            out.push('\u{a0}');
        }
    }
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && i < whole && (whole - i) % 3 == 0 {
            out.push(',');
        }
        out.push(*b as char);
    }
    out
}

/// Currency signs in zh-CN, zh-TW and en (the order of [`Locale::ALL`]).
const SIGNS: [(&str, [&str; 3]); 12] = [
    ("CNY", ["¥", "CN¥", "CN¥"]),
    ("USD", ["US$", "US$", "$"]),
    ("TWD", ["NT$", "$", "NT$"]),
    ("JPY", ["JP¥", "¥", "¥"]),
    ("AUD", ["AU$", "AU$", "A$"]),
    ("HKD", ["HK$", "HK$", "HK$"]),
    ("EUR", ["€", "€", "€"]),
    ("GBP", ["£", "£", "£"]),
    ("KRW", ["₩", "₩", "₩"]),
    ("BRL", ["R$", "R$", "R$"]),
    ("INR", ["₹", "₹", "₹"]),
    ("CAD", ["CA$", "CA$", "CA$"]),
];

/// A rate (a fraction: 0.1357) as a percentage with `places` decimals, rounded half away from
/// zero: "13.57%" with 2 places, "14.4%" with 1. The same in every locale the widget speaks.
pub fn percent(rate: f64, places: u8) -> String {
    rounded_rate(rate, places).1
}

/// A rate rounded half away from zero to `places` decimals of a percent, both as the exact
/// decimal fraction it was rounded to (`"0.1357"`) and as the percentage shown (`"13.57%"`).
pub fn rounded_rate(rate: f64, places: u8) -> (String, String) {
    let scale = super::math::powi(10.0, places as u32 + 2);
    let units = super::math::round(rate * scale);
    let sign = if units < 0.0 { "-" } else { "" };
    // Bounded far beyond any real rate, so the conversion cannot saturate silently.
    let n = units.abs().min(9.0e15) as u64;
    (
        String::from(sign) + &decimal_string(n, places + 2),
        String::from(sign) + &decimal_string(n, places) + "%",
    )
}

/// Places `args` into the `{}` slots of `template`, in order.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out =
        String::with_capacity(template.len() + args.iter().map(|a| a.len()).sum::<usize>());
    let mut rest = template;
    let mut args = args.iter();
    while let Some((before, after)) = split_slot(rest) {
        out.push_str(before);
        out.push_str(args.next().copied().unwrap_or(""));
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Splits a template at its first `{}` slot. A byte scan with checked slicing: the standard
/// library's substring search carries panic paths that would pull formatting code into the wasm.
pub fn split_slot(template: &str) -> Option<(&str, &str)> {
    let at = template.as_bytes().windows(2).position(|w| w == b"{}")?;
    Some((template.get(..at)?, template.get(at + 2..)?))
}

/// The name a plan shows when the merchant gave no label: by provider and number of periods.
pub fn default_label(locale: Locale, provider: Option<&str>, periods: u32) -> String {
    let msg = match provider {
        Some("huabei") => Msg::LabelHuabei,
        Some("credit_card") => Msg::LabelCard,
        _ => Msg::LabelOther,
    };
    // English has a singular; "1 monthly payments" would read as a slip.
    if locale == Locale::En && periods == 1 {
        return match msg {
            Msg::LabelHuabei => "Huabei, 1 monthly payment",
            Msg::LabelCard => "Credit card, 1 monthly payment",
            _ => "1 monthly payment",
        }
        .to_string();
    }
    fill(text(locale, msg), &[&super::error::digits(periods as u128)])
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn cur(code: &str) -> Currency {
        Currency::parse(code, "currency").expect("a known currency")
    }

    #[test]
    fn money_is_written_as_each_language_writes_it() {
        // The forms Intl.NumberFormat(locale, {style: "currency"}) gives in Chromium and Node.
        for (code, minor, [zh_cn, zh_tw, en]) in [
            ("CNY", 111111, ["¥1,111.11", "CN¥1,111.11", "CN¥1,111.11"]),
            ("CNY", 5, ["¥0.05", "CN¥0.05", "CN¥0.05"]),
            (
                "CNY",
                123456789,
                ["¥1,234,567.89", "CN¥1,234,567.89", "CN¥1,234,567.89"],
            ),
            ("USD", 2000, ["US$20.00", "US$20.00", "$20.00"]),
            ("TWD", 100000, ["NT$1,000.00", "$1,000.00", "NT$1,000.00"]),
            ("JPY", 1234567, ["JP¥1,234,567", "¥1,234,567", "¥1,234,567"]),
            ("EUR", 99, ["€0.99", "€0.99", "€0.99"]),
            ("GBP", 120000, ["£1,200.00", "£1,200.00", "£1,200.00"]),
            (
                "SGD",
                123450,
                [
                    "SGD\u{a0}1,234.50",
                    "SGD\u{a0}1,234.50",
                    "SGD\u{a0}1,234.50",
                ],
            ),
            (
                "KWD",
                1000,
                ["KWD\u{a0}1.000", "KWD\u{a0}1.000", "KWD\u{a0}1.000"],
            ),
        ] {
            for (locale, want) in Locale::ALL.into_iter().zip([zh_cn, zh_tw, en]) {
                assert_eq!(
                    money(locale, cur(code), minor),
                    want,
                    "{code} {minor} {locale:?}"
                );
            }
        }
        assert_eq!(money(Locale::En, cur("CNY"), 999_999), "CN¥9,999.99");
        assert_eq!(money(Locale::En, cur("CNY"), 100_000), "CN¥1,000.00");
    }

    #[test]
    fn percentages_round_half_away_from_zero_at_the_places_asked() {
        assert_eq!(percent(0.135_678, 2), "13.57%");
        assert_eq!(percent(0.144_49, 1), "14.4%");
        assert_eq!(percent(0.144_5, 1), "14.5%");
        assert_eq!(percent(0.0, 2), "0.00%");
        assert_eq!(percent(-0.05, 2), "-5.00%");
        assert_eq!(percent(1.5, 2), "150.00%");
    }

    const ALL: [Msg; 34] = [
        Msg::Title,
        Msg::Lead,
        Msg::OrderTotal,
        Msg::LabelHuabei,
        Msg::LabelCard,
        Msg::LabelOther,
        Msg::PerPeriod,
        Msg::FirstPayment,
        Msg::ThenPayments,
        Msg::LastPayment,
        Msg::ChoosePlan,
        Msg::Fee,
        Msg::NoPlans,
        Msg::MerchantPays,
        Msg::Apr,
        Msg::TotalRepayment,
        Msg::InterestFree,
        Msg::PayInFull,
        Msg::Close,
        Msg::DontRemind,
        Msg::CreditNote,
        Msg::FirstInterestFree,
        Msg::FirstLowestApr,
        Msg::FirstLowestFee,
        Msg::WithinBudget,
        Msg::OverBudget,
        Msg::Repayments,
        Msg::RepaymentsOne,
        Msg::ShareOfIncome,
        Msg::OverCreditLimit,
        Msg::ProviderUnavailable,
        Msg::ProviderHuabei,
        Msg::ProviderCard,
        Msg::CostDetails,
    ];

    #[test]
    fn every_locale_has_every_message_with_the_same_slots() {
        for msg in ALL {
            let slots = text(Locale::En, msg).matches("{}").count();
            for locale in [Locale::ZhCn, Locale::ZhTw, Locale::En] {
                let t = text(locale, msg);
                assert!(!t.trim().is_empty());
                assert_eq!(t.matches("{}").count(), slots, "{msg:?} in {locale:?}");
            }
        }
    }

    #[test]
    fn traditional_chinese_uses_traditional_characters() {
        for msg in ALL {
            let t = text(Locale::ZhTw, msg);
            for simplified in [
                '呗', '还', '这', '择', '续', '费', '无', '关', '闭', '订', '单', '额', '贷', '请',
                '吗', '后', '没', '个',
            ] {
                assert!(!t.contains(simplified), "{msg:?}: {t} has {simplified}");
            }
        }
    }

    #[test]
    fn fill_places_arguments_in_order() {
        assert_eq!(fill("首期 {}", &["¥99.62"]), "首期 ¥99.62");
        assert_eq!(fill("no slots", &["x"]), "no slots");
        assert_eq!(fill("{} and {}", &["a"]), "a and ");
    }

    #[test]
    fn default_labels_follow_the_provider() {
        assert_eq!(
            default_label(Locale::ZhCn, Some("huabei"), 12),
            "花呗分12期"
        );
        assert_eq!(default_label(Locale::ZhTw, Some("huabei"), 3), "花唄分3期");
        assert_eq!(
            default_label(Locale::ZhCn, Some("credit_card"), 24),
            "信用卡分24期"
        );
        assert_eq!(
            default_label(Locale::En, Some("bnpl"), 4),
            "4 monthly payments"
        );
        assert_eq!(default_label(Locale::En, None, 1), "1 monthly payment");
    }

    #[test]
    fn locales_come_from_config_or_page_language() {
        // disclose() and remedy() take a locale exactly.
        assert_eq!(Locale::parse("zh-TW", "locale"), Ok(Locale::ZhTw));
        assert!(Locale::parse("zh-tw", "locale").is_err());
        assert!(Locale::parse("en-US", "options.locale").is_err());
        // The config, the attribute and the page's lang resolve any tag of zh or en alike.
        for (tag, want) in [
            ("zh-CN", Locale::ZhCn),
            ("zh-cn", Locale::ZhCn),
            ("ZH", Locale::ZhCn),
            ("zh", Locale::ZhCn),
            ("zh_CN", Locale::ZhCn),
            ("zh-Hans-CN", Locale::ZhCn),
            ("zh-SG", Locale::ZhCn),
            ("zh-TW", Locale::ZhTw),
            ("zh-tw", Locale::ZhTw),
            ("zh-HK", Locale::ZhTw),
            ("zh-MO", Locale::ZhTw),
            ("zh-Hant", Locale::ZhTw),
            ("zh-hant-hk", Locale::ZhTw),
            ("zh_TW", Locale::ZhTw),
            ("en-US", Locale::En),
            ("EN-gb", Locale::En),
            ("en", Locale::En),
            ("en_AU", Locale::En),
        ] {
            assert_eq!(Locale::resolve(tag, "locale"), Ok(want), "{tag}");
            assert_eq!(Locale::from_lang(tag), Some(want), "{tag}");
        }
        // Another language, named by the merchant, is refused; on the page it is left to the
        // caller (English and a console warning). Only the first subtag names the language:
        // "eng" and "zha" (Zhuang) are neither en nor zh.
        for tag in [
            "fr", "ja-JP", "eng", "zha", "english", "e", "", " en", "-en", "x-zh",
        ] {
            let e = Locale::resolve(tag, "locale").unwrap_err();
            assert_eq!(
                (e.code, e.field.as_str()),
                (Code::InvalidConfig, "locale"),
                "{tag}"
            );
            assert!(
                e.message.contains(&alloc::format!("got \"{tag}\"")),
                "{}",
                e.message
            );
        }
        for tag in ["fr", "ja-JP", "eng", "de_DE", "x-zh"] {
            assert_eq!(Locale::from_lang(tag), None, "{tag}");
        }
        // No language at all on the page: Simplified Chinese, as README says.
        assert_eq!(Locale::from_lang(""), Some(Locale::ZhCn));
        assert_eq!(Locale::from_lang("  "), Some(Locale::ZhCn));
        assert_eq!(Locale::from_lang(" en-US "), Some(Locale::En));
    }
}

//! Everything the shopper reads, in Simplified Chinese, Traditional Chinese and English.
//!
//! Amounts and percentages arrive already formatted for the locale (the DOM layer uses
//! `Intl.NumberFormat`); templates only place them, with `{}` standing for each in turn.

use alloc::string::{String, ToString};

use super::error::{Code, Error, Result};

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

    /// Reads a configured locale: exactly the tag of one of [`Locale::ALL`].
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

    /// Picks a locale from a page's `lang` attribute: Traditional Chinese for Taiwan, Hong Kong,
    /// Macau and explicit Hant, English for any English, Simplified Chinese otherwise.
    pub fn from_lang(lang: &str) -> Locale {
        let lang = lang.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = lang.split('-');
        match parts.next() {
            Some("en") => Locale::En,
            Some("zh") if parts.any(|p| matches!(p, "tw" | "hk" | "mo" | "hant")) => Locale::ZhTw,
            _ => Locale::ZhCn,
        }
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
        (FirstPayment, ZhCn) | (FirstPayment, ZhTw) => "首期 {}",
        (FirstPayment, En) => "First payment {}",
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
    }
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

    const ALL: [Msg; 18] = [
        Msg::Title,
        Msg::Lead,
        Msg::OrderTotal,
        Msg::LabelHuabei,
        Msg::LabelCard,
        Msg::LabelOther,
        Msg::PerPeriod,
        Msg::FirstPayment,
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
        assert_eq!(Locale::parse("zh-TW", "locale"), Ok(Locale::ZhTw));
        assert!(Locale::parse("zh-tw", "locale").is_err());
        for (lang, want) in [
            ("zh-CN", Locale::ZhCn),
            ("zh", Locale::ZhCn),
            ("zh-Hans-CN", Locale::ZhCn),
            ("zh-TW", Locale::ZhTw),
            ("zh-HK", Locale::ZhTw),
            ("zh-Hant", Locale::ZhTw),
            ("zh_tw", Locale::ZhTw),
            ("en-US", Locale::En),
            ("en", Locale::En),
            ("", Locale::ZhCn),
            ("fr", Locale::ZhCn),
        ] {
            assert_eq!(Locale::from_lang(lang), want, "{lang}");
        }
    }
}

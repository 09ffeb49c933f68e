//! Everything the shopper reads, in Simplified Chinese, Traditional Chinese and English.
//!
//! Amounts and percentages are formatted here too ([`money`], [`percent`]), from exact minor
//! units, so what the shopper reads is decided in one place and never goes through a float;
//! templates place them, with `{}` standing for each in turn.

use alloc::string::{String, ToString};

use super::error::{Code, Error, Result};
use super::money::{decimal_string, Currency};

pub use super::catalogue::{has as has_texts, keys, text, Key, Locale};
use keys::msg;

impl Locale {
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
        let first = parts.next()?;
        let rest: alloc::vec::Vec<&str> = parts.collect();
        let mut fallback = None;
        for (locale, (language, subtags)) in Locale::ALL.into_iter().zip(super::catalogue::MATCH) {
            if !first.eq_ignore_ascii_case(language) {
                continue;
            }
            if rest
                .iter()
                .any(|p| subtags.iter().any(|s| p.eq_ignore_ascii_case(s)))
            {
                return Some(locale);
            }
            if subtags.is_empty() {
                fallback = fallback.or(Some(locale));
            }
        }
        fallback
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
}

/// An amount as a shopper reading `locale` expects it: the currency's sign as that language
/// writes it (¥ for yuan in Simplified Chinese, CN¥ elsewhere; $ for US dollars in English, US$
/// elsewhere), thousands grouped with commas and the currency's own number of decimals, e.g.
/// "¥1,111.11", "CN¥94.44", "£1,200.00", "¥12,000" (yen). A currency without a sign here is
/// written with its code and a no-break space: "SGD 1,234.50". These are the forms browsers'
/// `Intl.NumberFormat` gives for the same locale and currency.
pub fn money(locale: Locale, currency: Currency, minor: u64) -> String {
    let code = currency.code();
    let sign = keys::sign::ALL
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, key)| text(locale, *key));
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
        Some("huabei") => msg::LabelHuabei,
        Some("credit_card") => msg::LabelCard,
        _ => msg::LabelOther,
    };
    // English has a singular; "1 monthly payments" would read as a slip.
    if periods == 1 {
        let one = match provider {
            Some("huabei") => msg::LabelHuabeiOne,
            Some("credit_card") => msg::LabelCardOne,
            _ => msg::LabelOtherOne,
        };
        return text(locale, one).to_string();
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

    /// Every text of a locale, from its catalogue as built in.
    fn every_text(locale: Locale) -> impl Iterator<Item = &'static str> {
        super::super::catalogue::BUILT_IN[locale as usize]
            .iter()
            .copied()
    }

    #[test]
    fn traditional_chinese_uses_traditional_characters() {
        for t in every_text(Locale::ZhTw) {
            for simplified in [
                '呗', '还', '这', '择', '续', '费', '无', '关', '闭', '订', '单', '额', '贷', '请',
                '吗', '后', '没', '个',
            ] {
                assert!(!t.contains(simplified), "{t} has {simplified}");
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
        // The config, the attribute and the page's lang resolve any tag of zh or en alike, by the
        // table js/catalogue.js is held to as well (tests/node/catalogue.test.mjs).
        let table: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/locale-tags.json"
            ))
            .expect("the fixture"),
        )
        .expect("JSON");
        let rows = |name: &str| -> Vec<(String, Option<String>)> {
            table[name]
                .as_array()
                .expect("rows")
                .iter()
                .map(|r| {
                    (
                        r[0].as_str().expect("tag").to_string(),
                        r[1].as_str().map(String::from),
                    )
                })
                .collect()
        };
        for (tag, want) in rows("attribute") {
            let got = Locale::resolve(&tag, "locale")
                .ok()
                .map(|l| l.tag().to_string());
            assert_eq!(got, want, "attribute {tag:?}");
        }
        for (lang, want) in rows("pageLang") {
            let got = Locale::from_lang(&lang).map(|l| l.tag().to_string());
            assert_eq!(got, want, "page lang {lang:?}");
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

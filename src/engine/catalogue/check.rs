//! The check every locale's catalogue passes before the crate builds (build.rs runs it on
//! `locales/*.json`; the unit tests below run it on catalogues with a mistake in them): the same
//! keys in every locale, no empty text, and the same number of `{}` in each translation of a key,
//! since the code fills each `{}` with one figure.

use std::string::String;
use std::vec::Vec;

/// One locale's catalogue: its tag and its (key, text) entries in file order.
pub struct Catalogue<'a> {
    /// The locale's tag, as its file is named.
    pub tag: &'a str,
    /// Every key and its text.
    pub entries: Vec<(&'a str, &'a str)>,
}

/// Every mistake in `catalogues`, one sentence each; empty when they agree. The first catalogue
/// is the reference the others are held to.
pub fn problems(catalogues: &[Catalogue]) -> Vec<String> {
    let mut out = Vec::new();
    let Some(first) = catalogues.first() else {
        out.push(String::from("no locale is listed"));
        return out;
    };
    let holes = |text: &str| text.matches("{}").count();
    for c in catalogues {
        for (i, (key, text)) in c.entries.iter().enumerate() {
            if c.entries[..i].iter().any(|(k, _)| k == key) {
                out.push(format!("{}: \"{}\" appears twice", c.tag, key));
            }
            if text.trim().is_empty() {
                out.push(format!("{}: \"{}\" is empty", c.tag, key));
            }
        }
        if c.tag == first.tag {
            continue;
        }
        for (key, text) in &first.entries {
            match c.entries.iter().find(|(k, _)| k == key) {
                None => out.push(format!(
                    "{}: \"{}\" is missing (it is in {})",
                    c.tag, key, first.tag
                )),
                Some((_, t)) if holes(t) != holes(text) => out.push(format!(
                    "{}: \"{}\" has {} {{}} where {} has {}",
                    c.tag,
                    key,
                    holes(t),
                    first.tag,
                    holes(text)
                )),
                Some(_) => {}
            }
        }
        for (key, _) in &c.entries {
            if !first.entries.iter().any(|(k, _)| k == key) {
                out.push(format!(
                    "{}: \"{}\" is not in {}, so no code reads it",
                    c.tag, key, first.tag
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{problems, Catalogue};

    fn cat<'a>(tag: &'a str, entries: &[(&'a str, &'a str)]) -> Catalogue<'a> {
        Catalogue {
            tag,
            entries: entries.to_vec(),
        }
    }

    #[test]
    fn catalogues_that_agree_pass() {
        let a = cat(
            "zh-CN",
            &[
                ("msg.Title", "要分期付款吗？"),
                ("msg.OrderTotal", "订单金额 {}"),
            ],
        );
        let b = cat(
            "en",
            &[
                ("msg.OrderTotal", "Order total {}"),
                ("msg.Title", "Pay in instalments?"),
            ],
        );
        assert!(problems(&[a, b]).is_empty());
    }

    #[test]
    fn a_key_missing_from_any_locale_fails() {
        let a = cat(
            "zh-CN",
            &[("msg.Title", "要分期付款吗？"), ("msg.Close", "关闭")],
        );
        let b = cat(
            "zh-TW",
            &[("msg.Title", "要分期付款嗎？"), ("msg.Close", "關閉")],
        );
        let c = cat("en", &[("msg.Title", "Pay in instalments?")]);
        assert_eq!(
            problems(&[a, b, c]),
            ["en: \"msg.Close\" is missing (it is in zh-CN)"]
        );
    }

    #[test]
    fn a_key_only_one_locale_has_fails() {
        let a = cat("zh-CN", &[("msg.Title", "要分期付款吗？")]);
        let b = cat("en", &[("msg.Title", "Pay?"), ("msg.Extra", "Extra")]);
        assert_eq!(
            problems(&[a, b]),
            ["en: \"msg.Extra\" is not in zh-CN, so no code reads it"]
        );
    }

    #[test]
    fn a_translation_with_another_number_of_figures_or_no_text_fails() {
        let a = cat(
            "zh-CN",
            &[
                ("msg.OrderTotal", "订单金额 {}"),
                ("msg.Title", "要分期付款吗？"),
            ],
        );
        let b = cat(
            "en",
            &[("msg.OrderTotal", "Order total"), ("msg.Title", " ")],
        );
        assert_eq!(
            problems(&[a, b]),
            [
                "en: \"msg.Title\" is empty",
                "en: \"msg.OrderTotal\" has 0 {} where zh-CN has 1",
            ]
        );
    }

    #[test]
    fn the_shipped_locales_agree() {
        let read = |tag: &str| {
            let path = format!("{}/locales/{tag}.json", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).expect("a catalogue");
            serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&text).expect("JSON")
        };
        let files: Vec<_> = crate::engine::Locale::ALL
            .iter()
            .map(|l| (l.tag(), read(l.tag())))
            .collect();
        let cats: Vec<Catalogue> = files
            .iter()
            .map(|(tag, map)| Catalogue {
                tag,
                entries: map
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str().unwrap_or("")))
                    .collect(),
            })
            .collect();
        assert_eq!(problems(&cats), Vec::<String>::new());
    }
}

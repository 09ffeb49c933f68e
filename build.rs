//! Builds the shopper's texts into the crate from `locales/`: the list of locales
//! (`locales/locales.json`) and one catalogue per locale (`locales/<tag>.json`, key to text).
//!
//! It writes `$OUT_DIR/catalogue.rs`, which src/engine/catalogue/mod.rs includes:
//! - `Locale`, one variant per listed locale, with its tag and the subtags that pick it;
//! - `Key`, and one constant per key under `keys::<group>` ("disclose.SCHEDULE" is
//!   `keys::disclose::SCHEDULE`), numbered in the keys' sorted order;
//! - `BUILT_IN`, every locale's texts in that order, for the builds that keep them all (the full
//!   API and Node). The per-page builds fetch one locale's texts instead: scripts/entries.mjs
//!   ships each catalogue as a JSON array in the same sorted order.
//!
//! A catalogue that lacks a key, or whose translation of a key has a different number of `{}`,
//! stops the build with the list of what is wrong (src/engine/catalogue/check.rs).

use std::fmt::Write as _;
use std::path::Path;

#[path = "src/engine/catalogue/check.rs"]
mod check;

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let read = |name: &str| {
        println!("cargo:rerun-if-changed=locales/{name}");
        let text = std::fs::read_to_string(dir.join(name))
            .unwrap_or_else(|e| panic!("locales/{name}: {e}"));
        serde_json::from_str::<serde_json::Value>(&text)
            .unwrap_or_else(|e| panic!("locales/{name} is not JSON: {e}"))
    };

    let list = read("locales.json");
    let list = list
        .as_array()
        .expect("locales/locales.json: a list of locales");
    let mut locales = Vec::new();
    for l in list {
        let tag = l["tag"]
            .as_str()
            .expect("locales/locales.json: each locale has a \"tag\"");
        let language = l["language"]
            .as_str()
            .expect("locales/locales.json: each locale has a \"language\"");
        let subtags: Vec<String> = l["subtags"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str())
                    .map(str::to_lowercase)
                    .collect()
            })
            .unwrap_or_default();
        locales.push((tag.to_string(), language.to_lowercase(), subtags));
    }

    let files: Vec<serde_json::Value> = locales
        .iter()
        .map(|(tag, ..)| read(&format!("{tag}.json")))
        .collect();
    let mut catalogues = Vec::new();
    for ((tag, ..), file) in locales.iter().zip(&files) {
        let map = file
            .as_object()
            .unwrap_or_else(|| panic!("locales/{tag}.json: an object of key to text"));
        let entries = map
            .iter()
            .map(|(k, v)| {
                let text = v
                    .as_str()
                    .unwrap_or_else(|| panic!("locales/{tag}.json: \"{k}\" must be a string"));
                (k.as_str(), text)
            })
            .collect();
        catalogues.push(check::Catalogue { tag, entries });
    }
    let problems = check::problems(&catalogues);
    if !problems.is_empty() {
        panic!(
            "the locales' catalogues disagree:\n  {}",
            problems.join("\n  ")
        );
    }

    let mut keys: Vec<&str> = catalogues[0].entries.iter().map(|(k, _)| *k).collect();
    // scripts/entries.mjs sorts them by UTF-16 code unit, which is the same order for ASCII.
    if let Some(k) = keys.iter().find(|k| {
        !k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_')
    }) {
        panic!("locales: the key \"{k}\" may hold only ASCII letters, digits, '.' and '_'");
    }
    keys.sort_unstable();

    let mut out = String::new();
    let variant = |tag: &str| -> String {
        tag.split('-')
            .map(|p| {
                let mut c = p.chars();
                c.next().map_or(String::new(), |f| {
                    f.to_uppercase()
                        .chain(c.flat_map(char::to_lowercase))
                        .collect()
                })
            })
            .collect()
    };
    let n = locales.len();
    out.push_str(
        "/// A language the widget speaks: one per entry of locales/locales.json, in its order.\n",
    );
    out.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum Locale {\n");
    for (tag, ..) in &locales {
        let _ = writeln!(out, "    /// {tag}\n    {},", variant(tag));
    }
    out.push_str("}\n\nimpl Locale {\n");
    let _ = writeln!(
        out,
        "    /// Every locale, in the order of locales/locales.json; the first is the default.\n    pub const ALL: [Locale; {n}] = [{}];",
        locales.iter().map(|(t, ..)| format!("Locale::{}", variant(t))).collect::<Vec<_>>().join(", ")
    );
    out.push_str("\n    /// The BCP 47 tag, for `Intl`, the dialog's `lang` and the catalogue's file name.\n");
    out.push_str("    pub fn tag(self) -> &'static str {\n        match self {\n");
    for (tag, ..) in &locales {
        let _ = writeln!(out, "            Locale::{} => {tag:?},", variant(tag));
    }
    out.push_str("        }\n    }\n}\n\n");
    let _ = writeln!(
        out,
        "/// Each locale's language subtag and the later subtags that pick it over its language's\n/// first locale (locales/locales.json).\npub(crate) const MATCH: [(&str, &[&str]); {n}] = [{}];\n",
        locales
            .iter()
            .map(|(_, lang, subs)| format!("({lang:?}, &{subs:?})"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(
        out,
        "/// How many texts a catalogue holds.\npub const KEY_COUNT: usize = {};\n",
        keys.len()
    );
    out.push_str("/// One text of the catalogue: its place in the keys' sorted order.\n");
    out.push_str(
        "#[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub struct Key(pub(crate) u16);\n\n",
    );
    out.push_str("impl Key {\n    /// Its place in the keys' sorted order.\n    pub fn index(self) -> usize {\n        self.0 as usize\n    }\n}\n\n");
    out.push_str("/// Every key, by the group before its first dot.\npub mod keys {\n");
    let mut groups: Vec<&str> = keys
        .iter()
        .map(|k| k.split('.').next().unwrap_or(""))
        .collect();
    groups.dedup();
    for group in groups {
        let _ = writeln!(out, "    /// The `{group}.*` keys.\n    #[allow(non_upper_case_globals)]\n    pub mod {group} {{\n        use super::super::Key;");
        let mut all = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            if let Some(rest) = key.strip_prefix(group).and_then(|r| r.strip_prefix('.')) {
                let name = rest.replace('.', "_");
                let _ = writeln!(
                    out,
                    "        /// `{key}`\n        pub const {name}: Key = Key({i});"
                );
                all.push(format!("({rest:?}, {name})"));
            }
        }
        let _ = writeln!(
            out,
            "        /// Every key of the group, by the name after the group's dot.\n        #[allow(dead_code)]\n        pub const ALL: [(&str, Key); {}] = [{}];",
            all.len(),
            all.join(", ")
        );
        out.push_str("    }\n");
    }
    out.push_str("}\n\n");
    let _ = writeln!(
        out,
        "/// Every locale's texts, in the order of [`Locale::ALL`] and of the keys.\n#[allow(dead_code)]\npub(crate) static BUILT_IN: [[&str; {}]; {n}] = [",
        keys.len()
    );
    for c in &catalogues {
        out.push_str("    [\n");
        for key in &keys {
            let text = c
                .entries
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, t)| *t)
                .unwrap_or("");
            let _ = writeln!(out, "        {text:?},");
        }
        out.push_str("    ],\n");
    }
    out.push_str("];\n");

    let path = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("catalogue.rs");
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

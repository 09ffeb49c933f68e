//! The TypeScript declarations the package ships against the Rust that checks the arguments and
//! writes the results. The declarations are hand-written (src/bindings/types.rs) and nothing in a
//! build compares them with the Rust, so this test does: every error code, verdict reason,
//! ineligibility reason, locale, fee model, preset name and input field name the Rust knows must
//! be in the TypeScript, and every one the TypeScript lists must be one the Rust knows.
//!
//! The Rust side of each comparison is read from the lists the engine itself uses (`Code::ALL`,
//! `FEE_MODELS`, `PLAN_FIELDS`, the presets' `NAMES`…), never copied into this file.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;

use instalment_guard::bindings::types::TYPES;
use instalment_guard::engine::advice::{
    Level, RecommendReason, LIKELIHOOD_FIELDS, RECOMMEND_FIELDS, WEIGHT_FIELDS,
};
use instalment_guard::engine::irr::FLOW_FIELDS;
use instalment_guard::engine::plan::{FEE_MODELS, PLAN_FIELDS};
use instalment_guard::engine::presets;
use instalment_guard::engine::remind::{
    ATTRIBUTES, CONFIG_FIELDS, MAX_PER_CHECKOUT, REMIND_FIELDS, STATE_FIELDS,
};
use instalment_guard::engine::{Code, Ineligible, Locale, Reason};

// --- reading the declarations -----------------------------------------------------------------
// Enough of TypeScript for the declarations in types.rs: comments, `export type X = …;`,
// `export interface X { … }`, members `name?: type;`, object literal types and unions of string
// or number literals.

/// The declarations without their comments, which mention names freely.
fn declarations() -> String {
    let mut out = String::new();
    let mut rest = TYPES;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        let end = rest[i..].find("*/").expect("a comment that ends");
        rest = &rest[i + end + 2..];
    }
    out.push_str(rest);
    out.lines()
        .map(|l| l.find("//").map_or(l, |i| &l[..i]))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` up to the first `stop` outside braces, brackets and parentheses.
fn until_outside(text: &str, stop: char) -> &str {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            _ if c == stop && depth == 0 => return &text[..i],
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => depth -= 1,
            _ => {}
        }
    }
    text
}

/// `text` cut at every `sep` outside braces, brackets and parentheses, trimmed, empties dropped.
fn split_outside(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = text;
    loop {
        let part = until_outside(rest, sep);
        if !part.trim().is_empty() {
            parts.push(part.trim());
        }
        if part.len() == rest.len() {
            return parts;
        }
        rest = &rest[part.len() + 1..];
    }
}

/// The right-hand side of `export type <name> = …;`.
fn type_alias(ts: &str, name: &str) -> String {
    let head = format!("export type {name} =");
    let at = ts
        .find(&head)
        .unwrap_or_else(|| panic!("types.rs declares no type {name}"));
    until_outside(&ts[at + head.len()..], ';')
        .trim()
        .to_string()
}

/// What is inside the braces that start `text`.
fn braced(text: &str) -> &str {
    let open = text.find('{').expect("an opening brace");
    let inner = &text[open + 1..];
    until_outside(inner, '}')
}

/// The body of `export interface <name> … { … }`.
fn interface(ts: &str, name: &str) -> String {
    let head = format!("export interface {name} ");
    let at = ts
        .find(&head)
        .unwrap_or_else(|| panic!("types.rs declares no interface {name}"));
    braced(&ts[at..]).to_string()
}

/// The members of an object type's body: each name (quotes and `?` removed) and its type.
fn members(body: &str) -> Vec<(String, String)> {
    split_outside(body, ';')
        .into_iter()
        .map(|m| {
            let colon = m.find(':').unwrap_or_else(|| panic!("a member: {m}"));
            let name = m[..colon].trim().trim_end_matches('?').trim_matches('"');
            (name.to_string(), m[colon + 1..].trim().to_string())
        })
        .collect()
}

fn member_type(body: &str, name: &str) -> String {
    members(body)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no member {name} in {{{body}}}"))
        .1
}

fn names(body: &str) -> BTreeSet<String> {
    members(body).into_iter().map(|(n, _)| n).collect()
}

/// The literals of a union such as `"a" | "b"` or `0 | 1`, as written without quotes. Anything
/// else in the union (`string`, an object type) fails the test: the union would not be closed.
fn literals(union: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for alt in split_outside(union, '|') {
        let lit = alt
            .strip_prefix('"')
            .and_then(|a| a.strip_suffix('"'))
            .map(str::to_string)
            .or_else(|| alt.parse::<u32>().ok().map(|n| n.to_string()))
            .unwrap_or_else(|| panic!("{alt:?} in {union:?} is not a literal"));
        assert!(out.insert(lit), "{alt} is listed twice in {union:?}");
    }
    out
}

fn set<'a>(items: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    items.into_iter().map(str::to_string).collect()
}

/// The two sides name the same things; the message says which side lacks what.
fn same(what: &str, rust_source: &str, rust: BTreeSet<String>, ts: BTreeSet<String>) {
    let missing_in_ts: Vec<_> = rust.difference(&ts).collect();
    let unknown_to_rust: Vec<_> = ts.difference(&rust).collect();
    assert!(
        missing_in_ts.is_empty() && unknown_to_rust.is_empty(),
        "{what}: the TypeScript in src/bindings/types.rs and {rust_source} disagree.\n  \
         in the Rust, not in the TypeScript: {missing_in_ts:?}\n  \
         in the TypeScript, not in the Rust: {unknown_to_rust:?}"
    );
}

// --- the comparisons --------------------------------------------------------------------------

#[test]
fn error_codes() {
    same(
        "InstalmentErrorCode",
        "engine::Code::ALL",
        Code::ALL.iter().map(|c| c.as_str().to_string()).collect(),
        literals(&type_alias(&declarations(), "InstalmentErrorCode")),
    );
}

#[test]
fn recommendation_reasons_affordability_levels_and_weights() {
    same(
        "RecommendationReason",
        "engine::advice::RecommendReason::ALL",
        RecommendReason::ALL
            .iter()
            .map(|r| r.as_str().to_string())
            .collect(),
        literals(&type_alias(&declarations(), "RecommendationReason")),
    );
    same(
        "AffordabilityLevel",
        "engine::advice::Level::ALL",
        Level::ALL.iter().map(|r| r.as_str().to_string()).collect(),
        literals(&type_alias(&declarations(), "AffordabilityLevel")),
    );
    same(
        "LikelihoodWeights",
        "engine::advice::WEIGHT_FIELDS",
        set(WEIGHT_FIELDS),
        names(&interface(&declarations(), "LikelihoodWeights")),
    );
}

#[test]
fn paid_order_fields() {
    use instalment_guard::engine::remedy::ORDER_FIELDS;
    same(
        "PaidOrder",
        "engine::remedy::ORDER_FIELDS",
        set(ORDER_FIELDS),
        names(&interface(&declarations(), "PaidOrder")),
    );
}

#[test]
fn jurisdictions() {
    use instalment_guard::engine::disclose::Jurisdiction;
    same(
        "Jurisdiction",
        "engine::disclose::Jurisdiction::ALL",
        Jurisdiction::ALL
            .iter()
            .map(|j| j.as_str().to_string())
            .collect(),
        literals(&type_alias(&declarations(), "Jurisdiction")),
    );
}

#[test]
fn verdict_reasons() {
    same(
        "VerdictReason",
        "engine::Reason::ALL",
        Reason::ALL.iter().map(|r| r.as_str().to_string()).collect(),
        literals(&type_alias(&declarations(), "VerdictReason")),
    );
}

#[test]
fn ineligibility_reasons() {
    same(
        "IneligibleReason",
        "engine::Ineligible::ALL",
        Ineligible::ALL
            .iter()
            .map(|r| r.as_str().to_string())
            .collect(),
        literals(&type_alias(&declarations(), "IneligibleReason")),
    );
}

#[test]
fn locales() {
    let ts = declarations();
    same(
        "LocaleName",
        "engine::Locale::ALL",
        Locale::ALL.iter().map(|l| l.tag().to_string()).collect(),
        literals(&type_alias(&ts, "LocaleName")),
    );
    // A config takes any tag (Locale::resolve), with the three offered first by editors.
    let config = interface(&ts, "GuardConfig");
    assert_eq!(member_type(&config, "locale"), "LocaleName | (string & {})");
}

#[test]
fn preset_names() {
    same(
        "PresetName",
        "engine::presets::NAMES",
        set(presets::NAMES.iter().copied()),
        literals(&type_alias(&declarations(), "PresetName")),
    );
}

#[test]
fn fee_models_and_their_fields() {
    let fee = type_alias(&declarations(), "Fee");
    let variants: Vec<String> = split_outside(&fee, '|')
        .into_iter()
        .map(str::to_string)
        .collect();
    let mut ts_models = BTreeSet::new();
    for variant in &variants {
        let body = braced(variant);
        let model = literals(&member_type(body, "model"));
        assert_eq!(model.len(), 1, "one model per Fee variant: {variant}");
        let model = model.into_iter().next().unwrap_or_default();
        let rust = FEE_MODELS
            .iter()
            .find(|(name, _)| *name == model)
            .map(|(_, fields)| set(fields.iter().copied()))
            .unwrap_or_default();
        same(
            &format!("the fields of Fee {model:?}"),
            "engine::plan::FEE_MODELS",
            rust,
            names(body),
        );
        ts_models.insert(model);
    }
    same(
        "Fee models",
        "engine::plan::FEE_MODELS",
        set(FEE_MODELS.iter().map(|(name, _)| *name)),
        ts_models,
    );
}

#[test]
fn plan_spec_fields() {
    same(
        "PlanSpec",
        "engine::plan::PLAN_FIELDS",
        set(PLAN_FIELDS),
        names(&interface(&declarations(), "PlanSpec")),
    );
}

#[test]
fn guard_config_fields() {
    let config = interface(&declarations(), "GuardConfig");
    same(
        "GuardConfig",
        "engine::remind::CONFIG_FIELDS",
        set(CONFIG_FIELDS),
        names(&config),
    );
    let remind = member_type(&config, "remind");
    for (name, rust, fields) in [
        (
            "remind",
            "engine::remind::REMIND_FIELDS",
            &REMIND_FIELDS[..],
        ),
        (
            "likelihood",
            "engine::advice::LIKELIHOOD_FIELDS",
            &LIKELIHOOD_FIELDS[..],
        ),
        (
            "recommend",
            "engine::advice::RECOMMEND_FIELDS",
            &RECOMMEND_FIELDS[..],
        ),
    ] {
        same(
            &format!("GuardConfig.{name}"),
            rust,
            set(fields.iter().copied()),
            names(braced(&member_type(&config, name))),
        );
    }
    // `0 | 1`: the whole numbers the checker takes, from 0 to its maximum.
    same(
        "GuardConfig.remind.maxPerCheckout",
        "engine::remind::MAX_PER_CHECKOUT",
        (0..=MAX_PER_CHECKOUT).map(|n| n.to_string()).collect(),
        literals(&member_type(braced(&remind), "maxPerCheckout")),
    );
}

#[test]
fn every_config_field_has_an_attribute_and_the_readme_lists_each() {
    // A GuardConfig field (each of an object field's own, such as `remind.maxPerCheckout`) is
    // settable on <instalment-guard>.
    let groups = [
        ("remind", &REMIND_FIELDS[..]),
        ("likelihood", &LIKELIHOOD_FIELDS[..]),
        ("recommend", &RECOMMEND_FIELDS[..]),
    ];
    let fields: BTreeSet<String> = CONFIG_FIELDS
        .iter()
        .filter(|f| !groups.iter().any(|(g, _)| g == *f))
        .map(|f| f.to_string())
        .chain(
            groups
                .iter()
                .flat_map(|(g, keys)| keys.iter().map(move |k| format!("{g}.{k}"))),
        )
        .collect();
    same(
        "the fields <instalment-guard> sets",
        "engine::remind::ATTRIBUTES",
        ATTRIBUTES
            .iter()
            .map(|(_, key, _)| key.to_string())
            .collect(),
        fields,
    );
    // README's attribute table: the rows whose first cell is `name` or `name="…"`.
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let table = readme
        .split("| attribute | meaning |")
        .nth(1)
        .expect("README has the attribute table");
    let mut listed = BTreeSet::new();
    for line in table.lines().skip(2).take_while(|l| l.starts_with('|')) {
        let cell = line.split('|').nth(1).unwrap_or_default();
        for name in cell.split('/') {
            let name = name.trim().trim_matches('`');
            listed.insert(name.split('=').next().unwrap_or(name).to_string());
        }
    }
    same(
        "README's attribute table",
        "engine::remind::ATTRIBUTES (and `for`)",
        ATTRIBUTES
            .iter()
            .map(|(a, _, _)| a.to_string())
            .chain(["for".to_string()])
            .collect(),
        listed,
    );
}

#[test]
fn checkout_state_fields() {
    same(
        "CheckoutState",
        "engine::remind::STATE_FIELDS",
        set(STATE_FIELDS),
        names(&interface(&declarations(), "CheckoutState")),
    );
}

#[test]
fn cash_flow_fields() {
    same(
        "CashFlow",
        "engine::irr::FLOW_FIELDS",
        set(FLOW_FIELDS),
        names(&interface(&declarations(), "CashFlow")),
    );
}

// --- the reader itself, so that a comparison cannot pass by reading nothing ------------------

#[test]
fn the_reader_finds_what_the_declarations_hold() {
    let ts = declarations();
    assert!(!ts.contains("/**"), "comments are removed");
    assert_eq!(
        literals(r#""a" | "b""#),
        set(["a", "b"]),
        "string literal unions"
    );
    assert_eq!(literals("0 | 1"), set(["0", "1"]), "number literal unions");
    let fee = type_alias(&ts, "Fee");
    assert_eq!(split_outside(&fee, '|').len(), FEE_MODELS.len());
    let plan = interface(&ts, "PlanSpec");
    assert_eq!(member_type(&plan, "fee"), "Fee");
    assert_eq!(member_type(&plan, "periods"), "number");
    let config = interface(&ts, "GuardConfig");
    assert_eq!(member_type(&config, "preset"), "PresetName");
    assert!(names(&config).contains("remind"));
}

#[test]
#[should_panic(expected = "in the TypeScript, not in the Rust: [\"INVALID_AMOUNT_X\"]")]
fn a_renamed_code_fails_the_comparison() {
    let ts = declarations().replace("\"INVALID_AMOUNT\"", "\"INVALID_AMOUNT_X\"");
    same(
        "InstalmentErrorCode",
        "engine::Code::ALL",
        Code::ALL.iter().map(|c| c.as_str().to_string()).collect(),
        literals(&type_alias(&ts, "InstalmentErrorCode")),
    );
}

/// The names in `export const NAME = [ … ];` of a JS file, in order.
fn js_list(js: &str, name: &str) -> Vec<String> {
    let body = js
        .split(&format!("export const {name} = ["))
        .nth(1)
        .unwrap_or_else(|| panic!("js/shell.js has no {name}"));
    let body = until_outside(body, ']');
    body.split(',')
        .map(|s| s.trim().trim_matches('\'').to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn the_shell_hands_over_each_elements_attributes_in_the_order_the_rust_reads_them() {
    // js/shell.js defines the elements before their wasm arrives, so it lists their attributes
    // itself; their code reads the values by position, so the lists must agree in order too.
    let shell = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/js/shell.js"))
        .expect("js/shell.js");
    let rust = |list: &[(&str, &str, instalment_guard::engine::remind::AttrKind)]| {
        list.iter()
            .map(|(a, _, _)| a.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        js_list(&shell, "GUARD_ATTRIBUTES"),
        rust(&ATTRIBUTES),
        "js/shell.js GUARD_ATTRIBUTES against engine::remind::ATTRIBUTES"
    );
    assert_eq!(
        js_list(&shell, "REMEDY_ATTRIBUTES"),
        rust(&instalment_guard::engine::remedy::ELEMENT_ATTRIBUTES),
        "js/shell.js REMEDY_ATTRIBUTES against engine::remedy::ELEMENT_ATTRIBUTES"
    );
}

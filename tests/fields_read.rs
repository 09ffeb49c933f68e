//! Every field an input shape declares is read. The readers refuse keys outside their lists
//! (`CONFIG_FIELDS`, `PLAN_FIELDS`, …), so a key can be declared, documented and typed in the
//! TypeScript and still be ignored by the code that should act on it. Here each declared key of
//! each shape gets a value no field accepts, `[[]]`, on an otherwise good input: the reader must
//! refuse it, at that key's own path. A declared key that nothing reads is accepted and fails.
#![cfg(not(target_arch = "wasm32"))]

use instalment_guard::engine::advice::{LIKELIHOOD_FIELDS, RECOMMEND_FIELDS, WEIGHT_FIELDS};
use instalment_guard::engine::payment::{Choice, CHOICE_FIELDS};
use instalment_guard::engine::plan::{Plan, PLAN_FIELDS};
use instalment_guard::engine::remedy::{PaidOrder, ORDER_FIELDS};
use instalment_guard::engine::remind::{
    CheckoutState, GuardConfig, CONFIG_FIELDS, REMIND_FIELDS, STATE_FIELDS,
};
use instalment_guard::engine::{Error, Value};

fn json(s: &str) -> Value {
    serde_json::from_str(s).expect("test JSON is valid")
}

/// `base` with `path` (dotted, any depth; missing objects on the way are made) set to `[[]]`.
fn with_bad(base: &str, path: &str) -> Value {
    let mut v: serde_json::Value = serde_json::from_str(base).unwrap();
    let mut at = &mut v;
    let keys: Vec<&str> = path.split('.').collect();
    for key in &keys[..keys.len() - 1] {
        at = at
            .as_object_mut()
            .unwrap()
            .entry(*key)
            .or_insert_with(|| serde_json::json!({}));
    }
    at.as_object_mut()
        .unwrap()
        .insert(keys[keys.len() - 1].into(), serde_json::json!([[]]));
    json(&v.to_string())
}

fn each_is_read(
    what: &str,
    base: &str,
    keys: impl IntoIterator<Item = String>,
    read: impl Fn(&Value) -> Result<(), Error>,
) {
    read(&json(base)).unwrap_or_else(|e| panic!("{what}: the base input is refused: {e:?}"));
    for key in keys {
        match read(&with_bad(base, &key)) {
            Ok(()) => panic!("{what}: `{key}` is declared but nothing reads it: [[]] was accepted"),
            Err(e) => assert!(
                e.field == key
                    || e.field.starts_with(&format!("{key}."))
                    || e.field.starts_with(&format!("{key}[")),
                "{what}: `{key}` = [[]] was refused at `{}`, not at its own path: {}",
                e.field,
                e.message
            ),
        }
    }
}

fn nested(group: &str, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| format!("{group}.{k}")).collect()
}

#[test]
fn every_guard_config_field_is_read() {
    let groups = ["remind", "likelihood", "recommend"];
    let keys = CONFIG_FIELDS
        .iter()
        .filter(|k| !groups.contains(k))
        .map(|k| k.to_string())
        .chain(nested("remind", &REMIND_FIELDS))
        .chain(nested("likelihood", &LIKELIHOOD_FIELDS))
        .chain(nested("recommend", &RECOMMEND_FIELDS));
    // `preset` and `plans` exclude each other: each is tried on a config with the other absent.
    each_is_read("GuardConfig", r#"{"currency": "CNY"}"#, keys, |v| {
        GuardConfig::from_value(v).map(|_| ())
    });
}

#[test]
fn every_likelihood_weight_is_read() {
    each_is_read(
        "LikelihoodWeights",
        r#"{"currency": "CNY", "likelihood": {"weights": {"intercept": 0}}}"#,
        WEIGHT_FIELDS
            .iter()
            .map(|k| format!("likelihood.weights.{k}"))
            .filter(|k| !k.ends_with("intercept")),
        |v| GuardConfig::from_value(v).map(|_| ()),
    );
}

#[test]
fn every_checkout_state_field_is_read() {
    each_is_read(
        "CheckoutState",
        r#"{"amountMinor": 100000}"#,
        STATE_FIELDS
            .iter()
            .filter(|k| **k != "amountMinor")
            .map(|k| k.to_string()),
        |v| CheckoutState::from_value(v).map(|_| ()),
    );
}

#[test]
fn every_plan_field_is_read() {
    each_is_read(
        "PlanSpec",
        r#"{"id": "p", "periods": 3, "fee": {"model": "interestFree"}}"#,
        PLAN_FIELDS.iter().map(|k| k.to_string()),
        |v| Plan::from_value(v, "").map(|_| ()),
    );
}

#[test]
fn every_paid_order_field_is_read() {
    each_is_read(
        "PaidOrder",
        r#"{"amountMinor": 100000, "currency": "CNY", "paidWith": "huabei", "plans": [{"id": "p", "periods": 3, "fee": {"model": "interestFree"}}]}"#,
        ORDER_FIELDS.iter().map(|k| k.to_string()),
        |v| PaidOrder::from_value(v).map(|_| ()),
    );
}

#[test]
fn every_choice_field_is_read() {
    each_is_read(
        "Choice",
        r#"{"amountMinor": 100000, "currency": "CNY", "planId": null}"#,
        CHOICE_FIELDS.iter().map(|k| k.to_string()),
        |v| Choice::from_value(v).map(|_| ()),
    );
}

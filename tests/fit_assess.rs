//! What the fit tool writes is what the guard takes: its standard output, unchanged, as
//! `likelihood.weights` of a configuration, gives a verdict whose contributions carry exactly
//! those weights. Native only, as the tool is.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

use instalment_guard::engine::{assess, CheckoutState, GuardConfig, Value};

#[test]
fn the_tools_json_is_a_configs_likelihood_weights_unchanged() {
    // Orders with every optional column, from a fixed rule with some noise in who chose a plan,
    // so the fit has finite weights for each feature.
    let path = std::env::temp_dir().join(format!("ig-fit-assess-{}.csv", std::process::id()));
    let mut csv = String::from(
        "amount_minor,chose_instalments,currency,interest_free,best_apr,durable,prior_instalment\n",
    );
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    for _ in 0..4000 {
        let amount = (10.0f64.powf(1.0 + next() * 4.0) * 100.0).round() as u64;
        let free = u8::from(next() < 0.3);
        let apr = if free == 1 { 0.0 } else { 0.08 + next() * 0.1 };
        let durable = u8::from(next() < 0.4);
        let prior = [-1, 0, 1][(next() * 3.0) as usize % 3];
        let logit = -6.0 + 0.9 * ((amount as f64) / 100.0).ln() + 0.8 * f64::from(free) - 3.0 * apr
            + 0.5 * f64::from(durable)
            + 0.4 * f64::from(prior);
        let chose = u8::from(next() < 1.0 / (1.0 + (-logit).exp()));
        csv.push_str(&format!(
            "{amount},{chose},CNY,{free},{apr},{durable},{prior}\n"
        ));
    }
    std::fs::write(&path, csv).expect("the orders file");
    let out = Command::new(env!("CARGO_BIN_EXE_instalment-guard-fit"))
        .arg(&path)
        .output()
        .expect("the fit tool runs");
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8 JSON");

    let config = format!(
        r#"{{"currency": "CNY", "preset": "huabei", "likelihood": {{"weights": {text}}}}}"#
    );
    let value: Value = serde_json::from_str(&config).expect("the tool writes JSON");
    let config = GuardConfig::from_value(&value).expect("assess() takes the tool's weights");
    let weights: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&text).expect("an object");
    let state = CheckoutState {
        amount: 300_000,
        ..CheckoutState::default()
    };
    let verdict = assess(&config, &state, None).expect("a verdict");
    let likelihood = verdict.likelihood.expect("a likelihood");
    let listed: Vec<(&str, f64)> = likelihood
        .contributions
        .iter()
        .map(|(feature, _, weight)| (*feature, *weight))
        .collect();
    for (feature, weight) in &listed {
        assert_eq!(weights[*feature].as_f64(), Some(*weight), "{feature}");
    }
    // Every feature of the file has a weight, and the intercept closes the sum.
    assert_eq!(listed.len(), 5, "{text}");
    let sum: f64 = likelihood.contributions.iter().map(|(_, v, w)| v * w).sum();
    let intercept = weights["intercept"].as_f64().expect("an intercept");
    assert!((intercept + sum - likelihood.logit).abs() < 1e-12);
}

//! The README's Rust server snippet ("From the choice to the payment"), compiled and run as
//! written, so it cannot drift from the engine.
#![cfg(not(target_arch = "wasm32"))]

use instalment_guard::engine::{
    payment_params, presets, verify_choice, Choice, Code, Currency, Provider,
};

fn alipay_fields(
    plan_field: Option<&str>,
    shown: Option<u64>,
    total_fen: u64,
) -> instalment_guard::engine::Result<String> {
    let verified = verify_choice(&Choice {
        amount: total_fen, // YOUR total, never the page's
        currency: Currency::parse("CNY", "currency")?,
        plan_id: plan_field
            .filter(|id| !id.is_empty() && *id != "none")
            .map(String::from),
        plans: presets::plans("huabei", "CNY", "preset")?, // the offer the page had
        credit: Vec::new(),
        shown_amount: shown, // the total the page showed
    })?; // Err INVALID_CHOICE: show the checkout again, charge nothing
    Ok(payment_params(&verified, Provider::Alipay)?.to_json()) // merge into biz_content
}

#[test]
fn the_readme_snippet_maps_a_huabei_plan_and_refuses_a_stale_total() {
    assert_eq!(
        alipay_fields(Some("huabei-6"), Some(480690), 480690).expect("fields"),
        r#"{"extend_params":{"hb_fq_num":"6","hb_fq_seller_percent":"0"},"enable_pay_channels":"pcreditpayInstallment"}"#
    );
    assert_eq!(
        alipay_fields(Some(""), None, 480690).expect("in full"),
        "{}"
    );
    let e = alipay_fields(Some("huabei-6"), Some(478690), 480690).expect_err("stale");
    assert_eq!(
        (e.code, e.field.as_str()),
        (Code::InvalidChoice, "amountMinor")
    );
    let e = alipay_fields(Some("huabei-9"), None, 480690).expect_err("unknown");
    assert_eq!((e.code, e.field.as_str()), (Code::InvalidChoice, "planId"));
}

//! `<instalment-guard>` in real Chrome and Firefox: registering it, guarding the form its `for`
//! names, reporting bad attributes on `element.error`, rebuilding on attribute changes, and
//! letting go of the form when it leaves the page.
#![cfg(target_arch = "wasm32")]

#[macro_use]
mod support;

use instalment_guard::{define_element, CheckoutGuard};
use js_sys::{Array, Function};
use support::{
    check_error, click_in, get, hosts, is_defined, js, json, open_dialogs, plan_ids, settle,
    strings, text, the_open_dialog, until, Outcome, Page,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const TAG: &str = "instalment-guard";

/// Registers the element for tests that need it; which test runs first is not fixed.
fn defined() {
    define_element();
}

/// Calls `element.name(...args)` as page code would.
fn call(element: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = get(element, name).dyn_into()?;
    f.apply(element, &args.iter().collect::<Array>())
}

/// A checkout form with the id `id`, and an `<instalment-guard>` with `attributes` after it.
fn embed(id: &str, amount: Option<u64>, attributes: &str) -> String {
    let amount = amount.map_or(String::new(), |a| format!(r#" data-amount-minor="{a}""#));
    format!(
        r#"<form id="{id}" method="dialog"{amount}>
             <select name="instalment_plan">
               <option value="">Pay in full</option>
               <option value="huabei-3">3</option><option value="huabei-6">6</option><option value="huabei-12">12</option>
             </select>
             <button id="pay">Pay</button>
           </form>
           <{TAG} {attributes}></{TAG}>"#
    )
}

fn element(page: &Page) -> Result<JsValue, JsValue> {
    Ok(page.el(TAG)?.into())
}

/// The element's configuration error as a failed call, for `check_error`.
fn error_of(element: &JsValue) -> Result<JsValue, JsValue> {
    match get(element, "error") {
        e if e.is_null() || e.is_undefined() => Ok(JsValue::NULL),
        e => Err(e),
    }
}

#[wasm_bindgen_test]
fn define_element_registers_instalment_guard_once() -> Outcome {
    let before = is_defined(TAG);
    // True only for the call that registered it; any earlier test may have been first.
    check_eq!(define_element(), !before);
    check!(is_defined(TAG));
    check_eq!(define_element(), false);
    check_eq!(define_element(), false);
    Ok(())
}

#[wasm_bindgen_test]
async fn the_element_guards_the_form_its_for_names() -> Outcome {
    defined();
    let page = Page::new(&embed(
        "el-checkout",
        Some(111111),
        r#"for="el-checkout" currency="CNY" preset="huabei" locale="en""#,
    ))?;
    let el = element(&page)?;
    check!(error_of(&el)?.is_null(), "{}", json(&get(&el, "error")));
    let verdict = call(&el, "assess", &[])?;
    check_eq!(get(&verdict, "remind").as_bool(), Some(true));
    check_eq!(plan_ids(&verdict), ["huabei-12", "huabei-3", "huabei-6"]);

    page.el("#pay")?.click();
    check_eq!(page.events(), ["remind"]);
    let dialog = the_open_dialog()?;
    check!(click_in(&dialog, r#"[data-plan="huabei-3"]"#));
    until("the choice's submit", || page.count("submit") == 1).await?;
    check_eq!(
        text(&page.event("submit"), "plan").as_deref(),
        Some("huabei-3")
    );

    // update() reaches the guard: a new total is assessed at once.
    call(&el, "update", &[js(r#"{"amountMinor": 5000}"#)])?;
    check_eq!(
        strings(&call(&el, "assess", &[])?, "reasons"),
        [
            "PLAN_SELECTED",
            "NO_ELIGIBLE_PLAN",
            "REMINDER_LIMIT_REACHED"
        ]
    );
    Ok(())
}

#[wasm_bindgen_test]
async fn a_cny_element_without_plans_uses_huabei() -> Outcome {
    defined();
    let page = Page::new(&embed(
        "el-default",
        Some(111111),
        r#"for="el-default" currency="CNY""#,
    ))?;
    let el = element(&page)?;
    let verdict = call(&el, "assess", &[])?;
    check_eq!(
        plan_ids(&verdict),
        ["huabei-12", "huabei-3", "huabei-6"],
        "{}",
        json(&verdict)
    );
    Ok(())
}

#[wasm_bindgen_test]
async fn plans_given_as_json_are_used() -> Outcome {
    defined();
    let plans = r#"[{"id": "huabei-6", "periods": 6, "fee": {"model": "interestFree"}}]"#;
    let page = Page::new(&embed(
        "el-plans",
        Some(111111),
        &format!(r#"for="el-plans" currency="CNY" plans='{plans}'"#),
    ))?;
    let verdict = call(&element(&page)?, "assess", &[])?;
    check_eq!(plan_ids(&verdict), ["huabei-6"], "{}", json(&verdict));
    check_eq!(
        strings(&verdict, "reasons"),
        [
            "NO_PLAN_SELECTED",
            "ELIGIBLE_PLANS",
            "INTEREST_FREE_AVAILABLE"
        ]
    );
    Ok(())
}

#[wasm_bindgen_test]
async fn removing_the_element_destroys_its_guard() -> Outcome {
    defined();
    let mut page = Page::new(&embed(
        "el-removed",
        Some(111111),
        r#"for="el-removed" currency="CNY" preset="huabei""#,
    ))?;
    let el = element(&page)?;
    page.el("#pay")?.click();
    the_open_dialog()?;
    check_eq!(hosts().length(), 1);

    page.el(TAG)?.remove();
    check_eq!(open_dialogs().length(), 0, "the dialog stayed open");
    check_eq!(hosts().length(), 0, "the dialog stayed on the page");
    page.clear_log();
    page.el("#pay")?.click();
    settle().await;
    check_eq!(page.events(), ["submit"]);
    check_eq!(
        get(&page.event("submit"), "prevented").as_bool(),
        Some(false)
    );
    check_error(&call(&el, "assess", &[]), "INVALID_STATE", "element")?;
    // The form is free again.
    let guard = CheckoutGuard::new(page.form.clone().into(), js(support::HUABEI_EN))?;
    page.keep(std::rc::Rc::new(guard));
    Ok(())
}

#[wasm_bindgen_test]
async fn bad_attributes_are_reported_on_element_error_and_guard_nothing() -> Outcome {
    defined();
    for (attributes, code, field) in [
        (r#"currency="CNY" preset="huabei""#, "INVALID_CONFIG", "for"),
        (
            r#"for="" currency="CNY" preset="huabei""#,
            "INVALID_CONFIG",
            "for",
        ),
        (
            r#"for="no-such-form" currency="CNY" preset="huabei""#,
            "INVALID_CONFIG",
            "for",
        ),
        (
            r#"for="pay" currency="CNY" preset="huabei""#,
            "INVALID_CONFIG",
            "for",
        ),
        (
            r#"for="el-bad" currency="CNY" preset="klarna""#,
            "INVALID_CONFIG",
            "preset",
        ),
        (
            r##"for="el-bad" currency="CNY" plans="[{oops""##,
            "INVALID_CONFIG",
            "plans",
        ),
        (
            r#"for="el-bad" currency="CNY" plans='[{"id": "a", "periods": 3, "fee": {"model": "flatTotal", "rate": "3%"}}]'"#,
            "INVALID_RATE",
            "plans[0].fee.rate",
        ),
        (
            r#"for="el-bad" currency="CNY" preset="huabei" remind-max-per-checkout="x""#,
            "INVALID_CONFIG",
            "remind-max-per-checkout",
        ),
        (
            r#"for="el-bad" currency="CNY" preset="huabei" remind-min-amount-minor="1.5""#,
            "INVALID_AMOUNT",
            "remind-min-amount-minor",
        ),
        (
            r#"for="el-bad" currency="cny" preset="huabei""#,
            "INVALID_CURRENCY",
            "currency",
        ),
        (r#"for="el-bad" currency="USD""#, "INVALID_CONFIG", "plans"),
        (
            r#"for="el-bad" currency="CNY" preset="huabei" locale="fr""#,
            "INVALID_CONFIG",
            "locale",
        ),
    ] {
        let page = Page::new(&embed("el-bad", Some(111111), attributes))?;
        let el = element(&page)?;
        check_error(&error_of(&el), code, field).map_err(|e| {
            JsValue::from_str(&format!(
                "<{TAG} {attributes}>: {}",
                e.as_string().unwrap_or_default()
            ))
        })?;
        // assess() throws the same error, so a page that never reads `error` still learns it.
        check_error(&call(&el, "assess", &[]), code, field)?;
        page.el("#pay")?.click();
        settle().await;
        check_eq!(
            page.events(),
            ["submit"],
            "<{TAG} {attributes}> guarded the form"
        );
    }
    Ok(())
}

#[wasm_bindgen_test]
async fn fixing_an_attribute_rebuilds_the_guard_and_keeps_the_cart() -> Outcome {
    defined();
    let page = Page::new(&embed(
        "el-fixed",
        None,
        r#"for="el-fixed" currency="CNY" preset="klarna" locale="en""#,
    ))?;
    let el = element(&page)?;
    check_error(&error_of(&el), "INVALID_CONFIG", "preset")?;
    // A cart total told to the element before it works is remembered for when it does.
    call(&el, "update", &[js(r#"{"amountMinor": 222222}"#)])?;
    page.el(TAG)?.set_attribute("preset", "huabei")?;
    until("the rebuilt guard", || get(&el, "error").is_null()).await?;
    let verdict = call(&el, "assess", &[])?;
    check_eq!(
        get(&verdict, "remind").as_bool(),
        Some(true),
        "{}",
        json(&verdict)
    );
    check_eq!(
        support::num(&support::estimate_of(&verdict, "huabei-12"), "amountMinor"),
        Some(222222.0)
    );
    // Another language is a rebuild too; the dialog then speaks it, with the same cart.
    page.el(TAG)?.set_attribute("locale", "zh-CN")?;
    settle().await;
    page.el("#pay")?.click();
    let dialog = the_open_dialog()?;
    check_eq!(text(&dialog, "lang").as_deref(), Some("zh-CN"));
    check!(
        support::text_of(&dialog).contains("2,222.22"),
        "{}",
        support::text_of(&dialog)
    );
    check_eq!(
        hosts().length(),
        1,
        "the rebuild left the old guard's dialog behind"
    );
    Ok(())
}

#[wasm_bindgen_test]
async fn a_second_element_for_the_same_form_is_refused() -> Outcome {
    defined();
    let page = Page::new(&format!(
        "{}<{TAG} for=\"el-twice\" currency=\"CNY\"></{TAG}>",
        embed("el-twice", Some(111111), r#"for="el-twice" currency="CNY""#)
    ))?;
    let all = support::query_all(&page.scope, TAG);
    check_eq!(all.length(), 2);
    let (first, second) = (all.get(0), all.get(1));
    check!(error_of(&first)?.is_null());
    let refused = get(&second, "error");
    check_eq!(
        text(&refused, "code").as_deref(),
        Some("INVALID_STATE"),
        "{}",
        json(&refused)
    );
    check!(instalment_guard::is_instalment_error(&refused));
    // One reminder, not two.
    page.el("#pay")?.click();
    check_eq!(page.events(), ["remind"]);
    check_eq!(open_dialogs().length(), 1);
    Ok(())
}

#[wasm_bindgen_test]
async fn the_element_finds_its_form_inside_a_shadow_root() -> Outcome {
    defined();
    let page = Page::in_shadow_root(&embed(
        "el-shadow",
        Some(111111),
        r#"for="el-shadow" currency="CNY" preset="huabei""#,
    ))?;
    let el = element(&page)?;
    check!(error_of(&el)?.is_null(), "{}", json(&get(&el, "error")));
    page.el("#pay")?.click();
    check_eq!(page.events(), ["remind"]);
    check_eq!(open_dialogs().length(), 1);
    Ok(())
}

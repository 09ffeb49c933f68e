//! The checkout guard in real Chrome and Firefox: a form, a shopper's submit, the reminder dialog
//! and each way out of it, the cases where it must stay quiet, and failing open.
//!
//! Each test builds its own form in its own container, records every guard event, `input`,
//! `change` and submit that reaches the page, and destroys its guards when it ends.
#![cfg(target_arch = "wasm32")]

#[macro_use]
mod support;

use std::rc::Rc;

use instalment_guard::CheckoutGuard;
use support::{
    active_element, array, check_error, click_in, count, estimate_of, focus_on, get, hosts, js,
    json, num, on_first, open_dialogs, plan_ids, radio_form, select_form, settle, strings, text,
    text_of, the_open_dialog, until, Outcome, Page, HUABEI_EN,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

fn reasons(guard: &CheckoutGuard) -> Result<Vec<String>, JsValue> {
    Ok(strings(&guard.assess()?, "reasons"))
}

fn plan_button(id: &str) -> String {
    format!(r#"[data-plan="{id}"]"#)
}

/// Waits for the page to have heard `kind`: the dialog's `close` event, and so everything the
/// guard does after it, comes in a later task.
async fn heard(page: &Page, kind: &str) -> Outcome {
    until(&format!("the {kind} event"), || page.count(kind) > 0).await
}

/// The checks every reminder must pass: one `remind` with the verdict, no submit, one dialog.
fn check_reminded(page: &Page) -> Result<JsValue, JsValue> {
    check_eq!(page.events(), ["remind"]);
    let remind = page.event("remind");
    let verdict = get(&remind, "detail");
    check_eq!(
        get(&verdict, "remind").as_bool(),
        Some(true),
        "{}",
        json(&verdict)
    );
    check_eq!(
        strings(&verdict, "reasons"),
        ["NO_PLAN_SELECTED", "ELIGIBLE_PLANS"]
    );
    check_eq!(plan_ids(&verdict), ["huabei-12", "huabei-3", "huabei-6"]);
    check_eq!(
        text(&verdict, "recommendedPlanId").as_deref(),
        Some("huabei-12")
    );
    check_eq!(get(&remind, "cancelable").as_bool(), Some(true));
    check!(
        get(&remind, "target") == JsValue::from(page.form.clone()),
        "dispatched on the form"
    );
    let dialog = the_open_dialog()?;
    check_eq!(count(&dialog, "[data-plan]"), 3);
    check_eq!(count(&dialog, "[data-action=full]"), 1);
    Ok(dialog)
}

// ---- a submit without a plan -------------------------------------------------------------------

#[wasm_bindgen_test]
async fn request_submit_without_a_plan_opens_one_reminder_and_stops_the_submit() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let guard = page.guard(HUABEI_EN)?;
    check_eq!(get(&guard.assess()?, "remind").as_bool(), Some(true));
    page.form.request_submit()?;
    check_reminded(&page)?;
    settle().await;
    check_eq!(
        page.events(),
        ["remind"],
        "nothing more happens until the shopper acts"
    );
    check_eq!(open_dialogs().length(), 1);
    Ok(())
}

#[wasm_bindgen_test]
async fn clicking_pay_without_a_plan_opens_one_reminder_and_stops_the_submit() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let _guard = page.guard(HUABEI_EN)?;
    page.el("#pay")?.click();
    let dialog = check_reminded(&page)?;
    // A real modal, with focus on its heading: no plan is one keystroke away.
    check_eq!(
        json(&support::focus_in(&dialog)),
        r#"{"plan":null,"action":null,"tag":"h2","modal":true}"#
    );
    // The reminder says what it is about: the order total and each plan's figures.
    let shown = text_of(&dialog);
    for figure in ["1,111.11", "99.53", "83.33", "13.57%"] {
        check!(
            shown.contains(figure),
            "{figure} missing from the dialog: {shown}"
        );
    }
    settle().await;
    check_eq!(page.submits().len(), 0);
    Ok(())
}

/// Enter in a text field is implicit submission, which the HTML standard defines as a click on
/// the form's default button. A synthetic Enter keydown does not trigger it in any browser (only
/// trusted key events do), so this test performs that click with focus in the text field: the
/// guard sees exactly what a real Enter makes it see, and gives focus to the pay button after.
#[wasm_bindgen_test]
async fn enter_in_a_text_field_is_reminded_like_a_click_on_pay() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let _guard = page.guard(HUABEI_EN)?;
    let note: HtmlInputElement = page.el("#note")?.dyn_into()?;
    note.focus()?;
    page.el("#pay")?.click();
    let dialog = check_reminded(&page)?;
    click_in(&dialog, "[data-action=close]");
    heard(&page, "dismiss").await?;
    check!(
        active_element() == JsValue::from(page.el("#pay")?),
        "focus is on the pay button"
    );
    Ok(())
}

// ---- the ways out of the dialog ----------------------------------------------------------------

#[wasm_bindgen_test]
async fn choosing_a_plan_sets_the_radio_fires_input_and_change_and_submits_once() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let _guard = page.guard(HUABEI_EN)?;
    page.el("#pay")?.click();
    let dialog = check_reminded(&page)?;
    check!(click_in(&dialog, &plan_button("huabei-6")));
    heard(&page, "submit").await?;
    settle().await;
    check_eq!(
        page.events(),
        ["remind", "input", "change", "choose", "submit"]
    );
    let radio = page.el(r#"input[value="huabei-6"]"#)?;
    check!(radio.unchecked_ref::<HtmlInputElement>().checked());
    check!(get(&page.event("input"), "target") == JsValue::from(radio.clone()));
    check!(get(&page.event("change"), "target") == JsValue::from(radio));
    check_eq!(
        json(&get(&page.event("choose"), "detail")),
        r#"{"planId":"huabei-6"}"#
    );
    let submit = page.event("submit");
    check_eq!(text(&submit, "plan").as_deref(), Some("huabei-6"));
    check!(
        get(&submit, "submitter") == JsValue::from(page.el("#pay")?),
        "the same button submits"
    );
    check_eq!(get(&submit, "prevented").as_bool(), Some(false));
    check_eq!(open_dialogs().length(), 0);
    Ok(())
}

#[wasm_bindgen_test]
async fn choosing_a_plan_sets_the_select_and_submits_once() -> Outcome {
    let mut page = Page::new(&select_form(Some(111111)))?;
    let _guard = page.guard(HUABEI_EN)?;
    page.form.request_submit()?;
    let dialog = check_reminded(&page)?;
    check!(click_in(&dialog, &plan_button("huabei-12")));
    heard(&page, "submit").await?;
    settle().await;
    check_eq!(
        page.events(),
        ["remind", "input", "change", "choose", "submit"]
    );
    let select = page.el("select")?;
    check_eq!(
        select.unchecked_ref::<HtmlSelectElement>().value(),
        "huabei-12"
    );
    check!(get(&page.event("change"), "target") == JsValue::from(select));
    check_eq!(
        json(&get(&page.event("choose"), "detail")),
        r#"{"planId":"huabei-12"}"#
    );
    check_eq!(
        text(&page.event("submit"), "plan").as_deref(),
        Some("huabei-12")
    );
    // requestSubmit() had no submitter, and the resubmit invents none.
    check!(get(&page.event("submit"), "submitter").is_null());
    Ok(())
}

#[wasm_bindgen_test]
async fn paying_in_full_submits_once_with_the_field_unchanged() -> Outcome {
    let mut page = Page::new(&select_form(Some(111111)))?;
    let _guard = page.guard(HUABEI_EN)?;
    page.el("#pay")?.click();
    let dialog = check_reminded(&page)?;
    check!(click_in(&dialog, "[data-action=full]"));
    heard(&page, "submit").await?;
    settle().await;
    check_eq!(page.events(), ["remind", "proceed", "submit"]);
    check_eq!(
        json(&get(&page.event("proceed"), "detail")),
        r#"{"planId":null}"#
    );
    let submit = page.event("submit");
    check_eq!(text(&submit, "plan").as_deref(), Some("none"));
    check!(get(&submit, "submitter") == JsValue::from(page.el("#pay")?));
    check_eq!(open_dialogs().length(), 0);
    Ok(())
}

#[wasm_bindgen_test]
async fn the_close_button_dismisses_without_a_submit_and_the_next_submit_goes_through() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let guard = page.guard(HUABEI_EN)?;
    page.el("#note")?.focus()?;
    page.form.request_submit()?;
    let dialog = check_reminded(&page)?;
    check!(click_in(&dialog, "[data-action=close]"));
    heard(&page, "dismiss").await?;
    settle().await;
    check_eq!(page.events(), ["remind", "dismiss"]);
    check_eq!(
        json(&get(&page.event("dismiss"), "detail")),
        r#"{"planId":null}"#
    );
    check_eq!(open_dialogs().length(), 0);
    // requestSubmit() had no button; focus goes to the form's pay button all the same.
    check!(
        active_element() == JsValue::from(page.el("#pay")?),
        "focus is on the pay button"
    );
    check_eq!(reasons(&guard)?, ["REMINDER_LIMIT_REACHED"]);
    page.el("#pay")?.click();
    check_eq!(page.events(), ["remind", "dismiss", "submit"]);
    check_eq!(
        get(&page.event("submit"), "prevented").as_bool(),
        Some(false)
    );
    check_eq!(open_dialogs().length(), 0);
    Ok(())
}

#[wasm_bindgen_test]
async fn escape_dismisses_without_a_submit() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let _guard = page.guard(HUABEI_EN)?;
    page.el("#pay")?.click();
    let dialog = check_reminded(&page)?;
    // Esc on a modal dialog is a close request: `cancel`, then `close` with the return value
    // left as it was. requestClose() is that same path; a synthetic Escape keydown is untrusted
    // and closes nothing, so it cannot stand in for the key.
    check!(
        support::can_request_close(&dialog),
        "this browser lacks HTMLDialogElement.requestClose"
    );
    let request_close: js_sys::Function = get(&dialog, "requestClose").dyn_into()?;
    request_close.call0(&dialog)?;
    heard(&page, "dismiss").await?;
    settle().await;
    check_eq!(page.events(), ["remind", "dismiss"]);
    check_eq!(open_dialogs().length(), 0);
    check!(
        active_element() == JsValue::from(page.el("#pay")?),
        "focus is on the pay button"
    );
    page.el("#pay")?.click();
    check_eq!(page.events(), ["remind", "dismiss", "submit"]);
    Ok(())
}

#[wasm_bindgen_test]
async fn max_per_checkout_counts_reminders() -> Outcome {
    // 1 is the most a config may ask for (docs/contract.md: asking again is a dark pattern).
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let guard = page.guard(r#"{"currency": "CNY", "preset": "huabei", "locale": "en", "remind": {"maxPerCheckout": 1}}"#)?;
    page.el("#pay")?.click();
    check_eq!(page.count("remind"), 1);
    check!(click_in(&the_open_dialog()?, "[data-action=close]"));
    until("the dismissal", || page.count("dismiss") == 1).await?;
    check_eq!(reasons(&guard)?, ["REMINDER_LIMIT_REACHED"]);
    page.el("#pay")?.click();
    check_eq!(page.submits().len(), 1);
    check_eq!(page.count("remind"), 1);
    Ok(())
}

// ---- when the guard stays quiet ----------------------------------------------------------------

/// Submits by clicking pay, and checks the submit went through untouched, with no reminder.
async fn check_quiet(page: &Page) -> Outcome {
    page.el("#pay")?.click();
    settle().await;
    check_eq!(page.events(), ["submit"]);
    check_eq!(
        get(&page.event("submit"), "prevented").as_bool(),
        Some(false)
    );
    check_eq!(open_dialogs().length(), 0);
    Ok(())
}

#[wasm_bindgen_test]
async fn no_reminder_when_a_plan_is_already_chosen() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    page.el(r#"input[value="huabei-3"]"#)?
        .unchecked_ref::<HtmlInputElement>()
        .set_checked(true);
    let guard = page.guard(HUABEI_EN)?;
    let verdict = guard.assess()?;
    check_eq!(get(&verdict, "remind").as_bool(), Some(false));
    check_eq!(strings(&verdict, "reasons"), ["PLAN_SELECTED"]);
    check_quiet(&page).await?;
    check_eq!(
        text(&page.event("submit"), "plan").as_deref(),
        Some("huabei-3")
    );
    Ok(())
}

#[wasm_bindgen_test]
async fn a_choice_told_through_update_counts_when_the_form_has_no_plan_field() -> Outcome {
    let mut page = Page::new(
        r#"<form method="dialog" data-amount-minor="111111"><button id="pay">Pay</button></form>"#,
    )?;
    let guard = page.guard(HUABEI_EN)?;
    check_eq!(reasons(&guard)?, ["NO_PLAN_SELECTED", "ELIGIBLE_PLANS"]);
    guard.update(js(r#"{"selectedPlanId": "huabei-6"}"#))?;
    check_eq!(reasons(&guard)?, ["PLAN_SELECTED"]);
    guard.update(js(r#"{"selectedPlanId": null}"#))?;
    check_eq!(reasons(&guard)?, ["NO_PLAN_SELECTED", "ELIGIBLE_PLANS"]);
    guard.update(js(r#"{"selectedPlanId": "huabei-6"}"#))?;
    check_quiet(&page).await
}

#[wasm_bindgen_test]
async fn no_reminder_below_every_plans_minimum() -> Outcome {
    // Huabei's preset plans start at 100.00.
    let mut page = Page::new(&radio_form(Some(9999)))?;
    let guard = page.guard(HUABEI_EN)?;
    let verdict = guard.assess()?;
    check_eq!(strings(&verdict, "reasons"), ["NO_ELIGIBLE_PLAN"]);
    check_eq!(array(&verdict, "estimates").length(), 0);
    check!(get(&verdict, "recommendedPlanId").is_null());
    check_quiet(&page).await
}

#[wasm_bindgen_test]
async fn no_reminder_when_the_cap_is_zero() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let guard =
        page.guard(r#"{"currency": "CNY", "preset": "huabei", "remind": {"maxPerCheckout": 0}}"#)?;
    check_eq!(reasons(&guard)?, ["REMINDER_LIMIT_REACHED"]);
    check_quiet(&page).await
}

#[wasm_bindgen_test]
async fn no_reminder_below_the_merchants_reminder_minimum() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let guard = page.guard(
        r#"{"currency": "CNY", "preset": "huabei", "remind": {"minAmountMinor": 200000}}"#,
    )?;
    check_eq!(reasons(&guard)?, ["BELOW_REMIND_MINIMUM"]);
    check_quiet(&page).await
}

#[wasm_bindgen_test]
async fn no_reminder_for_plans_the_form_cannot_select() -> Outcome {
    let mut page = Page::new(
        r#"<form method="dialog" data-amount-minor="111111">
             <select name="instalment_plan"><option value="">Pay in full</option><option value="card-3">Card</option></select>
             <button id="pay">Pay</button>
           </form>"#,
    )?;
    let guard = page.guard(HUABEI_EN)?;
    check_eq!(reasons(&guard)?, ["NO_PLAN_IN_FORM"]);
    check_quiet(&page).await
}

#[wasm_bindgen_test]
async fn dont_remind_me_again_is_remembered_for_the_shop() -> Outcome {
    const SHOP: &str = "web-test-shop-opt-out";
    let key = support::opt_out_key(SHOP);
    let storage = support::local_storage();
    let _ = storage.remove_item(&key);
    let config =
        format!(r#"{{"currency": "CNY", "preset": "huabei", "locale": "en", "shopId": "{SHOP}"}}"#);
    let mut page = Page::new(&radio_form(Some(111111)))?;
    page.forget_key_later(&key);
    let guard = page.guard(&config)?;
    page.el("#pay")?.click();
    let dialog = check_reminded(&page)?;
    let tick = "input[type=checkbox]";
    check_eq!(count(&dialog, tick), 1);
    // Ticked, unticked and ticked again: the last word counts.
    for expected in [Some("1"), None, Some("1")] {
        check!(click_in(&dialog, tick));
        check_eq!(storage.get_item(&key)?.as_deref(), expected);
    }
    check!(click_in(&dialog, "[data-action=close]"));
    heard(&page, "dismiss").await?;
    check_eq!(
        reasons(&guard)?,
        ["REMINDER_LIMIT_REACHED", "SHOPPER_OPTED_OUT"]
    );
    // With the count started again, as for a new checkout, only the shopper's wish keeps the
    // guard quiet.
    guard.update(js(r#"{"remindersShown": 0}"#))?;
    check_eq!(reasons(&guard)?, ["SHOPPER_OPTED_OUT"]);
    page.clear_log();
    check_quiet(&page).await?;

    // It is the shop's setting in this browser: a new checkout of the same shop stays quiet…
    let mut same_shop = Page::another(&radio_form(Some(111111)))?;
    let again = same_shop.guard(&config)?;
    check_eq!(reasons(&again)?, ["SHOPPER_OPTED_OUT"]);
    // …and another shop's does not.
    let mut other_shop = Page::another(&select_form(Some(111111)))?;
    let other = other_shop
        .guard(r#"{"currency": "CNY", "preset": "huabei", "shopId": "web-test-another-shop"}"#)?;
    check_eq!(get(&other.assess()?, "remind").as_bool(), Some(true));
    Ok(())
}

#[wasm_bindgen_test]
async fn the_dont_remind_box_can_be_left_out() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let _guard = page.guard(
        r#"{"currency": "CNY", "preset": "huabei", "remind": {"allowDontRemind": false}}"#,
    )?;
    page.el("#pay")?.click();
    let dialog = check_reminded(&page)?;
    check_eq!(count(&dialog, "input[type=checkbox]"), 0);
    Ok(())
}

// ---- the amount changes ------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn a_new_amount_from_update_shows_at_once_even_in_an_open_dialog() -> Outcome {
    let mut page = Page::new(&radio_form(None))?;
    let guard = page.guard(HUABEI_EN)?;
    // Until the guard knows the amount, it cannot remind.
    check_eq!(reasons(&guard)?, ["AMOUNT_UNKNOWN"]);
    guard.update(js(r#"{"amountMinor": 111111}"#))?;
    let verdict = guard.assess()?;
    check_eq!(get(&verdict, "remind").as_bool(), Some(true));
    check_eq!(
        num(&estimate_of(&verdict, "huabei-12"), "amountMinor"),
        Some(111111.0)
    );
    check_eq!(
        num(
            &estimate_of(&verdict, "huabei-12"),
            "schedule.1.paymentMinor"
        ),
        Some(9953.0)
    );

    page.el("#pay")?.click();
    let dialog = check_reminded(&page)?;
    check!(text_of(&dialog).contains("1,111.11"));
    guard.update(js(r#"{"amountMinor": 222222}"#))?;
    let verdict = guard.assess()?;
    check_eq!(
        num(&estimate_of(&verdict, "huabei-12"), "amountMinor"),
        Some(222222.0)
    );
    // Redrawn at once, in the same dialog: 2222.22 over 12 is 199.06 a month, fee 166.67.
    let shown = text_of(&dialog);
    for figure in ["2,222.22", "199.06", "166.67", "757.77"] {
        check!(
            shown.contains(figure),
            "{figure} missing after update(): {shown}"
        );
    }
    for stale in ["1,111.11", "99.53"] {
        check!(
            !shown.contains(stale),
            "{stale} still shown after update(): {shown}"
        );
    }
    check_eq!(open_dialogs().length(), 1);
    // Down to an amount no plan takes: the dialog says so, and paying in full is still there.
    guard.update(js(r#"{"amountMinor": 5000}"#))?;
    check_eq!(count(&dialog, "[data-plan]"), 0, "{}", text_of(&dialog));
    check_eq!(count(&dialog, "[data-action=full]"), 1);
    check!(text_of(&dialog).contains("50.00"), "{}", text_of(&dialog));
    check_eq!(page.events(), ["remind"], "an update is not a submit");
    Ok(())
}

#[wasm_bindgen_test]
async fn a_new_data_amount_minor_shows_at_once_even_in_an_open_dialog() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let guard = page.guard(HUABEI_EN)?;
    page.form.set_attribute("data-amount-minor", "222222")?;
    // No waiting for the observer: assess() reads what the page has set.
    let verdict = guard.assess()?;
    check_eq!(
        num(&estimate_of(&verdict, "huabei-12"), "amountMinor"),
        Some(222222.0)
    );

    page.el("#pay")?.click();
    let dialog = check_reminded(&page)?;
    check!(text_of(&dialog).contains("2,222.22"));
    page.form.set_attribute("data-amount-minor", "333333")?;
    until("the dialog to show 3333.33", || {
        text_of(&dialog).contains("3,333.33")
    })
    .await?;
    let shown = text_of(&dialog);
    check!(
        shown.contains("298.60"),
        "333333 over 12 is 298.60 a month: {shown}"
    );
    check!(!shown.contains("2,222.22"), "{shown}");
    check_eq!(
        num(&estimate_of(&guard.assess()?, "huabei-12"), "amountMinor"),
        Some(333333.0)
    );

    // A malformed amount must not leave a stale one in charge: the guard goes quiet.
    page.form.set_attribute("data-amount-minor", "3333.33")?;
    check_eq!(reasons(&guard)?, ["AMOUNT_UNKNOWN"]);
    Ok(())
}

// ---- destroy -----------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn destroy_leaves_the_form_as_it_was() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let before = page.form.outer_html();
    let hosts_before = hosts().length();
    let guard = page.guard(HUABEI_EN)?;
    page.el("#pay")?.click();
    check_reminded(&page)?;
    check_eq!(
        hosts().length(),
        hosts_before + 1,
        "the dialog's host is on the page"
    );

    guard.destroy();
    check_eq!(page.form.outer_html(), before);
    check_eq!(hosts().length(), hosts_before, "the dialog's host is gone");
    check_eq!(open_dialogs().length(), 0);
    guard.destroy();

    page.clear_log();
    page.el("#pay")?.click();
    page.form.set_attribute("data-amount-minor", "222222")?;
    settle().await;
    check_eq!(page.events(), ["submit"]);
    check_eq!(
        get(&page.event("submit"), "prevented").as_bool(),
        Some(false)
    );
    check_eq!(open_dialogs().length(), 0);

    // assess() has no verdict to give; update() and destroy() again are harmless no-ops.
    check_error(&guard.assess(), "INVALID_STATE", "guard")?;
    check!(guard.update(js(r#"{"amountMinor": 1}"#)).is_ok());
    guard.destroy();
    // The form is free for a new guard.
    let fresh = page.guard(HUABEI_EN)?;
    check_eq!(get(&fresh.assess()?, "remind").as_bool(), Some(true));
    Ok(())
}

#[wasm_bindgen_test]
async fn destroy_from_the_remind_event_lets_that_submit_through() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let guard = page.guard(HUABEI_EN)?;
    let g = Rc::clone(&guard);
    on_first(&page.form, "instalmentguard:remind", move || g.destroy());
    page.el("#pay")?.click();
    settle().await;
    check_eq!(page.events(), ["remind", "submit"]);
    check_eq!(open_dialogs().length(), 0);
    check_eq!(hosts().length(), 0);
    Ok(())
}

#[wasm_bindgen_test]
async fn destroy_from_the_choose_event_still_submits_the_choice_once() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let guard = page.guard(HUABEI_EN)?;
    let g = Rc::clone(&guard);
    on_first(&page.form, "instalmentguard:choose", move || g.destroy());
    page.el("#pay")?.click();
    check!(click_in(&check_reminded(&page)?, &plan_button("huabei-3")));
    heard(&page, "submit").await?;
    settle().await;
    check_eq!(
        page.events(),
        ["remind", "input", "change", "choose", "submit"]
    );
    check_eq!(
        text(&page.event("submit"), "plan").as_deref(),
        Some("huabei-3")
    );
    check_eq!(hosts().length(), 0, "the dialog went with the guard");
    Ok(())
}

#[wasm_bindgen_test]
async fn page_code_may_call_the_guard_from_every_event_it_hears() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    // Three reminders in one test: the count starts again before each (remindersShown: 0), as
    // a new checkout's would.
    let guard = page.guard(HUABEI_EN)?;
    let again = || guard.update(js(r#"{"remindersShown": 0}"#));
    let heard_in: Rc<std::cell::RefCell<Vec<String>>> = Rc::default();
    let listen = |target: &JsValue, kind: &'static str| {
        let (g, heard_in) = (Rc::clone(&guard), Rc::clone(&heard_in));
        on_first(target, kind, move || {
            // What a page does in a handler: read the verdict, tell the guard the total again.
            let outcome = g
                .assess()
                .and_then(|_| g.update(js(r#"{"amountMinor": 111111}"#)))
                .map(|_| "ok".to_string())
                .unwrap_or_else(|e| text(&e, "message").unwrap_or_else(|| json(&e)));
            heard_in.borrow_mut().push(format!("{kind}: {outcome}"));
        });
    };
    let form: JsValue = page.form.clone().into();
    for kind in [
        "instalmentguard:remind",
        "instalmentguard:dismiss",
        "instalmentguard:proceed",
    ] {
        listen(&form, kind);
    }
    for kind in ["input", "change", "instalmentguard:choose", "submit"] {
        listen(&form, kind);
    }
    page.el("#pay")?.click();
    check!(click_in(&the_open_dialog()?, "[data-action=close]"));
    heard(&page, "dismiss").await?;
    again()?;
    page.el("#pay")?.click();
    check!(click_in(&the_open_dialog()?, "[data-action=full]"));
    heard(&page, "proceed").await?;
    until("the second submit", || page.submits().len() == 1).await?;
    page.el(r#"input[value=""]"#)?
        .unchecked_ref::<HtmlInputElement>()
        .set_checked(true);
    again()?;
    page.el("#pay")?.click();
    check!(click_in(&the_open_dialog()?, &plan_button("huabei-6")));
    heard(&page, "choose").await?;
    until("the third submit", || page.submits().len() == 2).await?;
    let expected: Vec<String> = [
        "instalmentguard:remind",
        "instalmentguard:dismiss",
        "instalmentguard:proceed",
        "submit",
        "input",
        "change",
        "instalmentguard:choose",
    ]
    .iter()
    .map(|k| format!("{k}: ok"))
    .collect();
    check_eq!(*heard_in.borrow(), expected);
    Ok(())
}

/// The guard promises page code may destroy it "at any point", and opening the dialog moves
/// focus, which page code hears: a `focusin` handler is page code running mid-open.
#[wasm_bindgen_test]
async fn destroy_while_the_dialog_takes_focus_leaves_no_dialog_and_lets_the_submit_through(
) -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let guard = page.guard(HUABEI_EN)?;
    let g = Rc::clone(&guard);
    let document: JsValue = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?
        .into();
    on_first(&document, "focusin", move || g.destroy());
    page.el("#pay")?.click();
    settle().await;
    // All three at once, so a failure shows the whole picture: (open dialogs, dialog hosts on
    // the page, what the page heard).
    check_eq!(
        (open_dialogs().length(), hosts().length(), page.events()),
        (0, 0, vec!["remind".to_string(), "submit".to_string()]),
        "a guard destroyed while its dialog opened must leave no dialog and not stop the submit"
    );
    Ok(())
}

/// The same promise while an open dialog redraws for a new total: a redraw that takes away the
/// control holding the focus moves the focus, and so runs page code.
#[wasm_bindgen_test]
async fn destroy_while_the_dialog_redraws_leaves_no_dialog() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let guard = page.guard(HUABEI_EN)?;
    page.el("#pay")?.click();
    let dialog = check_reminded(&page)?;
    // The shopper is on a plan, and the new total (under every plan's minimum) takes it away.
    check!(focus_on(&dialog, &plan_button("huabei-6")));
    let g = Rc::clone(&guard);
    let document: JsValue = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?
        .into();
    let destroyed = Rc::new(std::cell::Cell::new(false));
    let d = Rc::clone(&destroyed);
    on_first(&document, "focusin", move || {
        d.set(true);
        g.destroy()
    });
    guard.update(js(r#"{"amountMinor": 9999}"#))?;
    settle().await;
    check!(
        destroyed.get(),
        "the redraw moved the focus, and the page heard it"
    );
    check_eq!(
        (open_dialogs().length(), hosts().length()),
        (0, 0),
        "a guard destroyed while its dialog redrew must take the dialog with it"
    );
    Ok(())
}

// ---- failing open ------------------------------------------------------------------------------

/// A submit made while part of the guard is broken goes through once, as the shopper made it.
async fn check_let_through(page: &Page) -> Outcome {
    page.el("#pay")?.click();
    settle().await;
    check_eq!(page.submits().len(), 1, "events: {:?}", page.events());
    check_eq!(
        get(&page.event("submit"), "prevented").as_bool(),
        Some(false)
    );
    check_eq!(text(&page.event("submit"), "plan").as_deref(), Some(""));
    check_eq!(open_dialogs().length(), 0);
    Ok(())
}

#[wasm_bindgen_test]
async fn a_throwing_show_modal_lets_the_submit_through() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let _guard = page.guard(HUABEI_EN)?;
    let _broken = support::break_show_modal();
    check_let_through(&page).await
}

#[wasm_bindgen_test]
async fn a_view_that_cannot_lay_out_lets_the_submit_through() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let _guard = page.guard(HUABEI_EN)?;
    let _broken = support::break_layout();
    check_let_through(&page).await
}

#[wasm_bindgen_test]
async fn an_amount_too_large_for_the_plans_lets_the_submit_through() -> Outcome {
    // Every Huabei fee would take the total past Number.MAX_SAFE_INTEGER: the guard cannot
    // cost the plans, and says so to a developer, but the shopper's submit is not held up.
    let mut page = Page::new(&radio_form(Some(9_007_199_254_740_991)))?;
    let guard = page.guard(HUABEI_EN)?;
    check_error(&guard.assess(), "AMOUNT_OUT_OF_RANGE", "amountMinor")?;
    check_quiet(&page).await
}

#[wasm_bindgen_test]
async fn blocked_storage_neither_stops_the_reminder_nor_breaks_the_dont_remind_box() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let guard = page.guard(
        r#"{"currency": "CNY", "preset": "huabei", "locale": "en", "shopId": "web-test-blocked"}"#,
    )?;
    let _blocked = support::break_storage();
    page.el("#pay")?.click();
    let dialog = check_reminded(&page)?;
    check!(click_in(&dialog, "input[type=checkbox]"));
    check!(click_in(&dialog, &plan_button("huabei-3")));
    heard(&page, "submit").await?;
    check_eq!(
        text(&page.event("submit"), "plan").as_deref(),
        Some("huabei-3")
    );
    check_eq!(
        reasons(&guard)?,
        ["PLAN_SELECTED", "REMINDER_LIMIT_REACHED"]
    );
    Ok(())
}

#[wasm_bindgen_test]
async fn a_cancelled_remind_event_lets_the_submit_through_without_a_dialog() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let _guard = page.guard(HUABEI_EN)?;
    support::cancel_reminders(&page.form);
    page.el("#pay")?.click();
    settle().await;
    check_eq!(page.events(), ["remind", "submit"]);
    check_eq!(
        get(&page.event("submit"), "prevented").as_bool(),
        Some(false)
    );
    check_eq!(open_dialogs().length(), 0);
    Ok(())
}

// ---- several guards ----------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn two_forms_on_one_page_are_guarded_independently() -> Outcome {
    let mut a = Page::new(&radio_form(Some(111111)))?;
    let mut b = Page::another(&select_form(Some(222222)))?;
    let guard_a = a.guard(HUABEI_EN)?;
    let guard_b = b.guard(HUABEI_EN)?;

    a.el("#pay")?.click();
    let dialog_a = check_reminded(&a)?;
    check!(text_of(&dialog_a).contains("1,111.11"));
    check_eq!(
        b.events(),
        Vec::<String>::new(),
        "form B heard form A's reminder"
    );
    check!(click_in(&dialog_a, &plan_button("huabei-12")));
    heard(&a, "submit").await?;
    check_eq!(
        text(&a.event("submit"), "plan").as_deref(),
        Some("huabei-12")
    );
    check_eq!(b.events(), Vec::<String>::new());
    check_eq!(get(&guard_b.assess()?, "remind").as_bool(), Some(true));

    b.form.request_submit()?;
    let dialog_b = check_reminded(&b)?;
    check!(dialog_b != dialog_a, "each guard has its own dialog");
    check!(text_of(&dialog_b).contains("2,222.22"));
    check!(click_in(&dialog_b, "[data-action=full]"));
    heard(&b, "submit").await?;
    check_eq!(text(&b.event("submit"), "plan").as_deref(), Some("none"));
    check_eq!(a.submits().len(), 1, "form A saw form B's submit");

    check_eq!(
        reasons(&guard_a)?,
        ["PLAN_SELECTED", "REMINDER_LIMIT_REACHED"]
    );
    guard_a.destroy();
    check_eq!(get(&guard_b.assess()?, "remind").as_bool(), Some(false));
    check_eq!(
        hosts().length(),
        1,
        "only the destroyed guard's dialog went"
    );
    Ok(())
}

#[wasm_bindgen_test]
fn a_second_guard_on_the_same_form_is_refused() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let first = page.guard(HUABEI_EN)?;
    let second = CheckoutGuard::new(page.form.clone().into(), js(HUABEI_EN)).map(JsValue::from);
    check_error(&second, "INVALID_STATE", "form")?;
    // The refusal left the first guard as it was, and its end frees the form.
    check_eq!(get(&first.assess()?, "remind").as_bool(), Some(true));
    first.destroy();
    page.guard(HUABEI_EN)?;
    Ok(())
}

#[wasm_bindgen_test]
fn a_guard_needs_a_form_and_a_valid_config() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let not_a_form = page.el("#pay")?;
    let made =
        |form: JsValue, config: &str| CheckoutGuard::new(form, js(config)).map(JsValue::from);
    check_error(
        &made(not_a_form.into(), HUABEI_EN),
        "INVALID_ARGUMENT",
        "form",
    )?;
    let form: JsValue = page.form.clone().into();
    check_error(
        &made(form.clone(), r#"{"currency": "USD"}"#),
        "INVALID_CONFIG",
        "plans",
    )?;
    check_error(
        &made(
            form.clone(),
            r#"{"currency": "CNY", "preset": "huabei", "plans": []}"#,
        ),
        "INVALID_CONFIG",
        "preset",
    )?;
    check_error(
        &made(
            form.clone(),
            r#"{"currency": "CNY", "plans": [{"id": "a", "periods": 3, "fee": {"model": "flatTotal", "rate": "3%"}}]}"#,
        ),
        "INVALID_RATE",
        "plans[0].fee.rate",
    )?;
    check_error(
        &made(
            form.clone(),
            r#"{"currency": "CNY", "preset": "huabei", "planFeild": "x"}"#,
        ),
        "INVALID_CONFIG",
        "planFeild",
    )?;
    // None of the refusals claimed the form.
    page.guard(HUABEI_EN)?;
    Ok(())
}

// ---- merchant text -----------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn plan_labels_are_shown_as_text_never_as_html() -> Outcome {
    let label = r#"<img src=x onerror="window.__instalmentGuardInjected = 1"><b>Bold</b>"#;
    let plans = format!(
        r#"[{{"id": "hb-3", "label": {}, "periods": 3, "fee": {{"model": "interestFree"}}}},
            {{"id": "hb-6", "provider": "<i>shop</i>", "periods": 6, "fee": {{"model": "flatTotal", "rate": "0.045"}}}}]"#,
        json(&JsValue::from_str(label))
    );
    let mut page = Page::new(
        r#"<form method="dialog" data-amount-minor="111111">
             <select name="instalment_plan"><option value="">-</option><option>hb-3</option><option>hb-6</option></select>
             <button id="pay">Pay</button>
           </form>"#,
    )?;
    let _guard = page.guard(&format!(
        r#"{{"currency": "CNY", "locale": "en", "shopId": "<script>alert(1)</script>", "plans": {plans}}}"#
    ))?;
    page.el("#pay")?.click();
    let dialog = the_open_dialog()?;
    settle().await;
    check_eq!(
        count(&dialog, "img, b, i, script"),
        0,
        "merchant text became elements"
    );
    check!(
        text_of(&dialog).contains(label),
        "the label is not shown as written: {}",
        text_of(&dialog)
    );
    let injected = js_sys::Reflect::get(&js_sys::global(), &"__instalmentGuardInjected".into())?;
    check!(injected.is_undefined(), "the label's markup ran");
    Ok(())
}

// ---- update ------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn update_refuses_a_bad_state_and_keeps_the_last_good_one() -> Outcome {
    let mut page = Page::new(&radio_form(None))?;
    let guard = page.guard(HUABEI_EN)?;
    guard.update(js(r#"{"amountMinor": 111111}"#))?;
    let update = |state: JsValue| guard.update(state).map(|_| JsValue::UNDEFINED);
    for (state, code, field) in [
        (
            js(r#"{"amountMinor": -1}"#),
            "INVALID_AMOUNT",
            "amountMinor",
        ),
        (
            js(r#"{"amountMinor": 1.5}"#),
            "INVALID_AMOUNT",
            "amountMinor",
        ),
        (
            js(r#"{"amountMinor": "222222"}"#),
            "INVALID_AMOUNT",
            "amountMinor",
        ),
        (js(r#"{"amount": 222222}"#), "INVALID_STATE", "amount"),
        (
            js(r#"{"selectedPlanId": 3}"#),
            "INVALID_STATE",
            "selectedPlanId",
        ),
        (JsValue::from_str("222222"), "INVALID_STATE", "state"),
        (support::a_function(), "INVALID_ARGUMENT", "state"),
    ] {
        check_error(&update(state), code, field)?;
        check_eq!(
            num(&estimate_of(&guard.assess()?, "huabei-12"), "amountMinor"),
            Some(111111.0),
            "after {code} at {field}"
        );
    }
    Ok(())
}

// ---- locale ------------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn without_a_locale_the_dialog_follows_the_pages_lang() -> Outcome {
    for (lang, expected, title) in [
        ("en-GB", "en", "Pay in instalments?"),
        ("zh-Hant-HK", "zh-TW", "要分期付款嗎？"),
        // A language the widget does not speak gives English (and a console warning); no
        // language at all gives Simplified Chinese.
        ("fr", "en", "Pay in instalments?"),
        ("", "zh-CN", "要分期付款吗？"),
    ] {
        let _lang = support::page_lang(lang);
        let mut page = Page::new(&radio_form(Some(111111)))?;
        let _guard = page.guard(r#"{"currency": "CNY", "preset": "huabei"}"#)?;
        page.el("#pay")?.click();
        let dialog = check_reminded(&page)?;
        check_eq!(
            text(&dialog, "lang").as_deref(),
            Some(expected),
            "<html lang={lang}>"
        );
        check!(
            text_of(&dialog).contains(title),
            "<html lang={lang}>: {}",
            text_of(&dialog)
        );
    }
    Ok(())
}

#[wasm_bindgen_test]
async fn the_dialog_speaks_the_configured_language() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let _guard = page.guard(r#"{"currency": "CNY", "preset": "huabei", "locale": "zh-TW"}"#)?;
    page.el("#pay")?.click();
    let dialog = check_reminded(&page)?;
    check_eq!(text(&dialog, "lang").as_deref(), Some("zh-TW"));
    let shown = text_of(&dialog);
    check!(shown.contains("花唄分12期"), "{shown}");
    Ok(())
}

// ---- the smart reminder: its lines, and the shopper it leaves alone -------------------------------

/// The text of the dialog's `part` element, or "" when it has none.
fn part(dialog: &JsValue, name: &str) -> String {
    let found = support::query_all(dialog, &format!("[part~={name}]"));
    if found.length() == 0 {
        String::new()
    } else {
        text_of(&found.get(0))
    }
}

#[wasm_bindgen_test]
async fn the_dialog_says_why_the_first_plan_is_first_and_what_repayments_become() -> Outcome {
    // 1111.11 CNY with Huabei: 12 periods has the lowest annualised rate; its largest payment is
    // 99.61, so with 300.00 already repaid a month over 2 plans the total becomes 399.61 over 3.
    for (locale, reason, repayments, limit) in [
        (
            "zh-CN",
            "按年化利率从低到高排列",
            "选第一个方案后，你每月的分期还款最多将是 ¥399.61（共 3 笔），约占月收入的 20%",
            "信用卡：可用额度低于这笔订单的金额",
        ),
        (
            "zh-TW",
            "按年化利率從低到高排列",
            "選第一個方案後，你每月的分期還款最多將是 CN¥399.61（共 3 筆），約佔月收入的 20%",
            "信用卡：可用額度低於這筆訂單的金額",
        ),
        (
            "en",
            "Sorted by lowest annualised rate",
            "With the first plan, your instalment repayments would become up to CN¥399.61 a month (3 plans), about 20% of your income",
            "Credit card: available limit below this order",
        ),
    ] {
        let mut page = Page::new(&radio_form(Some(111111)))?;
        let plans = r#"[
            {"id": "huabei-3", "provider": "huabei", "periods": 3, "fee": {"model": "flatTotal", "rate": "0.023"}},
            {"id": "huabei-6", "provider": "huabei", "periods": 6, "fee": {"model": "flatTotal", "rate": "0.045"}},
            {"id": "huabei-12", "provider": "huabei", "periods": 12, "fee": {"model": "flatTotal", "rate": "0.075"}},
            {"id": "card-6", "provider": "credit_card", "periods": 6, "fee": {"model": "perPeriod", "rate": "0.0075"}}
        ]"#;
        let guard = page.guard(&format!(
            r#"{{"currency": "CNY", "locale": "{locale}", "plans": {plans}}}"#
        ))?;
        guard.update(js(r#"{"commitments": {"count": 2, "monthlyMinor": 30000},
            "monthlyIncomeMinor": 200000, "availableCreditMinor": {"credit_card": 100000}}"#))?;
        page.el("#pay")?.click();
        let dialog = check_reminded(&page)?;
        check_eq!(part(&dialog, "reason"), reason, "{locale}");
        check_eq!(part(&dialog, "repayments"), repayments, "{locale}");
        check_eq!(part(&dialog, "unavailable"), limit, "{locale}");
        check_eq!(count(&dialog, "[data-plan=card-6]"), 0);
        // Nothing else sets the first plan apart: every plan button has the same parts.
        check_eq!(count(&dialog, "[part=plan]"), 3);
    }
    Ok(())
}

#[wasm_bindgen_test]
async fn a_shopper_whose_repayments_would_be_heavy_is_not_reminded() -> Outcome {
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let guard = page.guard(HUABEI_EN)?;
    guard.update(js(
        r#"{"commitments": {"count": 4, "monthlyMinor": 120000}}"#,
    ))?;
    check_eq!(reasons(&guard)?, ["HEAVY_REPAYMENTS"]);
    check_quiet(&page).await?;
    // The merchant can turn the protection off; then the reminder says what repayments become.
    let mut page = Page::new(&radio_form(Some(111111)))?;
    let guard = page.guard(
        r#"{"currency": "CNY", "preset": "huabei", "locale": "en", "remind": {"quietWhenHeavy": false}}"#,
    )?;
    guard.update(js(
        r#"{"commitments": {"count": 4, "monthlyMinor": 120000}}"#,
    ))?;
    page.el("#pay")?.click();
    let dialog = check_reminded(&page)?;
    check!(part(&dialog, "repayments").contains("(5 plans)"));
    Ok(())
}

#[wasm_bindgen_test]
async fn a_small_cart_stays_quiet_unless_the_threshold_is_zero() -> Outcome {
    let mut page = Page::new(&radio_form(Some(30000)))?;
    let guard = page.guard(HUABEI_EN)?;
    check_eq!(reasons(&guard)?, ["UNLIKELY"]);
    check_quiet(&page).await?;
    let mut page = Page::new(&radio_form(Some(30000)))?;
    let guard = page.guard(
        r#"{"currency": "CNY", "preset": "huabei", "locale": "en", "likelihood": {"threshold": 0}}"#,
    )?;
    check_eq!(reasons(&guard)?, ["NO_PLAN_SELECTED", "ELIGIBLE_PLANS"]);
    Ok(())
}

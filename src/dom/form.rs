//! Reading and setting the form: its plan field (radios, a select or a hidden input) and its
//! `data-amount-minor` attribute.

use crate::engine::value::MAX_SAFE;
use crate::engine::{Code, Error};
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Event, EventInit, HtmlElement, HtmlFormElement, HtmlInputElement, HtmlOptionElement,
    HtmlSelectElement, RadioNodeList,
};

/// The attribute on the form that carries the amount, watched for changes.
pub const AMOUNT_ATTRIBUTE: &str = "data-amount-minor";

/// The control a form uses for the plan choice.
pub enum PlanControl {
    /// Radio buttons sharing the field's name.
    Radios(Vec<HtmlInputElement>),
    /// A `<select>`.
    Select(HtmlSelectElement),
    /// Any other input (hidden, text): it takes any value.
    Input(HtmlInputElement),
}

impl PlanControl {
    /// Finds the field named `name` in `form`, if there is one.
    pub fn find(form: &HtmlFormElement, name: &str) -> Option<PlanControl> {
        // namedItem, not the collection's own named_item binding: only it returns a RadioNodeList
        // when several radios share the name.
        let elements = form.elements();
        let named_item: js_sys::Function = Reflect::get(&elements, &"namedItem".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let item = named_item
            .call1(&elements, &name.into())
            .ok()
            .filter(|v| !v.is_null() && !v.is_undefined())?;
        if let Some(list) = item.dyn_ref::<RadioNodeList>() {
            let radios = (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|n| n.dyn_into::<HtmlInputElement>().ok())
                .collect();
            return Some(PlanControl::Radios(radios));
        }
        if let Some(select) = item.dyn_ref::<HtmlSelectElement>() {
            return Some(PlanControl::Select(select.clone()));
        }
        let input = item.dyn_into::<HtmlInputElement>().ok()?;
        if input.type_() == "radio" {
            Some(PlanControl::Radios(vec![input]))
        } else {
            Some(PlanControl::Input(input))
        }
    }

    /// The chosen value: `""` when nothing is chosen.
    pub fn value(&self) -> String {
        match self {
            PlanControl::Radios(radios) => radios
                .iter()
                .find(|r| r.checked())
                .map(|r| r.value())
                .unwrap_or_default(),
            PlanControl::Select(s) => s.value(),
            PlanControl::Input(i) => i.value(),
        }
    }

    /// The plan ids the control can take, or `None` when it takes anything.
    pub fn offered(&self) -> Option<Vec<String>> {
        match self {
            PlanControl::Radios(radios) => Some(radios.iter().map(|r| r.value()).collect()),
            PlanControl::Select(s) => {
                let options = s.options();
                let values = (0..options.length())
                    .filter_map(|i| options.item(i))
                    .filter_map(|o| o.dyn_into::<HtmlOptionElement>().ok())
                    .map(|o| o.value())
                    .collect();
                Some(values)
            }
            PlanControl::Input(_) => None,
        }
    }

    /// Sets the choice to `id` as if the shopper had, firing `input` and `change` so the page's
    /// own listeners (and frameworks that track values) see it.
    pub fn choose(&self, id: &str) -> Result<(), JsValue> {
        let target: HtmlElement = match self {
            PlanControl::Radios(radios) => {
                let radio = radios
                    .iter()
                    .find(|r| r.value() == id)
                    .ok_or_else(|| JsValue::from_str("no radio for the plan"))?;
                native_set(radio, "HTMLInputElement", "checked", &JsValue::TRUE);
                radio.clone().into()
            }
            PlanControl::Select(select) => {
                native_set(select, "HTMLSelectElement", "value", &JsValue::from_str(id));
                select.clone().into()
            }
            PlanControl::Input(input) => {
                native_set(input, "HTMLInputElement", "value", &JsValue::from_str(id));
                input.clone().into()
            }
        };
        for kind in ["input", "change"] {
            let init = EventInit::new();
            init.set_bubbles(true);
            target.dispatch_event(&Event::new_with_event_init_dict(kind, &init)?)?;
        }
        Ok(())
    }
}

/// Sets a property through the prototype's own setter. Frameworks such as React shadow `value`
/// and `checked` on the element to track changes; going round them makes the following `input`
/// event register as a real change.
fn native_set(el: &JsValue, interface: &str, prop: &str, value: &JsValue) {
    let set = (|| {
        let proto = Reflect::get(
            &Reflect::get(&js_sys::global(), &interface.into()).ok()?,
            &"prototype".into(),
        )
        .ok()?;
        let desc =
            Object::get_own_property_descriptor(&proto.dyn_into::<Object>().ok()?, &prop.into());
        let setter: js_sys::Function = Reflect::get(&desc, &"set".into()).ok()?.dyn_into().ok()?;
        setter.call1(el, value).ok()
    })();
    if set.is_none() {
        let _ = Reflect::set(el, &prop.into(), value);
    }
}

/// Reads the form's amount attribute: `Ok(None)` when absent, an error when malformed.
pub fn amount_attribute(form: &HtmlFormElement) -> Result<Option<u64>, Error> {
    let raw = match form.get_attribute(AMOUNT_ATTRIBUTE) {
        None => return Ok(None),
        Some(raw) => raw,
    };
    let digits = raw.trim();
    if digits.is_empty() || digits.len() > 16 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::new(
            Code::InvalidAmount,
            AMOUNT_ATTRIBUTE,
            &[
                "must be a whole number of minor units such as \"111111\" for 1111.11 CNY, got \"",
                &raw,
                "\"",
            ],
        ));
    }
    let n = digits
        .bytes()
        .fold(0u64, |acc, b| acc * 10 + (b - b'0') as u64);
    if n > MAX_SAFE {
        return Err(Error::new(
            Code::InvalidAmount,
            AMOUNT_ATTRIBUTE,
            &["is larger than Number.MAX_SAFE_INTEGER"],
        ));
    }
    Ok(Some(n))
}

//! A loose JS-like value, read once from the caller and then checked field by field with exact paths.
//!
//! Deserialising straight into typed structs would report "invalid type" without saying where;
//! reading into this shape first lets every mistake name its field (`plans[2].fee.rate`) and lets
//! unknown keys, usually typos, be caught instead of silently ignored.

use super::error::{index, join, Code, Error, Result};
use super::math::is_whole;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;
use serde::de::{
    Deserialize, DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor,
};

/// The largest integer a JS number holds exactly: `Number.MAX_SAFE_INTEGER`.
pub const MAX_SAFE: u64 = (1 << 53) - 1;

/// A value as JS hands it over. `undefined` and `null` are both `Null`.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `undefined` or `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// Any JS number, including NaN and the infinities.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// A plain object, keys in their original order.
    Object(Vec<(String, Value)>),
    /// What no JSON holds, found where it was: a function, a symbol, a BigInt, or a property
    /// whose reading threw (a getter, a proxy's trap). Says what it was, as [`Value::kind`] does.
    Unreadable(&'static str),
    /// A value nested deeper than [`MAX_DEPTH`] (a cyclic object ends here too), cut off.
    TooDeep,
}

impl Value {
    /// How the value reads after "got" in a message where text is refused: the text itself, since
    /// an attribute is always text and "a string" would hide what is wrong with it; else its kind.
    pub fn got(&self) -> String {
        match self {
            Value::String(s) => String::from("the text \"") + s + "\"",
            other => other.kind().to_string(),
        }
    }

    /// How the value reads in a message: "got a string".
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Number(n) if n.is_nan() => "NaN",
            Value::Number(n) if n.is_infinite() => "Infinity",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
            Value::Unreadable(kind) => kind,
            Value::TooDeep => "a value nested more than 32 levels deep",
        }
    }

    /// Shorthand for building objects in Rust (presets and tests).
    pub fn object(entries: Vec<(&str, Value)>) -> Value {
        Value::Object(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    /// Shorthand for a string value.
    pub fn str(s: &str) -> Value {
        Value::String(s.to_string())
    }
}

/// How deep objects and arrays may nest. Real configurations are four levels deep; a limit keeps a
/// cyclic object from recursing until the wasm stack overflows.
pub const MAX_DEPTH: u32 = 32;

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> core::result::Result<Value, D::Error> {
        Depth(0).deserialize(d)
    }
}

/// Deserialises one value `0`-levels deep, refusing to go past [`MAX_DEPTH`].
#[derive(Clone, Copy)]
struct Depth(u32);

impl<'de> DeserializeSeed<'de> for Depth {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> core::result::Result<Value, D::Error> {
        if self.0 > MAX_DEPTH {
            return Err(D::Error::custom(TOO_DEEP));
        }
        d.deserialize_any(self)
    }
}

/// The message of the error for values nested past [`MAX_DEPTH`].
pub const TOO_DEEP: &str = "is nested more than 32 levels deep; is it a cyclic object?";

impl<'de> Visitor<'de> for Depth {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON-like value")
    }
    fn visit_unit<E>(self) -> core::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> core::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> core::result::Result<Value, D::Error> {
        self.deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> core::result::Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> core::result::Result<Value, E> {
        Ok(Value::Number(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> core::result::Result<Value, E> {
        Ok(Value::Number(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> core::result::Result<Value, E> {
        Ok(Value::Number(v))
    }
    fn visit_str<E>(self, v: &str) -> core::result::Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> core::result::Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> core::result::Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Depth(self.0 + 1))? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> core::result::Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            entries.push((key, map.next_value_seed(Depth(self.0 + 1))?));
        }
        Ok(Value::Object(entries))
    }
}

/// Reads the fields of one object, knowing its path and which keys it may have.
pub struct Fields<'a> {
    entries: &'a [(String, Value)],
    path: &'a str,
}

impl<'a> Fields<'a> {
    /// Opens `value` as an object, rejecting other kinds and any key not in `known`.
    pub fn open(value: &'a Value, path: &'a str, code: Code, known: &[&str]) -> Result<Fields<'a>> {
        let entries = match value {
            Value::Object(entries) => entries,
            other => {
                return Err(Error::new(
                    code,
                    path,
                    &["must be an object, got ", other.kind()],
                ))
            }
        };
        for (key, _) in entries {
            if !known.contains(&key.as_str()) {
                let field = join(path, key);
                let mut parts = vec!["is not a known field; the fields are "];
                for (i, k) in known.iter().enumerate() {
                    if i > 0 {
                        parts.push(", ");
                    }
                    parts.push(k);
                }
                return Err(Error::new(code, &field, &parts));
            }
        }
        Ok(Fields { entries, path })
    }

    /// The value of `key`, or `None` when it is absent, `undefined` or `null`.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| **v != Value::Null)
    }

    /// True when `key` is present at all, even as `null`.
    pub fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _)| k == key)
    }

    /// The path of `key` inside this object.
    pub fn path(&self, key: &str) -> String {
        join(self.path, key)
    }

    /// The required `currency` field: an ISO 4217 code (`INVALID_CURRENCY` at `currency`);
    /// `example` ends the message when it is missing ("such as \"CNY\"").
    pub fn currency(&self, example: &str) -> Result<super::money::Currency> {
        match self.string("currency", Code::InvalidCurrency)? {
            Some(c) => super::money::Currency::parse(c, "currency"),
            None => Err(Error::new(
                Code::InvalidCurrency,
                "currency",
                &["is required", example],
            )),
        }
    }

    /// A required string field.
    pub fn string(&self, key: &str, code: Code) -> Result<Option<&'a str>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(Error::new(
                code,
                &self.path(key),
                &["must be a string, got ", other.kind()],
            )),
        }
    }

    /// Opens a top-level argument: its own fields have bare paths (`currency`, `plans[2]`), and
    /// the argument as a whole is called `what` when it is not an object.
    pub fn open_root(
        value: &'a Value,
        what: &str,
        code: Code,
        known: &[&str],
    ) -> Result<Fields<'a>> {
        match value {
            Value::Object(_) => Fields::open(value, "", code, known),
            other => Err(Error::new(
                code,
                what,
                &["must be an object, got ", other.kind()],
            )),
        }
    }

    /// An optional boolean field.
    pub fn bool(&self, key: &str, code: Code) -> Result<Option<bool>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            // Text is quoted: "false" as text is the usual slip, and an attribute is always text.
            Some(other) => Err(Error::new(
                code,
                &self.path(key),
                &["must be true or false, got ", &other.got()],
            )),
        }
    }

    /// An optional amount field (see [`amount`]).
    pub fn amount(&self, key: &str) -> Result<Option<u64>> {
        self.get(key)
            .map(|v| amount(v, &self.path(key)))
            .transpose()
    }

    /// An optional whole-number field in `min..=max`.
    pub fn whole(&self, key: &str, code: Code, min: u32, max: u32) -> Result<Option<u32>> {
        self.get(key)
            .map(|v| whole(v, &self.path(key), code, min, max))
            .transpose()
    }
}

/// An amount of minor units: a safe, non-negative whole JS number. Anything else is refused,
/// never rounded, with a message that says how to fix it.
pub fn amount(value: &Value, field: &str) -> Result<u64> {
    let e = |parts: &[&str]| Err(Error::new(Code::InvalidAmount, field, parts));
    let n = match value {
        Value::Number(n) => *n,
        Value::String(_) => {
            return e(&[
                "must be a number of minor units (111111 for 1111.11 CNY), got ",
                &value.got(),
            ])
        }
        other => return e(&["must be a number of minor units, got ", other.kind()]),
    };
    if n.is_nan() || n.is_infinite() {
        return e(&["must be a finite number of minor units, got ", value.kind()]);
    }
    if n < 0.0 {
        return e(&["must not be negative"]);
    }
    if !is_whole(n) {
        return e(&[
            "must be a whole number of minor units (fen, cents): 1111.11 CNY is 111111; \
             a fraction is refused rather than rounded",
        ]);
    }
    if n > MAX_SAFE as f64 {
        return e(&["is larger than Number.MAX_SAFE_INTEGER, so it cannot be exact"]);
    }
    Ok(n as u64)
}

/// A whole number in `min..=max`.
pub fn whole(value: &Value, field: &str, code: Code, min: u32, max: u32) -> Result<u32> {
    match value {
        Value::Number(n) if is_whole(*n) && *n >= min as f64 && *n <= max as f64 => Ok(*n as u32),
        _ => {
            let (min, max) = (digits32(min), digits32(max));
            let got = value.got();
            let mut parts = vec!["must be a whole number from ", &min, " to ", &max];
            // A finite number is named by the range; anything else also by what it was.
            if !matches!(value, Value::Number(n) if n.is_finite()) {
                parts.extend([", got ", &got]);
            }
            Err(Error::new(code, field, &parts))
        }
    }
}

fn digits32(n: u32) -> String {
    super::error::digits(n as u128)
}

/// Opens `value` as an array, rejecting other kinds; items come with their own paths.
pub fn items<'a>(value: &'a Value, path: &str, code: Code) -> Result<Vec<(String, &'a Value)>> {
    match value {
        Value::Array(items) => Ok(items
            .iter()
            .enumerate()
            .map(|(i, v)| (index(path, i), v))
            .collect()),
        other => Err(Error::new(
            code,
            path,
            &["must be an array, got ", other.kind()],
        )),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn parse(json: &str) -> Value {
        serde_json::from_str(json).expect("test JSON is valid")
    }

    #[test]
    fn reads_json_into_values() {
        let v = parse(r#"{"a": [1, 2.5, "x", null, true], "b": {}}"#);
        assert_eq!(
            v,
            Value::object(vec![
                (
                    "a",
                    Value::Array(vec![
                        Value::Number(1.0),
                        Value::Number(2.5),
                        Value::str("x"),
                        Value::Null,
                        Value::Bool(true)
                    ])
                ),
                ("b", Value::Object(vec![])),
            ])
        );
    }

    #[test]
    fn nesting_is_limited() {
        let deep = "[".repeat(40) + &"]".repeat(40);
        let err = serde_json::from_str::<Value>(&deep).expect_err("too deep");
        assert!(err.to_string().contains("32 levels"), "{err}");
        let ok = "[".repeat(30) + &"]".repeat(30);
        assert!(serde_json::from_str::<Value>(&ok).is_ok());
    }

    #[test]
    fn amounts_accept_only_safe_whole_non_negative_numbers() {
        assert_eq!(amount(&Value::Number(0.0), "a"), Ok(0));
        assert_eq!(amount(&Value::Number(MAX_SAFE as f64), "a"), Ok(MAX_SAFE));
        for bad in [
            Value::Number(f64::NAN),
            Value::Number(f64::INFINITY),
            Value::Number(f64::NEG_INFINITY),
            Value::Number(-1.0),
            Value::Number(1.5),
            Value::Number(MAX_SAFE as f64 + 1.0),
            Value::Number(1e300),
            Value::str("100"),
            Value::Null,
            Value::Bool(true),
        ] {
            let err = amount(&bad, "amountMinor").expect_err("must be refused");
            assert_eq!(err.code, Code::InvalidAmount);
            assert_eq!(err.field, "amountMinor");
            assert!(err.message.starts_with("amountMinor "), "{}", err.message);
        }
    }

    #[test]
    fn refused_text_is_quoted_in_the_message() {
        // An attribute is always text: "got a string" would not say what was wrong with it.
        let text = Value::String("100.00".into());
        let err = amount(&text, "remind.minAmountMinor").expect_err("text");
        assert!(
            err.message.ends_with("got the text \"100.00\""),
            "{}",
            err.message
        );
        let err =
            whole(&Value::String("one".into()), "m", Code::InvalidConfig, 0, 1).expect_err("text");
        assert_eq!(
            err.message,
            "m must be a whole number from 0 to 1, got the text \"one\""
        );
        let err = whole(&Value::Bool(true), "m", Code::InvalidConfig, 0, 1).expect_err("kind");
        assert!(err.message.ends_with("got a boolean"), "{}", err.message);
        let v = parse(r#"{"on": "false", "off": 0}"#);
        let f = Fields::open(&v, "", Code::InvalidConfig, &["on", "off"]).expect("object");
        let err = f.bool("on", Code::InvalidConfig).expect_err("text");
        assert_eq!(
            err.message,
            "on must be true or false, got the text \"false\""
        );
        let err = f.bool("off", Code::InvalidConfig).expect_err("number");
        assert_eq!(err.message, "off must be true or false, got a number");
    }

    #[test]
    fn unknown_keys_are_named_with_the_known_ones() {
        let v = parse(r#"{"periods": 3, "peroids": 3}"#);
        let err = Fields::open(&v, "plans[1]", Code::InvalidPlan, &["id", "periods"])
            .err()
            .expect("typo");
        assert_eq!(err.field, "plans[1].peroids");
        assert!(err.message.contains("id, periods"), "{}", err.message);
    }

    #[test]
    fn null_counts_as_absent() {
        let v = parse(r#"{"label": null}"#);
        let f = Fields::open(&v, "", Code::InvalidPlan, &["label"]).expect("object");
        assert_eq!(f.string("label", Code::InvalidPlan), Ok(None));
    }

    #[test]
    fn wholes_refuse_fractions_and_out_of_range() {
        assert_eq!(
            whole(&Value::Number(60.0), "p", Code::InvalidPlan, 1, 60),
            Ok(60)
        );
        for bad in [0.0, 61.0, 2.5, f64::NAN] {
            assert!(whole(&Value::Number(bad), "p", Code::InvalidPlan, 1, 60).is_err());
        }
    }
}

//! Rates as exact decimals: a fraction such as `"0.075"` held as an integer count of billionths.

use super::error::{Code, Error, Result};
use super::value::Value;

/// Billionths in one: rates have at most nine decimal places.
pub const SCALE: u64 = 1_000_000_000;

/// The highest rate any fee model takes, 1 (100%); `plan::bound` gives each model's own.
pub const MAX: u64 = SCALE;

/// Rates of 1000 (100,000%) and more are not read at all. Below that, each fee model holds its
/// rate to its own far lower bound (`plan::bound`, at most 1), which keeps every product of an
/// amount and a rate from overflowing; reading up to here lets that bound's message name the
/// fraction meant for any percent written by mistake.
const READ_LIMIT: u64 = 1000 * SCALE;

/// A non-negative rate with at most nine decimal places, exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rate(u64);

impl Rate {
    /// A rate from its count of billionths (used by presets and tests).
    pub const fn from_nanos(nanos: u64) -> Rate {
        Rate(nanos)
    }

    /// The rate in billionths: `0.075` is `75_000_000`.
    pub fn nanos(self) -> u64 {
        self.0
    }

    /// Reads a rate from a decimal string or from a JS number (through its shortest decimal form).
    pub fn from_value(value: &Value, field: &str) -> Result<Rate> {
        match value {
            Value::String(s) => Rate::parse(s, field),
            Value::Number(n) => Rate::from_f64(*n, field),
            other => Err(err(
                field,
                &[
                    "must be a decimal string such as \"0.075\", got ",
                    other.kind(),
                ],
            )),
        }
    }

    /// Parses a plain decimal string such as `"0.075"` (7.5%).
    pub fn parse(s: &str, field: &str) -> Result<Rate> {
        if s.ends_with('%') {
            return Err(err(
                field,
                &[
                    "is a fraction, not a percent: write \"0.075\" for 7.5%, got \"",
                    s,
                    "\"",
                ],
            ));
        }
        if s.starts_with('-') {
            return Err(err(field, &["must not be negative, got \"", s, "\""]));
        }
        let (whole, frac) = match s.split_once('.') {
            Some((w, f)) => (w, f),
            None => (s, ""),
        };
        let digits_only = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || !digits_only(whole)
            || !digits_only(frac)
            || (s.contains('.') && frac.is_empty())
        {
            return Err(err(
                field,
                &["must be a plain decimal such as \"0.075\", got \"", s, "\""],
            ));
        }
        // Trailing zeros carry no value, so "0.0750000000" is as exact as "0.075".
        let frac = frac.trim_end_matches('0');
        if frac.len() > 9 {
            return Err(err(field, &["has more than 9 decimal places: \"", s, "\""]));
        }
        let whole = whole.trim_start_matches('0');
        if whole.len() > 3 {
            return Err(too_high(field));
        }
        let mut nanos: u64 = 0;
        for b in whole.bytes() {
            nanos = nanos * 10 + (b - b'0') as u64;
        }
        nanos *= SCALE;
        let mut unit = SCALE;
        for b in frac.bytes() {
            unit /= 10;
            nanos += (b - b'0') as u64 * unit;
        }
        Ok(Rate(nanos))
    }

    /// Refuses a rate above `bound` (billionths), the most the fee model `model` takes, naming
    /// the fraction the writer most likely meant: `"5"` on a flat total fee is 5%, so `"0.05"`.
    pub fn at_most(self, bound: u64, model: &str, field: &str) -> Result<Rate> {
        if self.0 <= bound {
            return Ok(self);
        }
        // Read as a percent, the rate in hundred-billionths is the same integer.
        let written = fraction(self.0 as u128, 9);
        let meant = fraction(self.0 as u128, 11);
        let most = fraction(bound as u128, 9);
        let most_pct = fraction(bound as u128 * 100, 9);
        Err(err(
            field,
            &[
                "is \"",
                &written,
                "\", above ",
                &most,
                " (",
                &most_pct,
                "%), the most a ",
                model,
                " rate can be: rates are fractions, not percents, so for ",
                &written,
                "% write \"",
                &meant,
                "\"",
            ],
        ))
    }

    /// Reads a JS number through its shortest decimal form, as `String(x)` would write it: 0.075
    /// is exactly `"0.075"` even though the double itself is not.
    pub fn from_f64(x: f64, field: &str) -> Result<Rate> {
        if !x.is_finite() {
            return Err(err(field, &["must be a finite rate"]));
        }
        if x < 0.0 {
            return Err(err(field, &["must not be negative"]));
        }
        if x >= (READ_LIMIT / SCALE) as f64 {
            return Err(too_high(field));
        }
        // A decimal m/10^d with d ≤ 9 reads back as x exactly when IEEE division of the two exact
        // integers gives x, so the first d that round-trips is the shortest form's length.
        let mut pow = 1.0f64;
        for d in 0..=9u32 {
            let m = super::math::round(x * pow);
            if m / pow == x {
                return Ok(Rate(m as u64 * 10u64.pow(9 - d)));
            }
            pow *= 10.0;
        }
        Err(err(
            field,
            &["has more than 9 decimal places; pass it as a decimal string such as \"0.075\""],
        ))
    }
}

/// `n` × 10^−`places` as the shortest exact decimal: (5_000_000_000, 11) is "0.05".
fn fraction(n: u128, places: usize) -> alloc::string::String {
    let raw = super::error::digits(n);
    let pad = (places + 1).saturating_sub(raw.len());
    let mut s = alloc::string::String::with_capacity(raw.len() + pad + 1);
    for _ in 0..pad {
        s.push('0');
    }
    s.push_str(&raw);
    s.insert(s.len() - places, '.');
    let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
    s.truncate(trimmed);
    s
}

fn err(field: &str, parts: &[&str]) -> Error {
    Error::new(Code::InvalidRate, field, parts)
}

fn too_high(field: &str) -> Error {
    err(field, &["is above 1000 (100,000%), which no instalment plan charges; rates are fractions, so 7.5% is \"0.075\""])
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn decimal_strings_are_read_exactly() {
        for (s, nanos) in [
            ("0.075", 75_000_000),
            ("0", 0),
            ("0.0", 0),
            ("1", SCALE),
            ("10", 10 * SCALE),
            ("999.999999999", READ_LIMIT - 1),
            ("0.000000001", 1),
            ("0.0750000000", 75_000_000),
            ("007.5", 7_500_000_000),
            ("0.123456789", 123_456_789),
        ] {
            assert_eq!(Rate::parse(s, "r"), Ok(Rate(nanos)), "{s}");
        }
    }

    #[test]
    fn malformed_strings_are_refused_with_a_hint() {
        for (s, hint) in [
            ("7.5%", "not a percent"),
            ("-0.1", "negative"),
            ("", "plain decimal"),
            (".5", "plain decimal"),
            ("5.", "plain decimal"),
            ("0.0.1", "plain decimal"),
            ("1e-2", "plain decimal"),
            (" 0.1", "plain decimal"),
            ("0.1234567891", "9 decimal places"),
            ("1000", "above 1000"),
            ("99999999999999999999999", "above 1000"),
        ] {
            let e = Rate::parse(s, "plans[0].fee.rate").expect_err(s);
            assert_eq!(
                (e.code, e.field.as_str()),
                (Code::InvalidRate, "plans[0].fee.rate")
            );
            assert!(e.message.contains(hint), "{s}: {}", e.message);
        }
    }

    #[test]
    fn numbers_are_read_through_their_shortest_decimal_form() {
        for (x, nanos) in [
            (0.075, 75_000_000),
            (0.1 + 0.2, 0),
            (0.006, 6_000_000),
            (0.0, 0),
            (10.0, 10 * SCALE),
            (1e-9, 1),
            (0.123456789, 123_456_789),
            (0.023, 23_000_000),
        ] {
            let got = Rate::from_f64(x, "r");
            if x == 0.1 + 0.2 {
                // 0.30000000000000004 has 17 decimal places and is refused, not rounded.
                assert!(got.is_err());
            } else {
                assert_eq!(got, Ok(Rate(nanos)), "{x}");
            }
        }
        for bad in [f64::NAN, f64::INFINITY, -0.01, 1000.0, 1.0 / 3.0] {
            assert!(Rate::from_f64(bad, "r").is_err(), "{bad}");
        }
    }

    #[test]
    fn other_kinds_are_refused() {
        assert_eq!(
            Rate::from_value(&Value::Bool(true), "r").map_err(|e| e.code),
            Err(Code::InvalidRate)
        );
        assert_eq!(
            Rate::from_value(&Value::str("0.5"), "r"),
            Ok(Rate(SCALE / 2))
        );
        assert_eq!(
            Rate::from_value(&Value::Number(0.5), "r"),
            Ok(Rate(SCALE / 2))
        );
    }
}

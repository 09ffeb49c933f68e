//! The one error type of the engine: a stable code to branch on, the field at fault, and a sentence for the developer.

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use core::fmt;

/// What kind of mistake was made. The JS side sees these as `INVALID_AMOUNT` and so on. A new
/// code goes at the end, and into [`Code::ALL`] (tests/contract.rs holds the TypeScript to it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    /// An amount that is not a safe, non-negative whole number of minor units.
    InvalidAmount,
    /// A currency code missing from the ISO 4217 table.
    InvalidCurrency,
    /// A rate that is not a non-negative decimal with at most nine places.
    InvalidRate,
    /// A plan that breaks the `PlanSpec` shape.
    InvalidPlan,
    /// A guard or element configuration that breaks the `GuardConfig` shape.
    InvalidConfig,
    /// A checkout state that breaks the `CheckoutState` shape, or a guard used after `destroy()`.
    InvalidState,
    /// A cash-flow list that breaks the `CashFlow` shape.
    InvalidCashFlow,
    /// An argument of the wrong kind, such as a form that is not a `<form>`.
    InvalidArgument,
    /// Valid inputs whose result would leave the range of exact JS integers.
    AmountOutOfRange,
    /// Cash flows for which no rate exists.
    NoSolution,
    /// A plan choice the checkout could not have offered for the server's own order total.
    InvalidChoice,
    /// A plan the payment provider has no request fields for.
    UnsupportedByProvider,
}

impl Code {
    /// Every code, in declaration order.
    pub const ALL: [Code; 12] = [
        Code::InvalidAmount,
        Code::InvalidCurrency,
        Code::InvalidRate,
        Code::InvalidPlan,
        Code::InvalidConfig,
        Code::InvalidState,
        Code::InvalidCashFlow,
        Code::InvalidArgument,
        Code::AmountOutOfRange,
        Code::NoSolution,
        Code::InvalidChoice,
        Code::UnsupportedByProvider,
    ];

    /// The code as JS code sees it.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidAmount => "INVALID_AMOUNT",
            Code::InvalidCurrency => "INVALID_CURRENCY",
            Code::InvalidRate => "INVALID_RATE",
            Code::InvalidPlan => "INVALID_PLAN",
            Code::InvalidConfig => "INVALID_CONFIG",
            Code::InvalidState => "INVALID_STATE",
            Code::InvalidCashFlow => "INVALID_CASH_FLOW",
            Code::InvalidArgument => "INVALID_ARGUMENT",
            Code::AmountOutOfRange => "AMOUNT_OUT_OF_RANGE",
            Code::NoSolution => "NO_SOLUTION",
            Code::InvalidChoice => "INVALID_CHOICE",
            Code::UnsupportedByProvider => "UNSUPPORTED_BY_PROVIDER",
        }
    }
}

/// A failure, with the path of the field at fault (such as `plans[2].fee.rate`). One pointer
/// wide, so results that carry it stay small: every `?` would otherwise copy three words more.
#[derive(Clone, Debug, PartialEq)]
pub struct Error(Box<Details>);

/// What an [`Error`] says; reached through it as `e.code`, `e.field` and `e.message`.
#[derive(Clone, Debug, PartialEq)]
pub struct Details {
    /// What kind of mistake.
    pub code: Code,
    /// Where: a path into the caller's arguments.
    pub field: String,
    /// What to fix, in a sentence that starts with the field.
    pub message: String,
}

impl core::ops::Deref for Error {
    type Target = Details;
    fn deref(&self) -> &Details {
        &self.0
    }
}

impl core::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut Details {
        &mut self.0
    }
}

/// The engine's result type.
pub type Result<T> = core::result::Result<T, Error>;

impl Error {
    /// An error whose message is `field` followed by `parts`, so every message names its field.
    pub fn new(code: Code, field: &str, parts: &[&str]) -> Error {
        let mut message = String::from(if field.is_empty() { "value" } else { field });
        message.push(' ');
        for part in parts {
            message.push_str(part);
        }
        Error(Box::new(Details {
            code,
            field: field.to_string(),
            message,
        }))
    }
}

impl Error {
    /// The same error named by `to` where it was named by `key`: a field `key` or `key[…]` (an
    /// element's attribute for a config field: `remind-max-per-checkout`, `bill-plans[0].fee`),
    /// its message starting with the new name. Any other field is left as it is.
    pub fn renamed(mut self, key: &str, to: &str) -> Error {
        let rest = match self.field.strip_prefix(key) {
            Some(rest) if rest.is_empty() || rest.starts_with('[') => rest.to_string(),
            _ => return self,
        };
        let message = self
            .message
            .get(key.len()..)
            .unwrap_or_default()
            .to_string();
        self.message = to.to_string() + &message;
        self.field = to.to_string() + &rest;
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl core::error::Error for Error {}

/// Writes the decimal digits of `n` at the end of `buf` and returns them, without the formatting
/// machinery, which would be a large part of the wasm.
pub fn write_digits(mut n: u128, buf: &mut [u8; 40]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.get(i..).unwrap_or(&[])
}

/// Decimal digits of an integer.
pub fn digits(n: u128) -> String {
    write_digits(n, &mut [0; 40])
        .iter()
        .map(|&b| char::from(b))
        .collect()
}

/// Joins a field path and a key: `plans[2]` + `fee` is `plans[2].fee`. An empty key is written
/// as JS indexes it, `plans[2][""]` (`[""]` at the top), so that every field names something.
pub fn join(path: &str, key: &str) -> String {
    if key.is_empty() {
        let mut s = String::from(path);
        s.push_str("[\"\"]");
        s
    } else if path.is_empty() {
        key.to_string()
    } else {
        let mut s = String::with_capacity(path.len() + key.len() + 1);
        s.push_str(path);
        s.push('.');
        s.push_str(key);
        s
    }
}

/// Indexes a field path: `plans` + 2 is `plans[2]`.
pub fn index(path: &str, i: usize) -> String {
    let mut s = String::from(path);
    s.push('[');
    s.push_str(&digits(i as u128));
    s.push(']');
    s
}

/// A stable sort by `less`. The lists here are short (plans, or flows that usually arrive in
/// order, where it does no work at all), and the standard library's sorts weigh several
/// kilobytes in the wasm.
pub fn insertion_sort<T>(items: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && less(&items[j], &items[j - 1]) {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn an_error_is_renamed_at_its_field_and_below_it_only() {
        let e = Error::new(
            Code::InvalidPlan,
            "billPlans[0].fee",
            &["must be an object"],
        );
        let e = e.renamed("billPlans", "bill-plans");
        assert_eq!(
            (e.field.as_str(), e.message.as_str()),
            ("bill-plans[0].fee", "bill-plans[0].fee must be an object")
        );
        let e = Error::new(Code::InvalidConfig, "billPlansX", &["x"])
            .renamed("billPlans", "bill-plans");
        assert_eq!(e.field, "billPlansX");
        let e = Error::new(Code::InvalidConfig, "remind.maxPerCheckout", &["x"])
            .renamed("remind.maxPerCheckout", "remind-max-per-checkout");
        assert_eq!(e.message, "remind-max-per-checkout x");
    }

    #[test]
    fn all_lists_every_code_once_in_order() {
        for (i, code) in Code::ALL.iter().enumerate() {
            assert_eq!(*code as usize, i, "{code:?}");
        }
    }

    #[test]
    fn digits_cover_zero_and_the_largest_values() {
        assert_eq!(digits(0), "0");
        assert_eq!(digits(9_007_199_254_740_991), "9007199254740991");
        assert_eq!(digits(u128::MAX), u128::MAX.to_string());
    }

    #[test]
    fn paths_join_like_js_property_access() {
        assert_eq!(join("", "currency"), "currency");
        assert_eq!(join(&index("plans", 2), "fee"), "plans[2].fee");
        // An empty key, as JS indexes it: a field is never "".
        assert_eq!(join("", ""), r#"[""]"#);
        assert_eq!(join(&index("plans", 2), ""), r#"plans[2][""]"#);
    }

    #[test]
    fn insertion_sort_is_stable() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        insertion_sort(&mut v, |x, y| x.0 < y.0);
        assert_eq!(v, vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn messages_start_with_the_field() {
        let e = Error::new(
            Code::InvalidRate,
            "plans[0].fee.rate",
            &["must not be negative"],
        );
        assert_eq!(e.message, "plans[0].fee.rate must not be negative");
        assert_eq!(
            e.to_string(),
            "INVALID_RATE: plans[0].fee.rate must not be negative"
        );
    }
}

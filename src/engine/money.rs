//! Currencies by ISO 4217 code, and money written as exact decimal strings.

use alloc::string::String;

use super::error::{digits, Code, Error, Result};

// Active ISO 4217 codes grouped by minor-unit exponent, three letters each, in one string per
// group so the table costs a few hundred bytes of data. Codes without minor units in the
// standard (gold, SDR, test codes) are left out: they are not money a shop charges.
const EXPONENT_0: &str = "BIFCLPDJFGNFISKJPYKMFKRWPYGRWFUGXUYIVNDVUVXAFXOFXPF";
const EXPONENT_3: &str = "BHDIQDJODKWDLYDOMRTND";
const EXPONENT_4: &str = "CLFUYW";
const EXPONENT_2: &str = concat!(
    "AEDAFNALLAMDAOAARSAUDAWGAZNBAMBBDBDTBGNBMDBNDBOBBOVBRLBSDBTNBWPBYNBZD",
    "CADCDFCHECHFCHWCNYCOPCOUCRCCUPCVECZKDKKDOPDZDEGPERNETBEURFJDFKPGBPGEL",
    "GHSGIPGMDGTQGYDHKDHNLHTGHUFIDRILSINRIRRJMDKESKGSKHRKPWKYDKZTLAKLBPLKR",
    "LRDLSLMADMDLMGAMKDMMKMNTMOPMRUMURMVRMWKMXNMXVMYRMZNNADNGNNIONOKNPRNZD",
    "PABPENPGKPHPPKRPLNQARRONRSDRUBSARSBDSCRSDGSEKSGDSHPSLESOSSRDSSPSTNSVC",
    "SYPSZLTHBTJSTMTTOPTRYTTDTWDTZSUAHUSDUSNUYUUZSVEDVESWSTXCDXCGYERZARZMW",
    "ZWG",
);

/// A currency: its code and how many decimal places its minor unit has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Currency {
    code: &'static str,
    exponent: u8,
}

impl Currency {
    /// Looks a code up in the ISO 4217 table. Codes are upper case, as the standard writes them.
    pub fn parse(code: &str, field: &str) -> Result<Currency> {
        let bytes = code.as_bytes();
        if bytes.len() != 3 || !bytes.iter().all(u8::is_ascii_alphabetic) {
            return Err(Error::new(
                Code::InvalidCurrency,
                field,
                &[
                    "must be a three-letter ISO 4217 code such as \"CNY\", got \"",
                    code,
                    "\"",
                ],
            ));
        }
        if !bytes.iter().all(u8::is_ascii_uppercase) {
            let upper = code.to_ascii_uppercase();
            return Err(Error::new(
                Code::InvalidCurrency,
                field,
                &[
                    "must be written in capitals: \"",
                    &upper,
                    "\", not \"",
                    code,
                    "\"",
                ],
            ));
        }
        for (table, exponent) in [
            (EXPONENT_2, 2),
            (EXPONENT_0, 0),
            (EXPONENT_3, 3),
            (EXPONENT_4, 4),
        ] {
            if let Some(i) = table.as_bytes().chunks(3).position(|c| c == bytes) {
                // The table's own copy, so the code lives as long as the program.
                let code = table.get(i * 3..i * 3 + 3).unwrap_or("XXX");
                return Ok(Currency { code, exponent });
            }
        }
        Err(Error::new(
            Code::InvalidCurrency,
            field,
            &["is not an active ISO 4217 currency code: \"", code, "\""],
        ))
    }

    /// The code, such as `"CNY"`.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// Decimal places of the minor unit: 2 for CNY, 0 for JPY, 3 for KWD.
    pub fn exponent(&self) -> u8 {
        self.exponent
    }
}

/// Writes `minor` units as an exact decimal string in major units: 111111 with exponent 2 is
/// `"1111.11"`. `Intl.NumberFormat` formats such strings without passing through a float.
pub fn decimal_string(minor: u64, exponent: u8) -> String {
    let raw = digits(minor as u128);
    let exp = exponent as usize;
    // At least one digit before the point: 5 fen is "0.05".
    let zeros = (exp + 1).saturating_sub(raw.len());
    let point = zeros + raw.len() - exp;
    let mut s = String::with_capacity(raw.len() + zeros + 1);
    for (i, b) in core::iter::repeat_n(b'0', zeros)
        .chain(raw.bytes())
        .enumerate()
    {
        if i == point && exp > 0 {
            s.push('.');
        }
        s.push(b as char);
    }
    s
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn exponents_follow_the_iso_table() {
        for (code, exp) in [
            ("CNY", 2),
            ("HKD", 2),
            ("TWD", 2),
            ("USD", 2),
            ("EUR", 2),
            ("GBP", 2),
            ("JPY", 0),
            ("KRW", 0),
            ("KWD", 3),
            ("CLF", 4),
            ("ZWG", 2),
        ] {
            let c = Currency::parse(code, "currency").expect(code);
            assert_eq!((c.code(), c.exponent()), (code, exp));
        }
    }

    #[test]
    fn unknown_malformed_and_lower_case_codes_are_refused() {
        for (code, hint) in [
            ("XYZ", "not an active"),
            ("RMB", "not an active"),
            ("XAU", "not an active"),
            ("cny", "\"CNY\""),
            ("CN", "three-letter"),
            ("CNYY", "three-letter"),
            ("", "three-letter"),
            ("C1Y", "three-letter"),
        ] {
            let err = Currency::parse(code, "currency").expect_err(code);
            assert_eq!(err.code, Code::InvalidCurrency);
            assert!(err.message.contains(hint), "{code}: {}", err.message);
        }
    }

    #[test]
    fn every_table_entry_is_three_capitals_and_listed_once() {
        let all: Vec<&[u8]> = [EXPONENT_0, EXPONENT_2, EXPONENT_3, EXPONENT_4]
            .iter()
            .flat_map(|t| {
                assert_eq!(t.len() % 3, 0);
                t.as_bytes().chunks(3)
            })
            .collect();
        for (i, code) in all.iter().enumerate() {
            assert!(code.iter().all(u8::is_ascii_uppercase));
            assert!(
                !all[..i].contains(code),
                "{:?} twice",
                core::str::from_utf8(code)
            );
        }
        assert!(all.len() > 150, "the table has {} codes", all.len());
    }

    #[test]
    fn decimal_strings_are_exact() {
        assert_eq!(decimal_string(111111, 2), "1111.11");
        assert_eq!(decimal_string(5, 2), "0.05");
        assert_eq!(decimal_string(0, 2), "0.00");
        assert_eq!(decimal_string(1234, 0), "1234");
        assert_eq!(decimal_string(1, 3), "0.001");
        assert_eq!(
            decimal_string(9_007_199_254_740_991, 2),
            "90071992547409.91"
        );
    }
}

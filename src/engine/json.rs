//! JSON text both ways: arguments arrive as `JSON.stringify` output and are read here into a
//! [`Value`], and the dialog's content and parts of results are written here for JS to parse.
//! Crossing the wasm boundary once per value would cost far more than the text.

use super::value::{Value, MAX_DEPTH};
use alloc::string::String;
use alloc::vec::Vec;

/// Reads JSON text as written by `JSON.stringify` (no white space) into a [`Value`]. Returns
/// `None` for anything it cannot read exactly, notably a number whose conversion to a double is
/// not provably exact; the caller then reads the original value the slow, exact way.
pub fn parse(text: &str) -> Option<Value> {
    let mut p = Parser { text, i: 0 };
    let v = p.value(0)?;
    (p.i == text.len()).then_some(v)
}

struct Parser<'a> {
    text: &'a str,
    i: usize,
}

/// Powers of ten that doubles hold exactly: 10^22 is the last.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.i).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let hit = self.peek() == Some(b);
        self.i += hit as usize;
        hit
    }

    fn literal(&mut self, word: &str, v: Value) -> Option<Value> {
        let end = self.i + word.len();
        (self.text.get(self.i..end)? == word).then(|| {
            self.i = end;
            v
        })
    }

    fn value(&mut self, depth: u32) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'{' => {
                self.i += 1;
                let mut entries = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        let key = self.string()?;
                        if !self.eat(b':') {
                            return None;
                        }
                        entries.push((key, self.value(depth + 1)?));
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                Some(Value::Object(entries))
            }
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                Some(Value::Array(items))
            }
            b'"' => self.string().map(Value::String),
            b't' => self.literal("true", Value::Bool(true)),
            b'f' => self.literal("false", Value::Bool(false)),
            b'n' => self.literal("null", Value::Null),
            _ => self.number(),
        }
    }

    fn string(&mut self) -> Option<String> {
        if !self.eat(b'"') {
            return None;
        }
        let start = self.i;
        let bytes = self.text.as_bytes();
        // Most strings (ids, codes, rates) have no escapes and are copied whole.
        while let Some(&b) = bytes.get(self.i) {
            match b {
                b'"' => {
                    let s = self.text.get(start..self.i)?;
                    self.i += 1;
                    return Some(String::from(s));
                }
                b'\\' => break,
                _ => self.i += 1,
            }
        }
        let mut out = String::from(self.text.get(start..self.i)?);
        loop {
            let rest = self.text.get(self.i..)?;
            let c = rest.chars().next()?;
            self.i += c.len_utf8();
            match c {
                '"' => return Some(out),
                '\\' => {
                    let e = self.peek()?;
                    self.i += 1;
                    out.push(match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode()?,
                        _ => return None,
                    });
                }
                c => out.push(c),
            }
        }
    }

    /// A \uXXXX escape, joining a surrogate pair; a lone surrogate has no Rust char.
    fn unicode(&mut self) -> Option<char> {
        let hi = self.hex4()?;
        if (0xD800..0xDC00).contains(&hi) {
            if !(self.eat(b'\\') && self.eat(b'u')) {
                return None;
            }
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return None;
            }
            return char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00));
        }
        char::from_u32(hi)
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.i..self.i + 4)?;
        self.i += 4;
        u32::from_str_radix(digits, 16).ok()
    }

    /// A number, converted only when Clinger's fast path makes the double exact: at most 2^53 in
    /// the digits and a power of ten a double holds exactly.
    fn number(&mut self) -> Option<Value> {
        let negative = self.eat(b'-');
        let (mut mantissa, mut exp10, mut digits) = (0u64, 0i32, 0u32);
        let (mut seen_point, mut seen_digit) = (false, false);
        while let Some(b) = self.peek() {
            match b {
                b'0'..=b'9' => {
                    seen_digit = true;
                    if digits >= 19 {
                        return None;
                    }
                    mantissa = mantissa * 10 + (b - b'0') as u64;
                    digits += (mantissa > 0) as u32;
                    exp10 -= seen_point as i32;
                }
                b'.' if !seen_point => seen_point = true,
                _ => break,
            }
            self.i += 1;
        }
        if !seen_digit {
            return None;
        }
        if self.eat(b'e') || self.eat(b'E') {
            let minus = self.eat(b'-');
            self.eat(b'+');
            let mut e = 0i32;
            let mut any = false;
            while let Some(b @ b'0'..=b'9') = self.peek() {
                e = e.checked_mul(10)?.checked_add((b - b'0') as i32)?;
                any = true;
                self.i += 1;
            }
            if !any {
                return None;
            }
            exp10 += if minus { -e } else { e };
        }
        if mantissa > 1 << 53 {
            return None;
        }
        let m = mantissa as f64;
        let v = if mantissa == 0 {
            0.0
        } else if exp10 >= 0 {
            m * *POW10.get(exp10 as usize)?
        } else {
            m / *POW10.get(exp10.unsigned_abs() as usize)?
        };
        Some(Value::Number(if negative { -v } else { v }))
    }
}

/// JSON text being written, as bytes: appending whole slices is much faster than pushing chars.
#[derive(Default)]
pub struct Writer(Vec<u8>);

impl Writer {
    /// Appends raw JSON: punctuation, or a key already written as a literal.
    pub fn raw(&mut self, s: &str) {
        self.0.extend_from_slice(s.as_bytes());
    }

    /// Appends `v` as a JSON string literal. Everything that could end the literal or break the
    /// text is escaped, so no merchant-supplied text can change the document's shape.
    pub fn string(&mut self, v: &str) {
        self.0.push(b'"');
        for &b in v.as_bytes() {
            match b {
                b'"' => self.0.extend_from_slice(b"\\\""),
                b'\\' => self.0.extend_from_slice(b"\\\\"),
                b if b < 0x20 => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.0.extend_from_slice(b"\\u00");
                    self.0.push(HEX[(b >> 4) as usize]);
                    self.0.push(HEX[(b & 15) as usize]);
                }
                // Bytes of multi-byte characters are all 0x80 and above: copied as they are.
                b => self.0.push(b),
            }
        }
        self.0.push(b'"');
    }

    /// Appends a whole number.
    pub fn int(&mut self, n: u64) {
        self.0
            .extend_from_slice(super::error::write_digits(n as u128, &mut [0; 40]));
    }

    /// The text written.
    pub fn finish(self) -> String {
        // Only whole &str values and ASCII were appended, so the bytes are UTF-8; the check
        // cannot fail, and costs one pass.
        String::from_utf8(self.0).unwrap_or_default()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn reads_as_serde_does(text: &str) {
        let want: Value = serde_json::from_str(text).expect("valid JSON");
        assert_eq!(parse(text), Some(want), "{text}");
    }

    #[test]
    fn reads_what_json_stringify_writes() {
        reads_as_serde_does(
            r#"{"id":"huabei-12","periods":12,"fee":{"model":"flatTotal","rate":"0.075"}}"#,
        );
        reads_as_serde_does(
            r#"[1,-2,0.075,1e-7,1.5e+21,111111,9007199254740991,true,false,null,[],{}]"#,
        );
        reads_as_serde_does(r#"["\"\\\/\b\f\n\r\t\u0001","花呗","😀\ud83d\ude00"]"#);
    }

    #[test]
    fn numbers_it_cannot_convert_exactly_are_left_to_the_caller() {
        // 17 significant digits, past 2^53: the fast path cannot prove the double.
        assert_eq!(parse("17.950684931506849"), None);
        assert_eq!(parse("1e300"), None);
        assert_eq!(parse("9007199254740993"), None);
        assert_eq!(parse("12345678901234567890"), None);
    }

    #[test]
    fn malformed_or_unusual_text_is_left_to_the_caller() {
        for text in [
            "",
            "{",
            "[1,]",
            "{\"a\" :1}",
            " 1",
            "tru",
            "\"\\ud800\"",
            "1x",
            "\"open",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
        let deep = "[".repeat(40) + &"]".repeat(40);
        assert_eq!(parse(&deep), None);
    }

    proptest::proptest! {
        #[test]
        fn every_number_it_accepts_is_the_exact_double(bits in proptest::prelude::any::<u64>(), digits in 0usize..20) {
            let x = f64::from_bits(bits);
            proptest::prop_assume!(x.is_finite());
            for text in [x.to_string(), format!("{x:e}"), format!("{x:.digits$}")] {
                if let Some(Value::Number(v)) = parse(&text) {
                    let want: f64 = text.parse().expect("Rust reads its own output");
                    proptest::prop_assert_eq!(v.to_bits(), want.to_bits(), "{}", text);
                }
            }
        }

        #[test]
        fn shortest_forms_of_everyday_numbers_are_accepted(n in 0u64..=9_007_199_254_740_991, places in 0u32..=9) {
            let x = n as f64 / 10f64.powi(places as i32);
            let text = x.to_string();
            if text.trim_start_matches(['0', '.']).replace('.', "").len() <= 15 {
                proptest::prop_assert_eq!(parse(&text), Some(Value::Number(x)), "{}", text);
            }
        }
    }

    #[test]
    fn whole_numbers_are_written_in_full() {
        for n in [0, 7, 10, 9953, u64::MAX] {
            let mut w = Writer::default();
            w.int(n);
            assert_eq!(w.finish(), n.to_string());
        }
    }

    #[test]
    fn strings_survive_a_round_trip_through_a_json_parser() {
        for s in [
            "plain",
            "引号\"和\\反斜杠",
            "<img src=x onerror=alert(1)>",
            "\u{0}\u{1f}\n\t",
            "🙂",
        ] {
            let mut w = Writer::default();
            w.string(s);
            assert_eq!(
                serde_json::from_str::<String>(&w.finish()).expect("valid JSON"),
                s
            );
        }
    }
}

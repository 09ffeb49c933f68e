//! JSON text written for JS to parse: the dialog's content and the strings of results. Crossing
//! the wasm boundary once per value would cost far more than the text.

use alloc::string::String;
use alloc::vec::Vec;

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

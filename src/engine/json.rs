//! JSON text written for JS to parse: the dialog's content and the strings of results. Crossing
//! the wasm boundary once per value would cost far more than the text.

use alloc::string::String;

/// JSON text being written.
#[derive(Default)]
pub struct Writer(String);

impl Writer {
    /// Appends raw JSON: punctuation, or a key already written as a literal.
    pub fn raw(&mut self, s: &str) {
        self.0.push_str(s);
    }

    /// Appends `v` as a JSON string literal. Everything that could end the literal or break the
    /// text is escaped, so no merchant-supplied text can change the document's shape. The text
    /// between escapes is copied in whole runs.
    pub fn string(&mut self, v: &str) {
        self.0.push('"');
        let mut run = 0;
        for (i, b) in v.bytes().enumerate() {
            // Only ASCII bytes are escaped, so every run ends on a character boundary.
            if b == b'"' || b == b'\\' || b < 0x20 {
                self.0.push_str(v.get(run..i).unwrap_or_default());
                run = i + 1;
                self.0.push('\\');
                if b < 0x20 {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.0.push_str("u00");
                    self.0.push(HEX[(b >> 4) as usize] as char);
                    self.0.push(HEX[(b & 15) as usize] as char);
                } else {
                    self.0.push(b as char);
                }
            }
        }
        self.0.push_str(v.get(run..).unwrap_or_default());
        self.0.push('"');
    }

    /// The text written.
    pub fn finish(self) -> String {
        self.0
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

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

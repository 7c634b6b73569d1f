//! A small HTML/SVG writer: elements with escaped attribute values and text, so an actor
//! called `<script>` or `"A&B"` stays text.

use std::fmt::Write;

/// Text or an attribute value with `&`, `<`, `>`, `"` and `'` escaped; characters that HTML
/// and XML cannot carry (controls other than tab, newline and carriage return; U+FFFE,
/// U+FFFF) become U+FFFD, so a saved figure stays well-formed SVG.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                || c == '\u{FFFE}'
                || c == '\u{FFFF}' =>
            {
                out.push('\u{FFFD}')
            }
            c => out.push(c),
        }
    }
    out
}

/// A `data:` URI of a CSV text (UTF-8, percent-encoded), for a download link.
pub fn csv_data_uri(csv: &str) -> String {
    let mut out = String::from("data:text/csv;charset=utf-8,");
    for b in csv.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~,;:/()!*+=@$".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Builds a document as a string.
#[derive(Default)]
pub struct Writer {
    out: String,
}

impl Writer {
    pub fn new() -> Self {
        Writer::default()
    }

    fn start(&mut self, tag: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(tag);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            self.out.push_str(&escape(v));
            self.out.push('"');
        }
    }

    /// `<tag k="v" ...>`
    pub fn open(&mut self, tag: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.start(tag, attrs);
        self.out.push('>');
        self
    }

    /// `<tag k="v" .../>`: SVG elements and HTML void elements (`meta`) only; an HTML
    /// `<span/>` would stay open.
    pub fn void(&mut self, tag: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.start(tag, attrs);
        self.out.push_str("/>");
        self
    }

    /// `</tag>`
    pub fn close(&mut self, tag: &str) -> &mut Self {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// Escaped text.
    pub fn text(&mut self, s: &str) -> &mut Self {
        self.out.push_str(&escape(s));
        self
    }

    /// `<tag ...>text</tag>`
    pub fn elem(&mut self, tag: &str, attrs: &[(&str, &str)], text: &str) -> &mut Self {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// Markup written by us (numbers, fixed strings, other writers' output).
    pub fn raw(&mut self, s: &str) -> &mut Self {
        self.out.push_str(s);
        self
    }

    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        let mut w = Writer::new();
        w.elem("td", &[("data-id", "a\"b'<c>")], "<script>&");
        assert_eq!(
            w.finish(),
            "<td data-id=\"a&quot;b&#39;&lt;c&gt;\">&lt;script&gt;&amp;</td>"
        );
    }

    #[test]
    fn characters_xml_cannot_carry_are_replaced() {
        assert_eq!(
            escape("a\u{1}b\u{FFFE}\tc\u{7f}"),
            "a\u{FFFD}b\u{FFFD}\tc\u{FFFD}"
        );
    }

    #[test]
    fn csv_uri_encodes_what_needs_it() {
        assert_eq!(
            csv_data_uri("a,b\n\"x y\",é#\n"),
            "data:text/csv;charset=utf-8,a,b%0A%22x%20y%22,%C3%A9%23%0A"
        );
    }
}

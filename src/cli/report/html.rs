//! A small HTML/SVG writer: elements with escaped attribute values and text, so an actor
//! called `<script>` or `"A&B"` stays text.

use std::fmt::Write;

/// Text or an attribute value with `&`, `<`, `>`, `"` and `'` escaped. Characters that HTML
/// cannot carry even escaped ([`html_forbidden`]) pass through: [`check`] refuses the finished
/// page, naming the text they are in, rather than the report silently changing an id.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether an HTML document cannot carry `c`, neither as itself nor as a character reference
/// (HTML Living Standard, 13.1.3 "Text" and 13.1.4 "Character references": no controls other
/// than ASCII whitespace, no noncharacters), or the SVG figures inside it, which are XML
/// (form feed: [`xml_forbidden`](cosignatory::export::xml_forbidden)). Browsers would show
/// such a page, but not as written: U+0000 is dropped or replaced, the others are parse errors.
pub fn html_forbidden(c: char) -> bool {
    let u = u32::from(c);
    cosignatory::export::xml_forbidden(c)
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || (0xFDD0..=0xFDEF).contains(&u)
        || u & 0xFFFE == 0xFFFE
}

/// Refuses a page with a character HTML cannot carry ([`html_forbidden`]), naming the text it is
/// in (an actor's id or name, a statement's title, ...) and the character.
pub fn check(page: &str) -> Result<(), String> {
    let Some((i, c)) = page.char_indices().find(|&(_, c)| html_forbidden(c)) else {
        return Ok(());
    };
    // The text around it: up to the nearest tag or attribute-quote boundary on either side.
    let start = page[..i].rfind(['>', '"']).map_or(0, |p| p + 1);
    let end = page[i..].find(['<', '"']).map_or(page.len(), |p| i + p);
    Err(format!(
        "the report cannot be written as HTML: the text {:?} contains U+{:04X}, which HTML \
         cannot carry even escaped (a control character or a noncharacter); correct that id, \
         name or title in the data",
        page[start..end].trim(),
        u32::from(c)
    ))
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
    fn characters_html_cannot_carry_are_refused_with_their_text() {
        for bad in [
            '\u{0}',
            '\u{1}',
            '\u{b}',
            '\u{c}',
            '\u{7f}',
            '\u{85}',
            '\u{fdd0}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1fffe}',
            '\u{10ffff}',
        ] {
            assert!(html_forbidden(bad), "{:04X}", u32::from(bad));
        }
        for good in [
            '\t',
            '\n',
            '\r',
            ' ',
            '&',
            'é',
            '\u{a0}',
            '\u{fdcf}',
            '\u{fff0}',
            '\u{fffd}',
            '\u{1fffd}',
        ] {
            assert!(!html_forbidden(good), "{:04X}", u32::from(good));
        }
        // Escaping keeps the character; the page check names the text it is in.
        let mut w = Writer::new();
        w.elem("td", &[("data-id", "OK")], "A\u{fffe}B")
            .elem("td", &[("title", "C\u{1}D")], "E");
        let page = w.finish();
        assert!(page.contains("A\u{fffe}B"));
        assert_eq!(
            check(&page).unwrap_err(),
            "the report cannot be written as HTML: the text \"A\\u{fffe}B\" contains U+FFFE, which \
             HTML cannot carry even escaped (a control character or a noncharacter); correct that \
             id, name or title in the data"
        );
        let mut w = Writer::new();
        w.elem("td", &[("title", "C\u{1}D")], "E");
        assert!(
            check(&w.finish())
                .unwrap_err()
                .contains("\"C\\u{1}D\" contains U+0001")
        );
        assert_eq!(check("<p>a\tb é</p>"), Ok(()));
    }

    #[test]
    fn csv_uri_encodes_what_needs_it() {
        assert_eq!(
            csv_data_uri("a,b\n\"x y\",é#\n"),
            "data:text/csv;charset=utf-8,a,b%0A%22x%20y%22,%C3%A9%23%0A"
        );
    }
}

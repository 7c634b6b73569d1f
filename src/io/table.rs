//! Reading one CSV table: header checks, UTF-8, line numbers and per-field problems.

use crate::error::{Location, Problem, Warning};
use crate::model::{Origin, Problems};
use chrono::NaiveDate;
use std::io::{BufRead, BufReader, Read};
use std::sync::Arc;

/// The columns a table knows.
pub(crate) struct Schema {
    pub required: &'static [&'static str],
    pub optional: &'static [&'static str],
    /// Whether `attr.NAME` columns are read as attributes.
    pub attributes: bool,
    /// Whether a header without rows is an error.
    pub needs_rows: bool,
}

/// One data row with its origin and column map.
pub(crate) struct Row<'t> {
    pub origin: Origin,
    fields: Fields<'t>,
    /// (column name, field index); a handful of entries, so a scan beats hashing. The names
    /// are the schema's own strings, so a lookup usually matches by address.
    columns: &'t [(&'static str, usize)],
    /// (NAME of an `attr.NAME` column, field index).
    attribute_columns: &'t [(String, usize)],
}

impl Row<'_> {
    fn raw(&self, field: &str) -> Option<&str> {
        self.columns
            .iter()
            .find(|(name, _)| std::ptr::eq(*name, field) || *name == field)
            .and_then(|&(_, i)| self.fields.get(i))
    }

    fn at(&self, field: &str, value: &str) -> Location {
        self.origin.at(field, value)
    }

    /// An optional field; empty counts as absent.
    pub fn opt(&self, field: &str) -> Option<&str> {
        self.raw(field).filter(|v| !v.is_empty())
    }

    /// A required field; empty is a problem.
    pub fn req(&self, field: &str) -> Result<&str, Problem> {
        self.opt(field).ok_or_else(|| Problem::EmptyField {
            at: self.at(field, ""),
        })
    }

    /// Parses a strict `YYYY-MM-DD` date.
    pub fn date(&self, field: &str, value: &str) -> Result<NaiveDate, Problem> {
        parse_date(value).ok_or_else(|| Problem::InvalidDate {
            at: self.at(field, value),
        })
    }

    /// Parses with `FromStr`, mapping failure to the given problem constructor.
    pub fn parse<T: std::str::FromStr>(
        &self,
        field: &str,
        value: &str,
        problem: impl FnOnce(Location) -> Problem,
    ) -> Result<T, Problem> {
        value.parse().map_err(|_| problem(self.at(field, value)))
    }

    /// The `attr.NAME` columns with a value, as (NAME, value).
    pub fn attributes(&self) -> impl Iterator<Item = (String, String)> + '_ {
        let mut v: Vec<(String, String)> = self
            .attribute_columns
            .iter()
            .filter_map(|(key, i)| {
                let val = self.fields.get(*i)?;
                (!val.is_empty()).then(|| (key.clone(), val.to_string()))
            })
            .collect();
        v.sort();
        v.into_iter()
    }
}

/// The fields of a record that is valid UTF-8.
#[derive(Clone, Copy)]
struct Fields<'t> {
    text: &'t str,
    ends: &'t [usize],
}

impl<'t> Fields<'t> {
    fn get(&self, i: usize) -> Option<&'t str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end)
    }
}

/// A date written as `YYYY-MM-DD`, and nothing else (no times, no other orders).
pub(crate) fn parse_date(value: &str) -> Option<NaiveDate> {
    let b = value.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    // The digits are checked above: read them directly rather than through chrono's format
    // parser; `from_ymd_opt` rejects what `%Y-%m-%d` rejects (month 13, Feb 30; tested).
    let number =
        |r: std::ops::Range<usize>| b[r].iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'));
    let year = i32::try_from(number(0..4)).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7), number(8..10))
}

/// Why a record could not be read.
enum LexError {
    /// A quoted field still open at the end of the input: (line where the quote opened, field index).
    Unterminated(u64, usize),
    /// The underlying reader failed.
    Io(std::io::Error),
}

/// One record as read: the unquoted, trimmed fields back to back in `buf`, `ends[i]` the end
/// of field `i`, and the physical line the record starts on.
#[derive(Default)]
struct Record {
    buf: Vec<u8>,
    ends: Vec<usize>,
    line: u64,
    /// Whether any field was quoted (a lone `""` is a field, a blank line is not).
    quoted: bool,
    /// The first field with text after its closing quote (`"a"b`), if any.
    after_quote: Option<usize>,
}

impl Record {
    fn end_field(&mut self, start: usize) {
        let field = &self.buf[start..];
        let trimmed = field.trim_ascii();
        let lead = trimmed.as_ptr() as usize - field.as_ptr() as usize;
        let len = trimmed.len();
        if lead > 0 {
            self.buf
                .copy_within(start + lead..start + lead + len, start);
        }
        self.buf.truncate(start + len);
        self.ends.push(self.buf.len());
    }

    /// A record that is only whitespace: a blank line, skipped.
    fn is_blank(&self) -> bool {
        !self.quoted && self.ends.len() == 1 && self.buf.is_empty()
    }
}

/// An RFC 4180 reader that counts physical lines exactly: `\n`, `\r\n` and a lone `\r` each end
/// one line, inside quoted fields too, and blank lines are counted though skipped.
///
/// The `csv` crate reports record positions that drift after blank lines and CRLF endings, and
/// reads an unterminated quote to the end of the input as one field without complaint; this
/// reader reports the line where such a quote opened instead.
///
/// The input goes through a `BufReader` whose buffer is never zero-filled (a boxed `[0; 64 KiB]`
/// per table, eight tables per fuzz execution, was about an eighth of its time); `pos` indexes
/// its unconsumed bytes, `len` is their count, and they are consumed only once all are read.
struct Lexer<R> {
    reader: BufReader<R>,
    pos: usize,
    len: usize,
    /// The physical line of the next byte (1-based).
    line: u64,
    started: bool,
}

impl<R: Read> Lexer<R> {
    fn new(reader: R) -> Self {
        Lexer {
            reader: BufReader::with_capacity(1 << 16, reader),
            pos: 0,
            len: 0,
            line: 1,
            started: false,
        }
    }

    #[inline]
    fn peek(&mut self) -> Result<Option<u8>, LexError> {
        if self.pos == self.len {
            self.reader.consume(self.len);
            self.pos = 0;
            self.len = loop {
                match self.reader.fill_buf() {
                    Ok(b) => break b.len(),
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(LexError::Io(e)),
                }
            };
            if self.len == 0 {
                return Ok(None);
            }
        }
        Ok(Some(self.reader.buffer()[self.pos]))
    }

    #[inline]
    fn next(&mut self) -> Result<Option<u8>, LexError> {
        let b = self.peek()?;
        if b.is_some() {
            self.pos += 1;
        }
        Ok(b)
    }

    /// Appends the buffered bytes before the first one that `stop` accepts (or all of them)
    /// to `out` and consumes them: the bulk path of `read_one`, which goes byte by byte only
    /// at delimiters, quotes and line ends.
    #[inline]
    fn take_until(&mut self, out: &mut Vec<u8>, stop: impl Fn(u8) -> bool) {
        let rest = &self.reader.buffer()[self.pos..self.len];
        let n = rest.iter().position(|&c| stop(c)).unwrap_or(rest.len());
        out.extend_from_slice(&rest[..n]);
        self.pos += n;
    }

    /// Consumes a line ending whose first byte (`\n` or `\r`) was just read.
    fn end_line(&mut self, b: u8) -> Result<(), LexError> {
        if b == b'\r' && self.peek()? == Some(b'\n') {
            self.pos += 1;
        }
        self.line += 1;
        Ok(())
    }

    /// Skips a UTF-8 byte-order mark at the very start.
    fn skip_bom(&mut self) -> Result<(), LexError> {
        self.started = true;
        if self.peek()? == Some(0xEF)
            && self.reader.buffer()[self.pos..self.len].starts_with(b"\xEF\xBB\xBF")
        {
            self.pos += 3;
        }
        Ok(())
    }

    /// Reads the next non-blank record; `false` at the end of the input.
    fn read(&mut self, rec: &mut Record) -> Result<bool, LexError> {
        if !self.started {
            self.skip_bom()?;
        }
        loop {
            if self.peek()?.is_none() {
                return Ok(false);
            }
            self.read_one(rec)?;
            if !rec.is_blank() {
                return Ok(true);
            }
        }
    }

    fn read_one(&mut self, rec: &mut Record) -> Result<(), LexError> {
        rec.buf.clear();
        rec.ends.clear();
        rec.quoted = false;
        rec.after_quote = None;
        rec.line = self.line;
        loop {
            // Start of a field: leading blanks are trimmed anyway, and a quote may follow them.
            let start = rec.buf.len();
            let mut b = self.next()?;
            while matches!(b, Some(b' ' | b'\t')) {
                b = self.next()?;
            }
            if b == Some(b'"') {
                rec.quoted = true;
                let opened = self.line;
                loop {
                    match self.next()? {
                        None => return Err(LexError::Unterminated(opened, rec.ends.len())),
                        Some(b'"') => {
                            if self.peek()? == Some(b'"') {
                                self.pos += 1;
                                rec.buf.push(b'"');
                            } else {
                                break;
                            }
                        }
                        Some(c) => {
                            rec.buf.push(c);
                            if c == b'\n' || (c == b'\r' && self.peek()? != Some(b'\n')) {
                                self.line += 1;
                            }
                            // The rest of the quoted text in the buffer, in one copy.
                            self.take_until(&mut rec.buf, |c| matches!(c, b'"' | b'\n' | b'\r'));
                        }
                    }
                }
                b = self.next()?;
                while matches!(b, Some(b' ' | b'\t')) {
                    b = self.next()?;
                }
                if !matches!(b, None | Some(b',' | b'\n' | b'\r')) {
                    rec.after_quote.get_or_insert(rec.ends.len());
                }
            }
            // Unquoted text (or text after a closing quote) up to the delimiter.
            loop {
                match b {
                    None => {
                        rec.end_field(start);
                        return Ok(());
                    }
                    Some(b',') => {
                        rec.end_field(start);
                        break;
                    }
                    Some(c @ (b'\n' | b'\r')) => {
                        rec.end_field(start);
                        return self.end_line(c);
                    }
                    Some(c) => {
                        rec.buf.push(c);
                        // The rest of the field in the buffer, in one copy.
                        self.take_until(&mut rec.buf, |c| matches!(c, b',' | b'\n' | b'\r'));
                    }
                }
                b = self.next()?;
            }
        }
    }
}

/// Reads a whole table, calling `on_row` for each row whose fields are valid UTF-8.
///
/// Header problems (empty file, missing or duplicate columns) are not row-level: they are
/// pushed and the table is not read. So is a quoted field still open at the end of the input
/// (the rows after its opening quote cannot be told apart). Every problem names the physical
/// line (1-based, header = 1) whatever the line endings, blank lines or quoted newlines before
/// it. Returns the number of data rows seen.
pub(crate) fn read_table<R: Read>(
    file: &str,
    reader: R,
    schema: &Schema,
    problems: &mut Problems<'_>,
    mut on_row: impl FnMut(Row<'_>, &mut Problems<'_>),
) -> usize {
    let file: Arc<str> = Arc::from(file);
    let mut lexer = Lexer::new(reader);
    let mut record = Record::default();
    let mut names: Vec<String> = Vec::new();
    match lexer.read(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            problems.push(Problem::EmptyInput {
                file: file.to_string(),
            });
            return 0;
        }
        Err(e) => {
            push_lex_error(&file, e, &names, lexer.line, problems);
            return 0;
        }
    }
    let mut columns: Vec<(&'static str, usize)> = Vec::new();
    let mut attribute_columns: Vec<(String, usize)> = Vec::new();
    let mut header_ok = true;
    for i in 0..record.ends.len() {
        let start = if i == 0 { 0 } else { record.ends[i - 1] };
        let raw = &record.buf[start..record.ends[i]];
        let name = String::from_utf8_lossy(raw).trim().to_ascii_lowercase();
        names.push(name.clone());
        let field = (schema.required.iter())
            .chain(schema.optional)
            .find(|f| **f == name);
        let attribute = name
            .strip_prefix("attr.")
            .filter(|key| schema.attributes && !key.is_empty());
        let duplicate = match (field, attribute) {
            (Some(f), _) => columns.iter().any(|(n, _)| n == f),
            (None, Some(key)) => attribute_columns.iter().any(|(n, _)| n == key),
            (None, None) => {
                problems.report.warnings.push(Warning::UnknownColumn {
                    file: file.to_string(),
                    column: name,
                });
                continue;
            }
        };
        if duplicate {
            problems.push(Problem::DuplicateColumn {
                file: file.to_string(),
                column: name,
            });
            header_ok = false;
        } else if let Some(f) = field {
            columns.push((f, i));
        } else if let Some(key) = attribute {
            attribute_columns.push((key.to_string(), i));
        }
    }
    for req in schema.required {
        if !columns.iter().any(|(n, _)| n == req) {
            problems.push(Problem::MissingColumn {
                file: file.to_string(),
                column: req.to_string(),
                found: names.join(","),
            });
            header_ok = false;
        }
    }
    if !header_ok {
        return 0;
    }
    let mut rows = 0usize;
    loop {
        match lexer.read(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                push_lex_error(&file, e, &names, lexer.line, problems);
                // The record that failed counts: the file is not empty, it is unreadable.
                rows += 1;
                break;
            }
        }
        rows += 1;
        let line = record.line;
        if record.ends.len() != names.len() {
            problems.push(Problem::MalformedRow {
                file: file.to_string(),
                line,
                message: format!(
                    "expected {} fields (as in the header), found {}",
                    names.len(),
                    record.ends.len()
                ),
            });
            continue;
        }
        if let Some(i) = record.after_quote {
            problems.push(Problem::MalformedRow {
                file: file.to_string(),
                line,
                message: format!(
                    "text after the closing quote of field `{}` (a quote inside a quoted field is written twice: \"\")",
                    names[i]
                ),
            });
            continue;
        }
        match std::str::from_utf8(&record.buf) {
            Ok(text) => on_row(
                Row {
                    origin: Origin {
                        file: file.clone(),
                        line,
                    },
                    fields: Fields {
                        text,
                        ends: &record.ends,
                    },
                    columns: &columns,
                    attribute_columns: &attribute_columns,
                },
                problems,
            ),
            Err(e) => {
                let at = e.valid_up_to();
                let i = record.ends.iter().position(|&end| end > at).unwrap_or(0);
                problems.push(Problem::InvalidUtf8 {
                    file: file.to_string(),
                    line,
                    field: names.get(i).cloned().unwrap_or_default(),
                });
            }
        }
    }
    if rows == 0 && schema.needs_rows {
        problems.push(Problem::EmptyInput {
            file: file.to_string(),
        });
    }
    rows
}

fn push_lex_error(
    file: &str,
    e: LexError,
    names: &[String],
    line: u64,
    problems: &mut Problems<'_>,
) {
    match e {
        LexError::Unterminated(line, i) => problems.push(Problem::UnterminatedQuote {
            file: file.to_string(),
            line,
            field: names
                .get(i)
                .cloned()
                .unwrap_or_else(|| format!("#{}", i + 1)),
        }),
        LexError::Io(err) => problems.push(Problem::MalformedRow {
            file: file.to_string(),
            line,
            message: format!("read error: {err}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_date_accepts_exactly_what_chronos_format_accepts() {
        for year in [
            "0000", "0001", "1900", "1999", "2000", "2023", "2024", "9999",
        ] {
            for month in 0..=13 {
                for day in 0..=32 {
                    let text = format!("{year}-{month:02}-{day:02}");
                    let chrono = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok();
                    assert_eq!(parse_date(&text), chrono, "{text}");
                }
            }
        }
        for bad in [
            "2024-1-05",
            "2024/11/05",
            "2024-11-05 ",
            "+2024-11-5",
            "２０２４-11-05",
            "",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}

//! Reading one CSV table: header checks, UTF-8, line numbers and per-field problems.
//!
//! Each table's columns are resolved once, from the header, to a field index per schema
//! column ("slot"); the readers then take fields by slot, borrowed from the input buffer
//! (no per-row copy, lookup by name or allocation on the common path).

use crate::error::{Location, Problem, Warning};
use crate::model::{Origin, Problems};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::io::Read;
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

/// `a == b` in a constant.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl Schema {
    /// The slot of a column: its index in `required`, then `optional`. Meant for constants,
    /// where an unknown name fails the build.
    pub const fn slot(&self, name: &str) -> usize {
        let mut i = 0;
        while i < self.required.len() {
            if same(self.required[i], name) {
                return i;
            }
            i += 1;
        }
        let mut j = 0;
        while j < self.optional.len() {
            if same(self.optional[j], name) {
                return i + j;
            }
            j += 1;
        }
        panic!("not a column of the schema")
    }

    /// The slot of a column, at run time. Names are usually the schema's own strings, so a
    /// lookup usually matches by address.
    fn find(&self, name: &str) -> Option<usize> {
        (self.required.iter().chain(self.optional))
            .position(|c| std::ptr::eq(*c, name) || *c == name)
    }

    /// The column name of a slot.
    fn name(&self, slot: usize) -> &'static str {
        match slot.checked_sub(self.required.len()) {
            None => self.required[slot],
            Some(j) => self.optional[j],
        }
    }

    fn len(&self) -> usize {
        self.required.len() + self.optional.len()
    }
}

/// "Column absent" in a slot map.
const ABSENT: usize = usize::MAX;

/// One data row: its fields borrowed from the reader, taken by slot (see [`Schema::slot`]).
/// Every field is valid UTF-8 (checked once per row, for rows that are not ASCII).
#[derive(Clone, Copy)]
pub(crate) struct Fields<'t> {
    pub file: &'t Arc<str>,
    /// The physical line the row starts on (1-based, header = 1).
    pub line: u64,
    text: &'t [u8],
    /// (start, end) of each field in `text`.
    spans: &'t [(usize, usize)],
    /// Field index per slot, or [`ABSENT`].
    slots: &'t [usize],
    schema: &'t Schema,
    /// (NAME of an `attr.NAME` column, field index).
    attribute_columns: &'t [(String, usize)],
}

/// A field as text (fields are checked to be UTF-8 before a row is handed out).
fn as_text(field: &[u8]) -> &str {
    std::str::from_utf8(field).expect("fields are checked to be UTF-8")
}

impl<'t> Fields<'t> {
    #[inline]
    fn field(&self, i: usize) -> Option<&'t [u8]> {
        let &(start, end) = self.spans.get(i)?;
        self.text.get(start..end)
    }

    /// A field's bytes; empty (or a column the header lacks) counts as absent.
    #[inline]
    pub fn bytes(&self, slot: usize) -> Option<&'t [u8]> {
        self.field(self.slots[slot]).filter(|v| !v.is_empty())
    }

    /// A field; empty (or a column the header lacks) counts as absent.
    #[inline]
    pub fn get(&self, slot: usize) -> Option<&'t str> {
        self.bytes(slot).map(as_text)
    }

    /// A required field; empty is a problem.
    #[inline]
    pub fn req(&self, slot: usize) -> Result<&'t str, Problem> {
        self.get(slot).ok_or_else(|| self.empty_field(&[slot]))
    }

    /// The problem of a row missing a required field: the first of `slots` that is empty
    /// (the last if none is). Built out of line, for readers that check several fields at
    /// once on their hot path.
    #[cold]
    #[inline(never)]
    pub fn empty_field(&self, slots: &[usize]) -> Problem {
        let slot = (slots.iter().copied())
            .find(|&s| self.bytes(s).is_none())
            .or(slots.last().copied())
            .expect("at least one slot");
        Problem::EmptyField {
            at: self.at(slot, ""),
        }
    }

    /// The location of a value of the column in `slot`.
    pub fn at(&self, slot: usize, value: &str) -> Location {
        self.at_named(self.schema.name(slot), value)
    }

    fn at_named(&self, field: &str, value: &str) -> Location {
        Location {
            file: self.file.to_string(),
            line: self.line,
            field: field.to_string(),
            value: value.to_string(),
            column: None,
        }
    }

    /// Parses a strict `YYYY-MM-DD` date from the column in `slot`.
    pub fn date(&self, slot: usize, value: &str) -> Result<NaiveDate, Problem> {
        parse_date(value).ok_or_else(|| Problem::InvalidDate {
            at: self.at(slot, value),
        })
    }

    /// [`date`](Self::date) of a field's bytes.
    #[inline]
    pub fn date_bytes(&self, slot: usize, value: &[u8]) -> Result<NaiveDate, Problem> {
        parse_date_bytes(value).ok_or_else(|| Problem::InvalidDate {
            at: self.at(slot, as_text(value)),
        })
    }

    /// Parses with `FromStr`, mapping failure to the given problem constructor.
    pub fn parse<T: std::str::FromStr>(
        &self,
        slot: usize,
        value: &str,
        problem: impl FnOnce(Location) -> Problem,
    ) -> Result<T, Problem> {
        value.parse().map_err(|_| problem(self.at(slot, value)))
    }

    /// Where the row is, owned.
    pub fn origin(&self) -> Origin {
        Origin {
            file: self.file.clone(),
            line: self.line,
        }
    }

    /// The `attr.NAME` columns with a value, as NAME -> value. A table without such columns
    /// returns at once (collecting nothing still costs a call per row).
    #[inline]
    pub fn attributes(&self) -> BTreeMap<String, String> {
        if self.attribute_columns.is_empty() {
            return BTreeMap::new();
        }
        (self.attribute_columns.iter())
            .filter_map(|(key, i)| {
                let val = self.field(*i)?;
                (!val.is_empty()).then(|| (key.clone(), as_text(val).to_string()))
            })
            .collect()
    }
}

/// One data row with its origin, its fields taken by column name (for readers where a row
/// costs more than the lookup; the hot readers take [`Fields`] by slot).
pub(crate) struct Row<'t> {
    pub origin: Origin,
    fields: Fields<'t>,
}

impl Row<'_> {
    /// An optional field; empty counts as absent.
    pub fn opt(&self, field: &str) -> Option<&str> {
        self.fields
            .schema
            .find(field)
            .and_then(|s| self.fields.get(s))
    }

    /// A required field; empty is a problem.
    pub fn req(&self, field: &str) -> Result<&str, Problem> {
        self.opt(field).ok_or_else(|| Problem::EmptyField {
            at: self.origin.at(field, ""),
        })
    }

    /// Parses a strict `YYYY-MM-DD` date.
    pub fn date(&self, field: &str, value: &str) -> Result<NaiveDate, Problem> {
        parse_date(value).ok_or_else(|| Problem::InvalidDate {
            at: self.origin.at(field, value),
        })
    }

    /// Parses with `FromStr`, mapping failure to the given problem constructor.
    pub fn parse<T: std::str::FromStr>(
        &self,
        field: &str,
        value: &str,
        problem: impl FnOnce(Location) -> Problem,
    ) -> Result<T, Problem> {
        value
            .parse()
            .map_err(|_| problem(self.origin.at(field, value)))
    }
}

/// A date written as `YYYY-MM-DD`, and nothing else (no times, no other orders).
pub(crate) fn parse_date(value: &str) -> Option<NaiveDate> {
    parse_date_bytes(value.as_bytes())
}

/// [`parse_date`] of text as bytes.
pub(crate) fn parse_date_bytes(b: &[u8]) -> Option<NaiveDate> {
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

/// One record as read: the unquoted, trimmed fields as `spans` of its text, and the physical
/// line the record starts on. The text is a range of the lexer's buffer when the record was
/// read in place, else `buf` (fields back to back).
#[derive(Default)]
struct Record {
    buf: Vec<u8>,
    spans: Vec<(usize, usize)>,
    /// `Some(range of the lexer's buffer)` when read in place.
    in_place: Option<(usize, usize)>,
    /// Whether the text is known to be UTF-8 (then its fields are not checked one by one).
    utf8: bool,
    line: u64,
    /// Whether any field was quoted (a lone `""` is a field, a blank line is not).
    quoted: bool,
    /// The first field with text after its closing quote (`"a"b`), if any.
    after_quote: Option<usize>,
}

impl Record {
    /// Ends a field copied into `buf` from `start`: trims it in place.
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
        self.spans.push((start, self.buf.len()));
    }

    /// A record that is only whitespace: a blank line, skipped.
    fn is_blank(&self) -> bool {
        !self.quoted && self.spans.len() == 1 && self.spans[0].0 == self.spans[0].1
    }
}

/// The first read's buffer size; it doubles while reads fill it, up to [`MAX_BUF`] (a small
/// input never pays for zero-filling a large buffer: fuzzing reads eight tables an execution).
const MIN_BUF: usize = 4 << 10;
const MAX_BUF: usize = 64 << 10;

/// An RFC 4180 reader that counts physical lines exactly: `\n`, `\r\n` and a lone `\r` each end
/// one line, inside quoted fields too, and blank lines are counted though skipped.
///
/// The `csv` crate reports record positions that drift after blank lines and CRLF endings, and
/// reads an unterminated quote to the end of the input as one field without complaint; this
/// reader reports the line where such a quote opened instead.
///
/// A record without quoted fields that lies wholly in the buffer is read in place: its fields
/// are ranges of the buffer ([`Lexer::read_in_place`]). Any other record (a quoted field, a
/// record longer than the buffer) is copied byte by byte into [`Record::buf`]
/// ([`Lexer::read_copied`]). Both give the same records and lines (tested against each
/// other below, with the input cut at every size).
struct Lexer<R> {
    reader: R,
    /// `buf[pos..filled]` are the unread bytes; `buf.len()` is the buffer's size.
    buf: Vec<u8>,
    pos: usize,
    filled: usize,
    /// Whether a read returned nothing.
    eof: bool,
    /// Whether the last read filled all the room it was given (then the buffer grows).
    full_read: bool,
    /// The physical line of the next byte (1-based).
    line: u64,
    started: bool,
    /// Where [`Lexer::read_in_place`] left off scanning `buf`.
    specials: Specials,
    /// `buf[..utf8_end]` is UTF-8, checked as read from a character boundary (the start of
    /// the input, or of the unread bytes): a record that ends within it (and so starts and
    /// splits at ASCII bytes within it) is UTF-8.
    utf8_end: usize,
    /// Tests only: every record through the copying path.
    #[cfg(test)]
    copy_only: bool,
}

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Bit 7 of each byte of the result is set when that byte of `w` is below `-` (0x2D), exactly
/// (the sum per byte stays below 0x100, so nothing carries into the next byte).
#[inline]
fn below_dash(w: u64) -> u64 {
    const LOW_BITS: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const TO_HIGH: u64 = 0x5353_5353_5353_5353; // 0x80 - 0x2D in every byte
    !(((w & LOW_BITS) + TO_HIGH) | w) & HIGH_BITS
}

/// The positions of the bytes below `-` in a buffer, found 64 bytes at a time: a bit mask of
/// each block, then one bit per position. (A scan that stops at each such byte mispredicts a
/// branch at almost every field; walking the bits of a mask does not.)
#[derive(Clone, Copy)]
struct Specials {
    /// The block's first position; `usize::MAX` when there is no block (the buffer changed).
    base: usize,
    /// Bit `k` set when `base + k` holds such a byte not yet returned.
    mask: u64,
}

impl Specials {
    const NONE: Specials = Specials {
        base: usize::MAX,
        mask: 0,
    };

    /// Continues from `from`: the current block without its bits below `from` if it holds
    /// `from`, else a new block there.
    #[inline]
    fn resume(self, buf: &[u8], from: usize) -> Specials {
        match from.checked_sub(self.base) {
            Some(k) if k < 64 => Specials {
                base: self.base,
                mask: self.mask & (u64::MAX << k),
            },
            _ => Specials {
                base: from,
                mask: block_below_dash(buf, from),
            },
        }
    }

    /// The next position holding a byte below `-`, or `buf.len()` if there is none.
    #[inline]
    fn next(&mut self, buf: &[u8]) -> usize {
        while self.mask == 0 {
            self.base += 64;
            if self.base >= buf.len() {
                self.base = buf.len();
                return buf.len();
            }
            self.mask = block_below_dash(buf, self.base);
        }
        let k = self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        self.base + k
    }
}

/// Bit `k` set when `buf[from + k]` is below `-`, for the (up to) 64 bytes from `from`.
#[inline]
fn block_below_dash(buf: &[u8], from: usize) -> u64 {
    match buf.get(from..from + 64) {
        Some(block) => {
            let mut mask = 0;
            for (j, chunk) in block.chunks_exact(8).enumerate() {
                let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
                mask |= byte_bits(below_dash(w)) << (8 * j);
            }
            mask
        }
        None => (buf.get(from..).unwrap_or(&[]).iter().enumerate())
            .filter(|&(_, &b)| b < b'-')
            .fold(0, |m, (k, _)| m | 1 << k),
    }
}

/// The high bits of the eight bytes of `w` (nothing else set) as the low eight bits of the
/// result: one multiplication moves byte `k`'s bit to bit `56 + k`, and no two products
/// overlap or carry.
#[inline]
fn byte_bits(w: u64) -> u64 {
    ((w >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// Pushes the span of the unquoted field `buf[from..to]`, relative to `start`; trimmed when
/// `blank` (the field holds a byte below `-` other than a delimiter: ASCII whitespace is
/// among them, so a field without one has nothing to trim).
#[inline(always)]
fn push_trimmed(
    spans: &mut Vec<(usize, usize)>,
    buf: &[u8],
    start: usize,
    (from, to): (usize, usize),
    blank: bool,
) {
    let (mut a, mut b) = (from, to);
    if blank {
        let t = buf[a..b].trim_ascii();
        a = t.as_ptr() as usize - buf.as_ptr() as usize;
        b = a + t.len();
    }
    spans.push((a - start, b - start));
}

/// The position of the first byte of `hay` that is one of `stops`, or `hay.len()`: eight
/// bytes at a time (quoted titles and descriptions run for hundreds of bytes between stops).
#[inline]
fn find_any(hay: &[u8], stops: [u8; 3]) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    // Bit 7 of a byte set where that byte of `w` is zero, exactly up to the first such byte
    // (a borrow can only mark bytes above it).
    let zero = |w: u64| w.wrapping_sub(LOW) & !w & HIGH_BITS;
    let [a, b, c] = stops.map(|s| LOW * u64::from(s));
    let mut chunks = hay.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let hits = zero(w ^ a) | zero(w ^ b) | zero(w ^ c);
        if hits != 0 {
            return at + hits.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    let tail = chunks.remainder();
    at + (tail.iter().position(|x| stops.contains(x))).unwrap_or(tail.len())
}

impl<R: Read> Lexer<R> {
    fn new(reader: R) -> Self {
        Lexer {
            reader,
            buf: Vec::new(),
            pos: 0,
            filled: 0,
            eof: false,
            full_read: false,
            line: 1,
            started: false,
            specials: Specials::NONE,
            utf8_end: 0,
            #[cfg(test)]
            copy_only: false,
        }
    }

    /// Moves the unread bytes to the front and reads more after them. `false` if there is no
    /// room (the unread bytes fill the largest buffer) or the input has ended.
    fn fill(&mut self) -> Result<bool, LexError> {
        if self.eof {
            return Ok(false);
        }
        // The bytes move (or more come): the masks no longer hold.
        self.specials = Specials::NONE;
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.filled, 0);
            self.filled -= self.pos;
            // Past the bytes checked, the check starts again at the next unread byte: a
            // record's start, or (while a record is copied) any byte, where a cut character
            // fails the check until a later read starts past it.
            self.utf8_end = self.utf8_end.saturating_sub(self.pos);
            self.pos = 0;
        }
        let size = self.buf.len();
        if size == 0 || (self.full_read && size < MAX_BUF) || self.filled == size {
            if size >= MAX_BUF && self.filled == size {
                return Ok(false);
            }
            self.buf.resize((size * 2).clamp(MIN_BUF, MAX_BUF), 0);
        }
        let room = self.buf.len() - self.filled;
        let n = loop {
            match self.reader.read(&mut self.buf[self.filled..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(LexError::Io(e)),
            }
        };
        self.full_read = n == room;
        self.filled += n;
        self.eof = n == 0;
        self.check_utf8();
        Ok(n > 0)
    }

    /// Moves [`Lexer::utf8_end`] over the bytes after it that are UTF-8: one pass per read,
    /// faster than a check per record. It stops at a character the read cut (the next read
    /// completes it) and at bytes that are not UTF-8 (their records are checked one by one).
    fn check_utf8(&mut self) {
        match std::str::from_utf8(&self.buf[self.utf8_end..self.filled]) {
            Ok(_) => self.utf8_end = self.filled,
            Err(e) => self.utf8_end += e.valid_up_to(),
        }
    }

    #[inline]
    fn peek(&mut self) -> Result<Option<u8>, LexError> {
        if self.pos == self.filled && !self.fill()? {
            return Ok(None);
        }
        Ok(Some(self.buf[self.pos]))
    }

    #[inline]
    fn next(&mut self) -> Result<Option<u8>, LexError> {
        let b = self.peek()?;
        if b.is_some() {
            self.pos += 1;
        }
        Ok(b)
    }

    /// Appends the buffered bytes before the first of `stops` (or all of them) to `out` and
    /// consumes them: the bulk path of `read_copied`, which goes byte by byte only at
    /// delimiters, quotes and line ends.
    #[inline]
    fn take_until(&mut self, out: &mut Vec<u8>, stops: [u8; 3]) {
        let rest = &self.buf[self.pos..self.filled];
        let n = find_any(rest, stops);
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
        while self.filled - self.pos < 3 && self.fill()? {}
        if self.buf[self.pos..self.filled].starts_with(b"\xEF\xBB\xBF") {
            self.pos += 3;
        }
        Ok(())
    }

    /// The text of a record just read.
    fn text<'a>(&'a self, rec: &'a Record) -> &'a [u8] {
        match rec.in_place {
            Some((start, end)) => &self.buf[start..end],
            None => &rec.buf,
        }
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
            #[cfg(test)]
            let in_place = !self.copy_only && self.read_in_place(rec)?;
            #[cfg(not(test))]
            let in_place = self.read_in_place(rec)?;
            if !in_place {
                self.read_copied(rec)?;
            }
            if !rec.is_blank() {
                return Ok(true);
            }
        }
    }

    /// Reads the record at `pos` in place, if it has no quoted field and fits in the buffer
    /// (reading more input if needed); `false` (nothing consumed) if it must be copied.
    ///
    /// Only the bytes below `-` (0x2D) can end a field or open a quote (delimiters, quotes,
    /// line endings and blanks are among them, ids and dates are not): they are found through
    /// [`Specials`], and the bytes between them are not looked at one by one.
    fn read_in_place(&mut self, rec: &mut Record) -> Result<bool, LexError> {
        loop {
            rec.spans.clear();
            let buf = &self.buf[..self.filled];
            let start = self.pos;
            let mut field = start;
            let mut specials = self.specials.resume(buf, start);
            // Whether the current field holds a byte below `-` that is not a delimiter.
            let mut blank = false;
            let push = |spans: &mut Vec<(usize, usize)>, from: usize, to: usize, blank: bool| {
                push_trimmed(spans, buf, start, (from, to), blank);
            };
            // The end of the record's text and the first byte after its line ending; `None`
            // if the buffer ends first.
            let end = loop {
                let i = specials.next(buf);
                let Some(&b) = buf.get(i) else {
                    if self.eof {
                        push(&mut rec.spans, field, buf.len(), blank);
                        break Some((buf.len(), buf.len()));
                    }
                    break None;
                };
                match b {
                    b',' => {
                        push(&mut rec.spans, field, i, blank);
                        field = i + 1;
                        blank = false;
                    }
                    b'\n' => {
                        push(&mut rec.spans, field, i, blank);
                        break Some((i, i + 1));
                    }
                    b'\r' => {
                        push(&mut rec.spans, field, i, blank);
                        // One line ending with a `\n` after it, else alone.
                        match buf.get(i + 1) {
                            Some(b'\n') => break Some((i, i + 2)),
                            Some(_) => break Some((i, i + 1)),
                            None if self.eof => break Some((i, i + 1)),
                            None => break None,
                        }
                    }
                    // A quote after nothing but blanks opens a quoted field.
                    b'"' if buf[field..i].iter().all(|c| matches!(c, b' ' | b'\t')) => {
                        return Ok(false);
                    }
                    _ => blank = true,
                }
            };
            let Some((end, next)) = end else {
                if self.fill()? || self.eof {
                    continue;
                }
                // The record fills the largest buffer: copy it.
                return Ok(false);
            };
            self.specials = specials;
            rec.in_place = Some((start, end));
            // Within the bytes checked as they were read, or else ASCII.
            rec.utf8 = end <= self.utf8_end || buf[start..end].is_ascii();
            rec.line = self.line;
            rec.quoted = false;
            rec.after_quote = None;
            if next > end {
                self.line += 1;
            }
            self.pos = next;
            return Ok(true);
        }
    }

    /// Reads the record at `pos` byte by byte into `rec.buf`, unquoting quoted fields.
    fn read_copied(&mut self, rec: &mut Record) -> Result<(), LexError> {
        rec.buf.clear();
        rec.spans.clear();
        rec.in_place = None;
        rec.utf8 = false;
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
                        None => return Err(LexError::Unterminated(opened, rec.spans.len())),
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
                            self.take_until(&mut rec.buf, [b'"', b'\n', b'\r']);
                        }
                    }
                }
                b = self.next()?;
                while matches!(b, Some(b' ' | b'\t')) {
                    b = self.next()?;
                }
                if !matches!(b, None | Some(b',' | b'\n' | b'\r')) {
                    rec.after_quote.get_or_insert(rec.spans.len());
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
                        self.take_until(&mut rec.buf, [b',', b'\n', b'\r']);
                    }
                }
                b = self.next()?;
            }
        }
    }
}

/// Reads a whole table, calling `on_row` for each row whose fields are valid UTF-8, with
/// the fields taken by column name.
///
/// See [`read_rows`], which this wraps.
pub(crate) fn read_table<R: Read>(
    file: &str,
    reader: R,
    schema: &Schema,
    problems: &mut Problems<'_>,
    mut on_row: impl FnMut(Row<'_>, &mut Problems<'_>),
) -> usize {
    read_rows(file, reader, schema, problems, |fields, p| {
        on_row(
            Row {
                origin: fields.origin(),
                fields,
            },
            p,
        )
    })
}

/// Reads a whole table, calling `on_row` for each row whose fields are valid UTF-8, with
/// the fields taken by slot.
///
/// Header problems (empty file, missing or duplicate columns) are not row-level: they are
/// pushed and the table is not read. So is a quoted field still open at the end of the input
/// (the rows after its opening quote cannot be told apart). Every problem names the physical
/// line (1-based, header = 1) whatever the line endings, blank lines or quoted newlines before
/// it. Returns the number of data rows seen.
pub(crate) fn read_rows<R: Read>(
    file: &str,
    reader: R,
    schema: &Schema,
    problems: &mut Problems<'_>,
    mut on_row: impl FnMut(Fields<'_>, &mut Problems<'_>),
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
    let mut slots: Vec<usize> = vec![ABSENT; schema.len()];
    let mut attribute_columns: Vec<(String, usize)> = Vec::new();
    let mut header_ok = true;
    let header = lexer.text(&record);
    for (i, &(start, end)) in record.spans.iter().enumerate() {
        let name = String::from_utf8_lossy(&header[start..end])
            .trim()
            .to_ascii_lowercase();
        names.push(name.clone());
        let slot = schema.find(&name);
        let attribute = name
            .strip_prefix("attr.")
            .filter(|key| schema.attributes && !key.is_empty());
        let duplicate = match (slot, attribute) {
            (Some(s), _) => slots[s] != ABSENT,
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
        } else if let Some(s) = slot {
            slots[s] = i;
        } else if let Some(key) = attribute {
            attribute_columns.push((key.to_string(), i));
        }
    }
    for (s, req) in schema.required.iter().enumerate() {
        if slots[s] == ABSENT {
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
        if record.spans.len() != names.len() {
            problems.push(Problem::MalformedRow {
                file: file.to_string(),
                line,
                message: format!(
                    "expected {} fields (as in the header), found {}",
                    names.len(),
                    record.spans.len()
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
        let text = lexer.text(&record);
        // Delimiters and trimmed blanks are ASCII: the text is UTF-8 if and only if every
        // field is.
        let bad = (!record.utf8)
            .then(|| {
                (record.spans.iter()).position(|&(a, b)| std::str::from_utf8(&text[a..b]).is_err())
            })
            .flatten();
        if let Some(i) = bad {
            problems.push(Problem::InvalidUtf8 {
                file: file.to_string(),
                line,
                field: names.get(i).cloned().unwrap_or_default(),
            });
            continue;
        }
        on_row(
            Fields {
                file: &file,
                line,
                text,
                spans: &record.spans,
                slots: &slots,
                schema,
                attribute_columns: &attribute_columns,
            },
            problems,
        );
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

    #[test]
    fn slots_are_schema_positions() {
        const S: Schema = Schema {
            required: &["a", "b"],
            optional: &["c"],
            attributes: false,
            needs_rows: true,
        };
        const C: usize = S.slot("c");
        assert_eq!((S.slot("a"), S.slot("b"), C), (0, 1, 2));
        assert_eq!(S.find("c"), Some(2));
        assert_eq!(S.find("d"), None);
        assert_eq!(S.name(C), "c");
    }

    /// A reader that hands out at most `chunk` bytes a call (as a pipe may).
    struct Chunked<'a> {
        data: &'a [u8],
        chunk: usize,
    }

    impl Read for Chunked<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.chunk.min(out.len()).min(self.data.len());
            out[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    /// Every record as (line, fields, quoted, after_quote), then the error or the end and
    /// the line reached.
    fn lex(data: &[u8], chunk: usize, copy_only: bool) -> (Vec<String>, String) {
        let mut lexer = Lexer::new(Chunked { data, chunk });
        lexer.copy_only = copy_only;
        let mut rec = Record::default();
        let mut out = Vec::new();
        let end = loop {
            match lexer.read(&mut rec) {
                Ok(true) => {
                    let text = lexer.text(&rec);
                    let fields: Vec<&[u8]> = rec.spans.iter().map(|&(s, e)| &text[s..e]).collect();
                    out.push(format!(
                        "{} {:?} {} {:?}",
                        rec.line, fields, rec.quoted, rec.after_quote
                    ));
                }
                Ok(false) => break format!("end at line {}", lexer.line),
                Err(LexError::Unterminated(line, i)) => {
                    break format!("unterminated at {line} field {i}");
                }
                Err(LexError::Io(e)) => break format!("io {e}"),
            }
        };
        (out, end)
    }

    #[test]
    fn find_any_finds_the_first_stop_at_every_position() {
        let stops = [b'"', b'\n', b'\r'];
        // Bytes next to the stops and ones whose borrows could fake a match.
        let fill = [b'!', b'#', b'\x0b', b'\x0c', 0, 1, 0x80, 0xFF, b'a'];
        for len in 0..40 {
            for (i, &f) in fill.iter().enumerate() {
                let mut hay: Vec<u8> = (0..len).map(|j| fill[(i + j) % fill.len()] ^ f).collect();
                hay.retain(|x| !stops.contains(x));
                let n = hay.len();
                assert_eq!(find_any(&hay, stops), n, "none in {hay:?}");
                for at in 0..n {
                    for &stop in &stops {
                        let mut h = hay.clone();
                        h[at] = stop;
                        if at + 1 < n {
                            h[at + 1] = stops[0];
                        }
                        assert_eq!(find_any(&h, stops), at, "{h:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn block_masks_mark_exactly_the_bytes_below_dash() {
        // Every byte value, at every position of a block, from every start (full blocks and
        // the short one at the end).
        let buf: Vec<u8> = (0..700u32).map(|i| (i * 37 % 256) as u8).collect();
        for from in 0..buf.len() {
            let want = (buf[from..].iter().take(64).enumerate())
                .filter(|&(_, &b)| b < b'-')
                .fold(0u64, |m, (k, _)| m | 1 << k);
            assert_eq!(block_below_dash(&buf, from), want, "from {from}");
        }
        for k in 0..8 {
            assert_eq!(byte_bits(0x80 << (8 * k)), 1 << k);
        }
        assert_eq!(byte_bits(HIGH_BITS), 0xFF);
        // The positions, in order, resuming anywhere.
        let all: Vec<usize> = (0..buf.len()).filter(|&i| buf[i] < b'-').collect();
        for from in [0, 1, 63, 64, 65, 200, 699] {
            let mut s = Specials::NONE.resume(&buf, 0).resume(&buf, from);
            let got: Vec<usize> = std::iter::from_fn(|| Some(s.next(&buf)))
                .take_while(|&i| i < buf.len())
                .collect();
            let want: Vec<usize> = all.iter().copied().filter(|&i| i >= from).collect();
            assert_eq!(got, want, "from {from}");
        }
    }

    #[test]
    fn records_are_called_utf8_only_when_every_field_is() {
        // Multi-byte characters (two and four bytes) cut by reads at every size, bytes that
        // are not UTF-8 (alone, or starting a character they do not finish), quoted fields.
        let mut data: Vec<u8> = b"id,name\n".to_vec();
        for i in 0..400 {
            let name: &[u8] = match i % 7 {
                0 => "Côte d’Ivoire".as_bytes(),
                1 => "🇪🇺 Union".as_bytes(),
                2 => b"bad \xFF byte",
                3 => b"cut \xC3",
                4 => b"\"quoted \xC3\xA9\"",
                5 => b"\xE2\x82",
                _ => b"plain",
            };
            data.extend_from_slice(format!("r{i},").as_bytes());
            data.extend_from_slice(name);
            data.push(b'\n');
        }
        let utf8_fields = |fields: &[&[u8]]| fields.iter().all(|f| std::str::from_utf8(f).is_ok());
        let mut called_utf8_somewhere = false;
        for chunk in [1, 2, 3, 5, 7, 64, 100, 4095, 4096, usize::MAX] {
            let mut lexer = Lexer::new(Chunked { data: &data, chunk });
            let mut rec = Record::default();
            let mut records = 0;
            while lexer.read(&mut rec).ok().expect("no quote left open") {
                let text = lexer.text(&rec);
                let fields: Vec<&[u8]> = rec.spans.iter().map(|&(a, b)| &text[a..b]).collect();
                if rec.utf8 {
                    assert!(utf8_fields(&fields), "chunk {chunk}, record {records}");
                    called_utf8_somewhere |= !text.is_ascii();
                }
                records += 1;
            }
            assert_eq!(records, 401, "chunk {chunk}");
        }
        // The check as read does call non-ASCII records UTF-8 (not only the ASCII ones).
        assert!(called_utf8_somewhere);
    }

    #[test]
    fn in_place_and_copied_records_agree_at_every_cut() {
        // Every kind of line ending, blank lines, blanks around fields, quotes (doubled,
        // spanning lines, after blanks, with text after them), a BOM, a form feed, UTF-8.
        let cases: [&[u8]; 8] = [
            b"\xEF\xBB\xBFid,date\r\ns1 , 2020-01-01\r\n\r\n  \n\"s 2\",\"a\"\"b\"\rs3,x\r",
            b"a,b\n\"multi\nline\",\"x\r\ny\"\n c ,\t\"q\" \n\"a\"b,c\n",
            b"a,b,c\n,,\n\x0c x\x0c,\"\",\n\n\n1,2,3",
            b"a\n\"open\nb,c\n",
            b"h\r\r\n\r\nv\r",
            b"a,b\n x \"y\" ,z\nh\xC3\xA9,\xFF\n\t\"q\"\t,\"\"\"\"\n",
            b"only,header",
            b"",
        ];
        let long: Vec<u8> = (0..3000)
            .flat_map(|i| {
                let q = if i % 3 == 0 { "\"q\"" } else { "q" };
                format!("row{i},{}, {q}\n", "x".repeat(i % 97)).into_bytes()
            })
            .collect();
        let wide: Vec<u8> = [&b"a,b\n"[..], &vec![b'z'; 150_000], b",1\n2,3\n"].concat();
        for data in cases.iter().copied().chain([&long[..], &wide[..]]) {
            let reference = lex(data, usize::MAX, true);
            for chunk in [1, 2, 3, 5, 7, 64, 4095, 4096, 70_000, usize::MAX] {
                if chunk < 64 && data.len() > 1000 {
                    continue; // slow in debug builds, and the small inputs cover it
                }
                for copy_only in [false, true] {
                    assert_eq!(
                        lex(data, chunk, copy_only),
                        reference,
                        "chunk {chunk}, copy_only {copy_only}, input {:?}",
                        String::from_utf8_lossy(&data[..data.len().min(80)])
                    );
                }
            }
        }
    }
}

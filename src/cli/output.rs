//! Rendering results as an aligned table, CSV or JSON, to stdout or a file.

use super::args::Format;
use super::error::{CliError, CliResult};
use cosignatory::io::write_atomically;
use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::Value;
use std::fmt::Write as _;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::rc::Rc;

/// One value of a result row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text; shared, because results repeat the same ids and dates over millions of rows.
    Text(Rc<str>),
    Int(i64),
    /// A number; `None` where it is undefined (empty in tables and CSV, null in JSON).
    Num(Option<f64>),
}

impl Cell {
    pub fn text(s: impl AsRef<str>) -> Cell {
        Cell::Text(s.as_ref().into())
    }

    /// A text cell sharing `s` (no copy).
    pub fn shared(s: &Rc<str>) -> Cell {
        Cell::Text(Rc::clone(s))
    }

    pub fn int(n: impl Into<i64>) -> Cell {
        Cell::Int(n.into())
    }

    /// As written in CSV: numbers in Rust's shortest round-trip form.
    fn exact(&self) -> String {
        match self {
            Cell::Text(s) => s.to_string(),
            Cell::Int(n) => n.to_string(),
            Cell::Num(v) => v.map(|v| v.to_string()).unwrap_or_default(),
        }
    }

    /// As shown to people: 4 decimals are plenty to compare scores by eye.
    fn shown(&self) -> String {
        match self {
            Cell::Num(Some(v)) => fixed4(*v),
            Cell::Num(None) => "-".into(),
            other => other.exact(),
        }
    }

    fn json(&self) -> Value {
        match self {
            Cell::Text(s) => Value::String(s.to_string()),
            Cell::Int(n) => Value::from(*n),
            Cell::Num(v) => v
                .and_then(serde_json::Number::from_f64)
                .map_or(Value::Null, Value::Number),
        }
    }
}

/// A result table: named columns and rows of cells.
#[derive(Debug, Clone)]
pub struct Records {
    columns: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

impl Records {
    pub fn new<S: AsRef<str>>(columns: &[S]) -> Self {
        Records {
            columns: columns.iter().map(|c| c.as_ref().to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len(), "row width");
        self.rows.push(row);
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn write(&self, format: Format, out: &mut dyn Write) -> io::Result<()> {
        match format {
            Format::Table => self.write_table(out),
            Format::Csv => self.write_csv(out),
            Format::Json => {
                let rows: Vec<JsonRow> = self
                    .rows
                    .iter()
                    .map(|cells| JsonRow {
                        columns: &self.columns,
                        cells,
                    })
                    .collect();
                write_json(out, &rows)
            }
        }
    }

    fn write_csv(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(&self.columns).map_err(csv_io)?;
        // Field by field with one reused buffer: results can run to millions of rows.
        let mut number = String::new();
        for row in &self.rows {
            for cell in row {
                number.clear();
                let field = match cell {
                    Cell::Text(s) => s,
                    Cell::Int(n) => {
                        write!(number, "{n}").expect("writing to a String");
                        number.as_str()
                    }
                    Cell::Num(v) => {
                        if let Some(v) = v {
                            write!(number, "{v}").expect("writing to a String");
                        }
                        number.as_str()
                    }
                };
                w.write_field(field).map_err(csv_io)?;
            }
            w.write_record(None::<&[u8]>).map_err(csv_io)?;
        }
        w.flush()
    }

    fn write_table(&self, out: &mut dyn Write) -> io::Result<()> {
        let shown: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| r.iter().map(Cell::shown).collect())
            .collect();
        let mut width: Vec<usize> = self.columns.iter().map(|c| c.chars().count()).collect();
        for row in &shown {
            for (w, s) in width.iter_mut().zip(row) {
                *w = (*w).max(s.chars().count());
            }
        }
        // Numbers are right-aligned so that decimal points line up.
        let numeric: Vec<bool> = (0..self.columns.len())
            .map(|c| {
                !self.rows.is_empty()
                    && self
                        .rows
                        .iter()
                        .all(|r| matches!(r[c], Cell::Int(_) | Cell::Num(_)))
            })
            .collect();
        let line = |cells: &[String]| {
            let parts: Vec<String> = cells
                .iter()
                .enumerate()
                .map(|(c, s)| {
                    if numeric[c] {
                        format!("{s:>w$}", w = width[c])
                    } else {
                        format!("{s:<w$}", w = width[c])
                    }
                })
                .collect();
            parts.join("  ").trim_end().to_string()
        };
        writeln!(out, "{}", line(&self.columns))?;
        for row in &shown {
            writeln!(out, "{}", line(row))?;
        }
        Ok(())
    }
}

/// The I/O error inside a CSV error keeps its kind, so a closed pipe is still recognised.
fn csv_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Appends `v` as `format!("{v}")` writes it (Rust's shortest round-trip digits, never an
/// exponent: `1`, `0.25`, `0.0000001`, `-0`), through ryu's digits where they must be the
/// same: the CSV of millions of scores spends much of its time here otherwise.
///
/// Both give the shortest digits that read back as `v`, and of those the closest to `v`; they
/// differ only on an exact tie between two closest candidates (ryu rounds half to even, Rust
/// half up). A tie needs two candidates one digit step apart within one ulp of `v`, so a step
/// of at most 2⁻⁵² relative: 16 or more significant digits. Of those, the values that are a
/// tie (see [`is_tie`]) go through `Display`; checking is cheap, most scores have 17 digits.
pub fn push_f64(out: &mut Vec<u8>, v: f64) {
    if !v.is_finite() {
        out.extend_from_slice(v.to_string().as_bytes());
        return;
    }
    let shortest = Shortest::of(v);
    if shortest.digits().len() >= 16 && is_tie(v, shortest.point - shortest.len as i64) {
        use std::io::Write as _;
        write!(out, "{v}").expect("writing to a Vec");
    } else {
        shortest.push(out);
    }
}

/// ryu's shortest digits of a finite value, without leading or trailing zeros, and where the
/// decimal point goes (the value is `0.DIGITS × 10^point`).
struct Shortest {
    negative: bool,
    /// Digits `start..start + len` of the buffer.
    digits: [u8; 32],
    start: usize,
    len: usize,
    point: i64,
}

impl Shortest {
    fn of(v: f64) -> Self {
        let mut buffer = ryu::Buffer::new();
        let text = buffer.format_finite(v).as_bytes();
        // ryu writes `-?D+(.D+)?(eE)?`: gather the digits and where the point goes.
        let (negative, text) = match text.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, text),
        };
        let (mantissa, exponent) = match text.iter().position(|&c| c == b'e') {
            Some(e) => (&text[..e], parse_exponent(&text[e + 1..])),
            None => (text, 0),
        };
        let mut digits = [0u8; 32];
        let mut len = 0;
        let mut point = None;
        for &c in mantissa {
            if c == b'.' {
                point = Some(len);
            } else {
                digits[len] = c;
                len += 1;
            }
        }
        let start = digits[..len].iter().take_while(|&&d| d == b'0').count();
        let point = point.unwrap_or(len) as i64 + exponent - start as i64;
        while len > start && digits[len - 1] == b'0' {
            len -= 1;
        }
        Shortest {
            negative,
            digits,
            start,
            len: len - start,
            point,
        }
    }

    fn digits(&self) -> &[u8] {
        &self.digits[self.start..self.start + self.len]
    }

    /// Appends the value in `Display`'s layout (no exponent).
    fn push(&self, out: &mut Vec<u8>) {
        let (digits, point) = (self.digits(), self.point);
        if self.negative {
            out.push(b'-');
        }
        if digits.is_empty() {
            out.push(b'0');
        } else if point <= 0 {
            out.extend_from_slice(b"0.");
            out.extend(std::iter::repeat_n(b'0', point.unsigned_abs() as usize));
            out.extend_from_slice(digits);
        } else if point as usize >= digits.len() {
            out.extend_from_slice(digits);
            out.extend(std::iter::repeat_n(b'0', point as usize - digits.len()));
        } else {
            let (int, frac) = digits.split_at(point as usize);
            out.extend_from_slice(int);
            out.push(b'.');
            out.extend_from_slice(frac);
        }
    }
}

/// Whether `|v|` lies exactly halfway between two multiples of `10^step` (or, for `step ≥ 0`,
/// might: those are at least 10¹⁵ and go to `Display` unchecked).
///
/// With `|v| = m·2^e`, `m` odd, and `step < 0`: `2|v|·10^-step = m·5^-step·2^(e+1-step)` is
/// an odd integer, the mark of a midpoint, exactly when `e + 1 - step = 0`.
fn is_tie(v: f64, step: i64) -> bool {
    if step >= 0 {
        return true;
    }
    let bits = v.to_bits();
    let (fraction, biased) = (bits & ((1 << 52) - 1), (bits >> 52) & 0x7ff);
    let (mantissa, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased as i64 - 1075)
    };
    exponent + i64::from(mantissa.trailing_zeros()) + 1 == step
}

/// The exponent after ryu's `e`.
fn parse_exponent(text: &[u8]) -> i64 {
    let (sign, digits) = match text.split_first() {
        Some((b'-', rest)) => (-1, rest),
        _ => (1, text),
    };
    sign * digits
        .iter()
        .fold(0i64, |n, &d| n * 10 + i64::from(d - b'0'))
}

/// Appends `n` in decimal.
pub fn push_u64(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[k..]);
}

/// Appends `field` as the csv crate writes it (quoted, quotes doubled, when it holds a comma,
/// a quote or a line break), for rows formatted without its writer.
pub fn push_csv_field(out: &mut Vec<u8>, field: &str) {
    if field
        .bytes()
        .any(|c| matches!(c, b',' | b'"' | b'\r' | b'\n'))
    {
        out.push(b'"');
        for c in field.bytes() {
            if c == b'"' {
                out.push(b'"');
            }
            out.push(c);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(field.as_bytes());
    }
}

/// Writes ids separated by spaces, wrapped at about 100 columns with `indent`, so long
/// member lists stay readable in a terminal.
pub fn write_wrapped<S: AsRef<str>>(
    out: &mut dyn Write,
    indent: &str,
    ids: &[S],
) -> io::Result<()> {
    let mut line = String::new();
    for id in ids {
        let id = id.as_ref();
        if !line.is_empty() && indent.len() + line.len() + id.len() >= 100 {
            writeln!(out, "{indent}{line}")?;
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(id);
    }
    writeln!(out, "{indent}{line}")
}

/// A row as a JSON object whose keys keep the column order (serde_json's own maps sort them).
struct JsonRow<'a> {
    columns: &'a [String],
    cells: &'a [Cell],
}

impl Serialize for JsonRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.columns.len()))?;
        for (c, v) in self.columns.iter().zip(self.cells) {
            map.serialize_entry(c, &v.json())?;
        }
        map.end()
    }
}

/// The JSON of [`Records::write`] written row by row, the same bytes, for results too long to
/// hold (`align --format json` over 12.5 million pairs).
pub struct JsonRows<'w> {
    out: &'w mut dyn Write,
    columns: Vec<String>,
    rows: usize,
}

impl<'w> JsonRows<'w> {
    pub fn new<S: AsRef<str>>(out: &'w mut dyn Write, columns: &[S]) -> Self {
        JsonRows {
            out,
            columns: columns.iter().map(|c| c.as_ref().to_string()).collect(),
            rows: 0,
        }
    }

    pub fn row(&mut self, cells: &[Cell]) -> io::Result<()> {
        let row = JsonRow {
            columns: &self.columns,
            cells,
        };
        let text = serde_json::to_string_pretty(&row)?;
        // serde_json's pretty array: `[`, each element indented by two spaces, `,` between.
        // A row's strings hold no raw newline (JSON escapes it), so lines are elements' lines.
        self.out
            .write_all(if self.rows == 0 { b"[\n" } else { b",\n" })?;
        for (k, line) in text.lines().enumerate() {
            if k > 0 {
                self.out.write_all(b"\n")?;
            }
            self.out.write_all(b"  ")?;
            self.out.write_all(line.as_bytes())?;
        }
        self.rows += 1;
        Ok(())
    }

    pub fn finish(self) -> io::Result<()> {
        if self.rows == 0 {
            self.out.write_all(b"[]\n")
        } else {
            self.out.write_all(b"\n]\n")
        }
    }
}

/// A number with four decimals, without the sign of a value that rounds to zero (`-0.0000`
/// reads as a negative result).
pub fn fixed4(v: f64) -> String {
    let s = format!("{v:.4}");
    if s == "-0.0000" {
        "0.0000".to_string()
    } else {
        s
    }
}

/// "1 member", "2 members".
pub fn members(n: usize) -> String {
    if n == 1 {
        "1 member".to_string()
    } else {
        format!("{n} members")
    }
}

pub fn write_json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// Runs `write` on the chosen destination (a file, or stdout) and flushes it. A closed pipe
/// (`cosignatory ... | head`) ends the output quietly rather than as an error.
pub fn emit(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> CliResult<()> {
    match path {
        Some(p) => write_atomically(
            p,
            |w| write(w).map_err(|e| CliError::io(p, &e)),
            |p, e| CliError::io(p, &e),
        ),
        None => {
            let mut w = BufWriter::new(io::stdout().lock());
            match write(&mut w).and_then(|()| w.flush()) {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                other => other.map_err(|e| CliError::io(Path::new("<stdout>"), &e)),
            }
        }
    }
}

/// Runs a library export on the destination, streaming. Exports check the graph and its
/// attributes before writing anything, so an [`cosignatory::Error::Io`] is the destination's
/// own failure and any other error comes before the first byte. Files are written
/// atomically ([`write_atomically`]): a rejected or failed export leaves nothing behind.
pub fn emit_export(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> cosignatory::Result<()>,
) -> CliResult<()> {
    let own = |e: cosignatory::Error| match e {
        cosignatory::Error::Io { source, .. } => Ok(source),
        other => Err(CliError::from(other)),
    };
    match path {
        Some(p) => write_atomically(
            p,
            |w| write(w).or_else(|e| Err(CliError::io(p, &own(e)?))),
            |p, e| CliError::io(p, &e),
        ),
        None => {
            let mut w = BufWriter::new(io::stdout().lock());
            match write(&mut w).map_err(own) {
                Ok(()) => match w.flush() {
                    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                    other => other.map_err(|e| CliError::io(Path::new("<stdout>"), &e)),
                },
                Err(Ok(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                Err(Ok(e)) => Err(CliError::io(Path::new("<stdout>"), &e)),
                Err(Err(e)) => Err(e),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Records {
        let mut r = Records::new(&["a", "score", "n"]);
        r.push(vec![Cell::text("USA"), Cell::Num(Some(0.5)), Cell::int(3)]);
        r.push(vec![Cell::text("GBR"), Cell::Num(None), Cell::int(0)]);
        r
    }

    fn render(format: Format) -> String {
        let mut out = Vec::new();
        sample().write(format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn exports_stream_and_rejected_exports_leave_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        let rejected = emit_export(Some(&path), |_| {
            Err(cosignatory::Error::InvalidParameter {
                name: "graph",
                value: "A B".into(),
                reason: "edge weight inf is not finite".into(),
            })
        });
        assert!(rejected.is_err());
        assert!(!path.exists());
        emit_export(Some(&path), |out| {
            out.write_all(b"a,b\n")
                .map_err(|source| cosignatory::Error::Io {
                    path: "<writer>".into(),
                    source,
                })
        })
        .unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a,b\n");
        // Nothing written is still an (empty) file.
        let empty = dir.path().join("empty.csv");
        emit_export(Some(&empty), |_| Ok(())).unwrap();
        assert_eq!(std::fs::read(&empty).unwrap(), b"");
        // The destination's own failure names the destination.
        let missing = dir.path().join("no/such/dir.csv");
        let e = emit_export(Some(&missing), |out| {
            out.write_all(b"x")
                .map_err(|source| cosignatory::Error::Io {
                    path: "<writer>".into(),
                    source,
                })
        })
        .unwrap_err();
        assert!(format!("{e}").contains("dir.csv"), "{e}");
    }

    #[test]
    fn wraps_long_id_lists() {
        let ids: Vec<String> = (0..60).map(|i| format!("A{i:02}")).collect();
        let mut out = Vec::new();
        write_wrapped(&mut out, "  ", &ids).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.lines().count() >= 2);
        assert!(text.lines().all(|l| l.len() < 100 && l.starts_with("  A")));
        assert_eq!(text.split_whitespace().count(), 60);
    }

    #[test]
    fn floats_are_written_as_display_writes_them() {
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            0.5,
            1.0 / 3.0,
            -2.0 / 3.0,
            1e-7,
            1.5e-300,
            f64::MIN_POSITIVE,
            5e-324,
            1e15,
            1e16,
            1.2345e22,
            f64::MAX,
            f64::MIN,
            1.6582067800885623e15,
            0.5 + 1.0 / 131_072.0,
            123456.0,
            0.000123,
        ];
        // A fixed sequence of bit patterns over every exponent, and scores in [-1, 1].
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        for k in 0..200_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push(f64::from_bits(x));
            values.push((x >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0);
            values.push(k as f64 / 997.0);
            // Ties between two closest candidates (odd multiples of 2^-17 in [0.5, 1), …).
            values.push((2 * k + 1) as f64 / (1u64 << 18) as f64 + 0.5);
            values.push(((x >> 11) | 1) as f64 * 0.25);
        }
        // Odd multiples of 2^(q-1) for steps 10^q from 10^-1 to 10^-330, over every binade:
        // the midpoints `is_tie` looks for, where they can be shortest.
        for q in 1..=330i32 {
            for k in 0..64u64 {
                let m = (x.rotate_left(k as u32) >> 11) | 1;
                values.push(m as f64 * 2f64.powi(-q - 1 - k as i32));
                values.push(-(((m >> (k % 52)) | 1) as f64) * 2f64.powi(-q - 1));
            }
        }
        values.extend([f64::NAN, f64::INFINITY, f64::NEG_INFINITY]);
        let mut out = Vec::new();
        let (mut ties, mut differ) = (0, 0);
        for v in values {
            out.clear();
            push_f64(&mut out, v);
            assert_eq!(std::str::from_utf8(&out).unwrap(), v.to_string(), "{v:e}");
            if v.is_finite() {
                let shortest = Shortest::of(v);
                let step = shortest.point - shortest.len as i64;
                ties += usize::from(shortest.len >= 16 && is_tie(v, step));
                out.clear();
                shortest.push(&mut out);
                differ += usize::from(out != v.to_string().as_bytes());
            }
        }
        // The ties are there, and ryu's digits would have been wrong on some of them.
        assert!(differ > 0 && ties >= differ, "{differ} differ, {ties} ties");
    }

    #[test]
    fn fields_are_quoted_as_the_csv_writer_quotes_them() {
        for field in [
            "USA",
            "",
            "a,b",
            "say \"hi\"",
            "two\nlines",
            "cr\r",
            "#x",
            " pad ",
        ] {
            let mut ours = Vec::new();
            push_csv_field(&mut ours, field);
            ours.extend_from_slice(b",1\n");
            let mut theirs = csv::Writer::from_writer(Vec::new());
            theirs.write_record([field, "1"]).unwrap();
            assert_eq!(ours, theirs.into_inner().unwrap(), "{field:?}");
        }
        for n in [0u64, 7, 10, 99, 12345, u64::MAX] {
            let mut out = Vec::new();
            push_u64(&mut out, n);
            assert_eq!(out, n.to_string().as_bytes());
        }
    }

    #[test]
    fn csv_leaves_undefined_empty() {
        assert_eq!(render(Format::Csv), "a,score,n\nUSA,0.5,3\nGBR,,0\n");
    }

    #[test]
    fn json_rows_are_the_bytes_of_the_whole_table() {
        let table = render(Format::Json);
        let mut r = sample();
        let mut out = Vec::new();
        let mut rows = JsonRows::new(&mut out, &r.columns);
        for row in &r.rows {
            rows.row(row).unwrap();
        }
        rows.finish().unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), table);
        r.rows.clear();
        let mut one = Vec::new();
        r.write(Format::Json, &mut one).unwrap();
        let mut out = Vec::new();
        JsonRows::new(&mut out, &r.columns).finish().unwrap();
        assert_eq!(out, one);
    }

    #[test]
    fn json_writes_null_for_undefined_and_keeps_column_order() {
        let text = render(Format::Json);
        assert!(text.find("\"a\"").unwrap() < text.find("\"score\"").unwrap());
        assert!(text.find("\"score\"").unwrap() < text.find("\"n\"").unwrap());
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v[0]["score"], 0.5);
        assert!(v[1]["score"].is_null());
        assert_eq!(v[1]["n"], 0);
    }

    #[test]
    fn table_aligns_numbers_right() {
        let t = render(Format::Table);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "a     score  n");
        assert_eq!(lines[1], "USA  0.5000  3");
        assert_eq!(lines[2], "GBR       -  0");
    }
}

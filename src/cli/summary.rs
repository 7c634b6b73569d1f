//! `cosignatory summary`: what is in the (filtered) data.

use super::args::{Format, SummaryArgs};
use super::common;
use super::error::CliResult;
use super::output::{self, Cell, Records};
use cosignatory::model::ViewSummary;
use std::io::Write;

pub fn run(args: &SummaryArgs) -> CliResult<()> {
    let ds = common::load(&args.data)?;
    let view = common::view(&ds, &args.data)?;
    let s = view.summary(args.top);
    output::emit(args.output.out.as_deref(), |out| match args.output.format {
        Format::Table => write_table(out, &s),
        Format::Csv => records(&s).write(Format::Csv, out),
        Format::Json => output::write_json(out, &s),
    })
}

fn write_table(out: &mut dyn Write, s: &ViewSummary) -> std::io::Result<()> {
    writeln!(out, "statements  {}", s.statements)?;
    writeln!(out, "signatures  {}", s.signatures)?;
    writeln!(out, "actors      {} (taking part in the view)", s.actors)?;
    match (s.first_date, s.last_date) {
        (Some(a), Some(b)) => writeln!(out, "dates       {a} to {b}")?,
        _ => writeln!(out, "dates       none (no statement matches)")?,
    }
    writeln!(out, "\nStatements per year")?;
    let mut years = Records::new(&["year", "statements"]);
    for (y, n) in &s.per_year {
        years.push(vec![Cell::text(y.to_string()), Cell::int(*n as i64)]);
    }
    years.write(Format::Table, out)?;
    writeln!(out, "\nStatements per kind")?;
    let mut kinds = Records::new(&["kind", "statements"]);
    for (k, n) in &s.per_kind {
        kinds.push(vec![Cell::text(k), Cell::int(*n as i64)]);
    }
    kinds.write(Format::Table, out)?;
    if !s.per_topic.is_empty() {
        writeln!(out, "\nStatements per topic")?;
        let mut topics = Records::new(&["topic", "statements"]);
        for (t, n) in &s.per_topic {
            topics.push(vec![Cell::text(t), Cell::int(*n as i64)]);
        }
        topics.write(Format::Table, out)?;
    }
    writeln!(out, "\nTop {} signatories", s.top_signatories.len())?;
    let mut top = Records::new(&["actor", "name", "statements"]);
    for a in &s.top_signatories {
        top.push(vec![
            Cell::text(&a.id),
            Cell::text(&a.name),
            Cell::int(a.statements as i64),
        ]);
    }
    top.write(Format::Table, out)?;
    writeln!(
        out,
        "\nBlocs (members on the last date; statements signed as the bloc)"
    )?;
    let mut blocs = Records::new(&["bloc", "name", "members", "statements"]);
    for b in &s.blocs {
        blocs.push(vec![
            Cell::text(&b.id),
            Cell::text(&b.name),
            Cell::int(b.members as i64),
            Cell::int(b.statements as i64),
        ]);
    }
    blocs.write(Format::Table, out)
}

/// One long table for scripts: `section,key,name,value`.
fn records(s: &ViewSummary) -> Records {
    let mut r = Records::new(&["section", "key", "name", "value"]);
    let mut row = |section: &str, key: String, name: &str, value: usize| {
        r.push(vec![
            Cell::text(section),
            Cell::text(key),
            Cell::text(name),
            Cell::int(value as i64),
        ]);
    };
    row("total", "statements".into(), "", s.statements);
    row("total", "signatures".into(), "", s.signatures);
    row("total", "actors".into(), "", s.actors);
    for (y, n) in &s.per_year {
        row("year", y.to_string(), "", *n);
    }
    for (k, n) in &s.per_kind {
        row("kind", k.clone(), "", *n);
    }
    for (t, n) in &s.per_topic {
        row("topic", t.clone(), "", *n);
    }
    for a in &s.top_signatories {
        row("signatory", a.id.clone(), &a.name, a.statements);
    }
    for b in &s.blocs {
        row("bloc_members", b.id.clone(), &b.name, b.members);
        row("bloc_statements", b.id.clone(), &b.name, b.statements);
    }
    r
}

//! `cosignatory summary`: what is in the (filtered) data.

use super::args::{Format, SummaryArgs};
use super::common;
use super::error::CliResult;
use super::output::{self, Cell, Records};
use chrono::{Datelike, NaiveDate};
use cosignatory::model::{ActorIdx, View};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

struct Summary {
    statements: usize,
    signatures: usize,
    actors: usize,
    dates: Option<(NaiveDate, NaiveDate)>,
    per_year: BTreeMap<i32, usize>,
    per_kind: BTreeMap<String, usize>,
    /// (actor, statements taken part in), most first.
    top: Vec<(ActorIdx, usize)>,
    /// (bloc, members on the last date, statements it took part in as itself).
    blocs: Vec<(ActorIdx, usize, usize)>,
}

fn summarise(view: &View<'_>, top: usize) -> Summary {
    let ds = view.dataset();
    let mut per_actor = vec![0usize; ds.actors().len()];
    let mut direct = vec![0usize; ds.actors().len()];
    let (mut per_year, mut per_kind) = (BTreeMap::new(), BTreeMap::new());
    let (mut statements, mut signatures) = (0, 0);
    let mut dates: Option<(NaiveDate, NaiveDate)> = None;
    for s in view.statements() {
        let st = ds.statement(s);
        statements += 1;
        *per_year.entry(st.date.year()).or_default() += 1;
        *per_kind.entry(st.kind.to_string()).or_default() += 1;
        dates = Some(dates.map_or((st.date, st.date), |(a, _)| (a, st.date)));
        view.for_each_signature(s, |x| {
            signatures += 1;
            per_actor[x.actor.index()] += 1;
            if x.via.is_none() {
                direct[x.actor.index()] += 1;
            }
        });
    }
    let mut ranked: Vec<(ActorIdx, usize)> = per_actor
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(a, n)| (ActorIdx(a as u32), *n))
        .collect();
    let actors = ranked.len();
    // Most statements first; ties in id order (actors are sorted by id).
    ranked.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    ranked.truncate(top);
    let on = dates.map(|d| d.1).or(ds.date_range().map(|d| d.1));
    let blocs = (0..ds.actors().len())
        .map(|a| ActorIdx(a as u32))
        .filter(|&b| ds.has_members(b))
        .map(|b| {
            let members = on.map_or(0, |d| ds.members_on(b, d).len());
            (b, members, direct[b.index()])
        })
        .collect();
    Summary {
        statements,
        signatures,
        actors,
        dates,
        per_year,
        per_kind,
        top: ranked,
        blocs,
    }
}

pub fn run(args: &SummaryArgs) -> CliResult<()> {
    let ds = common::load(&args.data)?;
    let view = common::view(&ds, &args.data)?;
    let s = summarise(&view, args.top);
    let mode = args.data.bloc_mode.name();
    output::emit(args.output.out.as_deref(), |out| match args.output.format {
        Format::Table => write_table(out, &view, &s),
        Format::Csv => records(&view, &s).write(Format::Csv, out),
        Format::Json => output::write_json(out, &to_json(&view, &s, mode)),
    })
}

fn write_table(out: &mut dyn Write, view: &View<'_>, s: &Summary) -> std::io::Result<()> {
    let ds = view.dataset();
    writeln!(out, "statements  {}", s.statements)?;
    writeln!(out, "signatures  {}", s.signatures)?;
    writeln!(out, "actors      {} (taking part in the view)", s.actors)?;
    match s.dates {
        Some((a, b)) => writeln!(out, "dates       {a} to {b}")?,
        None => writeln!(out, "dates       none (no statement matches)")?,
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
    writeln!(out, "\nTop {} signatories", s.top.len())?;
    let mut top = Records::new(&["actor", "name", "statements"]);
    for (a, n) in &s.top {
        let actor = ds.actor(*a);
        top.push(vec![
            Cell::text(&actor.id),
            Cell::text(&actor.name),
            Cell::int(*n as i64),
        ]);
    }
    top.write(Format::Table, out)?;
    writeln!(
        out,
        "\nBlocs (members on the last date; statements signed as the bloc)"
    )?;
    let mut blocs = Records::new(&["bloc", "name", "members", "statements"]);
    for (b, m, n) in &s.blocs {
        let actor = ds.actor(*b);
        blocs.push(vec![
            Cell::text(&actor.id),
            Cell::text(&actor.name),
            Cell::int(*m as i64),
            Cell::int(*n as i64),
        ]);
    }
    blocs.write(Format::Table, out)
}

/// One long table for scripts: `section,key,name,value`.
fn records(view: &View<'_>, s: &Summary) -> Records {
    let ds = view.dataset();
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
    for (a, n) in &s.top {
        let actor = ds.actor(*a);
        row("signatory", actor.id.clone(), &actor.name, *n);
    }
    for (b, m, n) in &s.blocs {
        let actor = ds.actor(*b);
        row("bloc_members", actor.id.clone(), &actor.name, *m);
        row("bloc_statements", actor.id.clone(), &actor.name, *n);
    }
    r
}

#[derive(Serialize)]
struct Json<'a> {
    statements: usize,
    signatures: usize,
    actors: usize,
    first_date: Option<String>,
    last_date: Option<String>,
    bloc_mode: &'a str,
    per_year: BTreeMap<String, usize>,
    per_kind: &'a BTreeMap<String, usize>,
    top_signatories: Vec<Ranked<'a>>,
    blocs: Vec<Bloc<'a>>,
}

#[derive(Serialize)]
struct Ranked<'a> {
    id: &'a str,
    name: &'a str,
    statements: usize,
}

#[derive(Serialize)]
struct Bloc<'a> {
    id: &'a str,
    name: &'a str,
    members: usize,
    statements: usize,
}

fn to_json<'a>(view: &View<'a>, s: &'a Summary, mode: &'a str) -> Json<'a> {
    let ds = view.dataset();
    Json {
        statements: s.statements,
        signatures: s.signatures,
        actors: s.actors,
        first_date: s.dates.map(|d| d.0.to_string()),
        last_date: s.dates.map(|d| d.1.to_string()),
        bloc_mode: mode,
        per_year: s
            .per_year
            .iter()
            .map(|(y, n)| (y.to_string(), *n))
            .collect(),
        per_kind: &s.per_kind,
        top_signatories: s
            .top
            .iter()
            .map(|(a, n)| {
                let actor = ds.actor(*a);
                Ranked {
                    id: &actor.id,
                    name: &actor.name,
                    statements: *n,
                }
            })
            .collect(),
        blocs: s
            .blocs
            .iter()
            .map(|(b, m, n)| {
                let actor = ds.actor(*b);
                Bloc {
                    id: &actor.id,
                    name: &actor.name,
                    members: *m,
                    statements: *n,
                }
            })
            .collect(),
    }
}

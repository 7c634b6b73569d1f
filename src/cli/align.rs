//! `cosignatory align`: dyadic alignment per window, with optional bootstrap intervals.

use super::args::{AlignArgs, CodingArg, Format, UncertaintyArgs, UniverseArg};
use super::common;
use super::error::{CliError, CliResult};
use super::output::{self, Cell, Records};
use cosignatory::align::uncertainty::{BootstrapConfig, bootstrap};
use cosignatory::align::{Coding, Dyad, Measure, Options, Universe, position_matrix};
use cosignatory::model::{Dataset, View};
use cosignatory::time::Window;
use std::collections::HashMap;
use std::rc::Rc;

/// One scored pair in one window.
pub struct Row {
    pub a: Rc<str>,
    pub b: Rc<str>,
    pub window: Window,
    pub score: Option<f64>,
    pub n: u32,
    pub interval: Option<(Option<f64>, Option<f64>)>,
}

/// Everything needed to score pairs over windows, resolved from the arguments.
pub struct Setup {
    pub measure: Measure,
    pub coding: Coding,
    pub universe: Universe,
    pub bootstrap: Option<BootstrapConfig>,
}

/// Which pairs to score.
pub enum Pairs {
    All,
    Actor(String),
    List(Vec<(String, String)>),
}

pub fn setup(
    ds: &Dataset,
    view: &View<'_>,
    measure: Measure,
    coding: CodingArg,
    universe: Option<&UniverseArg>,
    uncertainty: &UncertaintyArgs,
) -> CliResult<Setup> {
    let roll_call = common::is_roll_call(view);
    let coding = common::coding(coding, roll_call);
    if measure.needs_binary() && !coding.scale().is_binary() {
        return Err(CliError::usage(format!(
            "measure {measure} needs a binary coding; add --coding cosignature or --coding yes-no"
        )));
    }
    let bootstrap =
        (uncertainty.ci.is_some() || uncertainty.bootstrap.is_some()).then(|| BootstrapConfig {
            replicates: uncertainty.bootstrap.unwrap_or(1000),
            level: uncertainty.ci.unwrap_or(0.95),
            seed: uncertainty.seed,
            options: Options::default(),
        });
    if bootstrap.is_some() && measure == Measure::Newman {
        return Err(CliError::usage(
            "no bootstrap for newman: it needs each statement's signer count, which a resampled \
             pair table does not keep",
        ));
    }
    Ok(Setup {
        measure,
        coding,
        universe: common::universe(ds, universe, roll_call)?,
        bootstrap,
    })
}

pub fn run(args: &AlignArgs) -> CliResult<()> {
    let ds = common::load(&args.data)?;
    let view = common::view(&ds, &args.data)?;
    let pairs = if !args.pairs.is_empty() {
        Pairs::List(args.pairs.clone())
    } else if let Some(a) = &args.actor {
        Pairs::Actor(a.clone())
    } else {
        Pairs::All
    };
    let s = setup(
        &ds,
        &view,
        args.measure,
        args.coding,
        args.universe.as_ref(),
        &args.uncertainty,
    )?;
    let windows = common::windows(&view, &args.data, &args.windows)?;
    let rows = score(&view, &windows, &pairs, &s)?;
    let records = to_records(&rows, &s);
    output::emit(args.output.out.as_deref(), |out| {
        if args.output.format == Format::Table {
            writeln!(
                out,
                "{}, coding {}, universe {}; {} window(s), {} row(s)\n",
                s.measure,
                coding_name(args.coding, common::is_roll_call(&view)),
                common::universe_name(&s.universe),
                windows.len(),
                records.len()
            )?;
        }
        records.write(args.output.format, out)
    })
}

fn coding_name(arg: CodingArg, roll_call: bool) -> &'static str {
    match arg {
        CodingArg::Auto if roll_call => "voeten",
        CodingArg::Auto | CodingArg::Cosignature => "cosignature",
        CodingArg::Voeten => "voeten",
        CodingArg::Fpsim => "fpsim",
        CodingArg::YesNo => "yes-no",
    }
}

/// Scores the pairs in every window. The position matrix always holds every actor of the
/// view (plus those asked for), so a measure that depends on the other actors (Newman's
/// signer counts) gives the same value whichever pairs are printed.
pub fn score(view: &View<'_>, windows: &[Window], pairs: &Pairs, s: &Setup) -> CliResult<Vec<Row>> {
    let ds = view.dataset();
    let mut actors = vec![false; ds.actors().len()];
    for st in view.statements() {
        view.for_each_signature(st, |x| actors[x.actor.index()] = true);
    }
    let asked: Vec<&str> = match pairs {
        Pairs::All => Vec::new(),
        Pairs::Actor(a) => vec![a.as_str()],
        Pairs::List(l) => l
            .iter()
            .flat_map(|(a, b)| [a.as_str(), b.as_str()])
            .collect(),
    };
    for id in &asked {
        actors[common::actor(ds, id)?.index()] = true;
    }
    let ids: Vec<&str> = ds
        .actors()
        .iter()
        .zip(&actors)
        .filter(|(_, keep)| **keep)
        .map(|(a, _)| a.id.as_str())
        .collect();
    let pos = |id: &str| ids.binary_search(&id).expect("listed actor");
    let index_pairs: Vec<(usize, usize)> = match pairs {
        Pairs::All => (0..ids.len())
            .flat_map(|i| (i + 1..ids.len()).map(move |j| (i, j)))
            .collect(),
        Pairs::Actor(a) => {
            let i = pos(a);
            (0..ids.len()).filter(|&j| j != i).map(|j| (i, j)).collect()
        }
        Pairs::List(l) => l.iter().map(|(a, b)| (pos(a), pos(b))).collect(),
    };
    let steps = if s.bootstrap.is_some() {
        windows.len() * index_pairs.len()
    } else {
        windows.len()
    };
    let bar = common::progress(steps as u64, "alignment");
    let shared: Vec<Rc<str>> = ids.iter().map(|&id| Rc::from(id)).collect();
    let mut rows = Vec::with_capacity(windows.len() * index_pairs.len());
    for w in windows {
        let v = view.clone().between(w.start, w.end);
        let m = position_matrix(&v, Some(&ids), &s.coding, &s.universe)?;
        let scores = m.all_pairs(s.measure, &Options::default())?;
        for &(i, j) in &index_pairs {
            let score = scores.get(i, j);
            let interval = match &s.bootstrap {
                Some(cfg) => {
                    let (x, y) = (m.actor_codes(i), m.actor_codes(j));
                    let ci = bootstrap(s.measure, &Dyad::new(m.scale(), &x, &y)?, cfg)?;
                    bar.inc(1);
                    Some((ci.lower, ci.upper))
                }
                None => None,
            };
            rows.push(Row {
                a: Rc::clone(&shared[i]),
                b: Rc::clone(&shared[j]),
                window: *w,
                score: score.value,
                n: score.n,
                interval,
            });
        }
        if s.bootstrap.is_none() {
            bar.inc(1);
        }
    }
    bar.finish_and_clear();
    Ok(rows)
}

/// `a,b,window_start,window_end,measure,score,n[,ci_low,ci_high]`.
fn to_records(rows: &[Row], s: &Setup) -> Records {
    let mut columns = vec![
        "a",
        "b",
        "window_start",
        "window_end",
        "measure",
        "score",
        "n",
    ];
    if s.bootstrap.is_some() {
        columns.extend(["ci_low", "ci_high"]);
    }
    let mut r = Records::new(&columns);
    let measure: Rc<str> = s.measure.name().into();
    let mut dates: HashMap<chrono::NaiveDate, Rc<str>> = HashMap::new();
    let mut date =
        |d: chrono::NaiveDate| Rc::clone(dates.entry(d).or_insert_with(|| d.to_string().into()));
    for row in rows {
        let mut cells = vec![
            Cell::shared(&row.a),
            Cell::shared(&row.b),
            Cell::Text(date(row.window.start)),
            Cell::Text(date(row.window.end)),
            Cell::shared(&measure),
            Cell::Num(row.score),
            Cell::int(row.n),
        ];
        if let Some((lo, hi)) = row.interval {
            cells.extend([Cell::Num(lo), Cell::Num(hi)]);
        }
        r.push(cells);
    }
    r
}

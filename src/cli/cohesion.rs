//! `cosignatory cohesion`: how united a bloc's members are, per window.

use super::args::{CohesionArg, CohesionArgs};
use super::common;
use super::error::CliResult;
use super::output::{self, Cell, Records};
use cosignatory::align::cohesion::CohesionIndex;
use cosignatory::align::{CohesionMeasure, bloc_cohesion};
use cosignatory::time::WindowSpec;

fn measure(arg: CohesionArg) -> CohesionMeasure {
    match arg {
        CohesionArg::SigningShare => CohesionMeasure::SigningShare,
        CohesionArg::AgreementIndex => CohesionMeasure::Vote(CohesionIndex::AgreementIndex),
        CohesionArg::Rice => CohesionMeasure::Vote(CohesionIndex::Rice),
        CohesionArg::Attina => CohesionMeasure::Vote(CohesionIndex::Attina),
    }
}

fn name(arg: CohesionArg) -> &'static str {
    match arg {
        CohesionArg::SigningShare => "signing-share",
        CohesionArg::AgreementIndex => "agreement-index",
        CohesionArg::Rice => "rice",
        CohesionArg::Attina => "attina",
    }
}

pub fn run(args: &CohesionArgs) -> CliResult<()> {
    let ds = common::load(&args.data)?;
    let view = common::view(&ds, &args.data)?;
    let bloc = ds.actor(common::bloc(&ds, &args.bloc)?).id.clone();
    // Vote indices need yes/no/abstain: roll calls get the agreement index by default.
    let arg = args.measure.unwrap_or(if common::is_roll_call(&view) {
        CohesionArg::AgreementIndex
    } else {
        CohesionArg::SigningShare
    });
    let (from, to) = common::date_range(&view, &args.data)?;
    // A series is the point of this command: calendar years unless --window says otherwise.
    let spec = common::spec(&args.windows).unwrap_or_else(WindowSpec::years);
    let windows = spec.windows(from, to)?;
    let bar = common::progress(windows.len() as u64, "cohesion");
    let mut r = Records::new(&[
        "bloc",
        "window_start",
        "window_end",
        "measure",
        "score",
        "n",
    ]);
    for w in &windows {
        for p in bloc_cohesion(&view, &bloc, measure(arg), std::slice::from_ref(w))? {
            r.push(vec![
                Cell::text(&bloc),
                Cell::text(p.window.start.to_string()),
                Cell::text(p.window.end.to_string()),
                Cell::text(name(arg)),
                Cell::Num(p.score.value),
                Cell::int(p.score.n),
            ]);
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    output::emit(args.output.out.as_deref(), |out| {
        r.write(args.output.format, out)
    })
}

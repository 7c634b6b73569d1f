//! `cosignatory cohesion`: how united a bloc's members are, per window.

use super::args::{CohesionArg, CohesionArgs};
use super::common;
use super::error::CliResult;
use super::output::{self, Cell, Records};
use cosignatory::align::cohesion::CohesionIndex;
use cosignatory::align::{CohesionMeasure, Defaults, bloc_cohesion};
use cosignatory::time::WindowSpec;

fn measure(arg: CohesionArg) -> CohesionMeasure {
    match arg {
        CohesionArg::SigningShare => CohesionMeasure::SigningShare,
        CohesionArg::AgreementIndex => CohesionMeasure::Vote(CohesionIndex::AgreementIndex),
        CohesionArg::Rice => CohesionMeasure::Vote(CohesionIndex::Rice),
        CohesionArg::Attina => CohesionMeasure::Vote(CohesionIndex::Attina),
    }
}

pub fn run(args: &CohesionArgs) -> CliResult<()> {
    let ds = common::load(&args.data)?;
    let view = common::view(&ds, &args.data)?;
    let bloc = ds.actor(common::bloc(&ds, &args.bloc)?).id.clone();
    // Vote indices need yes/no/abstain: roll calls get the agreement index by default.
    let m = args
        .measure
        .map_or_else(|| Defaults::for_view(&view).cohesion, measure);
    let (from, to) = common::date_range(&view, &args.data)?;
    // A series is the point of this command: calendar years unless --window says otherwise.
    let spec = common::spec(&args.windows).unwrap_or_else(WindowSpec::years);
    let windows = spec.windows(from, to)?;
    let points = bloc_cohesion(&view, &bloc, m, &windows)?;
    let mut r = Records::new(&[
        "bloc",
        "window_start",
        "window_end",
        "measure",
        "score",
        "n",
    ]);
    for p in points {
        r.push(vec![
            Cell::text(&bloc),
            Cell::text(p.window.start.to_string()),
            Cell::text(p.window.end.to_string()),
            Cell::text(m.name()),
            Cell::Num(p.score.value),
            Cell::int(p.score.n),
        ]);
    }
    output::emit(args.output.out.as_deref(), |out| {
        r.write(args.output.format, out)
    })
}

//! `cosignatory cohesion`: how united a bloc's members are, per window.

use super::args::CohesionArgs;
use super::common;
use super::error::CliResult;
use super::output::{self, Cell, Records};
use cosignatory::align::{Defaults, bloc_cohesion};
use cosignatory::time::WindowSpec;

pub fn run(args: &CohesionArgs) -> CliResult<()> {
    let ds = common::load(&args.data)?;
    let view = common::view(&ds, &args.data)?;
    let bloc = ds.actor(common::bloc(&ds, &args.bloc)?).id.clone();
    // Vote indices need yes/no/abstain: roll calls get the agreement index by default.
    let m = args
        .measure
        .unwrap_or_else(|| Defaults::for_view(&view).cohesion);
    let (from, to) = common::date_range(&view, &args.data)?;
    // A series is the point of this command: calendar years unless --window says otherwise.
    let spec = common::spec(&args.windows)?.unwrap_or_else(WindowSpec::years);
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

//! Helper of `benches/compare/compare.py` (a bench target without harness, so that it is
//! built in release mode and never run as an example by CI). Without a command it prints its
//! usage and exits, so `cargo bench` passes over it.
//!
//! ```text
//! cargo bench --bench compare -- workloads DIR [--large]
//!     Writes the comparison's workloads into DIR: a CSV folder (with truth.csv, the planted
//!     coalition of each actor) per co-signature workload of workloads.rs, the planted
//!     graphs as edge lists planted_N.csv (source,target,weight, as
//!     `COSIGNATORY_WRITE_GRAPHS` writes them) with planted_N_truth.csv, and un_codes.csv
//!     (the UN country-code table of the importer). --large adds the 10,000 × 1,000,000
//!     cosponsorship-like folder (about 190 MB).
//! cargo bench --bench compare -- memory [ACTORS STATEMENTS]
//!     Generates the co-signature workload (default 10,000 × 1,000,000, mean size 8), projects
//!     it with Newman weights (`project` in two steps: incidence, then pairs), clusters the
//!     projection with Leiden (seed 1), and prints the time and the process's peak resident
//!     memory (VmHWM) after each phase. Run the binary under `/usr/bin/time -v` for an outside view.
//! cargo bench --bench compare -- memory-cluster
//!     The same workload through `project_for_clustering` (no petgraph graph) and Leiden.
//! cargo bench --features un-votes --bench compare -- ideal DIR [RUNS]
//!     Fits the dynamic ordinal model and the per-year binary model to the bundled UN votes
//!     (yearly windows, defaults: emIRT's rule at 1 − 1e-6), plain EM and SQUAREM alternately,
//!     prints the best of RUNS (default 3) wall times of each, and the distance of each to the
//!     posterior mode (SQUAREM to tolerance 1e-13), and writes for `ideal_numpy.py` the votes
//!     each fit used (ideal_MODEL_votes.csv: period,item,actor,cat with dataset actor indices,
//!     items numbered in the fit's order), the estimates (ideal_MODEL_rust.csv: plain EM;
//!     ideal_MODEL_squarem.csv; ideal_MODEL_mode.csv; each period,actor,ideal) and the plain
//!     fits (ideal_MODEL_fits.csv: first_period,periods,iterations,anchor).
//! ```

mod workloads;

use cosignatory::cluster::{ClusterGraph, LeidenOptions, leiden};
use cosignatory::graph::{
    Incidence, IncidenceOptions, ProjectionOptions, Weighting, project_for_clustering,
    project_incidence,
};
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a == "--large" || !a.starts_with("--"))
        .collect();
    let large = args.iter().any(|a| a == "--large");
    let args: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "--large")
        .collect();
    match args.as_slice() {
        ["workloads", dir] => write_workloads(Path::new(dir), large),
        ["memory"] => memory(workloads::LARGE.0, workloads::LARGE.1),
        ["memory-cluster"] => memory_cluster(workloads::LARGE.0, workloads::LARGE.1),
        #[cfg(feature = "un-votes")]
        ["ideal", dir] => ideal::run(Path::new(dir), 3),
        #[cfg(feature = "un-votes")]
        ["ideal", dir, runs] => ideal::run(Path::new(dir), runs.parse().expect("RUNS is a number")),
        ["memory", actors, statements] => memory(
            actors.parse().expect("ACTORS is a number"),
            statements.parse().expect("STATEMENTS is a number"),
        ),
        _ => println!(
            "compare helper: `cargo bench --bench compare -- workloads DIR [--large]` or \
             `-- memory [ACTORS STATEMENTS]` or `-- memory-cluster` (see benches/compare/tool.rs); \
             nothing to do"
        ),
    }
}

fn write_workloads(dir: &Path, large: bool) {
    std::fs::create_dir_all(dir).expect("writable directory");
    let mut sizes = workloads::PROJECTION.to_vec();
    if large {
        sizes.push(workloads::LARGE);
    }
    for (actors, statements) in sizes {
        let t = Instant::now();
        let p = workloads::projection(actors, statements);
        let folder = dir.join(workloads::projection_name(actors, statements));
        cosignatory::io::write_csv_folder(&p.dataset, &folder).expect("writable directory");
        let mut truth = String::from("actor,coalition\n");
        for (i, c) in p.membership.iter().enumerate() {
            writeln!(truth, "{},{c}", p.dataset.actors()[i].id).expect("string");
        }
        std::fs::write(folder.join("truth.csv"), truth).expect("writable directory");
        println!(
            "{}: {} signatures ({:.1} s)",
            folder.display(),
            p.dataset.num_signatures(),
            t.elapsed().as_secs_f64()
        );
    }
    for nodes in workloads::GRAPHS {
        let g = workloads::graph(nodes);
        let mut text = String::from("source,target,weight\n");
        for (a, b, w) in &g.edges {
            writeln!(text, "{a},{b},{w}").expect("string");
        }
        std::fs::write(dir.join(format!("planted_{nodes}.csv")), text).expect("writable");
        let mut truth = String::from("node,community\n");
        for (i, c) in g.membership.iter().enumerate() {
            writeln!(truth, "{i},{c}").expect("string");
        }
        std::fs::write(dir.join(format!("planted_{nodes}_truth.csv")), truth).expect("writable");
        println!("planted_{nodes}.csv: {} edges", g.edges.len());
    }
    let mut codes = String::from("code,country,from,id\n");
    for r in cosignatory::io::UN_COUNTRY_CODES {
        writeln!(
            codes,
            "{},{},{},{}",
            r.code,
            r.country.unwrap_or(""),
            r.from.map(|d| d.to_string()).unwrap_or_default(),
            r.id
        )
        .expect("string");
    }
    std::fs::write(dir.join("un_codes.csv"), codes).expect("writable");
    println!(
        "un_codes.csv: {} rows",
        cosignatory::io::UN_COUNTRY_CODES.len()
    );
}

/// Peak and current resident memory of this process (Linux), in MiB.
fn rss() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or_else(|| "?".to_string(), |kb| format!("{:.0} MiB", kb / 1024.0))
    };
    format!("peak {}, now {}", field("VmHWM:"), field("VmRSS:"))
}

fn memory(actors: usize, statements: usize) {
    println!(
        "{actors} actors x {statements} statements, mean size 8 ({})",
        rss()
    );
    let t = Instant::now();
    let ds = workloads::projection_dataset(actors, statements);
    println!(
        "generated: {} signatures in {:.2} s ({})",
        ds.num_signatures(),
        t.elapsed().as_secs_f64(),
        rss()
    );
    let t = Instant::now();
    let inc = Incidence::from_view(&ds.view(), &IncidenceOptions::default()).expect("valid");
    let t_inc = t.elapsed().as_secs_f64();
    let g = project_incidence(&ds.view(), &inc, Weighting::Newman, false);
    drop(inc);
    println!(
        "projected (Newman): {} nodes, {} edges in {:.2} s, of which incidence {t_inc:.2} s ({})",
        g.node_count(),
        g.edge_count(),
        t.elapsed().as_secs_f64(),
        rss()
    );
    let t = Instant::now();
    let cg = g.to_cluster_graph().expect("finite weights");
    println!(
        "cluster graph: {:.2} s ({})",
        t.elapsed().as_secs_f64(),
        rss()
    );
    time_leiden(&cg);
    // The clustering path that never holds the petgraph graph needs a fresh process for its
    // own peak: `memory-cluster`.
}

/// `project_for_clustering` + Leiden on the same workload, for its own peak memory.
fn memory_cluster(actors: usize, statements: usize) {
    let ds = workloads::projection_dataset(actors, statements);
    println!("generated: {} signatures ({})", ds.num_signatures(), rss());
    let t = Instant::now();
    let (cg, _) = project_for_clustering(&ds.view(), &ProjectionOptions::new(Weighting::Newman))
        .expect("valid");
    println!(
        "project_for_clustering (Newman): {} nodes, {} edges in {:.2} s ({})",
        cg.node_count(),
        cg.edge_count(),
        t.elapsed().as_secs_f64(),
        rss()
    );
    time_leiden(&cg);
}

/// Leiden (seed 1) on the projection, with its time and the memory after it.
fn time_leiden(cg: &ClusterGraph) {
    let t = Instant::now();
    let r = leiden(
        cg,
        &LeidenOptions {
            seed: 1,
            ..Default::default()
        },
    )
    .expect("valid graph");
    println!(
        "leiden: {} communities, modularity {:.4}, in {:.2} s ({})",
        r.partition.community_count(),
        r.quality,
        t.elapsed().as_secs_f64(),
        rss()
    );
}

/// The UN ideal-point workloads and their votes, for `ideal_numpy.py`.
#[cfg(feature = "un-votes")]
mod ideal {
    use cosignatory::align::Coding;
    use cosignatory::ideal::{Acceleration, IdealModel, IdealOptions, estimate};
    use cosignatory::time::WindowSpec;
    use std::collections::{HashMap, HashSet};
    use std::fmt::Write as _;
    use std::path::Path;
    use std::time::Instant;

    pub fn run(dir: &Path, runs: usize) {
        std::fs::create_dir_all(dir).expect("writable directory");
        let ds = cosignatory::datasets::un_votes();
        let view = ds.view();
        for (name, model, coding) in [
            ("dynamic", IdealModel::Dynamic, Coding::voeten()),
            ("binary", IdealModel::Binary, Coding::yes_no()),
        ] {
            let options = |acceleration| IdealOptions {
                model,
                window: Some(WindowSpec::years()),
                acceleration,
                ..Default::default()
            };
            // Plain EM and SQUAREM alternately, best of `runs` each.
            let (plain, squarem) = (options(Acceleration::None), options(Acceleration::Squarem));
            let mut best = [f64::INFINITY; 2];
            let mut fits = [None, None];
            for _ in 0..runs.max(1) {
                for (k, o) in [&plain, &squarem].into_iter().enumerate() {
                    let t = Instant::now();
                    let f = estimate(&view, o).expect("a fit");
                    best[k] = best[k].min(t.elapsed().as_secs_f64());
                    fits[k] = Some(f);
                }
            }
            let [Some(fit), Some(fast)] = fits else {
                unreachable!("one run of each")
            };
            // The posterior mode, for reference: SQUAREM run to a tight tolerance.
            let mode = estimate(
                &view,
                &IdealOptions {
                    tolerance: 1e-13,
                    max_iterations: 100_000,
                    ..squarem.clone()
                },
            )
            .expect("a fit");
            for (label, f, time) in [
                (name.to_string(), &fit, best[0]),
                (format!("{name}-squarem"), &fast, best[1]),
            ] {
                let iterations: usize = f.fits.iter().map(|f| f.iterations).sum();
                let converged = f.fits.iter().filter(|f| f.converged).count();
                let gap = f
                    .estimates
                    .iter()
                    .zip(&mode.estimates)
                    .map(|(a, b)| (a.ideal - b.ideal).abs())
                    .fold(0.0, f64::max);
                let lp: f64 = f.fits.iter().map(|f| f.log_posterior).sum();
                let lp_mode: f64 = mode.fits.iter().map(|f| f.log_posterior).sum();
                println!(
                    "{label}: best of {runs}: {time:.3} s ({} fits, {iterations} iterations, \
                     {converged} converged, {} estimates; max |x - mode| {gap:.2e}, \
                     log-posterior {:.3} below the mode's)",
                    f.fits.len(),
                    f.estimates.len(),
                    lp_mode - lp
                );
            }
            let mode_iterations: usize = mode.fits.iter().map(|f| f.iterations).sum();
            println!(
                "  (mode: SQUAREM to tolerance 1e-13, {mode_iterations} iterations, {} of {} fits converged)",
                mode.fits.iter().filter(|f| f.converged).count(),
                mode.fits.len()
            );
            // The votes the fits used: kept items, actors with an estimate in the window.
            let windows: Vec<_> = fit.windows.iter().map(|w| w.window).collect();
            let period = |w| windows.iter().position(|x| *x == w).expect("a window");
            let estimated: HashSet<(usize, usize)> = fit
                .estimates
                .iter()
                .map(|e| {
                    (
                        period(e.window),
                        ds.actor_index(&e.actor).expect("an actor").index(),
                    )
                })
                .collect();
            let item_of: HashMap<(&str, usize), usize> = fit
                .items
                .iter()
                .enumerate()
                .map(|(j, i)| ((i.statement.as_str(), period(i.window)), j))
                .collect();
            let scale = coding.scale();
            let mut votes = String::from("period,item,actor,cat\n");
            for (t, w) in windows.iter().enumerate() {
                for s in view.clone().window(*w).statements() {
                    let Some(&j) = item_of.get(&(ds.statement(s).id.as_str(), t)) else {
                        continue;
                    };
                    let mut row = Vec::new();
                    view.for_each_signature(s, |x| {
                        if let Some(c) = coding.code_opt(Some(x.position))
                            && estimated.contains(&(t, x.actor.index()))
                        {
                            row.push((x.actor.index(), c - scale.min()));
                        }
                    });
                    row.sort_unstable();
                    for (a, c) in row {
                        writeln!(votes, "{t},{j},{a},{c}").expect("string");
                    }
                }
            }
            std::fs::write(dir.join(format!("ideal_{name}_votes.csv")), votes).expect("writable");
            let mut est = String::from("period,actor,ideal\n");
            for e in &fit.estimates {
                let a = ds.actor_index(&e.actor).expect("an actor").index();
                writeln!(est, "{},{a},{:.17e}", period(e.window), e.ideal).expect("string");
            }
            std::fs::write(dir.join(format!("ideal_{name}_rust.csv")), est).expect("writable");
            for (suffix, f) in [("squarem", &fast), ("mode", &mode)] {
                let mut est = String::from("period,actor,ideal\n");
                for e in &f.estimates {
                    let a = ds.actor_index(&e.actor).expect("an actor").index();
                    writeln!(est, "{},{a},{:.17e}", period(e.window), e.ideal).expect("string");
                }
                std::fs::write(dir.join(format!("ideal_{name}_{suffix}.csv")), est)
                    .expect("writable");
            }
            let mut fits = String::from("first_period,periods,iterations,anchor\n");
            for f in &fit.fits {
                let anchor = ds.actor_index(&f.anchor).expect("an actor").index();
                writeln!(
                    fits,
                    "{},{},{},{anchor}",
                    f.windows.start,
                    f.windows.len(),
                    f.iterations
                )
                .expect("string");
            }
            std::fs::write(dir.join(format!("ideal_{name}_fits.csv")), fits).expect("writable");
        }
    }
}

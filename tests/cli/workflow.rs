//! One research workflow (issue 18): data-driven defaults, flagged small samples, empty views
//! that say why, and outputs that agree with each other.

use crate::support::{arg, cosignatory, folder, stdout_of};

/// The CSV output of `align` as rows of fields, header first.
fn rows(csv: &str) -> Vec<Vec<String>> {
    csv.lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

fn column(rows: &[Vec<String>], name: &str) -> usize {
    rows[0]
        .iter()
        .position(|c| c == name)
        .unwrap_or_else(|| panic!("no column {name}: {:?}", rows[0]))
}

#[test]
fn small_samples_and_partial_windows_are_flagged_without_interval() {
    let (_dir, data) = folder();
    // The data end on 2021-09-01; AAA:BBB share 2 items per window at most.
    let out = stdout_of(cosignatory().args([
        "align",
        arg(&data),
        "--pairs",
        "AAA:BBB",
        "--window",
        "1y",
        "--ci",
        "0.9",
        "--bootstrap",
        "50",
        "--format",
        "csv",
    ]));
    let r = rows(&out);
    let (flag, lo, hi) = (
        column(&r, "flag"),
        column(&r, "ci_low"),
        column(&r, "ci_high"),
    );
    assert_eq!(r.len(), 3, "{out}");
    for row in &r[1..] {
        assert!(row[flag].split(';').any(|f| f == "small-n"), "{out}");
        assert_eq!((row[lo].as_str(), row[hi].as_str()), ("", ""), "{out}");
    }
    // 2020: both signed both statements, so every resample gives 1; 2021: neither signed.
    assert_eq!(r[1][flag], "small-n;constant");
    assert_eq!(r[2][flag], "small-n;undefined;partial");
    // --min-n 0 keeps the interval; the 2020 window's is degenerate, which is said.
    let out = stdout_of(cosignatory().args([
        "align",
        arg(&data),
        "--pairs",
        "AAA:BBB",
        "--window",
        "1y",
        "--ci",
        "0.9",
        "--bootstrap",
        "50",
        "--min-n",
        "0",
        "--format",
        "csv",
    ]));
    let r = rows(&out);
    assert!(!r[1][lo].is_empty(), "{out}");
    assert!(
        r[1][flag].contains("constant") == (r[1][lo] == r[1][hi]),
        "{out}"
    );
}

#[cfg(feature = "un-votes")]
mod un {
    use super::*;
    use cosignatory::align::{Defaults, SeriesOptions, pair_series};
    use cosignatory::time::Window;

    #[test]
    fn roll_calls_default_to_a_measure_defined_for_voeten_coding() {
        let ds = cosignatory::datasets::un_votes();
        let d = |s: &str| s.parse().unwrap();
        let window = Window::new(d("2000-01-01"), d("2009-12-31"));
        let view = ds.view();
        let options: SeriesOptions = Defaults::for_view(&view).series_options();
        let expected = pair_series(&view, &[window], &[("IND", "RUS")], &options).unwrap();
        let out = stdout_of(cosignatory().args([
            "align",
            "--un-votes",
            "--pairs",
            "IND:RUS",
            "--from",
            "2000-01-01",
            "--to",
            "2009-12-31",
            "--format",
            "csv",
        ]));
        let r = rows(&out);
        assert_eq!(r[1][column(&r, "measure")], "kappa-quadratic");
        assert_eq!(
            r[1][column(&r, "score")],
            expected[0].score.value.unwrap().to_string()
        );
        assert_eq!(r[1][column(&r, "flag")], "");
    }

    #[test]
    fn eu_cohesion_in_the_general_assembly_works_out_of_the_box() {
        let ds = cosignatory::datasets::un_votes();
        let d = |s: &str| s.parse().unwrap();
        let eu = ds.actor_index("EU").unwrap();
        let gbr = ds.actor_index("GBR").unwrap();
        // Dates of data/memberships.csv (sources in data/SOURCES.md).
        assert!(ds.is_member(eu, gbr, d("1973-01-01")));
        assert!(!ds.is_member(eu, gbr, d("1972-12-31")));
        assert_eq!(ds.members_on(eu, d("1958-01-01")).len(), 6);
        assert_eq!(ds.members_on(eu, d("2019-12-31")).len(), 28);
        let nato = ds.actor_index("NATO").unwrap();
        assert_eq!(ds.members_on(nato, d("2019-12-31")).len(), 29);
        let out = stdout_of(cosignatory().args([
            "cohesion",
            "--un-votes",
            "--bloc",
            "EU",
            "--from",
            "2000-01-01",
            "--to",
            "2009-12-31",
            "--format",
            "csv",
        ]));
        let r = rows(&out);
        assert_eq!(r[1][0], "EU");
        assert_eq!(r[1][column(&r, "measure")], "agreement-index");
        let v: f64 = r[1][column(&r, "score")].parse().unwrap();
        assert!(v > 0.8 && v <= 1.0, "{out}");
    }

    #[test]
    fn the_last_un_window_is_small_and_partial() {
        let out = stdout_of(cosignatory().args([
            "align",
            "--un-votes",
            "--pairs",
            "IND:RUS",
            "--from",
            "2019-01-01",
            "--window",
            "1y",
            "--ci",
            "0.95",
            "--bootstrap",
            "50",
            "--format",
            "csv",
        ]));
        let r = rows(&out);
        let last = r.last().unwrap();
        assert_eq!(last[column(&r, "window_start")], "2020-01-01");
        assert_eq!(last[column(&r, "n")], "1");
        assert!(last[column(&r, "flag")].contains("small-n"), "{out}");
        assert!(last[column(&r, "flag")].contains("partial"), "{out}");
        assert_eq!(last[column(&r, "ci_low")], "");
        assert_eq!(r[1][column(&r, "flag")], "");
    }
}

#[test]
fn an_empty_view_is_an_error_naming_the_filter_and_the_known_values() {
    let (_dir, data) = folder();
    let out = cosignatory()
        .args(["align", arg(&data), "--topic", "human rights"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("`topic` = \"human rights\""), "{err}");
    assert!(err.contains("known topics: health, trade"), "{err}");
    // Each filter matches something, but not together.
    let out = cosignatory()
        .args([
            "cluster",
            arg(&data),
            "--kind",
            "joint_letter",
            "--topic",
            "trade",
        ])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(
        err.contains("`filters` = kind joint_letter; topic trade"),
        "{err}"
    );
    assert!(
        err.contains("known kinds: joint_statement, joint_letter, declaration"),
        "{err}"
    );
    let out = cosignatory()
        .args(["summary", arg(&data), "--from", "2023-01-01"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(
        err.contains("the data run from 2020-01-10 to 2021-09-01"),
        "{err}"
    );
}

#[test]
fn summary_lists_topics_and_kinds() {
    let (_dir, data) = folder();
    let out = stdout_of(cosignatory().args(["summary", arg(&data)]));
    let topics = out.split("Statements per topic").nth(1).expect(&out);
    assert!(
        topics.contains("health") && topics.contains("trade"),
        "{out}"
    );
    assert!(out.contains("Statements per kind"), "{out}");
    let csv = stdout_of(cosignatory().args(["summary", arg(&data), "--format", "csv"]));
    assert!(csv.contains("topic,trade,,3"), "{csv}");
}

#[test]
fn every_timeline_event_row_has_its_sizes() {
    let out = stdout_of(cosignatory().args([
        "timeline", "--window", "1y", "--format", "csv", "--table", "events",
    ]));
    let r = rows(&out);
    let (event, from, to) = (
        column(&r, "event"),
        column(&r, "from_size"),
        column(&r, "to_size"),
    );
    assert!(r.iter().any(|row| row[event] == "continue"), "{out}");
    for row in &r[1..] {
        assert!(row[from].parse::<usize>().is_ok(), "{row:?}");
        assert!(row[to].parse::<usize>().is_ok(), "{row:?}");
        if row[event] == "birth" {
            assert_eq!(row[from], "0");
        }
    }
}

/// Every file the CLI writes is written beside the destination and renamed into place: the
/// old file (here kept alive by a hard link) is never truncated in place, and no temporary
/// file is left behind.
#[cfg(unix)]
#[test]
fn outputs_are_replaced_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let runs: [(&str, &[&str]); 5] = [
        (
            "pairs.csv",
            &["align", "--pairs", "USA:GBR", "--format", "csv", "--out"],
        ),
        ("g.graphml", &["graph", "--format", "graphml", "--out"]),
        ("coalitions.json", &["cluster", "--format", "json", "--out"]),
        ("fig.svg", &["plot", "network", "--out"]),
        ("t.gexf", &["timeline", "--window", "2y", "--gexf"]),
    ];
    for (name, args) in runs {
        let path = dir.path().join(name);
        let link = dir.path().join(format!("{name}.before"));
        std::fs::write(&path, "previous contents").unwrap();
        std::fs::hard_link(&path, &link).unwrap();
        cosignatory().args(args).arg(&path).assert().success();
        assert_eq!(
            std::fs::read_to_string(&link).unwrap(),
            "previous contents",
            "{name}"
        );
        assert_ne!(
            std::fs::read_to_string(&path).unwrap(),
            "previous contents",
            "{name}"
        );
    }
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn memberships_from_a_file_make_a_bloc_of_any_dataset() {
    let (dir, data) = folder();
    let file = dir.path().join("blocs.csv");
    std::fs::write(
        &file,
        "bloc,member,from,to\nNEW,DDD,2019-01-01,\nNEW,EEE,2019-01-01,\n",
    )
    .unwrap();
    let out = stdout_of(cosignatory().args([
        "cohesion",
        arg(&data),
        "--bloc",
        "NEW",
        "--memberships",
        arg(&file),
        "--format",
        "csv",
    ]));
    // DDD and EEE sign s3 and s4 together; DDD alone signs s5: 2 of 3 with both.
    assert!(out.lines().nth(1).unwrap().starts_with("NEW,"), "{out}");
    cosignatory()
        .args(["cohesion", arg(&data), "--bloc", "NEW"])
        .assert()
        .failure();
}

/// `cluster`, `graph --coalitions` (every export) and `plot network` number coalitions the same
/// way: the library's canonical order (1 = largest, ties by smallest member id).
#[test]
fn coalitions_have_one_numbering_everywhere() {
    let parse = |csv: &str, col: &str| -> std::collections::BTreeMap<String, usize> {
        let r = rows(csv);
        let c = column(&r, col);
        r[1..]
            .iter()
            .map(|row| (row[0].clone(), row[c].parse().unwrap()))
            .collect()
    };
    let cluster = parse(
        &stdout_of(cosignatory().args(["cluster", "--runs", "10", "--format", "csv"])),
        "community",
    );
    let graph = parse(
        &stdout_of(cosignatory().args(["graph", "--coalitions", "--format", "csv-nodes"])),
        "coalition",
    );
    assert_eq!(graph, cluster);
    let k = *graph.values().max().unwrap();
    let sizes: Vec<usize> = (1..=k)
        .map(|c| graph.values().filter(|&&v| v == c).count())
        .collect();
    assert!(sizes.iter().all(|&s| s > 0), "numbers 1..{k}: {sizes:?}");
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
    // DOT: the coalition attribute is the same number, and no two coalitions share a colour.
    let dot = stdout_of(cosignatory().args(["graph", "--coalitions", "--format", "dot"]));
    let mut colour_of = std::collections::BTreeMap::new();
    for line in dot.lines().filter(|l| l.contains("coalition=")) {
        let get = |key: &str| {
            let rest = &line[line.find(&format!("{key}=\"")).unwrap() + key.len() + 2..];
            rest[..rest.find('"').unwrap()].to_string()
        };
        let c: usize = get("coalition").parse().unwrap();
        colour_of.entry(c).or_insert_with(|| get("fillcolor"));
    }
    let mut colours: Vec<&String> = colour_of.values().collect();
    colours.sort();
    colours.dedup();
    assert_eq!(colours.len(), colour_of.len());
}

#[test]
fn formatting_reads_right() {
    let (dir, data) = folder();
    // The tool reads its own edge table without warnings (signed: every extra column).
    let edges = dir.path().join("edges.csv");
    cosignatory()
        .args([
            "graph",
            arg(&data),
            "--signed",
            "--format",
            "csv",
            "--out",
            arg(&edges),
        ])
        .assert()
        .success();
    cosignatory()
        .args(["cluster", "--edges", arg(&edges)])
        .assert()
        .success()
        .stderr("");
    // A singleton is "1 member"; no quality prints as -0.0000.
    let out = stdout_of(cosignatory().args(["cluster", arg(&data), "--to", "2020-12-31"]));
    assert!(
        !out.contains("(1 members)") && !out.contains("-0.0000"),
        "{out}"
    );
    let out = stdout_of(cosignatory().args([
        "cluster",
        "--edges",
        arg(&edges),
        "--quality",
        "cpm",
        "--resolution",
        "5",
    ]));
    assert!(
        !out.contains("(1 members)") && !out.contains("-0.0000"),
        "{out}"
    );
    assert!(out.contains("(1 member)"), "{out}");
    let help = stdout_of(cosignatory().args(["plot", "--help"]));
    assert!(
        !help.contains("SVG only") && help.contains(".png"),
        "{help}"
    );
    let help = stdout_of(cosignatory().args(["graph", "--help"]));
    assert!(
        help.contains("networkx >= 3.6") && help.contains("link=\"edges\""),
        "{help}"
    );
}

/// docs/measures.md documents every measure the CLI can select, and `align --help` gives one
/// line per measure and points there.
#[test]
fn every_measure_is_documented_and_listed_in_align_help() {
    use cosignatory::align::{CohesionMeasure, Measure};
    use cosignatory::graph::{BackboneMethod, Weighting};
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/measures.md")).unwrap();
    let help = stdout_of(cosignatory().args(["align", "--help"]));
    assert!(help.contains("docs/measures.md"), "{help}");
    for m in Measure::ALL {
        assert!(
            doc.contains(&format!("| `{}` |", m.name())),
            "{m} not in docs/measures.md"
        );
        assert!(
            help.lines()
                .any(|l| l.trim_start().starts_with(&format!("{} ", m.name()))),
            "{m} has no line in align --help"
        );
    }
    for w in Weighting::ALL {
        assert!(doc.contains(&format!("| `{}` |", w.name())), "{w}");
    }
    for b in BackboneMethod::ALL {
        assert!(doc.contains(&format!("| `{}` |", b.name())), "{b}");
    }
    for c in CohesionMeasure::ALL {
        assert!(doc.contains(&format!("| `{}` |", c.name())), "{c}");
    }
    for section in [
        "ideal-points.md",
        "backbones.md",
        "## Quality functions",
        "## Centrality",
    ] {
        assert!(doc.contains(section), "{section}");
    }
}

/// Item 13: `graph --format csv-nodes --centrality` gives every actor's centralities and role
/// between coalitions in one table, equal to the library's functions, and flags actors whose
/// participation rests on very few statements (KNA and MDV signed one statement each).
#[test]
fn centrality_table_has_the_bridges_and_flags_thin_actors() {
    use cosignatory::graph::{
        CentralityOptions, ProjectionOptions, Weighting, pagerank, participation_coefficient,
        project,
    };
    let text = crate::support::stdout_of(crate::support::cosignatory().args([
        "graph",
        "--format",
        "csv-nodes",
        "--centrality",
    ]));
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id,statements,coalition,strength,eigenvector,pagerank,betweenness,participation,within_module_z,few_statements"
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let ds = cosignatory::datasets::joint_statements();
    // The CLI's default weighting.
    let g = project(&ds.view(), &ProjectionOptions::new(Weighting::Newman)).unwrap();
    assert_eq!(rows.len(), g.node_count());
    let tied = g.tied_coalitions(0).unwrap();
    let count = tied.communities.len();
    let membership: Vec<usize> = (0..g.node_count())
        .map(|v| tied.coalition[v].unwrap_or(count + v))
        .collect();
    let pc = participation_coefficient(g.graph(), |e| e.weight, &membership).unwrap();
    let pr = pagerank(g.graph(), |e| e.weight, &CentralityOptions::default()).unwrap();
    for (v, row) in rows.iter().enumerate() {
        assert_eq!(row[0], g.id(v));
        let p: Option<f64> = row[7].parse().ok();
        assert_eq!(p, pc[v], "{}", row[0]);
        assert_eq!(row[5].parse::<f64>().unwrap(), pr[v]);
        let thin = g.statements_of(petgraph::graph::NodeIndex::new(v)) < 5;
        assert_eq!(row[9], if thin { "true" } else { "false" });
    }
    let row = |id: &str| rows.iter().find(|r| r[0] == id).unwrap().clone();
    for thin in ["KNA", "MDV"] {
        assert_eq!(row(thin)[9], "true", "{thin}");
    }
    assert_eq!(row("USA")[9], "false");
    // The table is a node table: other formats refuse the option (exit 2).
    let out = crate::support::cosignatory()
        .args(["graph", "--format", "csv", "--centrality"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Item 12: `plot heatmap --actors` draws exactly the actors asked for (the UN's 40 most
/// active left out USA, RUS and CHN), and a measure that ranges over [−1, 1] gets a diverging
/// scale centred at 0 (dark red for −1), a [0, 1] measure the sequential one.
#[test]
fn heatmap_draws_the_chosen_actors_on_a_diverging_scale() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("k.svg");
    crate::support::cosignatory()
        .args([
            "plot",
            "heatmap",
            "--actors",
            "USA,GBR,CHN,RUS",
            "--measure",
            "kappa-nominal",
            "--out",
        ])
        .arg(&svg)
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).unwrap();
    // plotters writes each label's text on a line of its own.
    let label = |t: &str| text.lines().any(|l| l.trim() == t);
    for id in ["USA", "GBR", "CHN", "RUS"] {
        assert!(label(id), "{id} missing");
    }
    assert!(text.contains("4 chosen actors"));
    assert!(!label("FRA"));
    assert!(
        text.to_uppercase().contains("#67000D"),
        "no diverging red end"
    );
    assert!(label("0.00"), "no centre label");
    // Jaccard ranges over [0, 1]: the sequential scale, no red.
    let jac = dir.path().join("j.svg");
    crate::support::cosignatory()
        .args([
            "plot",
            "heatmap",
            "--actors",
            "USA,GBR,CHN,RUS",
            "--measure",
            "jaccard",
            "--out",
        ])
        .arg(&jac)
        .assert()
        .success();
    assert!(
        !std::fs::read_to_string(&jac)
            .unwrap()
            .to_uppercase()
            .contains("#67000D")
    );
    // An unknown actor is a data error with a suggestion, not a panic.
    let out = crate::support::cosignatory()
        .args(["plot", "heatmap", "--actors", "USA,ZZQ", "--out"])
        .arg(dir.path().join("x.svg"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

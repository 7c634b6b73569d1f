//! `cosignatory align` and `cohesion` are the library's series plus formatting: outputs pinned
//! byte for byte to those of the CLI before it called the library (captured from the binary of
//! commit f05f62f on the bundled joint statements), and equal to the library's values.

use cosignatory::align::{Measure, SeriesOptions, actor_series};
use cosignatory::time::Window;

fn stdout(args: &[&str]) -> String {
    let out = assert_cmd::cargo::cargo_bin_cmd!("cosignatory")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const PAIRS_2Y: &str = r"a,b,window_start,window_end,measure,score,n
USA,GBR,2014-01-01,2015-12-31,jaccard,1,2
FRA,DEU,2014-01-01,2015-12-31,jaccard,1,2
USA,GBR,2016-01-01,2017-12-31,jaccard,,1
FRA,DEU,2016-01-01,2017-12-31,jaccard,,1
USA,GBR,2018-01-01,2019-12-31,jaccard,0.6666666666666666,6
FRA,DEU,2018-01-01,2019-12-31,jaccard,1,6
USA,GBR,2020-01-01,2021-12-31,jaccard,0.7777777777777778,12
FRA,DEU,2020-01-01,2021-12-31,jaccard,0.8,12
USA,GBR,2022-01-01,2023-12-31,jaccard,1,7
FRA,DEU,2022-01-01,2023-12-31,jaccard,1,7
USA,GBR,2024-01-01,2025-12-31,jaccard,0.5714285714285714,13
FRA,DEU,2024-01-01,2025-12-31,jaccard,1,13
";

const NEWMAN_1Y: &str = r"a,b,window_start,window_end,measure,score,n
USA,GBR,2014-01-01,2014-12-31,newman,0.14285714285714285,2
FRA,DEU,2014-01-01,2014-12-31,newman,0.14285714285714285,2
USA,GBR,2015-01-01,2015-12-31,newman,,0
FRA,DEU,2015-01-01,2015-12-31,newman,,0
USA,GBR,2016-01-01,2016-12-31,newman,,0
FRA,DEU,2016-01-01,2016-12-31,newman,,0
USA,GBR,2017-01-01,2017-12-31,newman,0,1
FRA,DEU,2017-01-01,2017-12-31,newman,0,1
USA,GBR,2018-01-01,2018-12-31,newman,0.3333333333333333,1
FRA,DEU,2018-01-01,2018-12-31,newman,0.3333333333333333,1
USA,GBR,2019-01-01,2019-12-31,newman,0.045454545454545456,5
FRA,DEU,2019-01-01,2019-12-31,newman,0.09307359307359307,5
USA,GBR,2020-01-01,2020-12-31,newman,0.5263157894736842,6
FRA,DEU,2020-01-01,2020-12-31,newman,0.06477732793522267,6
USA,GBR,2021-01-01,2021-12-31,newman,0.6114224508922594,6
FRA,DEU,2021-01-01,2021-12-31,newman,0.020513359983168524,6
USA,GBR,2022-01-01,2022-12-31,newman,0.18500443655723156,4
FRA,DEU,2022-01-01,2022-12-31,newman,0.18500443655723156,4
USA,GBR,2023-01-01,2023-12-31,newman,0.02,3
FRA,DEU,2023-01-01,2023-12-31,newman,0.02,3
USA,GBR,2024-01-01,2024-12-31,newman,0.33225806451612905,8
FRA,DEU,2024-01-01,2024-12-31,newman,0.33225806451612905,8
USA,GBR,2025-01-01,2025-12-31,newman,0,5
FRA,DEU,2025-01-01,2025-12-31,newman,0.5,5
";

const COHESION_EU_1Y: &str = r"bloc,window_start,window_end,measure,score,n
EU,2014-01-01,2014-12-31,signing-share,0.14285714285714285,1
EU,2015-01-01,2015-12-31,signing-share,,0
EU,2016-01-01,2016-12-31,signing-share,,0
EU,2017-01-01,2017-12-31,signing-share,,0
EU,2018-01-01,2018-12-31,signing-share,0.10714285714285714,1
EU,2019-01-01,2019-12-31,signing-share,0.5178571428571428,2
EU,2020-01-01,2020-12-31,signing-share,0.6481481481481481,2
EU,2021-01-01,2021-12-31,signing-share,0.6790123456790124,3
EU,2022-01-01,2022-12-31,signing-share,0.6049382716049383,3
EU,2023-01-01,2023-12-31,signing-share,0.8518518518518519,1
EU,2024-01-01,2024-12-31,signing-share,0.3055555555555556,4
EU,2025-01-01,2025-12-31,signing-share,0.07407407407407407,1
";

#[test]
fn outputs_are_those_of_the_cli_before_the_library_took_over() {
    let pairs = ["align", "--pairs", "USA:GBR,FRA:DEU", "--format", "csv"];
    let two_years = [&pairs[..], &["--window", "2y"]].concat();
    // The `flag` column (issue 18) came later; the figures are pinned without it.
    let without_flag = |csv: String| -> String {
        csv.lines()
            .map(|l| {
                let mut f: Vec<&str> = l.split(',').collect();
                f.remove(7);
                f.join(",") + "\n"
            })
            .collect()
    };
    assert_eq!(without_flag(stdout(&two_years)), PAIRS_2Y);
    // Newman reads every signer of the view, not only the four actors asked for.
    let newman = [&pairs[..], &["--window", "1y", "--measure", "newman"]].concat();
    assert_eq!(without_flag(stdout(&newman)), NEWMAN_1Y);
    let cohesion = [
        "cohesion", "--bloc", "EU", "--window", "1y", "--format", "csv",
    ];
    assert_eq!(stdout(&cohesion), COHESION_EU_1Y);
}

#[test]
fn one_actor_rows_are_the_library_series() {
    let ds = cosignatory::datasets::joint_statements();
    let view = ds.view();
    let (first, last) = ds.date_range().unwrap();
    let opts = SeriesOptions::for_view(&view).with_measure(Measure::KappaNominal);
    let series = actor_series(&view, &[Window::new(first, last)], "USA", &opts).unwrap();
    let csv = stdout(&[
        "align",
        "--actor",
        "USA",
        "--measure",
        "kappa-nominal",
        "--format",
        "csv",
    ]);
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(rows.len(), series.len());
    for (row, p) in rows.iter().zip(series.iter()) {
        assert_eq!((row[0], row[1]), (&*p.a, &*p.b));
        assert_eq!(row[5].parse::<f64>().ok(), p.score.value, "{row:?}");
        assert_eq!(row[6].parse::<u32>().unwrap(), p.score.n);
    }
    assert!(series.iter().any(|p| p.score.value.is_some()));
}

//! JSON accepts exactly what the CSV folder accepts (issue 18, item 1): the same optional
//! fields and defaults, the same problems located by JSON path, line and column, and the same
//! lenient report.

use cosignatory::io::{CsvTables, ReadOptions, from_json_str};
use cosignatory::{Error, LoadReport, Problem};

const STATEMENTS: &str = "\
id,date,kind,topics
s1,2024-11-05,,trade;health
s2,2024-13-01,joint_letter,
s3,2024-12-01,,
";
const SIGNATURES: &str = "\
statement,actor,position
s1,USA,
s1,KOR,yes
s1,JPN,maybe
s2,USA,yes
s3,USA,no
s3,XXX,
";
const ACTORS: &str = "\
id,name,kind
USA,,
KOR,Korea,country
JPN,,planet
XXX,,
";

/// The same records as the CSV tables above, with the optional fields left out.
const JSON: &str = r#"{
  "actors": [{"id": "USA"}, {"id": "KOR", "name": "Korea", "kind": "country"},
             {"id": "JPN", "kind": "planet"}, {"id": "XXX"}],
  "statements": [
    {"id": "s1", "date": "2024-11-05", "topics": "trade;health"},
    {"id": "s2", "date": "2024-13-01", "kind": "joint_letter"},
    {"id": "s3", "date": "2024-12-01", "title": null}
  ],
  "signatures": [
    {"statement": "s1", "actor": "USA"},
    {"statement": "s1", "actor": "KOR", "position": "yes"},
    {"statement": "s1", "actor": "JPN", "position": "maybe"},
    {"statement": "s2", "actor": "USA", "position": "yes"},
    {"statement": "s3", "actor": "USA", "position": "no"},
    {"statement": "s3", "actor": "XXX"}
  ]
}"#;

fn csv(options: &ReadOptions) -> cosignatory::Result<(cosignatory::model::Dataset, LoadReport)> {
    CsvTables::new(
        ("statements.csv", STATEMENTS.as_bytes()),
        ("signatures.csv", SIGNATURES.as_bytes()),
    )
    .with_actors("actors.csv", ACTORS.as_bytes())
    .read(options)
}

/// (kind of problem, field name without the JSON path, value) of each problem, sorted.
fn shape(problems: &[Problem]) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = problems
        .iter()
        .map(|p| {
            let kind = format!("{p:?}")
                .split([' ', '{'])
                .next()
                .unwrap()
                .to_string();
            let at = p.location().expect("row-level problems are located");
            let field = at.field.rsplit('.').next().unwrap().to_string();
            (kind, field, at.value.clone())
        })
        .collect();
    v.sort();
    v
}

#[test]
fn json_needs_only_what_csv_needs_and_applies_the_same_defaults() {
    let csv_ok = "id,date\ns1,2024-11-05\n";
    let (from_csv, _) = CsvTables::new(
        ("statements.csv", csv_ok.as_bytes()),
        (
            "signatures.csv",
            "statement,actor\ns1,USA\ns1,EU\n".as_bytes(),
        ),
    )
    .with_actors("actors.csv", "id\nUSA\nEU\n".as_bytes())
    .read(&ReadOptions::default())
    .unwrap();
    let json = r#"{"actors":[{"id":"USA"},{"id":"EU"}],
        "statements":[{"id":"s1","date":"2024-11-05"}],
        "signatures":[{"statement":"s1","actor":"USA"},{"statement":"s1","actor":"EU"}]}"#;
    let (from_json, report) = from_json_str("d.json", json, &ReadOptions::default()).unwrap();
    assert!(report.is_clean(), "{report:?}");
    assert_eq!(from_json, from_csv);
    let usa = from_json.actor(from_json.actor_index("USA").unwrap());
    assert_eq!(usa.name, "USA");
}

#[test]
fn strict_json_reports_the_problems_csv_reports_located_by_path_line_and_column() {
    let Err(Error::Invalid { problems: from_csv }) = csv(&ReadOptions::default()) else {
        panic!("the CSV tables are invalid")
    };
    let Err(Error::Invalid {
        problems: from_json,
    }) = from_json_str("d.json", JSON, &ReadOptions::default())
    else {
        panic!("the JSON document is invalid")
    };
    assert_eq!(shape(&from_json), shape(&from_csv));
    assert_eq!(from_json.len(), 3, "{from_json:#?}");
    let position = from_json
        .iter()
        .find_map(|p| match p {
            Problem::UnknownPosition { at } => Some(at),
            _ => None,
        })
        .unwrap();
    assert_eq!(position.file, "d.json");
    assert_eq!(position.field, "signatures[2].position");
    assert_eq!((position.line, position.column), (12, Some(53)));
    assert!(
        position
            .to_string()
            .starts_with("d.json:12:53: field `signatures[2].position` = \"maybe\""),
        "{position}"
    );
    let date = from_json
        .iter()
        .find_map(|p| match p {
            Problem::InvalidDate { at } => Some(at),
            _ => None,
        })
        .unwrap();
    assert_eq!(date.field, "statements[1].date");
    assert_eq!((date.line, date.column), (6, Some(26)));
}

#[test]
fn lenient_json_skips_and_reports_what_lenient_csv_skips() {
    let (ds_csv, report_csv) = csv(&ReadOptions::lenient()).unwrap();
    let (ds_json, report_json) = from_json_str("d.json", JSON, &ReadOptions::lenient()).unwrap();
    assert_eq!(ds_json, ds_csv);
    assert_eq!(shape(&report_json.skipped), shape(&report_csv.skipped));
    assert_eq!(report_json.skipped.len(), 4, "{:#?}", report_json.skipped);
    // The reference to the skipped statement s2 points at the line of that statement.
    let skipped_ref = report_json
        .skipped
        .iter()
        .find_map(|p| match p {
            Problem::SkippedReference { at, target_line } if at.field.ends_with("statement") => {
                Some((at.field.clone(), *target_line))
            }
            _ => None,
        })
        .unwrap();
    assert_eq!(skipped_ref, ("signatures[3].statement".to_string(), 6));
}

#[test]
fn unknown_fields_warn_and_wrong_shapes_are_located() {
    let json = r#"{"statements":[{"id":"s1","date":"2024-11-05","colour":"red"}],
        "signatures":[{"statement":"s1","actor":"USA"}, 7]}"#;
    let (ds, report) = from_json_str("d.json", json, &ReadOptions::lenient()).unwrap();
    assert_eq!(ds.num_signatures(), 1);
    assert_eq!(report.warnings.len(), 1, "{report:?}");
    assert!(report.warnings[0].to_string().contains("colour"));
    let at = report.skipped[0].location().unwrap();
    assert_eq!(
        (at.field.as_str(), at.line, at.column),
        ("signatures[1]", 2, Some(57))
    );
}

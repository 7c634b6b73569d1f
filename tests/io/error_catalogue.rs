//! docs/errors.md lists every input problem with an example and the message a user sees. This
//! test produces each message from its example input and checks the catalogue still shows it
//! verbatim, so the page cannot go stale. Run with `-- --nocapture` to print the messages.

use cosignatory::io::{ReadOptions, read_csv_folder_with, read_dataset};

const OK_STATEMENTS: &str = "id,date\ns1,2024-11-05\n";
const OK_SIGNATURES: &str = "statement,actor\ns1,USA\n";
const ACTORS: &str = "id,name,kind\nUSA,United States,country\nKOR,South Korea,country\nEU,European Union,bloc\nFRA,France,country\n";

/// (files) → the messages of the load, with the temporary folder shown as `data/`.
fn messages(files: &[(&str, &[u8])], lenient: bool) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in files {
        std::fs::write(dir.path().join(name), body).unwrap();
    }
    let prefix = format!("{}/", dir.path().display());
    let options = if lenient {
        ReadOptions::lenient()
    } else {
        ReadOptions::default()
    };
    let out = match read_csv_folder_with(dir.path(), &options) {
        Ok((_, report)) => report
            .skipped
            .iter()
            .chain(&report.dropped_fields)
            .map(|p| p.to_string())
            .chain(report.warnings.iter().map(|w| w.to_string()))
            .collect(),
        Err(e) => e
            .problems()
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>(),
    };
    out.into_iter()
        .map(|m| m.replace(&prefix, "data/"))
        .collect()
}

fn folder(statements: &str, signatures: &str) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("statements.csv", statements.as_bytes().to_vec()),
        ("signatures.csv", signatures.as_bytes().to_vec()),
        ("actors.csv", ACTORS.as_bytes().to_vec()),
    ]
}

fn run(files: Vec<(&'static str, Vec<u8>)>, lenient: bool) -> Vec<String> {
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    messages(&refs, lenient)
}

#[test]
fn every_message_is_in_the_catalogue() {
    let doc =
        std::fs::read_to_string(format!("{}/docs/errors.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut cases: Vec<Vec<String>> = vec![
        run(
            vec![("statements.csv", OK_STATEMENTS.as_bytes().to_vec())],
            false,
        ),
        run(folder("id,title\ns1,x\n", OK_SIGNATURES), false),
        run(
            folder("id,date,id\ns1,2024-11-05,s2\n", OK_SIGNATURES),
            false,
        ),
        run(folder("id,date\n", OK_SIGNATURES), false),
        run(
            vec![
                ("statements.csv", OK_STATEMENTS.as_bytes().to_vec()),
                (
                    "signatures.csv",
                    b"statement,actor,role\ns1,USA,minist\xffre\n".to_vec(),
                ),
            ],
            false,
        ),
        run(
            folder(OK_STATEMENTS, "statement,actor\ns1,USA,extra\n"),
            false,
        ),
        run(folder(OK_STATEMENTS, "statement,actor\ns1,\n"), false),
        run(folder("id,date\ns1,05/11/2024\n", OK_SIGNATURES), false),
        run(
            folder(OK_STATEMENTS, "statement,actor,position\ns1,USA,maybe\n"),
            false,
        ),
        run(
            vec![
                ("statements.csv", OK_STATEMENTS.as_bytes().to_vec()),
                ("signatures.csv", OK_SIGNATURES.as_bytes().to_vec()),
                ("actors.csv", b"id,kind\nUSA,empire\n".to_vec()),
            ],
            false,
        ),
        run(folder(OK_STATEMENTS, "statement,actor\ns1,KRO\n"), false),
        run(folder(OK_STATEMENTS, "statement,actor\ns2,USA\n"), false),
        run(
            vec![
                ("statements.csv", OK_STATEMENTS.as_bytes().to_vec()),
                ("signatures.csv", OK_SIGNATURES.as_bytes().to_vec()),
                ("actors.csv", b"id\nUSA\nUSA\n".to_vec()),
            ],
            false,
        ),
        run(
            folder("id,date\ns1,2024-11-05\ns1,2024-11-06\n", OK_SIGNATURES),
            false,
        ),
        run(
            folder(OK_STATEMENTS, "statement,actor\ns1,USA\ns1,USA\n"),
            false,
        ),
        run(
            folder(
                "id,date\ns1,2024-11-05\ns2,2024-13-01\n",
                "statement,actor\ns1,USA\ns2,USA\n",
            ),
            true,
        ),
        run(
            folder("id,date,opposes\ns1,2024-11-05,s0\n", OK_SIGNATURES),
            false,
        ),
        run(
            folder(
                "id,date,extra\ns1,2024-11-05,x\n",
                "statement,actor\ns1,usa\n",
            ),
            false,
        ),
    ];
    let mut m = folder(OK_STATEMENTS, OK_SIGNATURES);
    m.push((
        "memberships.csv",
        b"bloc,member,from,to\nEU,FRA,2020-01-01,2019-12-31\n".to_vec(),
    ));
    cases.push(run(m, false));
    let mut m = folder(OK_STATEMENTS, OK_SIGNATURES);
    m.push((
        "memberships.csv",
        b"bloc,member,from,to\nEU,FRA,1958-01-01,2000-12-31\nEU,FRA,2000-12-31,\n".to_vec(),
    ));
    cases.push(run(m, false));
    // Issue 21: quotes, self-references and cycles.
    cases.push(run(
        folder(
            OK_STATEMENTS,
            "statement,actor,role\ns1,USA,\"x\ns1,KOR,y\n",
        ),
        false,
    ));
    cases.push(run(
        folder(
            "id,date,title\ns1,2024-11-05,ok\ns2,2024-11-06,\"a\"b\n",
            OK_SIGNATURES,
        ),
        false,
    ));
    cases.push(run(
        folder("id,date,opposes\ns1,2024-11-05,s1\n", OK_SIGNATURES),
        false,
    ));
    cases.push(run(
        folder("id,date,opposes\ns1,2024-11-05,s0\n", OK_SIGNATURES),
        true,
    ));
    let mut m = folder(OK_STATEMENTS, OK_SIGNATURES);
    m.push((
        "memberships.csv",
        b"bloc,member,from\nEU,EU,1993-11-01\n".to_vec(),
    ));
    cases.push(run(m, false));
    let mut m = folder(OK_STATEMENTS, OK_SIGNATURES);
    m.push((
        "memberships.csv",
        b"bloc,member,from\nEU,FRA,1958-01-01\nFRA,EU,1993-11-01\n".to_vec(),
    ));
    cases.push(run(m, false));
    // COSIGNATORY_PRINT_ERRORS=1 prints the messages without checking (to write the page).
    let check = std::env::var_os("COSIGNATORY_PRINT_ERRORS").is_none();
    for (i, msgs) in cases.iter().enumerate() {
        assert!(!msgs.is_empty(), "case {i} produced no message");
        for msg in msgs {
            println!("{msg}");
            assert!(
                !check || doc.contains(msg.as_str()),
                "docs/errors.md does not show case {i}: {msg}"
            );
        }
    }
    // JSON syntax errors name line and column.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.json");
    std::fs::write(&path, "{\"statements\": [\n  oops\n]}").unwrap();
    let msg = read_dataset(&path)
        .unwrap_err()
        .to_string()
        .replace(&format!("{}/", dir.path().display()), "");
    println!("{msg}");
    assert!(
        !check || doc.contains(&msg),
        "docs/errors.md does not show: {msg}"
    );
}

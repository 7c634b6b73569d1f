//! Shared by the CLI tests: the binary, and a small dataset written as a CSV folder.
//!
//! The small dataset has two groups that sign together, AAA BBB CCC (the bloc BLC) and
//! DDD EEE FFF, joined by one statement of CCC and DDD:
//!
//! | statement | date | kind | signatories |
//! |---|---|---|---|
//! | s1 | 2020-01-10 | joint_statement | AAA BBB CCC |
//! | s2 | 2020-03-01 | joint_statement | AAA BBB |
//! | s3 | 2021-02-01 | joint_letter | DDD EEE FFF |
//! | s4 | 2021-06-01 | declaration | DDD EEE |
//! | s5 | 2021-09-01 | joint_statement | CCC DDD |

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub fn cosignatory() -> Command {
    assert_cmd::cargo::cargo_bin_cmd!("cosignatory")
}

pub const STATEMENTS: &str = "\
id,date,title,kind,topics
s1,2020-01-10,First,joint_statement,trade
s2,2020-03-01,Second,joint_statement,trade
s3,2021-02-01,Third,joint_letter,health
s4,2021-06-01,Fourth,declaration,health
s5,2021-09-01,Fifth,joint_statement,trade
";

pub const SIGNATURES: &str = "\
statement,actor
s1,AAA
s1,BBB
s1,CCC
s2,AAA
s2,BBB
s3,DDD
s3,EEE
s3,FFF
s4,DDD
s4,EEE
s5,CCC
s5,DDD
";

pub const ACTORS: &str = "\
id,name,kind
AAA,Alpha,country
BBB,Beta,country
BLC,The Bloc,bloc
CCC,Gamma,country
DDD,Delta,country
EEE,Epsilon,country
FFF,Phi,country
";

pub const MEMBERSHIPS: &str = "\
bloc,member,from,to
BLC,AAA,2000-01-01,
BLC,BBB,2000-01-01,
BLC,CCC,2000-01-01,
";

/// The small dataset as a CSV folder (with `statements` replacing statements.csv).
pub fn folder_with(statements: &str) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    std::fs::create_dir(&data).expect("data dir");
    for (name, text) in [
        ("statements.csv", statements),
        ("signatures.csv", SIGNATURES),
        ("actors.csv", ACTORS),
        ("memberships.csv", MEMBERSHIPS),
    ] {
        std::fs::write(data.join(name), text).expect("write table");
    }
    (dir, data)
}

pub fn folder() -> (TempDir, PathBuf) {
    folder_with(STATEMENTS)
}

pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8(out).expect("UTF-8 output")
}

pub fn json_of(cmd: &mut Command) -> serde_json::Value {
    serde_json::from_str(&stdout_of(cmd)).expect("valid JSON on stdout")
}

pub fn arg(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

//! Real data bundled with the crate (no file system needed).

use crate::io::{CsvTables, ReadOptions};
use crate::model::{Dataset, Membership};

const STATEMENTS: &str = include_str!("../data/statements.csv");
const SIGNATURES: &str = include_str!("../data/signatures.csv");
const ACTORS: &str = include_str!("../data/actors.csv");
const MEMBERSHIPS: &str = include_str!("../data/memberships.csv");

/// The curated joint statements 2014–2025: real statements, letters and declarations with
/// their signatories as published, the actors (countries by ISO 3166-1 alpha-3, blocs) and bloc
/// memberships over time. `data/SOURCES.md` gives the source and completeness of every list.
///
/// ```
/// let ds = cosignatory::datasets::joint_statements();
/// assert!(ds.statement_by_id("2024-11-05-dprk-troops-russia").is_some());
/// ```
pub fn joint_statements() -> Dataset {
    let tables = CsvTables::new(
        ("data/statements.csv", STATEMENTS.as_bytes()),
        ("data/signatures.csv", SIGNATURES.as_bytes()),
    )
    .with_actors("data/actors.csv", ACTORS.as_bytes())
    .with_memberships("data/memberships.csv", MEMBERSHIPS.as_bytes());
    // The bundled files are checked by the test suite, so failing here is a build defect.
    tables
        .read(&ReadOptions::default())
        .expect("bundled joint-statements data is valid")
        .0
}

/// The bloc memberships of the bundled data (`data/memberships.csv`: EU, NATO, G7, ASEAN,
/// BRICS, SCO, ..., dated from each bloc's founding; sources in `data/SOURCES.md`) and the
/// blocs' `(id, name)`: what [`un_votes`] attaches to the General Assembly roll calls, and
/// what [`Dataset::with_memberships`](crate::model::Dataset::with_memberships) can attach to any dataset.
///
/// ```
/// let (memberships, names) = cosignatory::datasets::bloc_memberships();
/// assert!(memberships.iter().any(|m| m.bloc == "EU" && m.member == "FRA"));
/// assert!(names.iter().any(|(id, _)| id == "NATO"));
/// ```
pub fn bloc_memberships() -> (Vec<Membership>, Vec<(String, String)>) {
    let js = joint_statements();
    let memberships: Vec<Membership> = js.membership_records().collect();
    let names = js
        .actors()
        .iter()
        .filter(|a| memberships.iter().any(|m| m.bloc == a.id))
        .map(|a| (a.id.clone(), a.name.clone()))
        .collect();
    (memberships, names)
}

/// The UN General Assembly roll calls 1946–2019 (6,203 roll calls, 870,109 votes, 5,745 issue
/// tags), from the MIT-licensed R package `unvotes` by David Robinson, derived from Erik
/// Voeten's UNGA voting data (Harvard Dataverse, hdl:1902.1/12379); see
/// `data/unvotes/README.md`. Compiled in, compressed, so it works offline; needs the cargo
/// feature `un-votes`.
///
/// How the tables become a dataset (statement ids `rcid-N`, the historical country codes, the
/// `UN` bloc whose membership runs from each country's first to its last roll call) is
/// described in [`UnVotesTables`](crate::io::UnVotesTables) and
/// [`UN_COUNTRY_CODES`](crate::io::UN_COUNTRY_CODES).
///
/// ```
/// use cosignatory::model::Position;
/// let ds = cosignatory::datasets::un_votes();
/// assert_eq!(ds.statements().len(), 6203);
/// let s = ds.statement_by_id("rcid-3").unwrap();
/// assert_eq!(s.attributes["unres"], "R/1/66");
/// let usa = ds.actor_index("USA").unwrap();
/// let first = ds.signatures_by(usa).next().unwrap();
/// assert_eq!((first.statement, first.position), (ds.statement_index("rcid-3").unwrap(), Position::Yes));
/// ```
#[cfg(feature = "un-votes")]
pub fn un_votes() -> Dataset {
    use crate::io::unvotes::gunzip;
    use crate::io::{UnVotesOptions, UnVotesTables};

    const VOTES: &[u8] = include_bytes!("../data/unvotes/unvotes.csv.gz");
    const ROLL_CALLS: &[u8] = include_bytes!("../data/unvotes/roll_calls.csv.gz");
    const ISSUES: &[u8] = include_bytes!("../data/unvotes/issues.csv.gz");
    let tables = UnVotesTables::new(
        ("data/unvotes/unvotes.csv.gz", gunzip(VOTES)),
        ("data/unvotes/roll_calls.csv.gz", gunzip(ROLL_CALLS)),
    )
    .with_issues("data/unvotes/issues.csv.gz", gunzip(ISSUES));
    let (memberships, names) = bloc_memberships();
    // The bundled files are checked by the test suite, so failing here is a build defect.
    tables
        .read(&UnVotesOptions::default().with_blocs(memberships, names))
        .expect("bundled UN votes data is valid")
        .0
}

//! The bundled UN General Assembly roll calls (`cosignatory::datasets::un_votes`), checked
//! against the raw files in `data/unvotes/`.
//!
//! Expected values come from two places, marked at each test: an independent scan of the raw
//! gz files with a plain line parser (below; it shares no code with the importer), and numbers
//! hard-coded after checking them with `zcat data/unvotes/unvotes.csv.gz | awk -F, '$1==RCID'`.

use chrono::{Datelike, NaiveDate};
use cosignatory::datasets::{joint_statements, un_votes};
use cosignatory::io::{
    UN_BLOC, UnVotesOptions, read_csv_folder, read_unvotes_dir, read_unvotes_dir_with,
    write_csv_folder,
};
use cosignatory::model::{ActorKind, Dataset, Position};
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::PathBuf;
use std::sync::LazyLock;

/// Loaded once: a debug build takes seconds.
static DS: LazyLock<Dataset> = LazyLock::new(un_votes);

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn data(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data/unvotes")
        .join(file)
}

/// The lines of a raw gz table after the header.
fn raw_lines(file: &str) -> Vec<String> {
    let bytes = std::fs::read(data(file)).unwrap();
    let mut text = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut text)
        .unwrap();
    text.lines().skip(1).map(str::to_string).collect()
}

/// Ids and positions of one roll call's votes, sorted by id.
fn votes_on(ds: &Dataset, rcid: u32) -> Vec<(String, Position)> {
    let s = ds.statement_index(&format!("rcid-{rcid}")).unwrap();
    ds.signatures_of(s)
        .map(|r| (ds.actor(r.actor).id.clone(), r.position))
        .collect()
}

fn with(votes: &[(String, Position)], p: Position) -> Vec<&str> {
    votes
        .iter()
        .filter(|(_, q)| *q == p)
        .map(|(id, _)| id.as_str())
        .collect()
}

#[test]
fn counts_match_the_source_files() {
    // SOURCE.md's row counts (= `zcat FILE | wc -l` minus the header).
    let ds = &*DS;
    assert_eq!(ds.statements().len(), 6_203);
    assert_eq!(ds.num_signatures(), 870_109);
    let tags: usize = ds.statements().iter().map(|s| s.topics.len()).sum();
    assert_eq!(tags, 5_745);
    // 200 (country, code) pairs: FRG joins DEU, the Yemen Arab Republic joins YEM, and
    // Yugoslavia splits into YUG and SRB.
    let countries = ds
        .actors()
        .iter()
        .filter(|a| a.kind == ActorKind::Country)
        .count();
    assert_eq!(countries, 199);
    // The UN bloc and the 9 bundled blocs (EU, NATO, ...; issue 18, item 11).
    let (blocs, _) = cosignatory::datasets::bloc_memberships();
    assert_eq!(ds.actors().len(), 200 + 9);
    assert_eq!(ds.member_spans().len(), 199 + blocs.len());
}

#[test]
fn every_vote_matches_the_raw_file() {
    // Independent: the raw vote table (no quoted fields in it) parsed with split(',').
    let ds = &*DS;
    let mut got: HashMap<(String, String), Position> = HashMap::new();
    for (i, s) in ds.statements().iter().enumerate() {
        let idx = ds.statement_index(&s.id).unwrap();
        assert_eq!(idx.index(), i);
        for r in ds.signatures_of(idx) {
            let name = ds.actor(r.actor).name.clone();
            let dup = got.insert((s.id.clone(), name), r.position);
            assert!(dup.is_none());
        }
    }
    let rc_dates: HashMap<String, String> = raw_lines("roll_calls.csv.gz")
        .iter()
        .filter_map(|l| {
            let mut f = l.split(',');
            let rcid = f.next()?.to_string();
            Some((rcid, f.nth(2)?.to_string()))
        })
        .collect();
    let mut n = 0;
    for line in raw_lines("unvotes.csv.gz") {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f.len(), 4, "{line}");
        // Actor names are the latest name of each id; three file names differ from it.
        let name = match (f[1], rc_dates[f[0]].as_str() >= "2000-11-01") {
            ("Federal Republic of Germany", _) => "Germany",
            ("Yemen Arab Republic", _) => "Yemen",
            ("Yugoslavia", true) => "Serbia",
            (other, _) => other,
        };
        let want = match f[3] {
            "yes" => Position::Yes,
            "no" => Position::No,
            "abstain" => Position::Abstain,
            other => panic!("unexpected vote {other}"),
        };
        let key = (format!("rcid-{}", f[0]), name.to_string());
        assert_eq!(got.get(&key), Some(&want), "{line}");
        n += 1;
    }
    assert_eq!(n, got.len());
}

#[test]
fn the_2019_cuba_embargo_vote() {
    // Hard-coded after zcat/awk: rcid 9058, A/RES/74/7, 2019-11-07: 187 yes, 3 no, 2 abstain.
    let v = votes_on(&DS, 9058);
    assert_eq!(with(&v, Position::No), ["BRA", "ISR", "USA"]);
    assert_eq!(with(&v, Position::Abstain), ["COL", "UKR"]);
    assert_eq!(with(&v, Position::Yes).len(), 187);
    let s = DS.statement_by_id("rcid-9058").unwrap();
    assert_eq!(s.date, d("2019-11-07"));
    assert_eq!(s.attributes["unres"], "A/RES/74/7");
}

#[test]
fn the_1971_china_representation_vote() {
    // Hard-coded after zcat/awk: rcid 1190, resolution 2758, 76 yes, 35 no, 17 abstain.
    let v = votes_on(&DS, 1190);
    let no = [
        "AUS", "BEN", "BFA", "BOL", "BRA", "CAF", "CIV", "COD", "CRI", "DOM", "GAB", "GMB", "GTM",
        "HND", "HTI", "JPN", "KHM", "LBR", "LSO", "MDG", "MLT", "MWI", "NER", "NIC", "NZL", "PHL",
        "PRY", "SAU", "SLV", "SWZ", "TCD", "URY", "USA", "VEN", "ZAF",
    ];
    assert_eq!(with(&v, Position::No), no);
    assert_eq!(with(&v, Position::Yes).len(), 76);
    assert_eq!(with(&v, Position::Abstain).len(), 17);
    assert!(with(&v, Position::Yes).contains(&"RUS")); // the USSR
}

#[test]
fn the_2017_jerusalem_vote() {
    // Hard-coded after zcat/awk: rcid 5588, A/RES/ES-10/19, 127 yes, 9 no, 35 abstain.
    let v = votes_on(&DS, 5588);
    let no = [
        "FSM", "GTM", "HND", "ISR", "MHL", "NRU", "PLW", "TGO", "USA",
    ];
    assert_eq!(with(&v, Position::No), no);
    assert_eq!(with(&v, Position::Abstain).len(), 35);
    assert_eq!(with(&v, Position::Yes).len(), 127);
    assert_eq!(
        DS.statement_by_id("rcid-5588").unwrap().attributes["important"],
        "1"
    );
}

#[test]
fn statements_are_sorted_by_date_not_by_rcid() {
    let ds = &*DS;
    assert!(ds.statements().windows(2).all(|w| w[0].date <= w[1].date));
    assert_eq!(ds.date_range(), Some((d("1946-01-01"), d("2020-01-14"))));
    // The 9000-series are the 1947-48 special sessions, dated before rcid 100.
    let special = ds.statement_index("rcid-9001").unwrap();
    assert_eq!(ds.statement(special).date, d("1947-05-06"));
    assert!(special < ds.statement_index("rcid-100").unwrap());
}

#[test]
fn no_roll_calls_in_1964() {
    // The Article 19 crisis: no recorded plenary votes that year.
    let per_year = |y: i32| {
        DS.statements()
            .iter()
            .filter(|s| s.date.year() == y)
            .count()
    };
    assert_eq!(per_year(1964), 0);
    assert!(per_year(1963) > 0 && per_year(1965) > 0);
    let window = DS.view().between(d("1964-01-01"), d("1964-12-31"));
    assert_eq!(window.len(), 0);
}

#[test]
fn namibia_and_the_yemen_arab_republic_are_told_apart() {
    // Both are `NA` in the file; the `country` name decides.
    let ds = &*DS;
    let un = ds.actor_index(UN_BLOC).unwrap();
    let nam = ds.actor_index("NAM").unwrap();
    let yem = ds.actor_index("YEM").unwrap();
    assert_eq!(ds.actor(nam).name, "Namibia");
    assert_eq!(ds.actor(yem).name, "Yemen");
    let span = |a| {
        let s: Vec<_> = ds
            .spans_of_bloc(un)
            .iter()
            .filter(|s| s.member == a)
            .collect();
        assert_eq!(s.len(), 1);
        (s[0].from, s[0].to)
    };
    assert_eq!(span(nam), (d("1990-11-03"), Some(d("2020-01-14"))));
    // North Yemen from 1947, continued by unified Yemen.
    assert_eq!(span(yem), (d("1947-10-02"), Some(d("2019-12-27"))));
    assert!(
        ds.signatures_by(nam)
            .all(|r| ds.statement(r.statement).date.year() >= 1990)
    );
    assert!(ds.is_member(un, yem, d("1980-06-01")));
    assert!(!ds.is_member(un, nam, d("1980-06-01")));
    // Zanzibar, also `NA`, voted twice on 1963-12-03, next to Tanganyika (TZA).
    let xzn = ds.actor_index("XZN").unwrap();
    assert_eq!(span(xzn), (d("1963-12-03"), Some(d("1963-12-03"))));
    for rcid in [874, 875] {
        let v = votes_on(ds, rcid);
        assert!(v.iter().any(|(id, _)| id == "XZN") && v.iter().any(|(id, _)| id == "TZA"));
    }
    // The Federal Republic of Germany, also `NA`, is DEU.
    assert_eq!(span(ds.actor_index("DEU").unwrap()).0, d("1973-10-01"));
}

#[test]
fn historical_codes_have_their_own_ids_and_years() {
    let ds = &*DS;
    let un = ds.actor_index(UN_BLOC).unwrap();
    let span = |id: &str| {
        let a = ds.actor_index(id).unwrap();
        let s = ds.spans_of_bloc(un).iter().find(|s| s.member == a).unwrap();
        (
            ds.actor(a).name.as_str(),
            s.from.year(),
            s.to.unwrap().year(),
        )
    };
    assert_eq!(span("CSK"), ("Czechoslovakia", 1946, 1992));
    assert_eq!(span("DDR"), ("German Democratic Republic", 1973, 1989));
    assert_eq!(span("YMD"), ("Yemen People's Republic", 1967, 1989));
    assert_eq!(span("YUG"), ("Yugoslavia", 1946, 1992));
    assert_eq!(span("SRB"), ("Serbia", 2000, 2020));
    assert_eq!(span("RUS"), ("Russia", 1946, 2020)); // the USSR before 1991
    assert_eq!(span("TWN"), ("Taiwan", 1946, 1971));
    assert_eq!(span("CHN"), ("China", 1971, 2020));
    assert_eq!(span("DEU"), ("Germany", 1973, 2020));
}

#[test]
fn a_vote_is_only_ever_cast_by_a_member() {
    // Non-members have no row, so membership from first to last vote covers every vote.
    let ds = &*DS;
    let un = ds.actor_index(UN_BLOC).unwrap();
    for (i, s) in ds.statements().iter().enumerate() {
        let members = ds.members_on(un, s.date);
        let idx = ds.statement_index(&s.id).unwrap();
        assert_eq!(idx.index(), i);
        assert!(
            ds.signatures_of(idx)
                .all(|r| members.binary_search(&r.actor).is_ok())
        );
    }
    let on = |day: &str| ds.members_on(un, d(day));
    let east_germany = ds.actor_index("DDR").unwrap();
    assert!(!on("1990-12-06").contains(&east_germany));
    assert!(on("1985-12-02").contains(&east_germany));
}

#[test]
fn roll_call_fields_become_title_topics_and_attributes() {
    let ds = &*DS;
    let s = ds.statement_by_id("rcid-3").unwrap();
    assert_eq!(s.title, "AMENDMENTS, RULES OF PROCEDURE");
    assert_eq!(s.kind.as_str(), "resolution_vote");
    let attrs: BTreeMap<&str, &str> = s
        .attributes
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .filter(|(k, _)| *k != "descr")
        .collect();
    let want = [
        ("amend", "1"),
        ("important", "0"),
        ("para", "0"),
        ("rcid", "3"),
        ("session", "1"),
        ("unres", "R/1/66"),
    ];
    assert_eq!(attrs, BTreeMap::from(want));
    assert!(s.attributes["descr"].starts_with("TO ADOPT A CUBAN AMENDMENT"));
    // `NA` leaves the attribute out.
    let late = ds.statement_by_id("rcid-9058").unwrap();
    for absent in ["important", "amend", "para"] {
        assert!(!late.attributes.contains_key(absent), "{absent}");
    }
    // Stray tabs (spilled issue flags) are gone from every description and title.
    let tabs = |s: &cosignatory::model::Statement| {
        s.title.contains('\t') || s.attributes.get("descr").is_some_and(|d| d.contains('\t'))
    };
    assert!(!ds.statements().iter().any(tabs));
    assert!(
        ds.statement_by_id("rcid-7").unwrap().attributes["descr"].ends_with("NOMINATIONS.\\\\\"")
    );
    // rcid 610: the description had spilled into `short`.
    let s610 = ds.statement_by_id("rcid-610").unwrap();
    assert_eq!(s610.title, "ALGERIA, \\POURPARLERS\\\\\"");
    assert!(s610.attributes["descr"].starts_with("TO ADOPT 3RD PREAMBULAR PARAGRAPH"));
}

#[test]
fn issue_tags_are_topics() {
    let ds = &*DS;
    // `zcat issues.csv.gz | grep '^77,'`: me, then ec; topics are sorted.
    assert_eq!(ds.statement_by_id("rcid-77").unwrap().topics, ["ec", "me"]);
    assert_eq!(ds.statement_by_id("rcid-6").unwrap().topics, ["hr"]);
    assert!(ds.statement_by_id("rcid-3").unwrap().topics.is_empty());
    let mut per_tag: BTreeMap<&str, usize> = BTreeMap::new();
    for s in ds.statements() {
        for t in &s.topics {
            *per_tag.entry(t.as_str()).or_default() += 1;
        }
    }
    // `zcat issues.csv.gz | cut -d, -f2 | sort | uniq -c`
    let want = [
        ("co", 957),
        ("di", 1092),
        ("ec", 765),
        ("hr", 1015),
        ("me", 1061),
        ("nu", 855),
    ];
    assert_eq!(per_tag, BTreeMap::from(want));
}

#[test]
fn ids_match_the_joint_statement_data() {
    // Every UN member in the joint-statement data has the same id here.
    let un = &*DS;
    let js = joint_statements();
    let missing: Vec<&str> = js
        .actors()
        .iter()
        .filter(|a| a.kind == ActorKind::Country)
        .map(|a| a.id.as_str())
        .filter(|id| un.actor_index(id).is_none())
        .collect();
    // Palestine and Kosovo are not UN members.
    assert_eq!(missing, ["PSE", "XKX"]);
}

#[test]
fn csv_round_trip_gives_an_identical_dataset() {
    let dir = tempfile::tempdir().unwrap();
    write_csv_folder(&DS, dir.path()).unwrap();
    let back = read_csv_folder(dir.path()).unwrap();
    assert!(back == *DS, "the CSV round trip changed the dataset");
}

#[test]
fn the_directory_reader_gives_the_bundled_dataset() {
    let (blocs, names) = cosignatory::datasets::bloc_memberships();
    let options = UnVotesOptions::default().with_blocs(blocs, names);
    let (ds, _) = read_unvotes_dir_with(data(""), &options).unwrap();
    assert!(ds == *DS);
    let plain = read_unvotes_dir(data("")).unwrap();
    assert!(plain.actor_index("EU").is_none());
}

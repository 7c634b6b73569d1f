//! `cosignatory report`: the generated page, parsed (sections, the library's numbers, no
//! external URL, escaping), and loaded in a real browser (headless Chromium) when one is there.
#![cfg(feature = "cli")]

use assert_cmd::Command;
use cosignatory::align::{Defaults, MatrixOptions, alignment_matrix};
use cosignatory::cluster::CoalitionOptions;
use cosignatory::graph::{ProjectionOptions, Weighting, participation_coefficient, project};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

fn cosignatory() -> Command {
    assert_cmd::cargo::cargo_bin_cmd!("cosignatory")
}

/// Runs `cosignatory report ARGS --out DIR/NAME` and returns the page.
fn report(dir: &Path, name: &str, args: &[&str]) -> (PathBuf, String) {
    let out = dir.join(name);
    cosignatory()
        .arg("report")
        .args(args)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).expect("page written");
    (out, html)
}

/// Reverses the writer's escaping.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every value of attribute `name` in the page (double-quoted, as the writer writes them).
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&needle) {
        let from = at + needle.len();
        let len = rest[from..].find('"').expect("closed attribute");
        out.push(&rest[from..from + len]);
        rest = &rest[from + len..];
    }
    out
}

/// The text of the element with this id: `<tag id="ID" ...>text</tag>`.
fn by_id(html: &str, id: &str) -> String {
    let at = html
        .find(&format!(" id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element #{id}"));
    let start = at + html[at..].find('>').unwrap() + 1;
    let end = start + html[start..].find('<').unwrap();
    unescape(&html[start..end])
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// The CSV behind the download link of `file`, as rows of fields (no quoted commas in
/// the tables read here).
fn csv_download(html: &str, file: &str) -> Vec<Vec<String>> {
    let at = html
        .find(&format!("download=\"{file}\" href=\""))
        .unwrap_or_else(|| panic!("no download {file}"));
    let from = at + html[at..].find("href=\"").unwrap() + 6;
    let len = html[from..].find('"').unwrap();
    let uri = unescape(&html[from..from + len]);
    let data = uri
        .strip_prefix("data:text/csv;charset=utf-8,")
        .expect("a CSV data URI");
    percent_decode(data)
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn bundled_report_has_every_section_and_the_librarys_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let (path, html) = report(dir.path(), "study.html", &[]);
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size <= 2_000_000, "{size} bytes: over the 2 MB budget");
    for id in [
        "summary",
        "network",
        "coalitions",
        "alignment",
        "over-time",
        "methods",
    ] {
        assert!(
            html.contains(&format!("<section id=\"{id}\"")),
            "no section {id}"
        );
    }
    for id in ["network-svg", "heatmap-svg", "series-svg", "alluvial-svg"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "no figure {id}");
    }
    // Summary figures are View::summary's.
    let ds = cosignatory::datasets::joint_statements();
    let view = ds.view();
    let s = view.summary(10);
    assert_eq!(by_id(&html, "fact-statements"), s.statements.to_string());
    assert_eq!(by_id(&html, "fact-signatures"), s.signatures.to_string());
    assert_eq!(by_id(&html, "fact-actors"), s.actors.to_string());
    assert_eq!(by_id(&html, "fact-version"), env!("CARGO_PKG_VERSION"));
    assert_eq!(by_id(&html, "fact-seed"), "0");
    assert!(by_id(&html, "command").contains("report --out"));
    // Coalitions: the library's, in its size numbering, with its participation coefficients.
    let g = project(&view, &ProjectionOptions::new(Weighting::Newman)).unwrap();
    let found = g
        .coalitions(&CoalitionOptions {
            runs: Some(10),
            ..Default::default()
        })
        .unwrap();
    let ids: Vec<String> = (0..g.node_count()).map(|v| g.id(v).to_string()).collect();
    let expected = found.partition.labelled_by_size(&ids);
    let mut shown = Vec::new();
    let mut rest = html.as_str();
    while let Some(at) = rest.find("<td class=\"members\">") {
        let from = at + "<td class=\"members\">".len();
        let len = rest[from..].find("</td>").unwrap();
        shown.push(
            unescape(&rest[from..from + len])
                .split(' ')
                .map(str::to_string)
                .collect::<Vec<_>>(),
        );
        rest = &rest[from..];
    }
    assert_eq!(shown, expected);
    // Every coalition is tested against the null model; p is (1 + k) / 21.
    let ps: Vec<f64> = attributes(&html, "data-v")
        .into_iter()
        .zip(html.split("data-v=\"").skip(1))
        .filter(|(_, rest)| {
            rest.split_once('>')
                .is_some_and(|(a, _)| a.contains("class=\"null\""))
        })
        .map(|(v, _)| v.parse().unwrap())
        .collect();
    assert_eq!(ps.len(), expected.len());
    for p in ps {
        let k = p * 21.0 - 1.0;
        assert!(
            (k - k.round()).abs() < 1e-9 && (0.0..=20.0).contains(&k.round()),
            "{p}"
        );
    }
    let pc =
        participation_coefficient(g.graph(), |e| e.weight, found.partition.membership()).unwrap();
    let actors = csv_download(&html, "actors.csv");
    assert_eq!(
        actors[0],
        "actor,name,coalition,strength,participation,betweenness,statements,x,y"
            .split(',')
            .collect::<Vec<_>>()
    );
    let by_actor: HashMap<&str, &Vec<String>> =
        actors[1..].iter().map(|r| (r[0].as_str(), r)).collect();
    assert_eq!(by_actor.len(), g.node_count());
    for (v, id) in ids.iter().enumerate() {
        let row = by_actor[id.as_str()];
        let number = expected.iter().position(|c| c.contains(id)).unwrap() + 1;
        assert_eq!(row[2], number.to_string(), "{id}");
        match pc[v] {
            Some(p) => assert_eq!(row[4].parse::<f64>().unwrap(), p, "{id}"),
            None => assert_eq!(row[4], "", "{id}"),
        }
    }
    assert_eq!(
        html.matches("class=\"node\"").count(),
        g.node_count(),
        "one circle per actor"
    );
    // Heatmap scores are alignment_matrix's.
    let defaults = Defaults::for_view(&view);
    let heat = csv_download(&html, "alignment.csv");
    assert_eq!(heat[0], ["a", "b", "measure", "score", "n"]);
    let n_actors = s.actors.min(200);
    assert_eq!(heat.len() - 1, n_actors * (n_actors - 1) / 2);
    let m = alignment_matrix(
        &view,
        &MatrixOptions {
            actors: None,
            measure: defaults.measure,
            coding: defaults.coding,
            universe: defaults.universe.clone(),
            options: Default::default(),
        },
    )
    .unwrap();
    for row in heat[1..].iter().step_by(97) {
        let score = m.score(&row[0], &row[1]).unwrap();
        assert_eq!(row[2], defaults.measure.name());
        assert_eq!(row[4], score.n.to_string(), "{row:?}");
        match score.value {
            Some(v) => assert_eq!(row[3].parse::<f64>().unwrap(), v, "{row:?}"),
            None => assert_eq!(row[3], "", "{row:?}"),
        }
    }
    // Self-contained: every src and href is a fragment or a data: URI.
    for a in ["src", "href"] {
        for v in attributes(&html, a) {
            assert!(
                v.starts_with('#') || v.starts_with("data:"),
                "{a}=\"{}…\" points outside the page",
                &v[..v.len().min(60)]
            );
        }
    }
    assert!(!html.contains("<link"), "no linked stylesheet");
    assert_eq!(
        html.matches("<script").count(),
        2,
        "only the two inlined scripts"
    );
    // The self-check's expectations are written for the script.
    let expect = attributes(&html, "data-expect")[0];
    assert!(
        expect.contains(&format!("nodes={}", g.node_count())),
        "{expect}"
    );
    assert!(expect.contains("sections=6"), "{expect}");
}

/// A small dataset whose actor names and ids need escaping.
fn odd_dataset(dir: &Path) -> PathBuf {
    let data = dir.join("odd");
    std::fs::create_dir_all(&data).unwrap();
    let files = [
        (
            "statements.csv",
            "id,date,title,kind,topics\n\
             s1,2020-01-10,One,joint_statement,trade\n\
             s2,2020-05-01,Two,joint_statement,trade\n\
             s3,2021-02-01,Three,joint_letter,health\n\
             s4,2021-06-01,Four,declaration,health\n",
        ),
        (
            "signatures.csv",
            "statement,actor\ns1,A&B\ns1,BBB\ns1,CCC\ns2,A&B\ns2,BBB\ns3,CCC\ns3,DDD\n\
             s4,DDD\ns4,A&B\n",
        ),
        (
            "actors.csv",
            "id,name,kind\n\
             A&B,\"<script>alert(\"\"x\"\")</script>\",country\n\
             BBB,\"Quote \"\"q\"\" & 'apostrophe'\",country\n\
             CCC,Gamma <b>bold</b>,country\n\
             DDD,Delta,country\n",
        ),
        ("memberships.csv", "bloc,member,from,to\n"),
    ];
    for (name, text) in files {
        std::fs::write(data.join(name), text).unwrap();
    }
    data
}

#[test]
fn odd_actor_names_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let data = odd_dataset(dir.path());
    let (_, html) = report(
        dir.path(),
        "odd.html",
        &[data.to_str().unwrap(), "--bootstrap", "20"],
    );
    assert_eq!(html.matches("<script").count(), 2, "a name became markup");
    assert!(!html.contains("<b>bold"));
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(html.contains("Gamma &lt;b&gt;bold&lt;/b&gt;"));
    assert!(html.contains("data-id=\"A&amp;B\""));
    // CSV downloads quote and encode them.
    let actors = csv_download(&html, "actors.csv");
    assert!(actors.iter().any(|r| r[0] == "A&B"), "{actors:?}");
}

#[test]
fn bad_arguments_are_usage_errors() {
    cosignatory()
        .args(["report", "--max-edges", "0"])
        .assert()
        .code(2);
    cosignatory()
        .args(["report", "--alpha", "1.5"])
        .assert()
        .code(2);
    cosignatory().args(["report", "--ci", "2"]).assert().code(2);
    cosignatory()
        .args(["report", "--pairs", "USA:XXQ"])
        .assert()
        .code(1);
    let help = cosignatory().args(["report", "--help"]).assert().success();
    let text = String::from_utf8(help.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("Examples:") && text.contains("--out study.html"),
        "{text}"
    );
}

#[test]
fn same_seed_same_page() {
    let dir = tempfile::tempdir().unwrap();
    let (_, a) = report(dir.path(), "a.html", &["--from", "2019-01-01"]);
    let (_, b) = report(dir.path(), "b.html", &["--from", "2019-01-01"]);
    let strip = |s: &str| s.replace("a.html", "").replace("b.html", "");
    assert_eq!(strip(&a), strip(&b));
}

/// Chromium to use: `COSIGNATORY_CHROMIUM`, else /usr/bin/chromium. `None` skips the browser
/// test, unless COSIGNATORY_BROWSER_TEST=1 requires it.
fn chromium() -> Option<PathBuf> {
    let required = std::env::var("COSIGNATORY_BROWSER_TEST").is_ok_and(|v| v == "1");
    let path = std::env::var_os("COSIGNATORY_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if path.exists() {
        Some(path)
    } else if required {
        panic!(
            "COSIGNATORY_BROWSER_TEST=1 but {} is missing (apt-get install chromium)",
            path.display()
        );
    } else {
        eprintln!(
            "skipped: no {} (set COSIGNATORY_BROWSER_TEST=1 to require it)",
            path.display()
        );
        None
    }
}

fn headless(chromium: &Path, profile: &Path) -> Process {
    let mut c = Process::new(chromium);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

/// Loads the page from a file URL, returns the body's attributes after the scripts ran and
/// saves a screenshot next to the page.
fn in_browser(chromium: &Path, page: &Path, shot: &Path) -> HashMap<String, String> {
    let url = format!("file://{}", page.display());
    let profile = tempfile::tempdir().unwrap();
    let out = headless(chromium, profile.path())
        // Real time (no virtual time budget): the inline script runs before the load event,
        // after which the DOM is dumped; its performance.now() is the parse-and-run time.
        .args(["--dump-dom", &url])
        .output()
        .expect("chromium runs");
    assert!(out.status.success(), "chromium failed: {out:?}");
    let dom = String::from_utf8_lossy(&out.stdout);
    let log = String::from_utf8_lossy(&out.stderr);
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:?}");
    let body_at = dom.find("<body").expect("a body");
    let body = &dom[body_at..body_at + dom[body_at..].find('>').unwrap()];
    let mut attrs = HashMap::new();
    for name in [
        "data-selfcheck",
        "data-errors",
        "data-expect",
        "data-script-ms",
    ] {
        if let Some(v) = attributes(body, name).first() {
            attrs.insert(name.to_string(), unescape(v));
        }
    }
    let profile = tempfile::tempdir().unwrap();
    let status = headless(chromium, profile.path())
        .arg(format!("--screenshot={}", shot.display()))
        .args(["--window-size=1400,3000", &url])
        .output()
        .expect("chromium runs");
    assert!(status.status.success(), "screenshot failed: {status:?}");
    let png = std::fs::read(shot).expect("screenshot written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 50_000,
        "{} bytes",
        png.len()
    );
    attrs
}

fn assert_self_check(attrs: &HashMap<String, String>) {
    assert_eq!(attrs.get("data-errors"), None, "script errors: {attrs:?}");
    let check = attrs.get("data-selfcheck").expect("the self-check ran");
    assert!(check.starts_with("ok "), "self-check: {check}");
    // The counts the self-check saw are the ones the generator expected.
    let expect = &attrs["data-expect"];
    assert_eq!(check.trim_start_matches("ok "), expect.as_str());
    // Parsed and scripted within the 2 s budget (about 0.35 s for the UN 2010s here).
    let ms: f64 = attrs["data-script-ms"].parse().unwrap();
    assert!(ms < 2000.0, "{ms} ms to parse and run the page");
}

#[test]
fn browser_loads_the_bundled_report() {
    let Some(chromium) = chromium() else { return };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report");
    std::fs::create_dir_all(&dir).unwrap();
    let (page, _) = report(&dir, "bundled.html", &[]);
    let shot = dir.join("bundled.png");
    let attrs = in_browser(&chromium, &page, &shot);
    assert_self_check(&attrs);
    assert!(attrs["data-expect"].contains("nodes=177"), "{attrs:?}");
    eprintln!("screenshot: {}", shot.display());
}

#[cfg(feature = "un-votes")]
#[test]
fn browser_loads_the_un_2010s_report() {
    let Some(chromium) = chromium() else { return };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report");
    std::fs::create_dir_all(&dir).unwrap();
    let (page, _) = report(
        &dir,
        "un-2010s.html",
        &[
            "--un-votes",
            "--from",
            "2010-01-01",
            "--to",
            "2019-12-31",
            "--pairs",
            "USA:ISR,RUS:CHN,IND:PAK",
            "--null-samples",
            "5",
        ],
    );
    let shot = dir.join("un-2010s.png");
    let attrs = in_browser(&chromium, &page, &shot);
    assert_self_check(&attrs);
    assert!(attrs["data-expect"].contains("nodes=193"), "{attrs:?}");
    assert!(attrs["data-expect"].contains("cells=37249"), "{attrs:?}");
    eprintln!("screenshot: {}", shot.display());
}

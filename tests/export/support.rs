//! Shared by the export tests: the graphs exported, the table every format must reproduce,
//! and small readers (an XML tree on quick-xml's reader, a DOT parser for our output).

use cosignatory::cluster::{LouvainOptions, louvain};
use cosignatory::export::NodeAttributes;
use cosignatory::graph::{
    CentralityOptions, CoSignGraph, ProjectionOptions, Weighting, betweenness, pagerank, project,
};
use cosignatory::model::{Actor, ActorKind, DatasetBuilder, Statement, StatementKind};
use petgraph::visit::EdgeRef;
use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use std::collections::BTreeMap;

/// The bundled data's 2019–2024 projection.
pub fn bundled_2019_2024(options: &ProjectionOptions) -> CoSignGraph {
    let ds = cosignatory::datasets::joint_statements();
    let d = |s: &str| s.parse().unwrap();
    project(
        &ds.view().between(d("2019-01-01"), d("2024-12-31")),
        options,
    )
    .unwrap()
}

/// Louvain (default options, seed 0) coalitions, PageRank and betweenness of a graph with
/// non-negative weights.
pub fn coalitions_and_centralities(g: &CoSignGraph) -> NodeAttributes {
    let partition = louvain(&g.to_cluster_graph().unwrap(), &LouvainOptions::default())
        .unwrap()
        .partition;
    let pr = pagerank(g.graph(), |e| e.weight, &CentralityOptions::default()).unwrap();
    let bc = betweenness(g.graph(), |e| e.weight, true).unwrap();
    NodeAttributes::new()
        .with_partition(&partition)
        .with_numeric("pagerank", pr)
        .with_numeric("betweenness", bc)
}

/// A small signed graph whose names need escaping in every format: `&`, `<`, `>`, quotes, a
/// backslash, a comma, non-ASCII letters, and a DOT keyword as an id.
pub fn tricky() -> CoSignGraph {
    let d = |s: &str| s.parse().unwrap();
    let mut b = DatasetBuilder::new();
    for (id, name) in [
        ("AAA", r#"Trinidad & Tobago <"T&T">"#),
        ("BBB", "Côte d’Ivoire, 'CIV'"),
        ("CCC", r"Back\slash \N"),
        ("graph", "Graph Org"),
    ] {
        b.actor(Actor::new(id, name, ActorKind::Country));
    }
    b.statement(Statement::new(
        "s1",
        d("2020-01-01"),
        StatementKind::JointStatement,
    ));
    b.signed_by("s1", ["AAA", "BBB", "graph"]);
    b.statement(
        Statement::new("s2", d("2020-02-01"), StatementKind::JointStatement).opposing("s1"),
    );
    b.signed_by("s2", ["CCC"]);
    b.statement(Statement::new(
        "s3",
        d("2020-03-01"),
        StatementKind::JointStatement,
    ));
    b.signed_by("s3", ["BBB", "CCC"]);
    let ds = b.build().unwrap();
    let options = ProjectionOptions {
        signed: true,
        ..ProjectionOptions::new(Weighting::Jaccard)
    };
    project(&ds.view(), &options).unwrap()
}

/// A typed value.
#[derive(Debug, Clone, PartialEq)]
pub enum V {
    S(String),
    I(i64),
    F(f64),
    B(bool),
}

impl V {
    /// Parses `text` as a value of the same variant as `self`.
    pub fn parse_like(&self, text: &str) -> V {
        match self {
            V::S(_) => V::S(text.to_string()),
            V::I(_) => V::I(text.parse().unwrap_or_else(|_| panic!("integer {text:?}"))),
            V::F(_) => V::F(text.parse().unwrap_or_else(|_| panic!("double {text:?}"))),
            V::B(_) => V::B(text.parse().unwrap_or_else(|_| panic!("boolean {text:?}"))),
        }
    }
}

pub type Fields = Vec<(String, V)>;

/// What every format must carry: graph fields, nodes by id, edges by `(smaller id, larger
/// id)`, each with named fields, in output order.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub graph: Fields,
    pub nodes: Vec<(String, Fields)>,
    pub edges: Vec<((String, String), Fields)>,
}

fn field(name: &str, v: V) -> (String, V) {
    (name.to_string(), v)
}

/// The table of a graph and its attributes, computed from the graph itself.
pub fn expected(g: &CoSignGraph, a: &NodeAttributes) -> Table {
    let pg = g.graph();
    let mut nodes: Vec<(String, Fields)> = pg
        .node_indices()
        .map(|n| {
            let actor = &pg[n];
            let mut f = vec![
                field("name", V::S(actor.name.clone())),
                field("kind", V::S(actor.kind.to_string())),
                field("statements", V::I(g.statements_of(n).into())),
            ];
            if let Some(c) = a.coalition.as_ref().and_then(|c| c[n.index()]) {
                f.push(field("coalition", V::I(c as i64)));
            }
            for (name, values) in &a.numeric {
                f.push(field(name, V::F(values[n.index()])));
            }
            (actor.id.clone(), f)
        })
        .collect();
    nodes.sort_by(|x, y| x.0.cmp(&y.0));
    let mut edges: Vec<((String, String), Fields)> = pg
        .edge_references()
        .map(|e| {
            let (s, t) = (pg[e.source()].id.clone(), pg[e.target()].id.clone());
            let key = if s <= t { (s, t) } else { (t, s) };
            let w = e.weight();
            let mut f = vec![
                field("weight", V::F(w.weight)),
                field("count", V::I(w.count.into())),
            ];
            if g.is_signed() {
                f.push(field("together", V::F(g.together(e.id()))));
                f.push(field("against", V::F(g.against(e.id()))));
                f.push(field("against_count", V::I(w.against_count.into())));
            }
            (key, f)
        })
        .collect();
    edges.sort_by(|x, y| x.0.cmp(&y.0));
    Table {
        graph: vec![
            field("weighting", V::S(g.weighting().to_string())),
            field("signed", V::B(g.is_signed())),
            field("statements", V::I(g.num_statements().into())),
        ],
        nodes,
        edges,
    }
}

/// An XML element with its attributes (entities resolved), children and text.
#[derive(Debug, Clone, Default)]
pub struct El {
    pub name: String,
    pub attrs: BTreeMap<String, String>,
    pub children: Vec<El>,
    pub text: String,
}

impl El {
    pub fn attr(&self, key: &str) -> &str {
        self.attrs
            .get(key)
            .unwrap_or_else(|| panic!("<{}> has no attribute {key}", self.name))
    }

    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    pub fn child<'a>(&'a self, name: &'a str) -> &'a El {
        let mut found = self.all(name);
        let first = found
            .next()
            .unwrap_or_else(|| panic!("<{}> has no <{name}>", self.name));
        assert!(found.next().is_none(), "<{}> has two <{name}>", self.name);
        first
    }
}

fn element(e: &quick_xml::events::BytesStart) -> El {
    let mut el = El {
        name: e.name().as_ref().to_string(),
        ..El::default()
    };
    for a in e.attributes() {
        let a = a.expect("well-formed attribute");
        let value = a.normalized_value(XmlVersion::Implicit1_0).unwrap();
        let previous = el
            .attrs
            .insert(a.key.as_ref().to_string(), value.into_owned());
        assert!(previous.is_none(), "duplicate attribute");
    }
    el
}

/// Parses a whole document with quick-xml's reader; checks the declaration and returns the
/// root element. Panics on anything malformed.
pub fn parse_xml(text: &str) -> El {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<El> = vec![El::default()];
    let mut declared = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Decl(d) => {
                assert_eq!(d.version().unwrap(), "1.0");
                assert_eq!(d.encoding().unwrap().unwrap(), "UTF-8");
                declared = true;
            }
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => stack.last_mut().unwrap().children.push(element(&e)),
            Event::End(e) => {
                let done = stack.pop().unwrap();
                assert_eq!(done.name, e.name().as_ref());
                stack.last_mut().unwrap().children.push(done);
            }
            Event::Text(t) => stack.last_mut().unwrap().text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&r)
                        .unwrap_or_else(|| panic!("unknown entity {:?}", &*r))
                        .to_string(),
                };
                stack.last_mut().unwrap().text.push_str(&c);
            }
            Event::Eof => break,
            other => panic!("unexpected XML event {other:?}"),
        }
    }
    assert!(declared, "no XML declaration");
    let mut document = stack.pop().unwrap();
    assert!(stack.is_empty(), "unclosed elements");
    assert_eq!(document.children.len(), 1, "one root element");
    document.children.pop().unwrap()
}

/// A DOT statement of our output: `graph [..]`, `node [..]`, a node or an edge.
#[derive(Debug, Clone, PartialEq)]
pub enum DotStmt {
    Defaults(String, Vec<(String, String)>),
    Node(String, Vec<(String, String)>),
    Edge(String, String, Vec<(String, String)>),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Id(String),
    Quoted(String),
    Punct(&'static str),
}

fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '{' => out.push(Tok::Punct("{")),
            '}' => out.push(Tok::Punct("}")),
            '[' => out.push(Tok::Punct("[")),
            ']' => out.push(Tok::Punct("]")),
            '=' => out.push(Tok::Punct("=")),
            ',' => out.push(Tok::Punct(",")),
            ';' => out.push(Tok::Punct(";")),
            '-' => {
                assert_eq!(chars.next(), Some('-'), "only `--` edges");
                out.push(Tok::Punct("--"));
            }
            '"' => {
                let mut s = String::new();
                loop {
                    match chars.next().expect("closed string") {
                        '"' => break,
                        '\\' => {
                            let next = chars.next().expect("escaped character");
                            assert!(next == '"' || next == '\\', "escape \\{next}");
                            s.push(next);
                        }
                        c => s.push(c),
                    }
                }
                out.push(Tok::Quoted(s));
            }
            c if c.is_ascii_alphanumeric() || c == '_' => {
                let mut s = c.to_string();
                while let Some(&n) = chars.peek() {
                    if n.is_ascii_alphanumeric() || n == '_' {
                        s.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push(Tok::Id(s));
            }
            c => panic!("unexpected character {c:?} in DOT"),
        }
    }
    out
}

/// Parses our DOT output (an undirected `graph` with one statement per `;`).
pub fn parse_dot(text: &str) -> (String, Vec<DotStmt>) {
    let toks = tokens(text);
    let mut i = 0;
    let mut next = || {
        i += 1;
        toks.get(i - 1).cloned().expect("unexpected end of DOT")
    };
    assert_eq!(next(), Tok::Id("graph".into()));
    let Tok::Id(name) = next() else {
        panic!("graph name")
    };
    assert_eq!(next(), Tok::Punct("{"));
    let mut stmts = Vec::new();
    loop {
        let first = match next() {
            Tok::Punct("}") => break,
            Tok::Id(s) => (s, false),
            Tok::Quoted(s) => (s, true),
            t => panic!("unexpected {t:?}"),
        };
        let mut t = next();
        let mut target = None;
        if t == Tok::Punct("--") {
            let Tok::Quoted(b) = next() else {
                panic!("quoted edge target")
            };
            target = Some(b);
            t = next();
        }
        assert_eq!(t, Tok::Punct("["));
        let mut attrs = Vec::new();
        loop {
            let Tok::Id(key) = next() else {
                panic!("attribute name")
            };
            assert_eq!(next(), Tok::Punct("="));
            let Tok::Quoted(value) = next() else {
                panic!("quoted attribute value")
            };
            attrs.push((key, value));
            match next() {
                Tok::Punct(",") => {}
                Tok::Punct("]") => break,
                t => panic!("unexpected {t:?} in attribute list"),
            }
        }
        assert_eq!(next(), Tok::Punct(";"));
        stmts.push(match (first, target) {
            ((a, true), Some(b)) => DotStmt::Edge(a, b, attrs),
            ((a, true), None) => DotStmt::Node(a, attrs),
            ((kw, false), None) => DotStmt::Defaults(kw, attrs),
            other => panic!("unexpected statement {other:?}"),
        });
    }
    assert_eq!(i, toks.len(), "text after the graph");
    (name, stmts)
}

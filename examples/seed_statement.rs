//! Builds the 2024-11-05 statement on North Korean troops in Russia with the builder API and
//! prints who co-signed with whom: first with the EU as its own node, then with the EU
//! expanded to its 27 member states on that day.
//!
//! Run: `cargo run --example seed_statement`

use cosignatory::Result;
use cosignatory::model::{
    BlocMode, DatasetBuilder, Position, Signature, Statement, StatementKind, View,
};

fn main() -> Result<()> {
    let day = "2024-11-05".parse().expect("a valid date");
    // The EU's members come from the bundled membership table (sourced in data/SOURCES.md).
    let bundled = cosignatory::datasets::joint_statements();
    let mut b = DatasetBuilder::new();
    for a in bundled.actors() {
        b.actor(a.clone());
    }
    for m in bundled.membership_records().filter(|m| m.bloc == "EU") {
        b.membership(m);
    }
    b.statement(
        Statement::new("dprk-troops", day, StatementKind::JointStatement)
            .with_title("Joint statement condemning the DPRK's troop deployment to Russia")
            .with_topics(["dprk", "russia", "ukraine"]),
    );
    let ministers = [
        "USA", "AUS", "CAN", "FRA", "DEU", "ITA", "JPN", "KOR", "NZL", "GBR",
    ];
    for id in ministers {
        b.signature(Signature::new("dprk-troops", id, Position::Yes).with_role("foreign_minister"));
    }
    b.signature(
        Signature::new("dprk-troops", "EU", Position::Yes).with_role("high_representative"),
    );
    let ds = b.build()?;

    for mode in [BlocMode::AsActor, BlocMode::Expand] {
        print_pairs(&ds.view().bloc_mode(mode), mode);
    }
    Ok(())
}

fn print_pairs(view: &View<'_>, mode: BlocMode) {
    let ds = view.dataset();
    for s in view.statements() {
        let sigs = view.signatures(s);
        let direct = sigs.iter().filter(|x| !x.is_indirect()).count();
        println!(
            "\n{} ({:?}): {} signatories ({} direct, {} through a bloc), {} co-signing pairs",
            ds.statement(s).title,
            mode,
            sigs.len(),
            direct,
            sigs.len() - direct,
            sigs.len() * (sigs.len() - 1) / 2
        );
        for (i, a) in sigs.iter().enumerate() {
            let partners: Vec<&str> = sigs
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, b)| ds.actor(b.actor).id.as_str())
                .collect();
            let how = match a.via {
                Some(bloc) => format!(" (via {})", ds.actor(bloc).id),
                None => String::new(),
            };
            println!(
                "  {:<4}{:<10} with {}",
                ds.actor(a.actor).id,
                how,
                partners.join(" ")
            );
        }
    }
}

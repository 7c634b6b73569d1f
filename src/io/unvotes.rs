//! UN General Assembly roll calls (the `unvotes` tables, or Voeten's numeric coding) read
//! into a [`Dataset`]; the format and the mapping are documented on [`UnVotesTables`].

mod clean;
mod countries;
mod cow;
mod files;
#[cfg(feature = "un-votes")]
pub(crate) use files::gunzip;
mod incidence;
mod keys;
mod membership;
#[cfg(all(feature = "un-votes", feature = "parallel"))]
mod read_ahead;
mod roll_calls;
mod seen;
mod votes;

pub use countries::{CountryCode, UN_COUNTRY_CODES, un_country_id};
pub use cow::{COW_CODES, CowCode, cow_country_id};
pub use roll_calls::roll_call_id;

use crate::error::{Error, LoadReport, Problem, Result};
use crate::model::{
    Actor, ActorIdx, ActorKind, Dataset, Membership, Origin, Problems, RawInput, Strictness,
    assemble,
};
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

/// The id of the bloc whose members are the UN member states.
pub const UN_BLOC: &str = "UN";

/// How the `vote` column is coded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteCoding {
    /// `yes`, `no`, `abstain` or `absent`, as in the `unvotes` package.
    #[default]
    Words,
    /// Erik Voeten's numbers: 1 yes, 2 abstain, 3 no, 8 absent, 9 not a member (no row).
    Voeten,
}

/// Where the UN membership intervals come from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum UnMembership {
    /// From each country's first to its last roll call in the votes (see [`UnVotesTables`]
    /// for the limitation).
    #[default]
    FromVotes,
    /// Given by the caller (for example legal admission dates); every bloc and member must be
    /// [`UN_BLOC`] or a country that votes.
    Given(Vec<Membership>),
}

/// Options for reading UN roll calls.
///
/// ```
/// use cosignatory::io::{UnVotesOptions, VoteCoding};
/// let o = UnVotesOptions::default().lenient().coding(VoteCoding::Voeten);
/// assert_eq!(o.coding, VoteCoding::Voeten);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnVotesOptions {
    /// Strict (default: any problem fails the load) or lenient (bad rows are skipped).
    pub strictness: Strictness,
    /// How the `vote` column is coded.
    pub coding: VoteCoding,
    /// Where UN membership comes from.
    pub membership: UnMembership,
    /// Memberships of other blocs (EU, NATO, ...) added to the `UN` bloc's, with the blocs'
    /// actors (`(id, name)`; a bloc or member without a vote and not listed here is added with
    /// its id as name). [`datasets::un_votes`](crate::datasets::un_votes) adds the bundled
    /// blocs.
    pub blocs: Vec<Membership>,
    /// Names of the blocs of [`UnVotesOptions::blocs`], as `(id, name)`.
    pub bloc_names: Vec<(String, String)>,
}

impl UnVotesOptions {
    /// Lenient reading: keep the good rows, report every skipped one.
    pub fn lenient(mut self) -> Self {
        self.strictness = Strictness::Lenient;
        self
    }

    /// Sets the vote coding.
    pub fn coding(mut self, coding: VoteCoding) -> Self {
        self.coding = coding;
        self
    }

    /// Adds the memberships of other blocs (see [`UnVotesOptions::blocs`]).
    pub fn with_blocs(
        mut self,
        memberships: Vec<Membership>,
        names: Vec<(String, String)>,
    ) -> Self {
        self.blocs = memberships;
        self.bloc_names = names;
        self
    }

    /// Uses the given UN membership intervals instead of deriving them from the votes.
    pub fn memberships(mut self, memberships: Vec<Membership>) -> Self {
        self.membership = UnMembership::Given(memberships);
        self
    }
}

/// The tables of UN General Assembly roll calls, as readers with the names used in problem
/// reports: the layout of the `unvotes` R package (also published by TidyTuesday, 2021-03-23),
/// with votes as words or in Erik Voeten's numeric coding. [`read`](Self::read) makes a
/// [`Dataset`] of them.
///
/// # Input
///
/// | table | required columns | optional columns |
/// |---|---|---|
/// | votes (`unvotes.csv`) | `rcid`, `vote`, and `country_code` (ISO 3166-1 alpha-2 with historical codes) or `ccode` (Correlates of War number; wins if both are present) | `country` (the name; needed to tell the four `NA` codes apart) |
/// | roll calls (`roll_calls.csv`) | `rcid`, `date` (YYYY-MM-DD) | `session`, `importantvote`, `unres`, `amend`, `para`, `short`, `descr` |
/// | issues (`issues.csv`, optional) | `rcid`, `short_name` | `issue` (the long name, not kept) |
///
/// Column order is free and names are case-insensitive; other columns are ignored with a
/// [`Warning`](crate::Warning). `vote` is `yes`, `no`, `abstain` (or `absent`) with
/// [`VoteCoding::Words`], the default; with [`VoteCoding::Voeten`] it is Voeten's numeric code:
/// 1 yes, 2 abstain, 3 no, 8 absent ([`Position::Absent`](crate::model::Position::Absent)),
/// 9 not a member (no signature at all, so a non-member is missing, never a "no").
///
/// # Output
///
/// - **Statements**: one per roll call, id `rcid-N` ([`roll_call_id`]; prefixed so it cannot
///   collide with other statement ids when datasets are combined), kind
///   [`StatementKind::ResolutionVote`](crate::model::StatementKind::ResolutionVote), the vote's
///   date, title from `short`, topics from the issue tags (`me` Palestinian conflict, `di` arms
///   control and disarmament, `hr` human rights, `co` colonialism, `nu` nuclear weapons, `ec`
///   economic development; sorted, possibly none), and attributes `rcid`, `session`, `unres`,
///   `important` (the `importantvote` flag, 0/1, coded from session 39 on), `amend`, `para`
///   (0/1, coded up to 1985) and `descr`. A value `NA` (R's missing value) or an empty one
///   leaves the attribute out. Statements are sorted by date: rcid order is not date order.
/// - **Signatures**: one per vote row.
/// - **Actors**: the countries that vote, kind country, with ISO 3166-1 alpha-3 ids (ISO 3166-3
///   for states that ended) as listed in [`UN_COUNTRY_CODES`] and [`COW_CODES`] — the same ids as
///   the joint-statement data. Russia stands for the USSR before 1991 (`RUS`), the Federal
///   Republic of Germany and the Yemen Arab Republic for today's `DEU` and `YEM`, and
///   Yugoslavia's code is `YUG` until 1992 and `SRB` from 2000. Names are the file's `country`
///   (the one of the latest roll call when it changed), or COW's names when there is no
///   `country` column. Plus the bloc [`UN_BLOC`] (`UN`).
/// - **UN membership**: by default ([`UnMembership::FromVotes`]) each country is a member of
///   `UN` from the date of the first roll call it votes on to the date of the last, so
///   `members_on(UN, date)` tells who could vote. *Limitation*: these are appearances in the
///   data, not legal admission dates, and a country that stopped voting for a while (South
///   Africa 1974–1994, Indonesia 1965–1966) counts as a member throughout. Give your own
///   intervals with [`UnMembership::Given`].
///
/// # Traps handled
///
/// - The code `NA` is Namibia's, but R wrote its missing value as `NA` too, for the Yemen Arab
///   Republic, the Federal Republic of Germany and Zanzibar; the `country` name tells them
///   apart (an empty code is read the same way).
/// - Some `descr` values carry tab-separated 0/1 issue flags that spilled from another table;
///   they are cut off (other tabs become spaces, ends are trimmed). In two roll calls (rcid 610
///   and 614) the description spilled into `short`; it is moved back.
///
/// # Errors
///
/// As everywhere in [`crate::io`]: every problem is a [`Problem`] naming file,
/// line, column and value; strict mode fails with all of them, lenient mode skips the rows. A
/// vote on a roll call that is not in the roll-call table is
/// [`Problem::UnknownStatement`] at its `rcid`; an unknown
/// country code, or `NA` with a name that is none of the four, is
/// [`Problem::InvalidValue`]; a second vote of one country on one
/// roll call is [`Problem::DuplicateSignature`] (these come
/// after the other row problems, as they are found once all rows are read).
///
/// ```
/// use cosignatory::io::{UnVotesOptions, UnVotesTables, UN_BLOC};
/// let roll_calls = "rcid,session,importantvote,date,unres,amend,para,short,descr\n\
///     3000,45,0,1990-12-06,R/45/1,0,0,NAMIBIA,\"Welcomes Namibia\t0\t0\t0\t1\t1\t0\"\n";
/// let votes = "rcid,country,country_code,vote\n\
///     3000,Namibia,NA,yes\n3000,Yemen Arab Republic,NA,abstain\n3000,United States,US,no\n";
/// let tables = UnVotesTables::new(("votes.csv", votes.as_bytes()), ("roll_calls.csv", roll_calls.as_bytes()));
/// let (ds, _) = tables.read(&UnVotesOptions::default()).unwrap();
/// let s = ds.statement_by_id("rcid-3000").unwrap();
/// assert_eq!(s.title, "NAMIBIA");
/// assert_eq!(s.attributes["descr"], "Welcomes Namibia");
/// assert_eq!(ds.actor_by_id("NAM").unwrap().name, "Namibia");
/// assert_eq!(ds.actor_by_id("YEM").unwrap().name, "Yemen Arab Republic");
/// let un = ds.actor_index(UN_BLOC).unwrap();
/// assert_eq!(ds.members_on(un, s.date).len(), 3);
/// ```
///
/// Use this to read from memory or any other source; [`read_unvotes_dir`] and
/// [`read_voeten_csv`] open files for you.
pub struct UnVotesTables<R> {
    /// The votes (one row per country and roll call).
    pub votes: (String, R),
    /// The roll calls (one row each).
    pub roll_calls: (String, R),
    /// The issue tags, optional.
    pub issues: Option<(String, R)>,
}

impl<R: Read> UnVotesTables<R> {
    /// Votes and roll calls, without issue tags.
    pub fn new(votes: (impl Into<String>, R), roll_calls: (impl Into<String>, R)) -> Self {
        UnVotesTables {
            votes: (votes.0.into(), votes.1),
            roll_calls: (roll_calls.0.into(), roll_calls.1),
            issues: None,
        }
    }

    /// Adds the issue tags.
    pub fn with_issues(mut self, name: impl Into<String>, reader: R) -> Self {
        self.issues = Some((name.into(), reader));
        self
    }

    /// Reads and validates the tables.
    ///
    /// # Errors
    /// In strict mode, [`Error::Invalid`] with every problem found. In lenient mode only
    /// file-level problems (missing column, empty file, ...) fail; bad rows are in the report.
    pub fn read(self, options: &UnVotesOptions) -> Result<(Dataset, LoadReport)> {
        let mut report = LoadReport::default();
        let mut problems = Problems::new(options.strictness, &mut report);
        // Roll calls first: votes need their dates, and are meaningless without them.
        let (name, reader) = self.roll_calls;
        let mut roll_calls = roll_calls::read_roll_calls(&name, reader, &mut problems);
        problems.check_files()?;
        if let Some((name, reader)) = self.issues {
            roll_calls::read_issues(&name, reader, &mut roll_calls, &mut problems);
            problems.check_files()?;
        }
        let (name, reader) = self.votes;
        let votes = votes::read_votes(&name, reader, options.coding, &roll_calls, &mut problems);
        problems.check_files()?;

        let file: Arc<str> = Arc::from(name.as_str());
        let grid = incidence::Grid::new(&votes, roll_calls.statements.len(), &file, &mut problems);
        let at = |line| Origin {
            file: file.clone(),
            line,
        };
        let un = Actor::new(UN_BLOC, "United Nations", ActorKind::Bloc);
        let mut actors = vec![(un, at(1))];
        actors.extend(votes.actors.iter().map(|a| {
            let actor = Actor::new(a.id, a.name.as_str(), ActorKind::Country);
            (actor, at(a.line))
        }));
        let mut memberships = match &options.membership {
            UnMembership::FromVotes => membership::derived(&votes.actors, &file),
            UnMembership::Given(list) => membership::given(list),
        };
        // Other blocs: their actors (bloc or member ids that never voted) and memberships.
        let blocs_file: Arc<str> = Arc::from("<blocs>");
        for (i, m) in options.blocs.iter().enumerate() {
            for (id, is_bloc) in [(&m.bloc, true), (&m.member, false)] {
                if !actors.iter().any(|(a, _)| &a.id == id) {
                    let name = options
                        .bloc_names
                        .iter()
                        .find(|(b, _)| b == id)
                        .map_or(id.as_str(), |(_, n)| n.as_str());
                    let kind = Actor::inferred_kind(id, is_bloc);
                    let o = Origin {
                        file: blocs_file.clone(),
                        line: i as u64 + 1,
                    };
                    actors.push((Actor::new(id.as_str(), name, kind), o));
                }
            }
            let o = Origin {
                file: blocs_file.clone(),
                line: i as u64 + 1,
            };
            memberships.push((m.clone(), o));
        }
        let ids: Vec<String> = roll_calls
            .statements
            .iter()
            .map(|(s, _)| s.id.clone())
            .collect();
        // Everything but the votes goes through the common validation; the votes were checked
        // on indices while reading and are filled in after (see `incidence`).
        let (statements, statement_origins) = roll_calls.statements.into_iter().unzip();
        let raw = RawInput {
            actors: Some(actors),
            statements,
            statement_origins,
            memberships,
            ..RawInput::default()
        };
        let mut ds = assemble(raw, &mut problems)?;
        let statement_slot = incidence::statement_slots(&ds, &ids);
        let actor_slot: Vec<(ActorIdx, u32)> = votes
            .actors
            .iter()
            .filter_map(|a| Some((ds.actor_index(a.id)?, a.slot)))
            .collect();
        incidence::fill(&mut ds, &grid, &votes.rows, &statement_slot, &actor_slot);
        Ok((ds, report))
    }
}

impl UnVotesTables<Box<dyn Read>> {
    /// Opens the table files; names ending in `.gz` are decompressed (with the `un-votes`
    /// feature).
    ///
    /// # Errors
    /// [`Error::Io`] when a file cannot be opened.
    pub fn open(
        votes: impl AsRef<Path>,
        roll_calls: impl AsRef<Path>,
        issues: Option<&Path>,
    ) -> Result<Self> {
        let named = |p: &Path| -> Result<(String, Box<dyn Read>)> {
            Ok((p.display().to_string(), files::open(p)?))
        };
        Ok(UnVotesTables {
            votes: named(votes.as_ref())?,
            roll_calls: named(roll_calls.as_ref())?,
            issues: issues.map(named).transpose()?,
        })
    }
}

/// Reads a folder with `unvotes.csv`, `roll_calls.csv` and optionally `issues.csv` (each may
/// be `.csv.gz` instead, with the `un-votes` feature), in strict mode.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
/// write("roll_calls.csv", "rcid,date,short\n4,1946-01-02,SECURITY COUNCIL ELECTIONS\n");
/// write("unvotes.csv", "rcid,country,country_code,vote\n4,United States,US,no\n4,Russia,RU,yes\n");
/// write("issues.csv", "rcid,short_name,issue\n");
/// let ds = cosignatory::io::read_unvotes_dir(dir.path()).unwrap();
/// assert_eq!(ds.num_signatures(), 2);
/// assert_eq!(ds.actor_by_id("RUS").unwrap().name, "Russia");
/// ```
///
/// # Errors
/// See [`read_unvotes_dir_with`].
pub fn read_unvotes_dir(dir: impl AsRef<Path>) -> Result<Dataset> {
    read_unvotes_dir_with(dir, &UnVotesOptions::default()).map(|(ds, _)| ds)
}

/// Reads a folder of UN roll-call tables (see [`read_unvotes_dir`]) with options.
///
/// # Errors
/// A missing votes or roll-call file is [`Problem::MissingFile`]; see [`UnVotesTables::read`]
/// for the rest.
pub fn read_unvotes_dir_with(
    dir: impl AsRef<Path>,
    options: &UnVotesOptions,
) -> Result<(Dataset, LoadReport)> {
    let dir = dir.as_ref();
    let votes = files::find(dir, "unvotes");
    let roll_calls = files::find(dir, "roll_calls");
    let (Some(votes), Some(roll_calls)) = (&votes, &roll_calls) else {
        let problems = [("unvotes.csv", &votes), ("roll_calls.csv", &roll_calls)]
            .into_iter()
            .filter(|(_, found)| found.is_none())
            .map(|(name, _)| Problem::MissingFile {
                file: dir.join(name).display().to_string(),
            })
            .collect();
        return Err(Error::Invalid { problems });
    };
    let issues = files::find(dir, "issues");
    UnVotesTables::open(votes, roll_calls, issues.as_deref())?.read(options)
}

/// Reads votes in Erik Voeten's numeric coding (columns `rcid`, `ccode` or `country_code`,
/// `vote` = 1/2/3/8/9, optionally `country`) with a roll-call table in the `unvotes` layout,
/// in strict mode, deriving UN membership from the votes. Use [`UnVotesTables`] with
/// [`VoteCoding::Voeten`] for other options.
///
/// ```
/// use cosignatory::model::Position;
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("votes.csv"), "rcid,ccode,vote\n1500,2,1\n1500,365,3\n1500,260,8\n1500,20,9\n").unwrap();
/// std::fs::write(dir.path().join("rc.csv"), "rcid,date\n1500,1975-11-10\n").unwrap();
/// let ds = cosignatory::io::read_voeten_csv(dir.path().join("votes.csv"), dir.path().join("rc.csv")).unwrap();
/// let s = ds.statement_index("rcid-1500").unwrap();
/// let votes: Vec<(&str, Position)> =
///     ds.signatures_of(s).map(|r| (ds.actor(r.actor).id.as_str(), r.position)).collect();
/// // Canada (20) was coded 9, not a member: no row at all.
/// assert_eq!(votes, [("DEU", Position::Absent), ("RUS", Position::No), ("USA", Position::Yes)]);
/// assert_eq!(ds.actor_by_id("DEU").unwrap().name, "German Federal Republic");
/// ```
///
/// # Errors
/// [`Error::Io`] when a file cannot be opened; [`Error::Invalid`] with every problem found.
pub fn read_voeten_csv(votes: impl AsRef<Path>, roll_calls: impl AsRef<Path>) -> Result<Dataset> {
    let options = UnVotesOptions::default().coding(VoteCoding::Voeten);
    UnVotesTables::open(votes, roll_calls, None)?
        .read(&options)
        .map(|(ds, _)| ds)
}

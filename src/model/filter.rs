//! A view described by options (date window, kinds, topics, bloc mode), as the command line's
//! data options and the Python package's keyword arguments give it, with notes on filters
//! that match nothing.

use chrono::NaiveDate;

use super::dataset::Dataset;
use super::view::{BlocMode, View};
use crate::error::{Error, Result};
use crate::time::Window;

/// The data options every analysis shares: `--from/--to/--kind/--topic/--bloc-mode`.
///
/// ```
/// use cosignatory::model::ViewOptions;
/// let ds = cosignatory::datasets::joint_statements();
/// let options = ViewOptions { topics: vec!["human rights".into()], ..Default::default() };
/// let (view, notes) = ds.view_with(&options).unwrap();
/// assert!(view.is_empty());
/// assert_eq!(notes[0].to_string(), "no statement in the data has topic `human rights`");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewOptions {
    /// First day (inclusive); `None`: from the first statement.
    pub from: Option<NaiveDate>,
    /// Last day (inclusive); `None`: to the last statement.
    pub to: Option<NaiveDate>,
    /// Keep statements of these kinds (by name, e.g. `joint_statement`); empty: all.
    pub kinds: Vec<String>,
    /// Keep statements with at least one of these topics; empty: all.
    pub topics: Vec<String>,
    /// How a bloc's own signature counts.
    pub bloc_mode: BlocMode,
}

/// A filter of [`ViewOptions`] that matches nothing (the view is built all the same).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FilterNote {
    /// No statement of the data has this kind.
    #[error("no statement in the data has kind `{0}`")]
    UnknownKind(String),
    /// No statement of the data has this topic.
    #[error("no statement in the data has topic `{0}`")]
    UnknownTopic(String),
    /// No statement matches the window and filters together.
    #[error("no statement matches the date window and filters")]
    EmptyView,
}

impl Dataset {
    /// The view the options select, and notes on filters that match nothing.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] if `from` is after `to`.
    pub fn view_with(&self, options: &ViewOptions) -> Result<(View<'_>, Vec<FilterNote>)> {
        if let (Some(from), Some(to)) = (options.from, options.to)
            && from > to
        {
            return Err(Error::InvalidParameter {
                name: "from",
                value: from.to_string(),
                reason: format!("is after to = {to}"),
            });
        }
        let mut notes = Vec::new();
        let mut view = self
            .view()
            .between(
                options.from.unwrap_or(NaiveDate::MIN),
                options.to.unwrap_or(NaiveDate::MAX),
            )
            .bloc_mode(options.bloc_mode);
        if !options.kinds.is_empty() {
            let known = self.statement_kinds();
            let kinds: Vec<_> = options
                .kinds
                .iter()
                .map(|k| {
                    k.parse()
                        .unwrap_or_else(|e: std::convert::Infallible| match e {})
                })
                .collect();
            for (name, kind) in options.kinds.iter().zip(&kinds) {
                if !known.contains(kind) {
                    notes.push(FilterNote::UnknownKind(name.clone()));
                }
            }
            view = view.kinds(kinds);
        }
        if !options.topics.is_empty() {
            let known = self.topics();
            for t in &options.topics {
                if !known.contains(&t.as_str()) {
                    notes.push(FilterNote::UnknownTopic(t.clone()));
                }
            }
            view = view.topics(options.topics.iter().cloned());
        }
        if view.is_empty() {
            notes.push(FilterNote::EmptyView);
        }
        Ok((view, notes))
    }
}

impl Dataset {
    /// The view the options select, as [`Dataset::view_with`], but an empty view is an error
    /// that names the filter responsible and the values it could take: an analysis of nothing
    /// is a mistake in the options, not a result.
    ///
    /// ```
    /// use cosignatory::model::ViewOptions;
    /// let ds = cosignatory::datasets::joint_statements();
    /// let options = ViewOptions { topics: vec!["human rights".into()], ..Default::default() };
    /// let e = ds.nonempty_view(&options).unwrap_err().to_string();
    /// assert!(e.contains("`topic` = \"human rights\""), "{e}");
    /// assert!(e.contains("the data carry no topics"), "{e}");
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] for `from` after `to` or an empty view: `name` is the
    /// filter (`topic`, `kind`, `from/to`, or `filters` when only their combination matches
    /// nothing).
    pub fn nonempty_view(&self, options: &ViewOptions) -> Result<(View<'_>, Vec<FilterNote>)> {
        let (view, notes) = self.view_with(options)?;
        if !view.is_empty() {
            return Ok((view, notes));
        }
        let topics = || {
            let t = self.topics();
            if t.is_empty() {
                "the data carry no topics".to_string()
            } else {
                format!("known topics: {}", list(t))
            }
        };
        let kinds = || {
            let k = self.statement_kinds();
            format!("known kinds: {}", list(k.iter().map(|k| k.as_str())))
        };
        let unknown_topics: Vec<&str> = notes
            .iter()
            .filter_map(|n| match n {
                FilterNote::UnknownTopic(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        let unknown_kinds: Vec<&str> = notes
            .iter()
            .filter_map(|n| match n {
                FilterNote::UnknownKind(k) => Some(k.as_str()),
                _ => None,
            })
            .collect();
        let quoted = |v: &[&str]| {
            v.iter()
                .map(|x| format!("{x:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (name, value, reason) = if !unknown_topics.is_empty()
            && unknown_topics.len() == options.topics.len()
        {
            let reason = format!(
                "no statement in the data has this topic, so the view is empty; {}",
                topics()
            );
            ("topic", quoted(&unknown_topics), reason)
        } else if !unknown_kinds.is_empty() && unknown_kinds.len() == options.kinds.len() {
            let reason = format!(
                "no statement in the data has this kind, so the view is empty; {}",
                kinds()
            );
            ("kind", quoted(&unknown_kinds), reason)
        } else if self
            .view()
            .between(
                options.from.unwrap_or(NaiveDate::MIN),
                options.to.unwrap_or(NaiveDate::MAX),
            )
            .is_empty()
        {
            let span = self.date_range().map_or_else(String::new, |(a, b)| {
                format!("; the data run from {a} to {b}")
            });
            let show = |d: Option<NaiveDate>| d.map_or_else(|| "..".to_string(), |d| d.to_string());
            (
                "from/to",
                format!("{} to {}", show(options.from), show(options.to)),
                format!("no statement in this date window{span}"),
            )
        } else {
            let mut given = Vec::new();
            if !options.kinds.is_empty() {
                given.push(format!("kind {}", options.kinds.join(", ")));
            }
            if !options.topics.is_empty() {
                given.push(format!("topic {}", options.topics.join(", ")));
            }
            (
                "filters",
                given.join("; "),
                format!(
                    "no statement in the date window matches these filters together; {}; {}",
                    kinds(),
                    topics()
                ),
            )
        };
        Err(Error::InvalidParameter {
            name,
            value,
            reason,
        })
    }
}

/// A list of values for a message, or "none".
fn list<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    let v: Vec<&str> = values.into_iter().collect();
    if v.is_empty() {
        "none".to_string()
    } else {
        v.join(", ")
    }
}

impl ViewOptions {
    /// The range to cut into windows: the view's first to last statement, widened to `from`
    /// and `to` where given; `None` when the view is empty and no bound is given.
    pub fn range(&self, view: &View<'_>) -> Option<Window> {
        let (first, last) = view.date_range().unzip();
        match (self.from.or(first), self.to.or(last)) {
            (Some(from), Some(to)) if from <= to => Some(Window::new(from, to)),
            _ => None,
        }
    }
}

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

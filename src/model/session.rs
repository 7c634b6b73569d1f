//! UN General Assembly sessions as windows: one per value of the statements' `session`
//! attribute (sessions do not follow calendar years, and some overlap in time).

use super::View;
use crate::error::{Error, Result};
use crate::time::Window;
use serde::{Deserialize, Serialize};

/// The statement attribute that holds a roll call's General Assembly session number.
pub const SESSION_ATTRIBUTE: &str = "session";

/// One General Assembly session of a view: its number and the dates of its first and last
/// roll call (in the view).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The session, as the `session` attribute writes it (e.g. `"70"`).
    pub number: String,
    /// First and last date of the session's statements in the view.
    pub window: Window,
    /// The session's statements in the view.
    pub statements: usize,
}

impl Session {
    /// The view restricted to this session: its dates and its `session` attribute, so that a
    /// statement of another session dated inside this one's window is left out.
    pub fn view<'a>(&self, view: &View<'a>) -> View<'a> {
        view.clone()
            .window(self.window)
            .attribute(SESSION_ATTRIBUTE, self.number.clone())
    }
}

impl View<'_> {
    /// The General Assembly sessions of the view, one per value of the statements' `session`
    /// attribute, in session order (numerically when every value is a number, else by first
    /// date). A session's window runs from its first to its last statement in the view.
    ///
    /// ```
    /// # #[cfg(feature = "un-votes")] {
    /// let ds = cosignatory::datasets::un_votes();
    /// let d = |s: &str| s.parse().unwrap();
    /// let view = ds.view().between(d("2015-01-01"), d("2016-12-31"));
    /// let sessions = view.sessions().unwrap();
    /// assert_eq!(sessions[1].number, "70");
    /// assert_eq!(sessions[1].window.start.to_string(), "2015-10-27");
    /// # }
    /// let ds = cosignatory::datasets::joint_statements();
    /// assert!(ds.view().sessions().is_err()); // joint statements have no session
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] (`window` = `session`) naming the first statement of the view
    /// without a `session` attribute: sessions are not guessed and statements are not dropped.
    pub fn sessions(&self) -> Result<Vec<Session>> {
        let ds = self.dataset();
        let mut sessions: Vec<Session> = Vec::new();
        let mut at = std::collections::HashMap::new();
        for s in self.statements() {
            let st = ds.statement(s);
            let Some(number) = st.attributes.get(SESSION_ATTRIBUTE) else {
                return Err(Error::InvalidParameter {
                    name: "window",
                    value: "session".into(),
                    reason: format!(
                        "statement {:?} ({}) has no `{SESSION_ATTRIBUTE}` attribute; session \
                         windows need one on every statement of the view",
                        st.id, st.date
                    ),
                });
            };
            let k = *at.entry(number.as_str()).or_insert_with(|| {
                sessions.push(Session {
                    number: number.clone(),
                    window: Window::new(st.date, st.date),
                    statements: 0,
                });
                sessions.len() - 1
            });
            // Statements come in date order: the first one fixed the start.
            sessions[k].window.end = st.date;
            sessions[k].statements += 1;
        }
        let numbers: Option<Vec<u64>> = sessions
            .iter()
            .map(|s| s.number.trim().parse().ok())
            .collect();
        match numbers {
            Some(numbers) => {
                let mut order: Vec<usize> = (0..sessions.len()).collect();
                order.sort_by_key(|&k| (numbers[k], sessions[k].window.start));
                Ok(order.into_iter().map(|k| sessions[k].clone()).collect())
            }
            // Already in the order of first dates.
            None => Ok(sessions),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{DatasetBuilder, Statement, StatementKind};

    fn roll_call(id: &str, date: &str, session: Option<&str>) -> Statement {
        let mut s = Statement::new(id, date.parse().unwrap(), StatementKind::ResolutionVote);
        if let Some(n) = session {
            s.attributes.insert("session".into(), n.into());
        }
        s
    }

    #[test]
    fn overlapping_sessions_keep_their_own_statements() {
        let mut b = DatasetBuilder::new();
        b.statement(roll_call("r1", "2000-10-01", Some("9")))
            .statement(roll_call("r2", "2000-12-01", Some("10")))
            .statement(roll_call("r3", "2001-03-01", Some("9")))
            .statement(roll_call("r4", "2001-10-01", Some("10")));
        for r in ["r1", "r2", "r3", "r4"] {
            b.signed_by(r, ["AAA"]);
        }
        let ds = b.build().unwrap();
        let sessions = ds.view().sessions().unwrap();
        // Numeric order: 9 before 10, although "10" < "9" as text.
        assert_eq!(sessions[0].number, "9");
        assert_eq!(sessions[0].window.to_string(), "2000-10-01..2001-03-01");
        assert_eq!(sessions[1].window.to_string(), "2000-12-01..2001-10-01");
        // r2 (session 10) lies inside session 9's dates but not in its view.
        let nine = sessions[0].view(&ds.view());
        assert_eq!(nine.len(), 2);
        assert_eq!(ds.view().window(sessions[0].window).len(), 3);
    }

    #[test]
    fn a_statement_without_a_session_is_an_error_naming_it() {
        let mut b = DatasetBuilder::new();
        b.statement(roll_call("r1", "2000-10-01", Some("55")))
            .statement(roll_call("r2", "2000-11-01", None));
        b.signed_by("r1", ["AAA"]).signed_by("r2", ["AAA"]);
        let ds = b.build().unwrap();
        let e = ds.view().sessions().unwrap_err().to_string();
        assert!(
            e.contains("\"r2\"") && e.contains("no `session` attribute"),
            "{e}"
        );
    }
}

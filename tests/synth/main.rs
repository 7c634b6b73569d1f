//! Synthetic data: planted coalitions, change schedules and curveball null models.

mod curveball;
mod planted;
mod schedule;
mod support;

//! Properties across modules: determinism, degenerate inputs and property tests on random
//! data.

mod degenerate;
mod determinism;
mod properties;
mod span_parsing;

//! Alignment scores (work in progress).

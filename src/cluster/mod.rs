//! Coalition clustering (work in progress).

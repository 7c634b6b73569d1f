//! Graph exports: every format parsed back, dynamic GEXF, and files read by networkx/igraph.

mod formats;
mod gexf_dynamic;
mod networkx;
mod support;

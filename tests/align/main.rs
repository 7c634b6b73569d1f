//! Alignment measures: published vectors, reference fixtures, properties, the all-pairs
//! matrix and alignment read from datasets.

mod dataset;
mod fixture;
mod matrix;
mod properties;
mod series_stream;
mod vectors;

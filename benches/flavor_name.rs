//! Benchmarks of scs-0100 flavor names (placeholder).
fn main() {}

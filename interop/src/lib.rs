//! Interop tests (`tests/peers.rs`) and side-by-side benchmarks (`benches/peers.rs`) of
//! hookverify against peer crates. The peers are dependencies of this crate only, so the
//! main crate's build and tests never compile them.

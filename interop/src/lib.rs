//! Interop tests (`tests/peers.rs`) and side-by-side benchmarks (`benches/`) of hookverify
//! against peer crates. The peers are dependencies of this crate only, so the main crate's
//! build and tests never compile them.
//!
//! The one piece of code the benches share is [`interleaved`], the measurement.

use std::hint::black_box;
use std::time::Instant;

/// Times `variants` functions side by side and returns the floor's (variant 0) median
/// time per call in nanoseconds and, for each variant, the median over rounds of its time
/// divided by the floor's time in the same round.
///
/// Each round times a batch of `batch` calls of every variant, in an order that alternates
/// between rounds. Drift in the machine's speed (other tenants, frequency changes) moves
/// both sides of every ratio together, so the ratios repeat to about ±1 % on a noisy VM
/// where separate criterion runs move by ±8 %. `run(i)` makes one call of variant `i` and
/// returns something derived from its result, which is kept from the optimizer.
pub fn interleaved(
    variants: usize,
    batch: usize,
    rounds: usize,
    mut run: impl FnMut(usize) -> usize,
) -> (f64, Vec<f64>) {
    let mut times = vec![Vec::with_capacity(rounds); variants];
    let mut sink = 0usize;
    for round in 0..rounds {
        let mut order: Vec<usize> = (0..variants).collect();
        if round % 2 == 1 {
            order.reverse();
        }
        for i in order {
            let start = Instant::now();
            for _ in 0..batch {
                sink = sink.wrapping_add(run(i));
            }
            times[i].push(start.elapsed().as_nanos() as f64 / batch as f64);
        }
    }
    black_box(sink);
    let floor = median(times[0].clone());
    let ratios = times
        .iter()
        .map(|t| median(t.iter().zip(&times[0]).map(|(t, f)| t / f).collect()))
        .collect();
    (floor, ratios)
}

/// The median of `v`.
pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// `ns` as `123 ns` or `4.56 µs`.
pub fn fmt_ns(ns: f64) -> String {
    if ns >= 1000.0 {
        format!("{:.2} µs", ns / 1000.0)
    } else {
        format!("{ns:.0} ns")
    }
}

/// The headers of a realistic request around `signed` (the provider's own): host, user
/// agent, content type and length, accept, then the signed ones, as the benches look
/// them up.
pub fn request_headers(body_len: usize, signed: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = [
        ("Host", "hooks.example.com"),
        ("User-Agent", "Provider-Hookshot/1a2b3c"),
        ("Content-Type", "application/json"),
        ("Accept", "*/*"),
    ]
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .into();
    headers.push(("Content-Length".into(), body_len.to_string()));
    headers.extend(signed);
    headers
}

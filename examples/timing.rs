//! A dudect-style check that verification time does not depend on secret data.
//!
//! For each comparison, two classes of forged requests are measured in random interleaved
//! order; Welch's t statistic compares their timing distributions (after cropping the
//! slowest samples, where interrupts and preemption live). |t| below 4.5 is the
//! conventional "no evidence of a leak" bound (Reparaz, Balasch, Verbauwhede, "Dude, is my
//! code constant time?", 2017).
//!
//! - signatures that differ from the genuine MAC in the first byte vs in the last byte: a
//!   byte-by-byte early-exit comparison would show a large t here;
//! - bearer tokens wrong in the last byte vs in the first;
//! - one bearer token against secrets of 12 and of 40 bytes: the secret's length must not
//!   show.
//!
//! Both classes read their input from the same buffer, so memory placement cannot tell
//! them apart; a positive control (an early-exit comparison) shows the harness does
//! detect a leak on the machine it runs on.
//!
//! `cargo run --release --example timing [samples per class]` (default 200000).

use std::hint::black_box;
use std::time::Instant;

use hookverify::providers::{memento, memo_bank};
use hookverify::{Secret, Sign};
use time::OffsetDateTime;

fn main() {
    let samples: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(200_000);
    let now = OffsetDateTime::now_utc();
    let body = vec![b'x'; 256];

    // Hex HMAC: first byte wrong vs last byte wrong. Each class's value is copied into
    // the same header buffer before timing, so both classes read the same memory.
    let secret = Secret::new("whsec_timing_secret");
    let genuine = memento::scheme().sign(&body, &secret, now)[0].1.clone();
    let flip = |i: usize| {
        let mut b = genuine.clone().into_bytes();
        b[i] = if b[i] == b'0' { b'1' } else { b'0' };
        String::from_utf8(b).unwrap()
    };
    let (first, last) = (flip(0), flip(63));
    let verifier = memento::verifier([secret]);
    let t = measure(
        samples,
        [("Signature".to_string(), first.clone())],
        |h, class| h[0].1.replace_range(.., if class { &first } else { &last }),
        |h, _| {
            verifier
                .verify_at(black_box(&body), black_box(h), now)
                .is_err()
        },
    );
    println!("hex HMAC, first vs last byte wrong:        t = {t:+.2}");

    // Bearer: the token wrong in its last byte vs in its first.
    let token = "mb_whk_8f1c2e7a9b3d4c5e6f7a8b9c";
    let verifier = memo_bank::verifier([token]);
    let near = format!("Bearer {}X", &token[..token.len() - 1]);
    let far = format!("Bearer X{}", &token[1..]);
    let t = measure(
        samples,
        [("Authorization".to_string(), near.clone())],
        |h, class| h[0].1.replace_range(.., if class { &near } else { &far }),
        |h, _| {
            verifier
                .verify_at(black_box(&body), black_box(h), now)
                .is_err()
        },
    );
    println!("bearer, last vs first byte wrong:          t = {t:+.2}");

    // Bearer: one request, two verifiers whose secrets differ in length (12 vs 40
    // bytes): the secret's length must not show.
    let short = memo_bank::verifier(["short_secret"]);
    let long = memo_bank::verifier(["a_much_longer_secret_of_forty_bytes_long"]);
    let t = measure(
        samples,
        [("Authorization", format!("Bearer {}", "Y".repeat(26)))],
        |_, _| {},
        |h, class| {
            let v = if class { &short } else { &long };
            v.verify_at(black_box(&body), black_box(h), now).is_err()
        },
    );
    println!("bearer, secret of 12 vs 40 bytes:          t = {t:+.2}");

    // A positive control: a comparison that exits early, measured the same way, so the
    // reader can see that this harness does detect a leak on this machine.
    let secret_mac = genuine.as_bytes().to_vec();
    let (early_first, early_last) = (flip(0).into_bytes(), flip(63).into_bytes());
    let t = measure(
        samples,
        early_first.clone(),
        |buf, class| buf.copy_from_slice(if class { &early_first } else { &early_last }),
        |buf, _| leaky_eq(black_box(&secret_mac), black_box(buf)),
    );
    println!("control: early-exit compare, same inputs:  t = {t:+.2}  (a leak should show here)");
    println!("|t| < 4.5: no evidence of a timing difference ({samples} samples per class)");
}

/// The comparison a hand-written verifier might use: stops at the first difference.
fn leaky_eq(a: &[u8], b: &[u8]) -> bool {
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return false;
        }
        // Make each byte's cost visible above timer noise.
        for _ in 0..8 {
            black_box(());
        }
    }
    a.len() == b.len()
}

/// Measures `op` for both classes in a pseudo-random interleaved order and returns Welch's
/// t statistic over the fastest 90% of each class. `prepare` sets the class's input up
/// outside the timed region.
fn measure<S>(
    samples: usize,
    mut state: S,
    mut prepare: impl FnMut(&mut S, bool),
    mut op: impl FnMut(&S, bool) -> bool,
) -> f64 {
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    let mut a = Vec::with_capacity(samples);
    let mut b = Vec::with_capacity(samples);
    // Warm up caches and branch predictors.
    for i in 0..10_000 {
        prepare(&mut state, i % 2 == 0);
        black_box(op(&state, i % 2 == 0));
    }
    while a.len() < samples || b.len() < samples {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let class = rng & 1 == 1;
        if (class && a.len() >= samples) || (!class && b.len() >= samples) {
            continue;
        }
        prepare(&mut state, class);
        let start = Instant::now();
        black_box(op(&state, class));
        let ns = start.elapsed().as_nanos() as f64;
        if class { a.push(ns) } else { b.push(ns) }
    }
    welch_t(&crop(a), &crop(b))
}

fn crop(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    v.truncate(v.len() * 9 / 10);
    v
}

fn welch_t(a: &[f64], b: &[f64]) -> f64 {
    let stats = |v: &[f64]| {
        let n = v.len() as f64;
        let mean = v.iter().sum::<f64>() / n;
        let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
        (mean, var, n)
    };
    let (ma, va, na) = stats(a);
    let (mb, vb, nb) = stats(b);
    (ma - mb) / (va / na + vb / nb).sqrt()
}

//! Typed event parsing next to serde_json into an equivalent plain struct (same fields,
//! same field types, no dispatch) and into `serde_json::Value`, on the seed documents'
//! sample payloads.
//!
//! `cargo bench -p hookverify-interop --bench events` runs criterion. `cargo bench -p hookverify-interop --bench events -- --ratios`
//! prints instead the ratios of BENCHMARKS.md: each payload's three parsers timed in the
//! same interleaved rounds (the order alternating), and the median over rounds of the
//! typed parse's time (and `Value`'s) divided by the plain struct's in that round, so the
//! machine's drift moves both sides of each ratio together.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group};
use hookverify::providers::{inmemory4, livingdocs, memento, pocketbook};
use serde::Deserialize;
use serde::de::DeserializeOwned;

#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainMemento {
    data: memento::Proof,
    is_test_event: bool,
    request_id: String,
    #[serde(rename = "type")]
    kind: String,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainPocketbook<D> {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    created: i64,
    data: D,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlainLivingdocsPublish {
    event: String,
    delivery_id: String,
    project_id: i64,
    project_handle: String,
    webhook_handle: String,
    document_id: i64,
    publication_event: livingdocs::PublicationEvent,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainInMemory4Order {
    event: String,
    project_id: i64,
    order_id: i64,
}

fn payload(provider: &str, event: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/data/payloads/{provider}/{event}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Each payload, its name, and how to time a batch of each of its three parses.
trait Payloads {
    fn payload<Typed: DeserializeOwned, Plain: DeserializeOwned>(
        &mut self,
        name: &str,
        body: &[u8],
    );
}

/// Criterion: the three parsers of each payload as one group.
impl Payloads for Criterion {
    fn payload<Typed: DeserializeOwned, Plain: DeserializeOwned>(
        &mut self,
        name: &str,
        body: &[u8],
    ) {
        let mut g = self.benchmark_group(format!("parse/{name}"));
        g.bench_function("plain struct", |b| {
            b.iter(|| serde_json::from_slice::<Plain>(black_box(body)).unwrap())
        });
        g.bench_function("hookverify event", |b| {
            b.iter(|| serde_json::from_slice::<Typed>(black_box(body)).unwrap())
        });
        g.bench_function("serde_json::Value", |b| {
            b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(body)).unwrap())
        });
        g.finish();
    }
}

fn each_payload(p: &mut impl Payloads) {
    // Memento's documented key order puts `type` last: the payload is buffered as raw
    // text before the tag is known.
    p.payload::<memento::Event, PlainMemento>(
        "memento proof.submitted",
        &payload("memento", "proof.submitted"),
    );
    p.payload::<pocketbook::Event, PlainPocketbook<pocketbook::CertificateCreated>>(
        "pocketbook certificate.created",
        &payload("pocketbook", "certificate.created"),
    );
    p.payload::<pocketbook::Event, PlainPocketbook<pocketbook::BulkJobCompleted>>(
        "pocketbook bulk_job.completed",
        &payload("pocketbook", "bulk_job.completed"),
    );
    p.payload::<livingdocs::Event, PlainLivingdocsPublish>(
        "livingdocs document.publish",
        &payload("livingdocs", "document.publish"),
    );
    p.payload::<inmemory4::Event, PlainInMemory4Order>(
        "inmemory4 order.created",
        &payload("inmemory4", "order.created"),
    );
}

fn events(c: &mut Criterion) {
    each_payload(c);
}

/// The interleaved rounds of `--ratios`.
struct Ratios {
    rounds: usize,
}

/// Nanoseconds per parse of `body` as `T`, over a batch of `n`.
fn batch<T: DeserializeOwned>(body: &[u8], n: u32) -> f64 {
    let start = Instant::now();
    for _ in 0..n {
        black_box(serde_json::from_slice::<T>(black_box(body)).unwrap());
    }
    start.elapsed().as_nanos() as f64 / f64::from(n)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

impl Payloads for Ratios {
    fn payload<Typed: DeserializeOwned, Plain: DeserializeOwned>(
        &mut self,
        name: &str,
        body: &[u8],
    ) {
        let parsers: [fn(&[u8], u32) -> f64; 3] =
            [batch::<Plain>, batch::<Typed>, batch::<serde_json::Value>];
        // Batches of about 50 µs.
        let n = (50_000.0 / parsers[0](body, 1000).max(1.0)).ceil() as u32;
        let mut times = [Vec::new(), Vec::new(), Vec::new()];
        let mut order = [0, 1, 2];
        for _ in 0..self.rounds {
            order.reverse();
            for &i in &order {
                times[i].push(parsers[i](body, n));
            }
        }
        let ratio = |i: usize| median(times[i].iter().zip(&times[0]).map(|(t, p)| t / p).collect());
        println!(
            "| {name} | {:.0} ns | {:.0} ns | {:.3}× | {:.0} ns | {:.3}× |",
            median(times[0].clone()),
            median(times[1].clone()),
            ratio(1),
            median(times[2].clone()),
            ratio(2),
        );
    }
}

criterion_group!(benches, events);

fn main() {
    if std::env::args().any(|a| a == "--ratios") {
        println!("| payload | plain struct | `Event` | ratio | `Value` | ratio |");
        println!("|---|---|---|---|---|---|");
        each_payload(&mut Ratios { rounds: 301 });
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}

//! Typed event parsing next to serde_json into an equivalent plain struct (same fields,
//! same field types, no dispatch) and into `serde_json::Value`, on the seed documents'
//! sample payloads.
//!
//! `cargo bench --bench events`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
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

fn trio<Typed: DeserializeOwned, Plain: DeserializeOwned>(
    c: &mut Criterion,
    name: &str,
    body: &[u8],
) {
    let mut g = c.benchmark_group(format!("parse/{name}"));
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

fn payload(provider: &str, event: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/data/payloads/{provider}/{event}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn events(c: &mut Criterion) {
    // Memento's documented key order puts `type` last: the payload is buffered as raw
    // text before the tag is known.
    trio::<memento::Event, PlainMemento>(
        c,
        "memento proof.submitted",
        &payload("memento", "proof.submitted"),
    );
    trio::<pocketbook::Event, PlainPocketbook<pocketbook::CertificateCreated>>(
        c,
        "pocketbook certificate.created",
        &payload("pocketbook", "certificate.created"),
    );
    trio::<pocketbook::Event, PlainPocketbook<pocketbook::BulkJobCompleted>>(
        c,
        "pocketbook bulk_job.completed",
        &payload("pocketbook", "bulk_job.completed"),
    );
    trio::<livingdocs::Event, PlainLivingdocsPublish>(
        c,
        "livingdocs document.publish",
        &payload("livingdocs", "document.publish"),
    );
    trio::<inmemory4::Event, PlainInMemory4Order>(
        c,
        "inmemory4 order.created",
        &payload("inmemory4", "order.created"),
    );
}

criterion_group!(benches, events);
criterion_main!(benches);

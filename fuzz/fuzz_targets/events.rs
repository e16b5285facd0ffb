//! Any bytes as each provider's event: an error or an event, never a panic; and whenever
//! the streaming parse succeeds and serde_json can build a `Value` of the same bytes,
//! parsing through that `Value` gives the same event, with the same type, delivery id and
//! test flag.
#![no_main]

use hookverify::WebhookEvent;
use hookverify::providers::{
    inmemory4, livingdocs, memento, memo_bank, pocketbook, standard_webhooks, stripe,
};
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;

fn check<T: DeserializeOwned + PartialEq + std::fmt::Debug + WebhookEvent>(data: &[u8]) {
    if let Ok(event) = serde_json::from_slice::<T>(data) {
        // Some JSON is refused as a `Value` alone: with serde_json's `raw_value` feature,
        // an object whose first key is its private raw-value token
        // (fuzz/regressions/events/crash-91bd7e…, tests/events.rs).
        let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
            return;
        };
        let via_value: T = serde_json::from_value(value).expect("same event through Value");
        assert_eq!(event, via_value);
        assert_eq!(event.type_name(), via_value.type_name());
        assert_eq!(event.delivery_id(), via_value.delivery_id());
        assert_eq!(event.is_test(), via_value.is_test());
    }
}

fuzz_target!(|data: &[u8]| {
    check::<memento::Event>(data);
    check::<pocketbook::Event>(data);
    check::<livingdocs::Event>(data);
    check::<inmemory4::Event>(data);
    check::<memo_bank::Event>(data);
    check::<stripe::Event>(data);
    check::<standard_webhooks::Event>(data);
});

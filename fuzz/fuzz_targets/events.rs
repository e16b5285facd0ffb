//! Any bytes as each provider's event: an error or an event, never a panic; and whenever
//! the streaming parse succeeds, parsing through `serde_json::Value` gives the same event.
#![no_main]

use hookverify::providers::{inmemory4, livingdocs, memento, memo_bank, pocketbook};
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;

fn check<T: DeserializeOwned + PartialEq + std::fmt::Debug>(data: &[u8]) {
    if let Ok(event) = serde_json::from_slice::<T>(data) {
        let value: serde_json::Value = serde_json::from_slice(data).expect("valid JSON");
        let via_value: T = serde_json::from_value(value).expect("same event through Value");
        assert_eq!(event, via_value);
    }
}

fuzz_target!(|data: &[u8]| {
    check::<memento::Event>(data);
    check::<pocketbook::Event>(data);
    check::<livingdocs::Event>(data);
    check::<inmemory4::Event>(data);
    check::<memo_bank::Event>(data);
});

//! The tower receiver example (`examples/tower_receiver.rs`) over real HTTP on
//! loopback, against the receivers' shared contract (`tests/support/receiver_contract.rs`).

#![cfg(all(feature = "tower", feature = "axum"))]

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/tower_receiver.rs"]
mod tower_receiver;

#[path = "support/receiver_contract.rs"]
mod contract;

use std::net::SocketAddr;
use std::sync::OnceLock;

/// Starts the receiver once for the whole test binary; returns its address.
fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        contract::start_on_tokio(|listener| {
            tower_receiver::serve(listener, tower_receiver::core_with(contract::secrets()))
        })
    })
}

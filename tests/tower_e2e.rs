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
use std::time::Duration;

/// Starts the receiver once for the whole test binary; returns its address.
fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                tx.send(listener.local_addr().unwrap()).unwrap();
                let core = tower_receiver::core_with(contract::secrets());
                tower_receiver::serve(listener, core).await.unwrap();
            });
        });
        rx.recv_timeout(Duration::from_secs(10)).unwrap()
    })
}

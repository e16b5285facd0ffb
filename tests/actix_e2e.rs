//! The actix-web receiver example (`examples/actix_receiver.rs`) over real HTTP on
//! loopback, against the receivers' shared contract (`tests/support/receiver_contract.rs`).

#![cfg(feature = "actix")]

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/actix_receiver.rs"]
mod actix_receiver;

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
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            let core = actix_receiver::core_with(contract::secrets());
            actix_web::rt::System::new()
                .block_on(async move { actix_receiver::server(listener, core).unwrap().await })
                .unwrap();
        });
        rx.recv_timeout(Duration::from_secs(10)).unwrap()
    })
}

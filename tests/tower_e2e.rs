//! The tower receiver example (`examples/tower_receiver.rs`) over real HTTP on
//! loopback, against the receivers' shared contract (`tests/common/receiver_contract.rs`).

#![cfg(all(feature = "tower", feature = "axum"))]

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/tower_receiver.rs"]
mod tower_receiver;

#[path = "common/receiver_contract.rs"]
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

/// A repeated Slack `url_verification` handshake is answered with its challenge each
/// time by the layer of an endpoint that deduplicates; an event reaches the handler once.
#[tokio::test]
async fn a_repeated_slack_handshake_is_answered_each_time_by_the_layer() {
    use axum::routing::post;
    use axum::{Extension, Json, Router};
    use hookverify::Verified;
    use hookverify::integrations::WebhookLayer;

    async fn slack_hook(
        Extension(verified): Extension<Verified<'static>>,
    ) -> Json<serde_json::Value> {
        let event: serde_json::Value = verified.json().unwrap();
        assert_eq!(event["type"], "event_callback");
        Json(serde_json::json!({ "received": true }))
    }

    let layer = WebhookLayer::from(contract::slack_endpoint::<()>());
    let app = Router::new().route("/webhooks/slack", post(slack_hook).layer(layer));
    let answers = contract::slack_answers_of(app).await;
    contract::check_slack_answers(&answers);
}

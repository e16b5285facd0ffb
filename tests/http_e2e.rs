//! The axum receiver example (`examples/receiver.rs`) over real HTTP on loopback, against
//! the receivers' shared contract (`tests/common/receiver_contract.rs`).

#![cfg(feature = "axum")]

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/receiver.rs"]
mod receiver;

#[path = "common/receiver_contract.rs"]
mod contract;

use std::net::SocketAddr;
use std::sync::OnceLock;

/// Starts the receiver once for the whole test binary; returns its address.
fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        contract::start_on_tokio(|listener| {
            receiver::serve(
                listener,
                receiver::state_with(contract::secrets(), false, vec![]),
            )
        })
    })
}

/// A repeated Slack `url_verification` handshake is answered with its challenge each
/// time, by the axum extractor of an endpoint that deduplicates; an event is handled once.
#[tokio::test]
async fn a_repeated_slack_handshake_is_answered_each_time_by_the_extractor() {
    use axum::routing::post;
    use axum::{Json, Router};
    use hookverify::integrations::Webhook;

    async fn slack_hook(
        Webhook { event, .. }: Webhook<serde_json::Value>,
    ) -> Json<serde_json::Value> {
        assert_eq!(event["type"], "event_callback");
        Json(serde_json::json!({ "received": true }))
    }

    let app = Router::new()
        .route("/webhooks/slack", post(slack_hook))
        .with_state(contract::slack_endpoint::<serde_json::Value>());
    let answers = contract::slack_answers_of(app).await;
    contract::check_slack_answers(&answers);
}

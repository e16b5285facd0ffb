//! The actix-web receiver example (`examples/actix_receiver.rs`) over real HTTP on
//! loopback, against the receivers' shared contract (`tests/common/receiver_contract.rs`).

#![cfg(feature = "actix")]

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/actix_receiver.rs"]
mod actix_receiver;

#[path = "common/receiver_contract.rs"]
mod contract;

use hookverify::KeyKind;
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

/// A body over actix-web's own 256 KiB payload limit but under the verifier's is read and
/// verified: the extractor, not actix-web, applies the limit.
#[test]
fn a_body_over_actix_webs_default_payload_limit_is_verified() {
    let filler = "x".repeat(1024 * 1024);
    let body = format!(r#"{{"event":"test","message":"{filler}"}}"#);
    let url = format!("http://{}/webhooks/inmemory4", server());
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut resp = agent
        .post(&url)
        .header("Signature", contract::IM4)
        .send(body.as_bytes())
        .unwrap();
    let status = resp.status().as_u16();
    let text = resp.body_mut().read_to_string().unwrap();
    assert_eq!((status, text.as_str()), (200, r#"{"received":true}"#));
}

/// An app without the endpoint in its data answers 500 with the JSON that says so, and
/// the signed URL follows the endpoint's public base URL.
#[test]
fn configuration_reaches_the_extractor() {
    use actix_web::{App, HttpResponse, test, web};
    use hookverify::integrations::{Endpoint, RawWebhook};
    use hookverify::schemes::{Encoding, Part, Signed};
    use hookverify::{Secret, Sign};

    /// The marker type that names this endpoint.
    struct Hook;

    async fn hook(hook: RawWebhook<Hook>) -> HttpResponse {
        HttpResponse::Ok().body(format!("key {}", hook.verified.key_index()))
    }
    actix_web::rt::System::new().block_on(async {
        let app = test::init_service(App::new().route("/hook", web::post().to(hook))).await;
        let resp =
            test::call_service(&app, test::TestRequest::post().uri("/hook").to_request()).await;
        assert_eq!(resp.status().as_u16(), 500);
        let text = String::from_utf8(test::read_body(resp).await.to_vec()).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(
            json["error"]
                .as_str()
                .unwrap()
                .contains("the webhook endpoint is not configured"),
            "{text}"
        );

        let scheme = Signed::builder(KeyKind::HmacSha256, "X-Sig")
            .encoding(Encoding::Base64)
            .signed([Part::Url, Part::Body])
            .build()
            .unwrap();
        let public = "https://hooks.example.com/hook?x=1";
        let signing = hookverify::Request::new(b"{}", &()).with_url(public);
        let signed =
            scheme.sign_request(&signing, &Secret::new("s"), time::OffsetDateTime::now_utc());
        let endpoint = Endpoint::<Hook>::new(hookverify::Verifier::new(scheme, ["s"]))
            .public_base_url("https://hooks.example.com");
        let app = test::init_service(
            App::new()
                .app_data(web::Data::new(endpoint))
                .route("/hook", web::post().to(hook)),
        )
        .await;
        let req = test::TestRequest::post()
            .uri("/hook?x=1")
            .insert_header(("X-Sig", signed[0].1.as_str()))
            .set_payload("{}")
            .to_request();
        let resp = test::call_service(&app, req).await;
        assert_eq!(resp.status().as_u16(), 200);
        assert_eq!(test::read_body(resp).await, "key 0");
        let req = test::TestRequest::post()
            .uri("/hook?x=2")
            .insert_header(("X-Sig", signed[0].1.as_str()))
            .set_payload("{}")
            .to_request();
        let resp = test::call_service(&app, req).await;
        assert_eq!(resp.status().as_u16(), 401);
        assert_eq!(
            resp.headers()
                .get("content-type")
                .unwrap()
                .to_str()
                .unwrap(),
            "application/json"
        );
    });
}

/// Twilio signs the URL it requested. Trusting the proxy's headers, a request that lacks
/// `X-Forwarded-Proto` is the client's mistake (400); told nothing about the public URL,
/// the endpoint cannot verify at all, a 500 that names the option to set.
#[cfg(feature = "sha1")]
#[test]
fn a_url_signing_provider_needs_the_public_url() {
    use actix_web::{App, HttpResponse, test, web};
    use hookverify::integrations::{Endpoint, RawWebhook};
    use hookverify::providers::twilio;
    use hookverify::{Request, Secret, Sign};

    async fn sms(_: RawWebhook<twilio::Twilio>) -> HttpResponse {
        HttpResponse::Ok().body("handled")
    }

    let body = "MessageSid=SM1234567890&From=%2B14155550100&Body=Hello";
    let public = "https://hooks.example.com/twilio/sms";
    let headers = twilio::scheme().sign_request(
        &Request::new(body, &()).with_url(public).with_method("POST"),
        &Secret::new("twilio-auth-token"),
        time::OffsetDateTime::now_utc(),
    );
    let request = |forwarded: bool| {
        let mut req = test::TestRequest::post()
            .uri("/twilio/sms")
            .insert_header(("Host", "10.0.0.7:8080"))
            .insert_header(("Content-Type", "application/x-www-form-urlencoded"))
            .set_payload(body);
        for (name, value) in &headers {
            req = req.insert_header((name.as_str(), value.as_str()));
        }
        if forwarded {
            req = req
                .insert_header(("X-Forwarded-Proto", "https"))
                .insert_header(("X-Forwarded-Host", "hooks.example.com"));
        }
        req.to_request()
    };
    let endpoint = || Endpoint::<twilio::Twilio>::new(twilio::verifier(["twilio-auth-token"]));
    actix_web::rt::System::new().block_on(async {
        let answer = |endpoint: Endpoint<twilio::Twilio>, forwarded: bool| {
            let request = request(forwarded);
            async move {
                let app = test::init_service(
                    App::new()
                        .app_data(web::Data::new(endpoint))
                        .route("/twilio/sms", web::post().to(sms)),
                )
                .await;
                let resp = test::call_service(&app, request).await;
                let status = resp.status().as_u16();
                let text = String::from_utf8(test::read_body(resp).await.to_vec()).unwrap();
                (status, text)
            }
        };
        // Trusting the proxy's headers: verified when they are there.
        let (status, text) = answer(endpoint().trust_forwarded_headers(), true).await;
        assert_eq!((status, text.as_str()), (200, "handled"));
        // Without `X-Forwarded-Proto`: 400, naming the header.
        let (status, text) = answer(endpoint().trust_forwarded_headers(), false).await;
        assert_eq!(status, 400, "{text}");
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["status"], 400, "{text}");
        assert!(
            json["error"]
                .as_str()
                .unwrap()
                .contains("X-Forwarded-Proto"),
            "{text}"
        );
        // Neither option: a configuration error (500) that says what to configure.
        let (status, text) = answer(endpoint(), true).await;
        assert_eq!(status, 500, "{text}");
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(
            json["error"].as_str().unwrap().contains("public_base_url"),
            "{text}"
        );
    });
}

/// A repeated Slack `url_verification` handshake is answered with its challenge each
/// time by the actix-web extractor of an endpoint that deduplicates; an event is handled
/// once.
#[test]
fn a_repeated_slack_handshake_is_answered_each_time_by_the_extractor() {
    use actix_web::{App, HttpResponse, test, web};
    use hookverify::integrations::Webhook;

    async fn slack_hook(Webhook { event, .. }: Webhook<serde_json::Value>) -> HttpResponse {
        assert_eq!(event["type"], "event_callback");
        HttpResponse::Ok().json(serde_json::json!({ "received": true }))
    }

    actix_web::rt::System::new().block_on(async {
        let app = test::init_service(
            App::new()
                .app_data(web::Data::new(
                    contract::slack_endpoint::<serde_json::Value>(),
                ))
                .route("/webhooks/slack", web::post().to(slack_hook)),
        )
        .await;
        let mut answers = Vec::new();
        for (headers, body) in contract::slack_requests() {
            let mut req = test::TestRequest::post()
                .uri("/webhooks/slack")
                .set_payload(body);
            for (name, value) in &headers {
                req = req.insert_header((name.as_str(), value.as_str()));
            }
            let resp = test::call_service(&app, req.to_request()).await;
            let status = resp.status().as_u16();
            let content_type = resp
                .headers()
                .get("content-type")
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned();
            let body = test::read_body(resp).await;
            answers.push((
                status,
                content_type,
                String::from_utf8(body.to_vec()).unwrap(),
            ));
        }
        contract::check_slack_answers(&answers);
    });
}

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

/// An app without the verifier in its data answers 500 with the JSON that says so, and
/// the signed URL follows the verifier's public base URL.
#[test]
fn configuration_reaches_the_extractor() {
    use actix_web::{App, HttpResponse, test, web};
    use hookverify::integrations::{VerifiedBody, WebhookVerifier};
    use hookverify::schemes::{Encoding, Part, Signed};
    use hookverify::{Scheme, Secret};

    async fn hook(body: VerifiedBody<Signed>) -> HttpResponse {
        HttpResponse::Ok().body(format!("key {}", body.secret_index))
    }
    actix_web::rt::System::new().block_on(async {
        let app = test::init_service(App::new().route("/hook", web::post().to(hook))).await;
        let resp =
            test::call_service(&app, test::TestRequest::post().uri("/hook").to_request()).await;
        assert_eq!(resp.status().as_u16(), 500);
        let text = String::from_utf8(test::read_body(resp).await.to_vec()).unwrap();
        assert!(
            text.contains("the webhook verifier is not configured"),
            "{text}"
        );

        let scheme = Signed::hmac("X-Sig")
            .encoding(Encoding::Base64)
            .signed([Part::Url, Part::Body]);
        let public = "https://hooks.example.com/hook?x=1";
        let signing = hookverify::Request::new(b"{}", &()).with_url(public);
        let signed =
            scheme.sign_request(&signing, &Secret::new("s"), time::OffsetDateTime::now_utc());
        let verifier = WebhookVerifier::<Signed>::new(hookverify::Verifier::new(scheme, ["s"]))
            .public_base_url("https://hooks.example.com");
        let app = test::init_service(
            App::new()
                .app_data(web::Data::new(verifier))
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

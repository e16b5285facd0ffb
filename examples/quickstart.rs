//! hookverify in one file: `cargo run --example quickstart`. No network, no setup, no
//! features.
//!
//! For each provider this plays both sides of a webhook:
//!
//! 1. the provider's side: [`Sign`] makes the headers the provider would send with the
//!    body (a receiver never needs `Sign`; tests and tools do);
//! 2. your side: the provider's preset [`Verifier`] checks the request, and the verified
//!    body is read as the provider's typed event;
//! 3. an attacker's side: a copy with one byte of the body changed, and a request signed
//!    with a guessed secret, are refused.
//!
//! In order: GitHub and Stripe; the crate's five seed providers (Memento, Memo Bank,
//! InMemory4, Pocketbook, Livingdocs); Slack's `url_verification` handshake; and a
//! replayed request whose signed timestamp is too old.

use hookverify::providers::{
    github, inmemory4, livingdocs, memento, memo_bank, pocketbook, slack, stripe,
};
use hookverify::time::{Duration, OffsetDateTime};
use hookverify::{Error, Scheme, Secret, Sign, Verifier};

fn main() {
    let now = OffsetDateTime::now_utc();

    // GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`. GitHub also
    // sends a delivery id in `X-GitHub-Delivery` (not signed): what to deduplicate on.
    let secret = Secret::new("It's a Secret to Everybody");
    let body =
        br#"{"action":"opened","number":1347,"pull_request":{"title":"Amazing new feature"}}"#;
    let mut headers = github::scheme().sign(body, &secret, now);
    headers.push((
        github::DELIVERY_HEADER.into(),
        "72d3162e-cc78-11e3-81ab-4c9367dc0958".into(),
    ));
    let verifier = github::verifier([secret]);
    run("GitHub", &verifier, body, &headers, |body| {
        let verified = verifier.verify(body, &headers)?;
        let event: serde_json::Value = verified.json()?;
        Ok(format!(
            "pull request #{} {} (delivery {})",
            event["number"],
            event["action"].as_str().unwrap_or("?"),
            verified.delivery_id().unwrap_or("?")
        ))
    });

    // Stripe: `Stripe-Signature: t=<unix>,v1=<hex>` over "<t>.<body>". The timestamp is
    // signed, so a captured request stops verifying after 300 s.
    let secret = Secret::new("whsec_test_secret");
    let body = br#"{"id":"evt_1NG8Du2eZvKYlo2CUI79vXWy","object":"event","type":"invoice.paid","data":{"object":{"id":"in_1NG8Du2eZvKYlo2C","amount_paid":2000}}}"#;
    let headers = stripe::scheme().sign(body, &secret, now);
    let verifier = stripe::verifier([secret]);
    run("Stripe", &verifier, body, &headers, |body| {
        let verified = verifier.verify(body, &headers)?;
        let event: serde_json::Value = verified.json()?;
        Ok(format!(
            "{} {} (signed at Unix time {})",
            event["type"].as_str().unwrap_or("?"),
            event["id"].as_str().unwrap_or("?"),
            verified
                .timestamp()
                .map_or_else(|| "?".to_string(), |t| t.unix_timestamp().to_string())
        ))
    });

    // The seed providers come with typed events: `verify_json` verifies, then parses into
    // the provider's `Event` enum (an event type the crate does not know yet parses into
    // its `Unknown` variant instead of failing).

    // Memento Yearbook: `Signature: <hex HMAC-SHA256 of the body>`.
    let secret = Secret::new("whsec_Ge3tGXAEEeEGLDJqtMDGfmn9VoqJXtQz");
    let body = include_bytes!("../tests/data/payloads/memento/proof.submitted.json");
    let headers = memento::scheme().sign(body, &secret, now);
    let verifier = memento::verifier([secret]);
    run("Memento", &verifier, body, &headers, |body| {
        let event: memento::Event = verifier.verify_json(body, &headers)?;
        match event {
            memento::Event::ProofSubmitted(e) => Ok(format!(
                "proof {} of book {:?} is ready ({}test event, request {})",
                e.data.proof_id,
                e.data.book_name.unwrap_or_default(),
                if e.is_test_event { "" } else { "not a " },
                e.request_id
            )),
            other => Ok(format!("{} event", other.type_name())),
        }
    });

    // Memo Bank: `Authorization: Bearer <token>`; a static token, the body is not signed.
    let token = Secret::new("mb_whk_8f1c2e7a9b3d4c5e");
    let body = include_bytes!("../tests/data/payloads/memo_bank/transaction.created.json");
    let headers = memo_bank::scheme().sign(body, &token, now);
    let verifier = memo_bank::verifier([token]);
    run("Memo Bank", &verifier, body, &headers, |body| {
        let e: memo_bank::Event = verifier.verify_json(body, &headers)?;
        Ok(format!(
            "fetch {} {} from the API",
            e.resource_type, e.resource_id
        ))
    });

    // InMemory4: `Signature: <API key>`; also a static token.
    let key = Secret::new("im4_live_3b1f0c9e");
    let body = include_bytes!("../tests/data/payloads/inmemory4/order.created.json");
    let headers = inmemory4::scheme().sign(body, &key, now);
    let verifier = inmemory4::verifier([key]);
    run("InMemory4", &verifier, body, &headers, |body| {
        let event: inmemory4::Event = verifier.verify_json(body, &headers)?;
        match event {
            inmemory4::Event::OrderCreated(o) => Ok(format!(
                "order {} created in project {}",
                o.order_id, o.project_id
            )),
            other => Ok(format!("{} event", other.type_name())),
        }
    });

    // Pocketbook: `X-Webhook-Signature: t=<unix>,v1=<hex>` over "<t>.<body>", 300 s
    // window. During a rotation the current and the previous secret are both live; the
    // request here is signed with the previous one, and `key_index` says so.
    let current = Secret::new("whsec_1234567890abcdef");
    let previous = Secret::new("whsec_previous_secret");
    let body = include_bytes!("../tests/data/payloads/pocketbook/certificate.minted.json");
    let headers = pocketbook::scheme().sign(body, &previous, now);
    let verifier = pocketbook::verifier([current, previous]);
    run("Pocketbook", &verifier, body, &headers, |body| {
        let verified = verifier.verify(body, &headers)?;
        let key = verified.key_index();
        match verified.json()? {
            pocketbook::Event::CertificateMinted(e) => Ok(format!(
                "certificate {} minted as token {} (event {}, signed with secret #{key})",
                e.data.certificate_id, e.data.token_id, e.id
            )),
            other => Ok(format!("{} event", other.type_name())),
        }
    });

    // Livingdocs: `x-livingdocs-signature: sha256=<hex HMAC-SHA256 of the body>`.
    let secret = Secret::new("a-secret-token-to-sign-the-request");
    let body = include_bytes!("../tests/data/payloads/livingdocs/document.publish.json");
    let headers = livingdocs::scheme().sign(body, &secret, now);
    let verifier = livingdocs::verifier([secret]);
    run("Livingdocs", &verifier, body, &headers, |body| {
        let event: livingdocs::Event = verifier.verify_json(body, &headers)?;
        match event {
            livingdocs::Event::DocumentPublish(d) => Ok(format!(
                "document {} published (delivery {})",
                d.document_id, d.delivery_id
            )),
            other => Ok(format!("{} event", other.type_name())),
        }
    });

    // Slack: `X-Slack-Signature: v0=<hex>` over "v0:<t>:<body>", 300 s. When an Events
    // API URL is set, Slack first sends a signed `url_verification` request, to be
    // answered 200 with its challenge. (In a server, the integrations answer it for you:
    // `Endpoint::new(slack::verifier(…)).answer_handshakes(slack::handshake_response)`,
    // features `axum`, `actix` or `tower`.)
    let secret = Secret::new("8f742231b10e8888abcd99yyyzzz85a5");
    let body = br#"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#;
    let headers = slack::scheme().sign(body, &secret, now);
    let verifier = slack::verifier([secret]);
    run("Slack", &verifier, body, &headers, |body| {
        // Verify first: only a genuine handshake gets its challenge back.
        let verified = verifier.verify(body, &headers)?;
        Ok(match slack::handshake_response(&verified) {
            Some(challenge) => format!("a handshake: answer 200 with the challenge {challenge}"),
            None => "an event".to_string(),
        })
    });

    // A replayed Pocketbook request: genuine, but signed ten minutes ago, outside the
    // 300 s window.
    let secret = Secret::new("whsec_1234567890abcdef");
    let body = include_bytes!("../tests/data/payloads/pocketbook/voucher.created.json");
    let headers = pocketbook::scheme().sign(body, &secret, now - Duration::minutes(10));
    let err = pocketbook::verifier([secret])
        .verify(body, &headers)
        .unwrap_err();
    println!(
        "Pocketbook, replayed after 10 min: refused with {}: {err}",
        err.status()
    );
}

/// Handles the genuine request, then a copy with one byte of the body changed, then one
/// signed with a wrong secret, and prints what happened to each.
fn run<S: Scheme + Sign>(
    provider: &str,
    verifier: &Verifier<S>,
    body: &[u8],
    headers: &[(String, String)],
    handle: impl Fn(&[u8]) -> Result<String, Error>,
) {
    // The header that carries the signature (or token), shortened.
    let shown = headers
        .iter()
        .find(|(name, _)| {
            let name = name.to_ascii_lowercase();
            name.contains("signature") || name == "authorization"
        })
        .unwrap_or(&headers[0]);
    println!("{provider}: {} {}", shown.0, shorten(&shown.1));

    // The genuine request.
    match handle(body) {
        Ok(what) => println!("  genuine:       accepted; {what}"),
        Err(e) => println!("  genuine:       REFUSED ({e}); this is a bug"),
    }

    // The same headers with one digit of the body changed.
    let mut tampered = body.to_vec();
    let at = tampered.iter().position(u8::is_ascii_digit).unwrap_or(0);
    tampered[at] = if tampered[at] == b'9' {
        b'8'
    } else {
        tampered[at] + 1
    };
    match verifier.verify(&tampered, headers) {
        Ok(_) => println!(
            "  tampered body: accepted; a static token does not cover the body (see SECURITY.md)"
        ),
        Err(e) => println!("  tampered body: refused with {}: {e}", e.status()),
    }

    // The genuine body, signed by someone who guessed the secret.
    let forged = verifier.scheme().sign(
        body,
        &Secret::new("attackers-guess"),
        OffsetDateTime::now_utc(),
    );
    match verifier.verify(body, &forged) {
        Ok(_) => println!("  wrong secret:  ACCEPTED; this is a bug"),
        Err(e) => println!("  wrong secret:  refused with {}: {e}", e.status()),
    }
    println!();
}

/// `value`, cut after 48 characters.
fn shorten(value: &str) -> String {
    match value.char_indices().nth(48) {
        Some((end, _)) => format!("{}…", &value[..end]),
        None => value.to_string(),
    }
}

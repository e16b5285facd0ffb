//! hookverify in one file: for each of the five seed providers, sign one of its documented
//! sample events the way the provider does, verify it, match on the typed event, and
//! watch a tampered copy be refused; then two of the other presets (Slack's handshake,
//! a Shopify order), the same way.
//!
//! Run it with `cargo run --example quickstart`. No network, no setup.

use hookverify::providers::{
    inmemory4, livingdocs, memento, memo_bank, pocketbook, shopify, slack,
};
use hookverify::{Error, Scheme, Secret, Verifier};
use time::OffsetDateTime;

fn main() {
    let now = OffsetDateTime::now_utc();

    // Memento Yearbook: `Signature: <hex HMAC-SHA256 of the body>`.
    let secret = Secret::new("whsec_Ge3tGXAEEeEGLDJqtMDGfmn9VoqJXtQz");
    let body = include_bytes!("../tests/data/payloads/memento/proof.submitted.json");
    let headers = memento::scheme().sign(body, &secret, now);
    let verifier = memento::verifier([secret]);
    run("Memento", &verifier, body, &headers, |body| match verifier
        .verify_json::<memento::Event>(body, &headers)?
    {
        memento::Event::ProofSubmitted(e) => Ok(format!(
            "proof {} of book {:?} is ready ({}test event, request {})",
            e.data.proof_id,
            e.data.book_name.unwrap_or_default(),
            if e.is_test_event { "" } else { "not a " },
            e.request_id
        )),
        other => Ok(format!("{} event", other.type_name())),
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
    run(
        "InMemory4",
        &verifier,
        body,
        &headers,
        |body| match verifier.verify_json(body, &headers)? {
            inmemory4::Event::OrderCreated(o) => Ok(format!(
                "order {} created in project {}",
                o.order_id, o.project_id
            )),
            other => Ok(format!("{} event", other.type_name())),
        },
    );

    // Pocketbook: `X-Webhook-Signature: t=<unix>,v1=<hex>` over "<t>.<body>", 300 s window,
    // current and previous secret live during a rotation.
    let current = Secret::new("whsec_1234567890abcdef");
    let previous = Secret::new("whsec_previous_secret");
    let body = include_bytes!("../tests/data/payloads/pocketbook/certificate.minted.json");
    let headers = pocketbook::scheme().sign(body, &previous, now);
    let verifier = pocketbook::verifier([current, previous]);
    run("Pocketbook", &verifier, body, &headers, |body| {
        let verified = verifier.verify(body, &headers)?;
        let secret = verified.secret_index();
        match verified.json()? {
            pocketbook::Event::CertificateMinted(e) => Ok(format!(
                "certificate {} minted as token {} (event {}, signed with secret #{secret})",
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
    run(
        "Livingdocs",
        &verifier,
        body,
        &headers,
        |body| match verifier.verify_json(body, &headers)? {
            livingdocs::Event::DocumentPublish(d) => Ok(format!(
                "document {} published (delivery {})",
                d.document_id, d.delivery_id
            )),
            other => Ok(format!("{} event", other.type_name())),
        },
    );

    // Slack: `X-Slack-Signature: v0=<hex>` over "v0:<t>:<body>", 300 s; when an Events API
    // URL is set, Slack sends a signed `url_verification` to be answered with its challenge.
    let secret = Secret::new("8f742231b10e8888abcd99yyyzzz85a5");
    let body = br#"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#;
    let headers = slack::scheme().sign(body, &secret, now);
    let verifier = slack::verifier([secret]);
    run("Slack", &verifier, body, &headers, |body| {
        let verified = verifier.verify(body, &headers)?;
        Ok(match slack::url_verification_challenge(&verified) {
            Some(challenge) => format!("answer 200 with the challenge {challenge}"),
            None => "an event".to_string(),
        })
    });

    // Shopify: `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the body>`; the delivery id
    // in `X-Shopify-Webhook-Id` is what to deduplicate on.
    let secret = Secret::new("shpss_8d4e1c7a2f0b");
    let body = br#"{"id":820982911946154508,"email":"jon@example.com","total_price":"403.00"}"#;
    let mut headers = shopify::scheme().sign(body, &secret, now);
    headers.push((
        shopify::DELIVERY_HEADER.into(),
        "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043".into(),
    ));
    let verifier = shopify::verifier([secret]);
    run("Shopify", &verifier, body, &headers, |body| {
        let verified = verifier.verify(body, &headers)?;
        let order: serde_json::Value = verified.json()?;
        Ok(format!(
            "order {} for {} (delivery {})",
            order["id"],
            order["total_price"],
            verified.delivery_id().unwrap_or("?")
        ))
    });

    // A stale Pocketbook request: signed ten minutes ago.
    let secret = Secret::new("whsec_1234567890abcdef");
    let body = include_bytes!("../tests/data/payloads/pocketbook/voucher.created.json");
    let headers = pocketbook::scheme().sign(body, &secret, now - time::Duration::minutes(10));
    let err = pocketbook::verifier([secret])
        .verify(body, &headers)
        .unwrap_err();
    println!(
        "Pocketbook, replayed after 10 min: refused with {}: {err}\n",
        err.status()
    );
}

/// Handles the genuine request, then a copy with one byte of the body changed, then one
/// signed with a wrong secret, and prints what happened to each.
fn run<S: Scheme>(
    provider: &str,
    verifier: &Verifier<S>,
    body: &[u8],
    headers: &[(String, String)],
    handle: impl Fn(&[u8]) -> Result<String, Error>,
) {
    let shown = headers
        .iter()
        .find(|(name, _)| {
            let name = name.to_ascii_lowercase();
            name.contains("signature") || name.contains("hmac")
        })
        .unwrap_or(&headers[0]);
    println!("{provider}: {} {}", shown.0, shorten(&shown.1));
    match handle(body) {
        Ok(what) => println!("  genuine:  accepted; {what}"),
        Err(e) => println!("  genuine:  REFUSED ({e}); this is a bug"),
    }
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
    let forged = verifier.scheme().sign(
        body,
        &Secret::new("attackers-guess"),
        OffsetDateTime::now_utc(),
    );
    match verifier.verify(body, &forged) {
        Ok(_) => println!("  wrong secret: ACCEPTED; this is a bug"),
        Err(e) => println!("  wrong secret: refused with {}: {e}", e.status()),
    }
    println!();
}

fn shorten(value: &str) -> String {
    if value.len() > 48 {
        format!("{}…", &value[..48])
    } else {
        value.to_string()
    }
}

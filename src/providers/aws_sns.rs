//! Amazon SNS (HTTP/S subscriptions). Feature `rsa`; fetching the certificates, feature
//! `fetch`.
//!
//! - **What it sends:** a `POST` whose body is a JSON message: `Type`
//!   (`Notification`, `SubscriptionConfirmation`, `UnsubscribeConfirmation`), `MessageId`,
//!   `TopicArn`, `Subject` (notifications, optional), `Message`, `Timestamp`,
//!   `SignatureVersion`, `Signature` (base64), `SigningCertURL`, and `SubscribeURL` and
//!   `Token` for the confirmations. Headers such as `x-amz-sns-message-type` repeat what
//!   the body says and are not signed; when present, `x-amz-sns-message-type` must equal
//!   the body's `Type`.
//! - **What is signed:** the lines `Name\nValue\n` of the message's fields, in AWS's
//!   order: `Message`, `MessageId`, `Subject` (only when present), `Timestamp`,
//!   `TopicArn`, `Type` for a notification; `Message`, `MessageId`, `SubscribeURL`,
//!   `Timestamp`, `Token`, `TopicArn`, `Type` for the confirmations. RSA PKCS#1 v1.5 with
//!   SHA-1 (`SignatureVersion` `1`) or SHA-256 (`2`); any other version is refused.
//! - **Keys:** the certificate at `SigningCertURL`, accepted only over HTTPS from
//!   `sns.<region>.amazonaws.com` (`sns.<region>.amazonaws.com.cn` in China; GovCloud
//!   regions are `us-gov-…`), at a path `/SimpleNotificationService-<hex>.pem`; nothing
//!   else is ever fetched ([`KeyFetcher`](crate::fetch::KeyFetcher), feature `fetch`).
//!   A verifier given certificates up front (`Verifier::with_keys`) checks the URL the
//!   same way and verifies with them.
//! - **Topics:** [`Verifier::topics`](crate::Verifier::topics) accepts only the listed
//!   topic ARNs; without it, any topic's message signed by SNS is accepted, including one
//!   an attacker subscribed your endpoint to. Set it.
//! - **Tolerance:** none; AWS's validators check no time, and SNS retries a delivery for
//!   up to an hour or more. Deduplicate on `MessageId`
//!   ([`Verified::delivery_id`](crate::Verified::delivery_id)).
//! - **Subscribing:** a `SubscriptionConfirmation` carries the `SubscribeURL` to visit;
//!   parse the verified body as [`Message`] and call
//!   [`Confirmation::confirm`] (feature `fetch`), which visits it only on an SNS host.
//! - **Raw message delivery** (the subscription attribute `RawMessageDelivery`) posts
//!   the message alone, unsigned: it cannot be verified, and this preset refuses it. Keep
//!   it off for HTTP/S endpoints that must authenticate SNS.
//!
//! # Examples
//!
//! ```no_run
//! # #[cfg(feature = "fetch")]
//! # async fn handle(body: &[u8], headers: &http::HeaderMap) -> Result<(), hookverify::Error> {
//! use hookverify::fetch::KeyFetcher;
//! use hookverify::providers::aws_sns;
//!
//! let verifier = aws_sns::verifier(KeyFetcher::new())
//!     .topics(["arn:aws:sns:us-east-1:123456789012:orders"]);
//! let verified = verifier.verify_async(body, headers).await?;
//! match verified.json::<aws_sns::Message>()? {
//!     aws_sns::Message::Notification(n) => println!("{}", n.message),
//!     aws_sns::Message::SubscriptionConfirmation(c) => c.confirm(&KeyFetcher::new()).await?,
//!     _ => {}
//! }
//! # Ok(())
//! # }
//! ```

use std::borrow::Cow;
use std::sync::Arc;

use base64::Engine as _;
use serde::Deserialize;
use time::OffsetDateTime;

use crate::clock::Clock;
use crate::error::{Error, ValueProblem};
use crate::key::Key;
use crate::key_kind::KeyKind;
use crate::pin::Pin;
use crate::public_key::Algorithm;
use crate::request::Request;
use crate::scheme::{Match, Scheme};
use crate::verifier::Verifier;

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "aws_sns";

/// The header repeating the message's `Type` (not signed).
pub const EVENT_HEADER: &str = "x-amz-sns-message-type";

/// Where SNS certificates are: `https://sns.<region>.amazonaws.com[.cn]/<name>.pem`
/// (SNS's are `/SimpleNotificationService-<hex>.pem`).
pub(crate) const CERT_PIN: Pin = Pin {
    host: is_sns_host,
    path: |path| {
        path.strip_suffix(".pem").is_some_and(|name| {
            name.len() > 1
                && !name.contains("..")
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.'))
        })
    },
    query: None,
};

#[cfg(feature = "fetch")]
/// Where a subscription is confirmed: `https://sns.<region>.amazonaws.com[.cn]/?Action=ConfirmSubscription&…`.
pub(crate) const SUBSCRIBE_PIN: Pin = Pin {
    host: is_sns_host,
    path: |path| path == "/",
    query: Some(|query| query.starts_with("Action=ConfirmSubscription&")),
};

/// `sns.<region>.amazonaws.com`, or `.amazonaws.com.cn`, where a region is two letters,
/// one or more words and a number, joined by `-` (`us-east-1`, `us-gov-west-1`,
/// `cn-north-1`, `ap-southeast-3`). AWS's validators accept any
/// `[a-zA-Z0-9-]{3,}` there; this is the shape of every SNS region.
fn is_sns_host(host: &str) -> bool {
    let Some(rest) = host.strip_prefix("sns.") else {
        return false;
    };
    let Some(region) = rest
        .strip_suffix(".amazonaws.com")
        .or_else(|| rest.strip_suffix(".amazonaws.com.cn"))
    else {
        return false;
    };
    let parts: Vec<&str> = region.split('-').collect();
    let [area, words @ .., number] = parts.as_slice() else {
        return false;
    };
    let letters = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase());
    area.len() == 2
        && letters(area)
        && !words.is_empty()
        && words.iter().all(|w| letters(w))
        && (1..=2).contains(&number.len())
        && number.bytes().all(|b| b.is_ascii_digit())
}

/// The fields of a message a verifier reads. Unknown fields are ignored; a field given
/// twice is refused (serde's derive refuses duplicates), so no two parsers can disagree
/// on which value was signed.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Fields<'a> {
    #[serde(rename = "Type", borrow)]
    type_name: Option<Cow<'a, str>>,
    #[serde(borrow)]
    message_id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    topic_arn: Option<Cow<'a, str>>,
    #[serde(borrow)]
    subject: Option<Cow<'a, str>>,
    #[serde(borrow)]
    message: Option<Cow<'a, str>>,
    #[serde(borrow)]
    timestamp: Option<Cow<'a, str>>,
    #[serde(borrow)]
    signature_version: Option<Cow<'a, str>>,
    #[serde(borrow)]
    signature: Option<Cow<'a, str>>,
    #[serde(rename = "SigningCertURL", borrow)]
    signing_cert_url: Option<Cow<'a, str>>,
    #[serde(rename = "SubscribeURL", borrow)]
    subscribe_url: Option<Cow<'a, str>>,
    #[serde(borrow)]
    token: Option<Cow<'a, str>>,
}

/// A message's fields checked for presence: what is signed, how, and by which certificate.
struct Parsed {
    string_to_sign: String,
    algorithm: Algorithm,
    signature: Vec<u8>,
    #[cfg_attr(not(feature = "fetch"), allow(dead_code))]
    cert_url: url::Url,
    type_name: String,
    message_id: String,
    topic_arn: String,
    timestamp: Option<OffsetDateTime>,
}

impl Parsed {
    fn read(body: &[u8]) -> Result<Parsed, Error> {
        let not_an_object = || {
            Error::malformed_field(
                "(body)",
                ValueProblem::MalformedEntry {
                    expected: "a JSON object of SNS message fields, each once".into(),
                },
            )
        };
        // An object only: serde's derive also reads a struct from an array of its values,
        // which no other reader of the body would take for these fields.
        if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return Err(not_an_object());
        }
        let fields: Fields<'_> = serde_json::from_slice(body).map_err(|_| not_an_object())?;
        let need = |value: &Option<Cow<'_, str>>, name: &'static str| -> Result<String, Error> {
            match value {
                Some(v) if !v.is_empty() => Ok(v.to_string()),
                Some(_) => Err(Error::malformed_field(name, ValueProblem::Empty)),
                None => Err(Error::missing_field(name)),
            }
        };
        let type_name = need(&fields.type_name, "Type")?;
        let message = need(&fields.message, "Message")?;
        let message_id = need(&fields.message_id, "MessageId")?;
        let timestamp_text = need(&fields.timestamp, "Timestamp")?;
        let topic_arn = need(&fields.topic_arn, "TopicArn")?;
        let lines: Vec<(&str, String)> = match type_name.as_str() {
            "Notification" => {
                let mut lines = vec![("Message", message), ("MessageId", message_id.clone())];
                // Signed when present, even empty (as `signed_notification` signs it).
                if let Some(subject) = &fields.subject {
                    lines.push(("Subject", subject.to_string()));
                }
                lines.extend([
                    ("Timestamp", timestamp_text.clone()),
                    ("TopicArn", topic_arn.clone()),
                    ("Type", type_name.clone()),
                ]);
                lines
            }
            "SubscriptionConfirmation" | "UnsubscribeConfirmation" => vec![
                ("Message", message),
                ("MessageId", message_id.clone()),
                ("SubscribeURL", need(&fields.subscribe_url, "SubscribeURL")?),
                ("Timestamp", timestamp_text.clone()),
                ("Token", need(&fields.token, "Token")?),
                ("TopicArn", topic_arn.clone()),
                ("Type", type_name.clone()),
            ],
            _ => {
                return Err(Error::malformed_field(
                    "Type",
                    ValueProblem::UnexpectedValue {
                        expected:
                            "Notification, SubscriptionConfirmation or UnsubscribeConfirmation"
                                .into(),
                    },
                ));
            }
        };
        let algorithm = match need(&fields.signature_version, "SignatureVersion")?.as_str() {
            "1" => Algorithm::RsaSha1,
            "2" => Algorithm::RsaSha256,
            other => {
                return Err(Error::malformed_field(
                    "SignatureVersion",
                    ValueProblem::UnexpectedAlgorithm {
                        found: other.chars().take(16).collect::<String>().into(),
                        expected: "1 (RSA SHA-1) or 2 (RSA SHA-256)",
                    },
                ));
            }
        };
        let signature = base64::engine::general_purpose::STANDARD
            .decode(need(&fields.signature, "Signature")?)
            .map_err(|_| Error::malformed_field("Signature", ValueProblem::InvalidBase64))?;
        let cert_url = CERT_PIN
            .check(&need(&fields.signing_cert_url, "SigningCertURL")?)
            .map_err(|reason| Error::UntrustedKeyUrl {
                field: "SigningCertURL".into(),
                reason,
            })?;
        let mut string_to_sign = String::new();
        for (name, value) in lines {
            // Every signed line is `Name\nValue\n`: a value holding a line break could move
            // a field's boundary (`MessageId` absorbing the optional `Subject`). Only
            // `Message`, first of the lines, may hold one; the lines then read one way only.
            if name != "Message" && value.contains(['\n', '\r']) {
                return Err(Error::malformed_field(
                    name,
                    ValueProblem::MalformedEntry {
                        expected: "a value on one line".into(),
                    },
                ));
            }
            string_to_sign.push_str(name);
            string_to_sign.push('\n');
            string_to_sign.push_str(&value);
            string_to_sign.push('\n');
        }
        let timestamp = OffsetDateTime::parse(
            &timestamp_text,
            &time::format_description::well_known::Rfc3339,
        )
        .ok();
        Ok(Parsed {
            string_to_sign,
            algorithm,
            signature,
            cert_url,
            type_name,
            message_id,
            topic_arn,
            timestamp,
        })
    }
}

/// The SNS scheme: see the [module](self) docs.
#[derive(Debug, Clone, Default)]
pub struct AwsSns {
    topics: Option<Arc<[String]>>,
    #[cfg(feature = "fetch")]
    fetcher: Option<crate::fetch::KeyFetcher>,
}

impl AwsSns {
    /// The keys for `parsed`: given up front, else the fetched certificate (checked for
    /// its validity).
    fn verify_parsed(&self, parsed: &Parsed, keys: &[Key], clock: &Clock) -> Result<usize, Error> {
        let message = [parsed.string_to_sign.as_bytes()];
        let check = |key: &Key| key.verify_with(parsed.algorithm, &message, &parsed.signature);
        #[cfg(feature = "fetch")]
        if let Some(index) = crate::certificate::fetched_match(
            self.fetcher.as_ref(),
            keys,
            &parsed.cert_url,
            clock,
            check,
        )? {
            return Ok(index);
        }
        let _ = clock;
        Key::first_match(keys, check)
    }
}

/// The SNS scheme, verifying with the certificates given to the verifier
/// (`Verifier::with_keys(aws_sns::scheme(), [Key::from(PublicKey::rsa_certificate_pem(pem)?)])`);
/// [`verifier`] fetches them instead.
#[must_use]
pub fn scheme() -> AwsSns {
    AwsSns::default()
}

/// A verifier fetching each message's certificate with `fetcher`; verify with
/// [`Verifier::verify_async`], and restrict the topics with
/// [`topics`](Verifier::topics).
#[cfg(feature = "fetch")]
#[cfg_attr(docsrs, doc(cfg(feature = "fetch")))]
#[must_use]
pub fn verifier(fetcher: crate::fetch::KeyFetcher) -> Verifier<AwsSns> {
    let scheme = AwsSns {
        fetcher: Some(fetcher),
        ..AwsSns::default()
    };
    Verifier::fetching(scheme).with_name(NAME)
}

impl Verifier<AwsSns> {
    /// Accepts only messages of these topics (their ARNs, compared exactly); without it,
    /// any topic's genuine SNS message is accepted.
    #[must_use]
    pub fn topics<I>(self, arns: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let topics: Arc<[String]> = arns.into_iter().map(Into::into).collect();
        self.map_scheme(|mut scheme| {
            scheme.topics = Some(topics);
            scheme
        })
    }
}

impl Scheme for AwsSns {
    fn key_kind(&self) -> KeyKind {
        KeyKind::Rsa
    }

    fn verify(&self, request: &Request<'_>, keys: &[Key], clock: &Clock) -> Result<Match, Error> {
        let parsed = Parsed::read(request.body())?;
        if let Some(header) = request.optional_header(EVENT_HEADER)?
            && header != parsed.type_name
        {
            return Err(Error::ValueNotAccepted {
                field: EVENT_HEADER.into(),
            });
        }
        let index = self.verify_parsed(&parsed, keys, clock)?;
        if let Some(topics) = &self.topics
            && !topics.contains(&parsed.topic_arn)
        {
            return Err(Error::ValueNotAccepted {
                field: "TopicArn".into(),
            });
        }
        Ok(Match::new(index, parsed.timestamp)
            .with_delivery_id(&parsed.message_id)
            .with_event_type(&parsed.type_name))
    }

    #[cfg(feature = "fetch")]
    fn fetch_keys(&self, request: &Request<'_>) -> Option<crate::KeysFuture> {
        let fetcher = self.fetcher.as_ref()?;
        let parsed = Parsed::read(request.body()).ok()?;
        fetcher.load(crate::certificate::location(parsed.cert_url))
    }
}

/// A notification as SNS posts it, signed with `secret` (an RSA private key in PKCS#8
/// DER) with signature version 2, naming `signing_cert_url`: for tests and tools, as
/// the signature is in the body (the scheme implements no `Sign`). `None` when the key
/// cannot sign.
#[must_use]
pub fn signed_notification(
    topic_arn: &str,
    subject: Option<&str>,
    message: &str,
    message_id: &str,
    timestamp: OffsetDateTime,
    signing_cert_url: &str,
    secret: &crate::Secret,
) -> Option<String> {
    let timestamp = timestamp
        .replace_nanosecond(0)
        .ok()?
        .format(&time::format_description::well_known::Rfc3339)
        .ok()?;
    let mut string_to_sign = String::new();
    let mut line = |name: &str, value: &str| {
        string_to_sign.push_str(name);
        string_to_sign.push('\n');
        string_to_sign.push_str(value);
        string_to_sign.push('\n');
    };
    line("Message", message);
    line("MessageId", message_id);
    if let Some(subject) = subject {
        line("Subject", subject);
    }
    line("Timestamp", &timestamp);
    line("TopicArn", topic_arn);
    line("Type", "Notification");
    let signature = crate::schemes::rsa_sha256_signature(secret, &[string_to_sign.as_bytes()])?;
    let mut body = serde_json::json!({
        "Type": "Notification",
        "MessageId": message_id,
        "TopicArn": topic_arn,
        "Message": message,
        "Timestamp": timestamp,
        "SignatureVersion": "2",
        "Signature": base64::engine::general_purpose::STANDARD.encode(signature),
        "SigningCertURL": signing_cert_url,
    });
    if let Some(subject) = subject {
        body["Subject"] = subject.into();
    }
    serde_json::to_string_pretty(&body).ok()
}

/// A verified SNS message, parsed from the body (`verified.json::<aws_sns::Message>()`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "Type")]
#[non_exhaustive]
pub enum Message {
    /// A message published to the topic.
    Notification(Notification),
    /// The subscription awaits confirmation: [`Confirmation::confirm`] it.
    SubscriptionConfirmation(Confirmation),
    /// The subscription was removed; it can be confirmed again with its `SubscribeURL`.
    UnsubscribeConfirmation(Confirmation),
}

/// A notification: what was published.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Notification {
    /// SNS's id of this message, the same on every retry.
    pub message_id: String,
    /// The topic it was published to.
    pub topic_arn: String,
    /// The subject, when the publisher gave one.
    pub subject: Option<String>,
    /// The message as published (often JSON itself).
    pub message: String,
    /// When it was published.
    #[serde(with = "time::serde::rfc3339")]
    pub timestamp: OffsetDateTime,
}

/// A subscription or unsubscription confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[non_exhaustive]
pub struct Confirmation {
    /// SNS's id of this message.
    pub message_id: String,
    /// The topic.
    pub topic_arn: String,
    /// SNS's explanation.
    pub message: String,
    /// The confirmation token.
    pub token: String,
    /// The URL that confirms the subscription.
    #[serde(rename = "SubscribeURL")]
    pub subscribe_url: String,
    /// When it was sent.
    #[serde(with = "time::serde::rfc3339")]
    pub timestamp: OffsetDateTime,
}

impl Confirmation {
    /// Confirms the subscription: a `GET` of [`subscribe_url`](Confirmation::subscribe_url),
    /// only when it is `https://sns.<region>.amazonaws.com[.cn]/?Action=ConfirmSubscription&…`.
    /// Call it only for a message that was verified (and whose topic you expect).
    ///
    /// # Errors
    ///
    /// [`Error::UntrustedKeyUrl`] when the URL is not SNS's (nothing is fetched);
    /// [`Error::KeyUnavailable`] when the request fails.
    #[cfg(feature = "fetch")]
    #[cfg_attr(docsrs, doc(cfg(feature = "fetch")))]
    pub async fn confirm(&self, fetcher: &crate::fetch::KeyFetcher) -> Result<(), Error> {
        let url =
            SUBSCRIBE_PIN
                .check(&self.subscribe_url)
                .map_err(|reason| Error::UntrustedKeyUrl {
                    field: "SubscribeURL".into(),
                    reason,
                })?;
        fetcher.get_once(url).await.map(drop)
    }
}

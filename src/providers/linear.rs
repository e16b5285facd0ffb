//! Linear.
//!
//! - **What it sends:** a `POST` with a JSON body (`action`, `type`, `data`, `url`,
//!   `createdAt`, `webhookTimestamp`, `webhookId`); the delivery id in
//!   `Linear-Delivery`.
//! - **Header:** `Linear-Signature: <hex>`.
//! - **What is signed:** the raw body; HMAC-SHA256 keyed with the webhook's signing secret,
//!   lowercase hex.
//! - **Tolerance:** 60 s in both directions, measured from the body's `webhookTimestamp`
//!   (Unix milliseconds, signed with the body), as Linear's SDK checks it. The SDK ignores
//!   the `Linear-Timestamp` header, and so does this preset. The body is parsed for that
//!   one field only after the signature has matched.
//! - **Delivery id:** `Linear-Delivery`, reported by
//!   [`Verified::delivery_id`](crate::Verified::delivery_id) (not signed).
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::linear;
//! use hookverify::{Secret, Sign};
//! use hookverify::time::OffsetDateTime;
//!
//! let secret = Secret::new("lin_wh_secret");
//! let now = OffsetDateTime::now_utc();
//! let millis = now.unix_timestamp_nanos() / 1_000_000;
//! let body = format!(r#"{{"action":"create","type":"Issue","data":{{}},"webhookTimestamp":{millis}}}"#);
//! let headers = linear::scheme().sign(body.as_bytes(), &secret, now);
//!
//! let verified = linear::verifier([secret]).verify(body.as_bytes(), &headers)?;
//! assert_eq!(verified.timestamp().map(|t| t.unix_timestamp()), Some(now.unix_timestamp()));
//! # Ok::<(), hookverify::Error>(())
//! ```

use std::time::Duration;

use crate::schemes::{Signed, Window};
use crate::time::OffsetDateTime;
use crate::{
    Clock, Error, Key, KeyKind, Match, Request, Scheme, Secret, Sign, ValueProblem, Verifier,
};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "linear";

/// The header Linear signs in.
pub const SIGNATURE_HEADER: &str = "Linear-Signature";

/// The header naming each delivery.
pub const DELIVERY_HEADER: &str = "Linear-Delivery";

/// The body field carrying the signing time, Unix milliseconds.
pub const TIMESTAMP_FIELD: &str = "webhookTimestamp";

/// The default tolerance, each way: 60 s.
pub const WINDOW: Window = Window::tolerance(Duration::from_secs(60));

/// Linear's scheme: `Linear-Signature: <hex HMAC-SHA256 of the raw body>` (a [`Signed`]
/// configuration), then the body's `webhookTimestamp` within the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linear {
    inner: Signed,
    window: Window,
}

impl Linear {
    /// The window the body's `webhookTimestamp` must fall in (default [`WINDOW`]).
    #[must_use]
    pub fn with_window(mut self, window: Window) -> Self {
        self.window = window;
        self
    }

    fn body_time(body: &[u8]) -> Result<OffsetDateTime, Error> {
        #[derive(serde::Deserialize)]
        struct Stamp {
            #[serde(rename = "webhookTimestamp")]
            millis: Option<serde_json::Value>,
        }
        let field = || TIMESTAMP_FIELD.into();
        let stamp: Stamp =
            serde_json::from_slice(body).map_err(|_| Error::MissingBodyField { field: field() })?;
        let invalid = || Error::MalformedBodyField {
            field: field(),
            problem: ValueProblem::InvalidTimestamp {
                expected: "Unix milliseconds (a JSON number)",
            },
        };
        let millis = match stamp.millis {
            None | Some(serde_json::Value::Null) => {
                return Err(Error::MissingBodyField { field: field() });
            }
            Some(serde_json::Value::Number(millis)) => millis,
            // A string, a boolean, an object: Linear's SDK refuses all of them.
            Some(_) => return Err(invalid()),
        };
        let nanos = match (millis.as_i64(), millis.as_f64()) {
            (Some(ms), _) => i128::from(ms) * 1_000_000,
            // A number that is not an integer (Linear sends integers).
            (None, Some(ms)) if ms.is_finite() && ms.abs() < 1e16 => (ms * 1e6) as i128,
            _ => return Err(invalid()),
        };
        OffsetDateTime::from_unix_timestamp_nanos(nanos).map_err(|_| invalid())
    }
}

impl Scheme for Linear {
    fn key_kind(&self) -> KeyKind {
        self.inner.key_kind()
    }

    fn verify(&self, req: &Request<'_>, keys: &[Key], clock: &Clock) -> Result<Match, Error> {
        let found = self.inner.verify(req, keys, clock)?;
        let signed_at = Linear::body_time(req.body())?;
        self.window.check(signed_at, clock.now())?;
        let timed = Match::new(found.key_index(), Some(signed_at));
        Ok(match found.delivery_id() {
            Some(id) => timed.with_delivery_id(id),
            None => timed,
        })
    }
}

impl Sign for Linear {
    /// The signature header; the body must already carry `webhookTimestamp`.
    fn sign_request(
        &self,
        req: &Request<'_>,
        secret: &Secret,
        now: OffsetDateTime,
    ) -> Vec<(String, String)> {
        self.inner.sign_request(req, secret, now)
    }
}

/// `Linear-Signature: <hex>` over the body, `webhookTimestamp` within 60 s.
#[must_use]
pub fn scheme() -> Linear {
    Linear {
        inner: Signed::builder(crate::KeyKind::HmacSha256, SIGNATURE_HEADER)
            .delivery_id_header(DELIVERY_HEADER)
            .preset(),
        window: WINDOW,
    }
}

/// A verifier for Linear with the given signing secrets, current first.
pub fn verifier<I>(secrets: I) -> Verifier<Linear>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}

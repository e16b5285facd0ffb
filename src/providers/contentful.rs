//! Contentful (webhook request verification).
//!
//! - **What it sends:** a request (a `POST` by default) to the webhook's URL, with the
//!   entity as JSON (`Content-Type: application/vnd.contentful.management.v1+json`, its
//!   `sys` naming it), the event in `X-Contentful-Topic`
//!   (`ContentManagement.Entry.publish`…) and the webhook's name in
//!   `X-Contentful-Webhook-Name`.
//! - **Headers:** `X-Contentful-Signature: <hex>`, `X-Contentful-Timestamp` (Unix
//!   **milliseconds**) and `X-Contentful-Signed-Headers` (the names of the signed
//!   headers, comma-separated), when the space has a signing secret.
//! - **What is signed:** a canonical request, its lines joined by `\n`: the method; the
//!   path and query of the URL (below); every header named in
//!   `X-Contentful-Signed-Headers`, as `name:value` joined by `;`, names in lowercase and
//!   sorted, values trimmed (the list always includes `x-contentful-signed-headers`,
//!   whose value is then the sorted names joined by `,`, and `x-contentful-timestamp`);
//!   and the raw body. HMAC-SHA256 keyed with the 64-character signing secret (its text,
//!   not decoded), lowercase hex. A header named in the list but absent from the request
//!   is a mismatch; headers not named are not covered.
//! - **The URL:** as Contentful requested it: build the request with
//!   [`Request::with_url`](crate::Request::with_url) and
//!   [`Request::with_method`](crate::Request::with_method), behind a proxy with the
//!   public URL. Its path and query are signed as Contentful's `node-apps-toolkit`
//!   normalizes them: the path percent-encoded as JavaScript's `encodeURI` does (so an
//!   existing `%` becomes `%25`), then, when the query is not empty, `?` and the query
//!   percent-encoded twice (`querystring.escape`, then `encodeURI`).
//! - **Tolerance:** 30 s old, as `verifyRequest` checks by default, and any time ahead
//!   ([`WINDOW`]); the time is signed. Contentful sends no delivery id: deduplicate on
//!   the body's hash (what [`Verifier::dedupe_key`] falls back to). The topic is reported
//!   as [`Verified::event_type`](crate::Verified::event_type); it is signed only when
//!   the list names it.
//! - **Handshake:** none.
//!
//! Contentful's documentation points to `verifyRequest` in `@contentful/node-apps-toolkit`
//! (3.16.1 here), which this preset follows except as said here. It refuses a request exactly
//! 30.000 s old; this preset's windows are whole seconds, inclusive, so 30 s is accepted
//! and 31 s refused. It reads the timestamp with `parseInt`, which stops at the first
//! non-digit; this preset takes ASCII digits only. It keeps only the part of the query
//! before a second `?`; this preset signs the whole query. It takes the names of the list
//! exactly (in lowercase, as Contentful writes them); this preset trims them and takes
//! them in any case. As in the toolkit, the list's order does not matter: it is sorted
//! again. Contentful's Python example, which keeps the listed order and signs the path
//! without its query, is not followed. Header values must be printable ASCII, as
//! everywhere in this crate: a signed header with another value is refused as malformed.
//!
//! [`Signed`](crate::schemes::Signed) cannot express this (the headers signed are named by
//! the request, and the URL is signed in a normalized form), so this preset has a small
//! scheme of its own, [`Contentful`].
//!
//! # Examples
//!
//! ```
//! use hookverify::providers::contentful;
//! use hookverify::{Error, Request, Secret, Sign};
//!
//! let secret = Secret::new("sLXqI0v73r9pK9hag564A7nG9a6hH9nC1JOXPLrBSAlE-z73m_zaU_C1qEK9Z9KU");
//! let url = "https://example.com/contentful/webhook";
//! let body = br#"{"sys":{"type":"Entry","id":"5KsDBWseXY6QegucYAoacS","revision":3}}"#;
//! let sent = [("X-Contentful-Topic", "ContentManagement.Entry.publish")];
//! let now = hookverify::time::OffsetDateTime::now_utc();
//! let request = Request::new(body, &sent).with_url(url).with_method("POST");
//! // Signs the topic with the mandatory headers.
//! let mut headers = contentful::scheme().sign_request(&request, &secret, now);
//! headers.push(("X-Contentful-Topic".into(), "ContentManagement.Entry.publish".into()));
//!
//! let verifier = contentful::verifier([secret]);
//! let request = Request::new(body, &headers).with_url(url).with_method("POST");
//! let verified = verifier.verify_request(&request)?;
//! assert_eq!(verified.event_type(), Some("ContentManagement.Entry.publish"));
//!
//! let tampered = br#"{"sys":{"type":"Entry","id":"5KsDBWseXY6QegucYAoacS","revision":4}}"#;
//! let request = Request::new(tampered, &headers).with_url(url).with_method("POST");
//! assert!(matches!(verifier.verify_request(&request), Err(Error::SignatureMismatch)));
//! # Ok::<(), hookverify::Error>(())
//! ```

use std::fmt::Write as _;
use std::time::Duration;

use crate::key::ct_eq;
use crate::schemes::{Encoding, MAX_ENCODED_MAC_LEN, TimestampFormat, Window, header_name};
use crate::time::OffsetDateTime;
use crate::{
    Clock, Error, Key, KeyKind, Match, Request, Scheme, Secret, Sign, ValueProblem, Verifier,
};

/// The provider's name, which namespaces its [dedupe](crate::dedupe) keys.
pub const NAME: &str = "contentful";

/// The header Contentful signs in.
pub const SIGNATURE_HEADER: &str = "X-Contentful-Signature";

/// The header carrying the signing time, Unix milliseconds.
pub const TIMESTAMP_HEADER: &str = "X-Contentful-Timestamp";

/// The header naming the event, e.g. `ContentManagement.Entry.publish`.
pub const EVENT_HEADER: &str = "X-Contentful-Topic";

/// The window the signed timestamp must fall in: 30 s old, as `verifyRequest` checks by
/// default, and any time ahead, as it does not check.
pub const WINDOW: Window = Window::new(Some(Duration::from_secs(30)), None);

/// The header listing the signed headers.
const SIGNED_HEADERS_HEADER: &str = "X-Contentful-Signed-Headers";

/// The two headers every request signs, as the list names them.
const ALWAYS_SIGNED: [&str; 2] = ["x-contentful-signed-headers", "x-contentful-timestamp"];

/// The most names the list may hold.
const MAX_SIGNED_HEADERS: usize = 64;

/// The headers [`Sign`] signs too, when the request carries them.
const SIGNED_WHEN_PRESENT: [&str; 3] = [
    "content-type",
    "x-contentful-topic",
    "x-contentful-webhook-name",
];

/// Contentful's scheme: hex HMAC-SHA256 of the canonical request (method, normalized path
/// and query, the listed headers, body) in `X-Contentful-Signature`, with the time in
/// `X-Contentful-Timestamp` (milliseconds), 30 s old at most, any time ahead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contentful {
    _private: (),
}

/// Whether JavaScript's `encodeURI` leaves `b` as it is.
fn uri_keeps(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b";,/?:@&=+$-_.!~*'()#".contains(&b)
}

/// Whether Node's `querystring.escape` (and `encodeURIComponent`) leaves `b` as it is.
fn query_keeps(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b)
}

/// The path and query of `url` (absolute, or a path), as `node-apps-toolkit` signs them:
/// `encodeURI(path)`, then `?` and `encodeURI(querystring.escape(query))` when the query
/// is not empty. A fragment is dropped; an empty path is `/`.
fn canonical_path(url: &str) -> String {
    let url = url.split_once('#').map_or(url, |(before, _)| before);
    let target = match url.find("://") {
        Some(i) if i > 0 && !url[..i].contains(['/', '?']) => {
            let rest = &url[i + 3..];
            rest.find(['/', '?']).map_or("", |j| &rest[j..])
        }
        _ => url,
    };
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut out = String::with_capacity(target.len() + 8);
    if path.is_empty() {
        out.push('/');
    }
    for b in path.bytes() {
        if uri_keeps(b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    if !query.is_empty() {
        out.push('?');
        for b in query.bytes() {
            if query_keeps(b) {
                out.push(char::from(b));
            } else {
                // `%XX`, whose `%` `encodeURI` escapes again.
                let _ = write!(out, "%25{b:02X}");
            }
        }
    }
    out
}

/// The names of `X-Contentful-Signed-Headers`: trimmed, in lowercase, with the two
/// always signed, sorted, each once.
fn signed_names(list: &str) -> Result<Vec<String>, Error> {
    let bad = || {
        Error::malformed(
            SIGNED_HEADERS_HEADER,
            ValueProblem::MalformedEntry {
                expected: "at most 64 header names separated by `,`".into(),
            },
        )
    };
    let mut names = Vec::new();
    for name in list.split(',') {
        let name = name.trim_matches([' ', '\t']);
        if names.len() == MAX_SIGNED_HEADERS || !header_name(name) {
            return Err(bad());
        }
        names.push(name.to_ascii_lowercase());
    }
    names.extend(ALWAYS_SIGNED.map(str::to_owned));
    names.sort_unstable();
    names.dedup();
    Ok(names)
}

/// The canonical request: method, path, the signed `(name, value)` pairs (sorted), body.
fn canonical<'a>(
    method: &'a str,
    path: &'a str,
    signed: &[(&'a str, &'a str)],
    body: &'a [u8],
) -> Vec<&'a [u8]> {
    let mut message = Vec::with_capacity(6 + 4 * signed.len());
    message.extend([method.as_bytes(), b"\n", path.as_bytes(), b"\n"]);
    for (i, (name, value)) in signed.iter().enumerate() {
        if i > 0 {
            message.push(b";");
        }
        message.extend([name.as_bytes(), b":", value.as_bytes()]);
    }
    message.extend([b"\n".as_slice(), body]);
    message
}

/// The value each signed header has in the canonical request: the list and the time as
/// given, the others from the request (`None` when one is absent).
fn signed_values<'a>(
    names: &'a [String],
    list: &'a str,
    time: &'a str,
    mut header: impl FnMut(&str) -> Result<Option<&'a str>, Error>,
) -> Result<Option<Vec<(&'a str, &'a str)>>, Error> {
    let mut signed = Vec::with_capacity(names.len());
    for name in names {
        let value = match name.as_str() {
            "x-contentful-signed-headers" => list,
            "x-contentful-timestamp" => time,
            other => match header(other)? {
                Some(value) => value,
                None => return Ok(None),
            },
        };
        signed.push((name.as_str(), value));
    }
    Ok(Some(signed))
}

impl Scheme for Contentful {
    fn key_kind(&self) -> KeyKind {
        KeyKind::HmacSha256
    }

    fn verify(&self, req: &Request<'_>, keys: &[Key], clock: &Clock) -> Result<Match, Error> {
        let signature = req.header(SIGNATURE_HEADER)?;
        Encoding::Hex
            .check(signature, KeyKind::HmacSha256.mac_len())
            .map_err(|p| Error::malformed(SIGNATURE_HEADER, p))?;
        let time = req.header(TIMESTAMP_HEADER)?;
        let signed_at = TimestampFormat::UnixMillis
            .parse(time)
            .map_err(|p| Error::malformed(TIMESTAMP_HEADER, p))?;
        let names = signed_names(req.header(SIGNED_HEADERS_HEADER)?)?;
        WINDOW.check(signed_at, clock.now())?;
        let path = canonical_path(req.signed_url()?);
        let method = req.signed_method()?;
        let event_type = req.optional_header(EVENT_HEADER)?;
        let list = names.join(",");
        let signed = signed_values(&names, &list, time, |name| req.optional_header(name))?
            .ok_or(Error::SignatureMismatch)?;
        let message = canonical(method, &path, &signed, req.body());
        let index = Key::first_match(keys, |key| {
            key.mac(&message).is_some_and(|mac| {
                let mut buf = [0u8; MAX_ENCODED_MAC_LEN];
                let expected = Encoding::Hex.encode_secret(mac.as_ref(), &mut buf);
                ct_eq(expected, signature.as_bytes())
            })
        })?;
        let found = Match::new(index, Some(signed_at));
        Ok(match event_type {
            Some(topic) => found.with_event_type(topic),
            None => found,
        })
    }
}

impl Sign for Contentful {
    /// `X-Contentful-Signed-Headers`, `X-Contentful-Timestamp` (`now`, in milliseconds)
    /// and `X-Contentful-Signature` for the request's method, URL and body, signing
    /// `Content-Type`, `X-Contentful-Topic` and `X-Contentful-Webhook-Name` too when the
    /// request carries them.
    fn sign_request(
        &self,
        req: &Request<'_>,
        secret: &Secret,
        now: OffsetDateTime,
    ) -> Vec<(String, String)> {
        let time = TimestampFormat::UnixMillis.format(now);
        let present = SIGNED_WHEN_PRESENT
            .into_iter()
            .filter(|name| matches!(req.optional_header(name), Ok(Some(_))));
        let mut names: Vec<String> = present.chain(ALWAYS_SIGNED).map(str::to_owned).collect();
        names.sort_unstable();
        let list = names.join(",");
        let Ok(Some(signed)) =
            signed_values(&names, &list, &time, |name| req.optional_header(name))
        else {
            return Vec::new();
        };
        let path = req.url().map(canonical_path).unwrap_or_default();
        let message = canonical(req.method().unwrap_or_default(), &path, &signed, req.body());
        let Some(mac) = Key::new(KeyKind::HmacSha256, secret).mac(&message) else {
            return Vec::new();
        };
        vec![
            (SIGNED_HEADERS_HEADER.to_string(), list),
            (TIMESTAMP_HEADER.to_string(), time),
            (
                SIGNATURE_HEADER.to_string(),
                Encoding::Hex.encode(mac.as_ref()),
            ),
        ]
    }
}

/// Hex HMAC-SHA256 of the canonical request in `X-Contentful-Signature`, 30 s old at
/// most ([`WINDOW`]).
#[must_use]
pub fn scheme() -> Contentful {
    Contentful { _private: () }
}

/// A verifier for Contentful with the given signing secrets, current first. Verify with
/// [`Verifier::verify_request`] and a request that carries its URL and method.
pub fn verifier<I>(secrets: I) -> Verifier<Contentful>
where
    I: IntoIterator,
    I::Item: Into<Secret>,
{
    super::preset(scheme(), NAME, secrets)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected values: `getNormalizedEncodedURI` of `@contentful/node-apps-toolkit` 3.16.1
    /// (Node 20) on each URL's path and query, scheme, host and fragment taken off.
    #[test]
    fn paths_are_normalized_as_the_toolkit_does() {
        for (url, expected) in [
            (
                "https://hooks.example.com/contentful/webhook",
                "/contentful/webhook",
            ),
            (
                "https://example.com/webhooks/in?x=1",
                "/webhooks/in?x%253D1",
            ),
            ("/webhooks/in?x=1", "/webhooks/in?x%253D1"),
            (
                "https://h/a b/caf\u{e9}/%20[x]{y}|^`\\\"<>",
                "/a%20b/caf%C3%A9/%2520%5Bx%5D%7By%7D%7C%5E%60%5C%22%3C%3E",
            ),
            (
                "https://h/p?a=1&b=c d&e=%41~*()!'-_.",
                "/p?a%253D1%2526b%253Dc%2520d%2526e%253D%252541~*()!'-_.",
            ),
            ("https://h/p?", "/p"),
            ("https://h/p;q,r:@&=+$", "/p;q,r:@&=+$"),
            ("https://h/p#fragment", "/p"),
            ("https://h", "/"),
            ("https://h?q", "/?q"),
            (
                "/cb?next=https://x/y",
                "/cb?next%253Dhttps%253A%252F%252Fx%252Fy",
            ),
        ] {
            assert_eq!(canonical_path(url), expected, "{url}");
        }
    }

    /// A request to a URL with a query, signed by the toolkit's `signRequest` (path
    /// `/webhooks/in?x=1`; the vectors have no query).
    #[test]
    fn a_query_signed_by_the_toolkit_verifies() {
        let headers = [
            ("Content-Type", "application/json"),
            (EVENT_HEADER, "ContentManagement.Entry.publish"),
            (
                SIGNATURE_HEADER,
                "d0b38dbc465d33bc1b102f69fca5fea8ac9cfeb9ae5c5fe32cf713dd5f6b8940",
            ),
            (
                SIGNED_HEADERS_HEADER,
                "content-type,x-contentful-signed-headers,x-contentful-timestamp,x-contentful-topic",
            ),
            (TIMESTAMP_HEADER, "1699999998766"),
        ];
        let keys = [Key::new(
            KeyKind::HmacSha256,
            &Secret::new("sLXqI0v73r9pK9hag564A7nG9a6hH9nC1JOXPLrBSAlE-z73m_zaU_C1qEK9Z9KU"),
        )];
        let clock = Clock::fixed(OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap());
        let verify = |url| {
            let req = Request::new(br#"{"sys":{"id":"x"}}"#, &headers)
                .with_url(url)
                .with_method("POST");
            scheme().verify(&req, &keys, &clock)
        };
        let found = verify("https://example.com/webhooks/in?x=1").unwrap();
        assert_eq!(found.event_type(), Some("ContentManagement.Entry.publish"));
        assert!(matches!(
            verify("https://example.com/webhooks/in?x=2"),
            Err(Error::SignatureMismatch)
        ));
        assert!(matches!(
            verify("https://example.com/webhooks/in"),
            Err(Error::SignatureMismatch)
        ));
    }

    #[test]
    fn the_list_is_read_case_insensitively_sorted_and_completed() {
        assert_eq!(
            signed_names(" X-Contentful-Topic ,content-type,x-contentful-topic").unwrap(),
            [
                "content-type",
                "x-contentful-signed-headers",
                "x-contentful-timestamp",
                "x-contentful-topic"
            ]
        );
        for bad in ["", "a,,b", "a b", "a:b", "a;b"] {
            assert!(signed_names(bad).is_err(), "{bad:?}");
        }
        let many = vec!["x"; MAX_SIGNED_HEADERS + 1].join(",");
        assert!(signed_names(&many).is_err());
        assert!(signed_names(&vec!["x"; MAX_SIGNED_HEADERS].join(",")).is_ok());
    }
}

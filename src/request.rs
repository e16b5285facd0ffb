//! `Request`: what a scheme verifies.

use std::fmt;

use crate::error::Error;
use crate::headers::{self, Headers};

/// A received request as a [`Scheme`](crate::Scheme) sees it: the raw body and the
/// headers, and, for providers that sign them, the URL and the method.
///
/// [`Verifier::verify`](crate::Verifier::verify) builds one from a body and headers.
/// Providers that sign the URL the request was sent to (Twilio, Square, HubSpot) need it
/// too: build the request with [`with_url`](Request::with_url) and hand it to
/// [`Verifier::verify_request`](crate::Verifier::verify_request).
///
/// # Examples
///
/// ```
/// use hookverify::Request;
///
/// let headers = [("X-Signature", "abc")];
/// let request = Request::new(b"{}", &headers)
///     .with_url("https://example.com/hooks?id=1")
///     .with_method("POST");
/// assert_eq!(request.header("x-signature")?, "abc");
/// assert_eq!(request.url(), Some("https://example.com/hooks?id=1"));
/// # Ok::<(), hookverify::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Request<'a> {
    body: &'a [u8],
    headers: &'a dyn Headers,
    url: Option<&'a str>,
    method: Option<&'a str>,
}

impl<'a> Request<'a> {
    /// A request from its raw body, exactly as received, and its headers.
    pub fn new<B: AsRef<[u8]> + ?Sized>(body: &'a B, headers: &'a dyn Headers) -> Self {
        Request {
            body: body.as_ref(),
            headers,
            url: None,
            method: None,
        }
    }

    /// The full URL the sender requested, scheme, host, path and query included
    /// (`https://example.com/hooks/twilio?id=1`), for schemes that sign it. Behind a proxy
    /// or load balancer, this is the public URL the provider was configured with, not the
    /// one your server sees.
    #[must_use]
    pub fn with_url(mut self, url: &'a str) -> Self {
        self.url = Some(url);
        self
    }

    /// The request method (`POST`), for schemes that sign it.
    #[must_use]
    pub fn with_method(mut self, method: &'a str) -> Self {
        self.method = Some(method);
        self
    }

    /// The raw body.
    #[must_use]
    pub fn body(&self) -> &'a [u8] {
        self.body
    }

    /// The headers.
    #[must_use]
    pub fn headers(&self) -> &'a dyn Headers {
        self.headers
    }

    /// The URL, when the request was built with one.
    #[must_use]
    pub fn url(&self) -> Option<&'a str> {
        self.url
    }

    /// The method, when the request was built with one.
    #[must_use]
    pub fn method(&self) -> Option<&'a str> {
        self.method
    }

    /// The one value of header `name` (any case), under the rules every scheme of this
    /// crate applies:
    ///
    /// 1. a value longer than 8 KiB is
    ///    [`ValueProblem::TooLong`](crate::ValueProblem::TooLong);
    /// 2. a repeated header must repeat its value (surrounding spaces and tabs
    ///    trimmed), else [`Error::ConflictingHeaders`]: proxies duplicate headers, but two
    ///    different values are never guessed between;
    /// 3. the value, trimmed of surrounding spaces and tabs, must not be empty;
    /// 4. and must be printable ASCII (spaces and tabs included), else
    ///    [`ValueProblem::NotAscii`](crate::ValueProblem::NotAscii).
    ///
    /// # Errors
    ///
    /// [`Error::MissingHeader`], [`Error::ConflictingHeaders`] or
    /// [`Error::MalformedHeader`], naming `name`.
    pub fn header(&self, name: &str) -> Result<&'a str, Error> {
        headers::required(self.headers, name)
    }

    /// [`header`](Request::header) for a header that may be absent.
    ///
    /// # Errors
    ///
    /// As [`header`](Request::header), except that a missing header is `Ok(None)`.
    pub fn optional_header(&self, name: &str) -> Result<Option<&'a str>, Error> {
        headers::optional(self.headers, name)
    }

    /// The URL, for a scheme that signs it.
    ///
    /// # Errors
    ///
    /// [`Error::MissingRequestPart`] when the request was built without one.
    pub fn signed_url(&self) -> Result<&'a str, Error> {
        self.url.ok_or(Error::MissingRequestPart { part: "url" })
    }

    /// The method, for a scheme that signs it.
    ///
    /// # Errors
    ///
    /// [`Error::MissingRequestPart`] when the request was built without one.
    pub fn signed_method(&self) -> Result<&'a str, Error> {
        self.method
            .ok_or(Error::MissingRequestPart { part: "method" })
    }
}

/// The body's length, the method, and whether there is a URL; never the body, a header
/// value or the URL (whose query may carry a token).
impl fmt::Debug for Request<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("body_len", &self.body.len())
            .field("has_url", &self.url.is_some())
            .field("method", &self.method)
            .finish_non_exhaustive()
    }
}

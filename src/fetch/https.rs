//! The default [`Fetch`]: `reqwest` on `rustls` (with `ring`), Mozilla's roots.

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use super::{Fetch, FetchError, FetchFuture, FetchRequest};

/// The default timeouts: 5 s to connect, 10 s in all.
const TIMEOUTS: (Duration, Duration) = (Duration::from_secs(5), Duration::from_secs(10));

/// The default [`Fetch`]: HTTPS through `reqwest` on `rustls` (its `ring` provider) trusting
/// Mozilla's root certificates (`webpki-roots`, independent of the machine's store). It
/// follows no redirect, uses no proxy, and gives up after 5 s connecting or 10 s in all.
#[derive(Clone)]
pub struct HttpsFetcher {
    client: Result<reqwest::Client, Arc<str>>,
    /// What the client was built from, to build it again with other timeouts.
    roots: Arc<rustls::RootCertStore>,
    hosts: Arc<[(String, SocketAddr)]>,
}

impl fmt::Debug for HttpsFetcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpsFetcher")
            .field("ready", &self.client.is_ok())
            .field("roots", &self.roots.len())
            .finish_non_exhaustive()
    }
}

impl Default for HttpsFetcher {
    fn default() -> Self {
        HttpsFetcher::new()
    }
}

impl HttpsFetcher {
    /// The fetcher trusting Mozilla's roots.
    #[must_use]
    pub fn new() -> Self {
        let roots = rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        HttpsFetcher::build(Arc::new(roots), Arc::new([]), TIMEOUTS)
    }

    /// The same fetcher giving up after `connect` to connect, or `total` for the whole
    /// request (defaults 5 s and 10 s).
    #[must_use]
    pub fn with_timeouts(self, connect: Duration, total: Duration) -> Self {
        HttpsFetcher::build(self.roots, self.hosts, (connect, total))
    }

    /// A fetcher trusting only the certificates of `roots_pem`, and connecting to the
    /// address given for each listed host instead of resolving it: for tests against a
    /// local HTTPS server playing the provider's key host. Reached through
    /// [`dangerous::https_fetcher_for_tests`](crate::dangerous::https_fetcher_for_tests).
    pub(crate) fn for_tests(
        roots_pem: &[u8],
        hosts: &[(&str, SocketAddr)],
    ) -> Result<Self, FetchError> {
        use rustls::pki_types::CertificateDer;
        use rustls::pki_types::pem::PemObject as _;
        let mut roots = rustls::RootCertStore::empty();
        for cert in CertificateDer::pem_slice_iter(roots_pem) {
            let cert = cert.map_err(|e| transport(format!("a root is not PEM: {e}")))?;
            roots
                .add(cert)
                .map_err(|e| transport(format!("a root is not a CA certificate: {e}")))?;
        }
        if roots.is_empty() {
            return Err(transport("no root certificate given".into()));
        }
        let hosts: Arc<[(String, SocketAddr)]> = hosts
            .iter()
            .map(|(host, addr)| ((*host).to_owned(), *addr))
            .collect();
        let fetcher = HttpsFetcher::build(Arc::new(roots), hosts, TIMEOUTS);
        fetcher
            .client
            .as_ref()
            .map_err(|e| transport(e.to_string()))?;
        Ok(fetcher)
    }

    fn build(
        roots: Arc<rustls::RootCertStore>,
        hosts: Arc<[(String, SocketAddr)]>,
        (connect, total): (Duration, Duration),
    ) -> Self {
        // `ring` has no post-quantum key exchange, which rustls 0.23.48 marks by deprecating
        // its provider. What is fetched is public (certificates, public keys) and what
        // matters is its authenticity, which the certificate chain gives; the one secret
        // sent (Plaid's API credentials) is the provider's usual API authentication. One
        // crypto family and a quick build win over `aws-lc-rs` here (see SECURITY.md).
        #[allow(deprecated)]
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map(|config| {
                config
                    .with_root_certificates(roots.clone())
                    .with_no_client_auth()
            });
        let client = tls.map_err(|e| e.to_string()).and_then(|tls| {
            let mut builder = reqwest::Client::builder()
                .use_preconfigured_tls(tls)
                .https_only(true)
                .redirect(reqwest::redirect::Policy::none())
                .no_proxy()
                .connect_timeout(connect)
                .timeout(total);
            for (host, addr) in hosts.iter() {
                builder = builder.resolve(host, *addr);
            }
            builder.build().map_err(|e| e.to_string())
        });
        HttpsFetcher {
            client: client.map_err(Arc::from),
            roots,
            hosts,
        }
    }

    async fn get(&self, request: &FetchRequest) -> Result<Vec<u8>, FetchError> {
        let client = self
            .client
            .as_ref()
            .map_err(|e| transport(format!("the HTTPS client could not be built: {e}")))?;
        let builder = match request.json_body() {
            Some(json) => client
                .post(request.url().as_str())
                .header("Content-Type", "application/json")
                .body(json.to_vec()),
            None => client.get(request.url().as_str()),
        };
        let mut response = builder.send().await.map_err(from_reqwest)?;
        let status = response.status().as_u16();
        if status != 200 {
            return Err(FetchError::Status { status });
        }
        let limit = request.max_len();
        if response
            .content_length()
            .is_some_and(|len| len > limit as u64)
        {
            return Err(FetchError::TooLarge { limit });
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(from_reqwest)? {
            if body.len() + chunk.len() > limit {
                return Err(FetchError::TooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

impl Fetch for HttpsFetcher {
    fn fetch<'a>(&'a self, request: &'a FetchRequest) -> FetchFuture<'a> {
        Box::pin(self.get(request))
    }
}

fn transport(message: String) -> FetchError {
    FetchError::Transport { message }
}

/// A `reqwest` error, with its causes (the TLS failure is in them).
fn from_reqwest(error: reqwest::Error) -> FetchError {
    if error.is_timeout() {
        return FetchError::Timeout;
    }
    let mut message = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    transport(message)
}

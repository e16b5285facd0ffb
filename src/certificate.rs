//! X.509 certificates (feature `rsa`): the RSA key AWS SNS and PayPal sign with, and the
//! period it is valid for. Parsed by RustCrypto's `x509-cert`.

use time::OffsetDateTime;

use crate::error::Error;
use crate::public_key::PublicKey;

/// The parts of a certificate a verifier uses.
#[derive(Debug, Clone)]
pub(crate) struct Certificate {
    /// The subject's RSA key.
    pub(crate) key: PublicKey,
    /// When the certificate starts to be valid (checked on fetched certificates).
    #[cfg_attr(not(feature = "fetch"), allow(dead_code))]
    pub(crate) not_before: OffsetDateTime,
    /// When it stops.
    #[cfg_attr(not(feature = "fetch"), allow(dead_code))]
    pub(crate) not_after: OffsetDateTime,
}

fn invalid(reason: &'static str) -> Error {
    Error::InvalidPublicKey {
        algorithm: "RSA certificate",
        reason: reason.into(),
    }
}

impl Certificate {
    /// The first certificate of a PEM document (a chain's leaf comes first).
    pub(crate) fn from_pem(pem: &[u8]) -> Result<Self, Error> {
        use x509_cert::der::DecodePem as _;
        let text = std::str::from_utf8(pem).map_err(|_| invalid("not PEM text"))?;
        let begin = text
            .find("-----BEGIN CERTIFICATE-----")
            .ok_or_else(|| invalid("no `-----BEGIN CERTIFICATE-----` block"))?;
        let end_marker = "-----END CERTIFICATE-----";
        let end = text[begin..]
            .find(end_marker)
            .ok_or_else(|| invalid("the certificate block is not closed"))?;
        let block = &text[begin..begin + end + end_marker.len()];
        let cert = x509_cert::Certificate::from_pem(block)
            .map_err(|_| invalid("not an X.509 certificate"))?;
        Certificate::from_parsed(&cert)
    }

    fn from_parsed(cert: &x509_cert::Certificate) -> Result<Self, Error> {
        use x509_cert::der::Encode as _;
        let tbs = cert.tbs_certificate();
        let spki = tbs
            .subject_public_key_info()
            .to_der()
            .map_err(|_| invalid("its public key cannot be re-encoded"))?;
        let key = PublicKey::rsa_der(&spki)?;
        let at = |t: &x509_cert::time::Time| {
            let secs = i64::try_from(t.to_unix_duration().as_secs())
                .map_err(|_| invalid("a validity date is out of range"))?;
            OffsetDateTime::from_unix_timestamp(secs)
                .map_err(|_| invalid("a validity date is out of range"))
        };
        let validity = tbs.validity();
        Ok(Certificate {
            key,
            not_before: at(&validity.not_before)?,
            not_after: at(&validity.not_after)?,
        })
    }
}

/// Reads a fetched certificate document (AWS SNS's, PayPal's: the leaf first).
#[cfg(feature = "fetch")]
pub(crate) fn parse_certificate(
    document: &[u8],
) -> Result<Vec<crate::fetch::FetchedKey>, crate::fetch::FetchError> {
    // Only a PEM certificate (chain), nothing around it: a URL that reflected other
    // content with a certificate inside it (the Discourse SNS attack) is refused.
    let text = std::str::from_utf8(document).unwrap_or("");
    if !text.trim_start().starts_with("-----BEGIN CERTIFICATE-----")
        || !text.trim_end().ends_with("-----END CERTIFICATE-----")
    {
        return Err(crate::fetch::FetchError::Document {
            message: "not a PEM certificate".into(),
        });
    }
    let cert = Certificate::from_pem(document).map_err(|e| crate::fetch::FetchError::Document {
        message: e.to_string(),
    })?;
    Ok(vec![crate::fetch::FetchedKey {
        kid: None,
        key: crate::key::Key::from(cert.key),
        not_before: Some(cert.not_before),
        not_after: Some(cert.not_after),
    }])
}

/// Where a certificate a request names is fetched from: a `GET` of `url` (already
/// pinned), cached under it.
#[cfg(feature = "fetch")]
pub(crate) fn location(url: url::Url) -> crate::fetch::Location {
    crate::fetch::Location::get(url, None, parse_certificate)
}

/// For a scheme with a `fetcher` and no usable key of its own: the match of the
/// certificate fetched from `url` (cached), checked by `check` and then for its validity
/// at the clock's time. `None` when the verifier's own keys are to be used.
#[cfg(feature = "fetch")]
pub(crate) fn fetched_match(
    fetcher: Option<&crate::fetch::KeyFetcher>,
    keys: &[crate::key::Key],
    url: &url::Url,
    clock: &crate::clock::Clock,
    check: impl Fn(&crate::key::Key) -> bool,
) -> Result<Option<usize>, Error> {
    let Some(fetcher) = fetcher.filter(|_| keys.iter().all(|k| !k.is_usable())) else {
        return Ok(None);
    };
    let fetched = fetcher.keys(&location(url.clone()))?;
    let cert = fetched.first().ok_or(Error::UnknownKey)?;
    if !check(&cert.key) {
        return Err(Error::SignatureMismatch);
    }
    cert.check_validity("certificate", clock.now())?;
    Ok(Some(0))
}

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

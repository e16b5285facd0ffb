//! Webhook secrets: redacted, zeroized on drop.

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::error::SecretError;

/// A webhook secret: an HMAC key or a shared token, as raw bytes.
///
/// `Debug` prints `Secret([REDACTED])`, there is no `Display`, and the bytes are
/// overwritten with zeros when the value is dropped.
///
/// The `whsec_…` strings of the seed providers (Memento, Pocketbook) are used as raw
/// UTF-8 bytes, prefix included, exactly as their sample code does: pass them to
/// [`Secret::new`]. Standard Webhooks secrets are base64 behind the prefix: use
/// [`Secret::from_standard_webhooks`].
///
/// An empty secret never authenticates anything.
///
/// # Examples
///
/// ```
/// use hookverify::Secret;
///
/// let secret = Secret::new("whsec_Ge3tGXAEEeEGLDJqtMDGfmn9VoqJXtQz");
/// assert_eq!(format!("{secret:?}"), "Secret([REDACTED])");
///
/// // A copy-paste slip is caught when the secret is loaded with a check.
/// assert!(Secret::checked("whsec_abc\n").is_err());
/// ```
#[derive(Clone)]
pub struct Secret(Vec<u8>);

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl ZeroizeOnDrop for Secret {}

impl Secret {
    /// Wraps raw key bytes, unchecked. See [`Secret::checked`] and [`Secret::from_env`]
    /// for loading with checks.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Secret(bytes.into())
    }

    /// Wraps a secret given as text, refusing an empty value and one with leading or
    /// trailing whitespace (a trailing newline, a pasted space).
    ///
    /// # Errors
    ///
    /// [`SecretError::Empty`] or [`SecretError::SurroundingWhitespace`], inside
    /// [`Error::InvalidSecret`](crate::Error::InvalidSecret).
    pub fn checked(value: impl Into<String>) -> Result<Self, crate::Error> {
        let value = Zeroizing::new(value.into());
        check_text(&value, None)?;
        Ok(Secret(value.as_bytes().to_vec()))
    }

    /// Reads a secret from the environment variable `var`, with the checks of
    /// [`Secret::checked`].
    ///
    /// # Errors
    ///
    /// [`SecretError::Unset`], [`SecretError::NotUnicode`], [`SecretError::Empty`] or
    /// [`SecretError::SurroundingWhitespace`], inside
    /// [`Error::InvalidSecret`](crate::Error::InvalidSecret). None of them prints the
    /// value.
    ///
    /// # Examples
    ///
    /// ```
    /// use hookverify::{Error, Secret, SecretError};
    ///
    /// let err = Secret::from_env("HOOKVERIFY_DOC_SURELY_UNSET").unwrap_err();
    /// assert!(matches!(err, Error::InvalidSecret(SecretError::Unset { .. })));
    /// ```
    pub fn from_env(var: &str) -> Result<Self, crate::Error> {
        let value = match std::env::var(var) {
            Ok(v) => Zeroizing::new(v),
            Err(std::env::VarError::NotPresent) => {
                return Err(SecretError::Unset { var: var.into() }.into());
            }
            Err(std::env::VarError::NotUnicode(mut raw)) => {
                raw.zeroize_os();
                return Err(SecretError::NotUnicode { var: var.into() }.into());
            }
        };
        check_text(&value, Some(var))?;
        Ok(Secret(value.as_bytes().to_vec()))
    }

    /// Decodes a Standard Webhooks secret, `whsec_` followed by base64 of the key bytes.
    /// (The prefix and the base64 padding are optional, as in the reference libraries.)
    ///
    /// An asymmetric signing key, `whsk_` followed by base64 of the Ed25519 secret key
    /// (its 32-byte seed, or the 64 bytes of seed and public key), decodes to the seed
    /// and public key, which [`StandardWebhooks`](crate::schemes::StandardWebhooks) signs
    /// `v1a` signatures with (feature `ed25519`).
    ///
    /// # Errors
    ///
    /// [`SecretError::NotStandardWebhooks`] when the base64 does not decode, or a `whsk_`
    /// key is not an Ed25519 secret key, and [`SecretError::Empty`] when it decodes to
    /// nothing.
    pub fn from_standard_webhooks(value: &str) -> Result<Self, crate::Error> {
        use base64::Engine as _;
        use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
        // Padding optional, as in the reference libraries.
        const LENIENT: GeneralPurpose = GeneralPurpose::new(
            &base64::alphabet::STANDARD,
            GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
        );
        if let Some(b64) = value.strip_prefix("whsk_") {
            let bytes = LENIENT
                .decode(b64)
                .map_err(|_| SecretError::NotStandardWebhooks)?;
            return crate::schemes::standard_webhooks_signing_key(&bytes)
                .map(Secret)
                .ok_or(SecretError::NotStandardWebhooks.into());
        }
        let b64 = value.strip_prefix("whsec_").unwrap_or(value);
        let bytes = LENIENT
            .decode(b64)
            .map_err(|_| SecretError::NotStandardWebhooks)?;
        if bytes.is_empty() {
            return Err(SecretError::Empty { var: None }.into());
        }
        Ok(Secret(bytes))
    }

    /// The raw key bytes. Named to stand out in review.
    #[must_use]
    pub fn expose_secret(&self) -> &[u8] {
        &self.0
    }

    /// `true` when the secret has no bytes; an empty secret never authenticates.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn check_text(value: &str, var: Option<&str>) -> Result<(), SecretError> {
    if value.is_empty() {
        return Err(SecretError::Empty {
            var: var.map(Into::into),
        });
    }
    if value.trim() != value {
        return Err(SecretError::SurroundingWhitespace {
            var: var.map(Into::into),
        });
    }
    Ok(())
}

trait ZeroizeOs {
    fn zeroize_os(&mut self);
}

impl ZeroizeOs for std::ffi::OsString {
    fn zeroize_os(&mut self) {
        // An OsString has no safe byte access on every platform; replacing it drops the
        // old buffer. Best effort only: the value was unusable anyway.
        *self = std::ffi::OsString::new();
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([REDACTED])")
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret::new(s)
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret::new(s)
    }
}

impl From<&[u8]> for Secret {
    fn from(b: &[u8]) -> Self {
        Secret::new(b)
    }
}

impl From<Vec<u8>> for Secret {
    fn from(b: Vec<u8>) -> Self {
        Secret::new(b)
    }
}

impl From<&Secret> for Secret {
    fn from(s: &Secret) -> Self {
        s.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    #[test]
    fn debug_is_redacted() {
        let s = Secret::new("hunter2-very-secret");
        let dbg = format!("{s:?} {s:#?}");
        assert!(!dbg.contains("hunter2"), "{dbg}");
    }

    #[test]
    fn checked_rejects_empty_and_whitespace() {
        for bad in ["", " x", "x ", "x\n", "\tx"] {
            let err = Secret::checked(bad).unwrap_err();
            assert!(matches!(err, Error::InvalidSecret(_)), "{bad:?}");
            assert_eq!(err.status(), 500);
        }
        assert_eq!(Secret::checked("x y").unwrap().expose_secret(), b"x y");
    }

    /// Runs this test binary again with the variable set, since `set_var` is `unsafe`
    /// in edition 2024 and the crate forbids `unsafe`.
    #[test]
    fn from_env_reports_each_problem() {
        let cases: [(Option<&str>, &str); 4] = [
            (None, "unset"),
            (Some(""), "empty"),
            (Some("whsec_abc\n"), "whitespace"),
            (Some("whsec_abc"), "ok"),
        ];
        for (value, expect) in cases {
            let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
            cmd.args(["--exact", "secret::tests::from_env_child", "--nocapture"])
                .env("HOOKVERIFY_CHILD_EXPECT", expect)
                .env_remove(CHILD_VAR);
            if let Some(v) = value {
                cmd.env(CHILD_VAR, v);
            }
            let out = cmd.output().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "{expect}: {stdout}");
            assert!(stdout.contains("child checked"), "{expect}: {stdout}");
        }
    }

    const CHILD_VAR: &str = "HOOKVERIFY_TEST_SECRET_FROM_ENV";

    #[test]
    fn from_env_child() {
        let Ok(expect) = std::env::var("HOOKVERIFY_CHILD_EXPECT") else {
            return; // only meaningful when spawned by from_env_reports_each_problem
        };
        let got = Secret::from_env(CHILD_VAR);
        let var = Some(CHILD_VAR.to_string());
        match (expect.as_str(), got) {
            ("ok", Ok(s)) => assert_eq!(s.expose_secret(), b"whsec_abc"),
            ("unset", Err(Error::InvalidSecret(e))) => {
                assert_eq!(
                    e,
                    SecretError::Unset {
                        var: CHILD_VAR.into()
                    }
                );
            }
            ("empty", Err(Error::InvalidSecret(e))) => assert_eq!(e, SecretError::Empty { var }),
            ("whitespace", Err(Error::InvalidSecret(e))) => {
                assert!(!e.to_string().contains("whsec_abc"));
                assert_eq!(e, SecretError::SurroundingWhitespace { var });
            }
            (expect, got) => panic!("{expect}: {got:?}"),
        }
        println!("child checked");
    }

    #[test]
    fn standard_webhooks_secret_decodes_base64() {
        let s = Secret::from_standard_webhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        assert_eq!(s.expose_secret().len(), 24);
        assert!(Secret::from_standard_webhooks("whsec_!!!").is_err());
        let unpadded = Secret::from_standard_webhooks("whsec_AAEC").unwrap();
        assert_eq!(unpadded.expose_secret(), [0, 1, 2]);
        let padded = Secret::from_standard_webhooks("AAECAw==").unwrap();
        assert_eq!(padded.expose_secret(), [0, 1, 2, 3]);
        let short = Secret::from_standard_webhooks("AAECAw").unwrap();
        assert_eq!(short.expose_secret(), [0, 1, 2, 3]);
        assert!(Secret::from_standard_webhooks("whsec_").is_err());
    }
}

//! How a signature is written: lowercase hex or one of the base64 alphabets, decoded by
//! the `hex` and `base64` crates.

use base64::Engine as _;
use base64::engine::GeneralPurpose;
use base64::engine::general_purpose::{STANDARD, URL_SAFE, URL_SAFE_NO_PAD};

use crate::error::ValueProblem;

/// How a signature is written in its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// Lowercase hexadecimal, as providers write it and their own sample code compares
    /// it; uppercase digits are refused ([`ValueProblem::UppercaseHex`]).
    Hex,
    /// Standard base64 with padding (RFC 4648, section 4), in its one canonical form.
    Base64,
    /// URL-safe base64 (`-` and `_`) with padding (RFC 4648, section 5).
    Base64Url,
    /// URL-safe base64 without padding (Sanity, JWT-style signatures).
    Base64UrlUnpadded,
}

/// The longest decoded signature: an ASN.1 DER ECDSA P-256 signature.
const MAX_SIGNATURE_LEN: usize = 72;

/// The longest encoded MAC: HMAC-SHA512 in hex.
pub(crate) const MAX_ENCODED_MAC_LEN: usize = 128;

impl Encoding {
    /// Decodes `text`.
    ///
    /// # Errors
    ///
    /// For hex: [`ValueProblem::Empty`], [`ValueProblem::UppercaseHex`],
    /// [`ValueProblem::InvalidHex`] (an odd length too); for base64:
    /// [`ValueProblem::Empty`], [`ValueProblem::InvalidBase64`] (another alphabet,
    /// wrong padding, or not the canonical encoding).
    ///
    /// # Examples
    ///
    /// ```
    /// use hookverify::ValueProblem;
    /// use hookverify::schemes::Encoding;
    ///
    /// assert_eq!(Encoding::Hex.decode("00ff10ab")?, [0x00, 0xff, 0x10, 0xab]);
    /// assert_eq!(Encoding::Hex.decode("00FF10AB"), Err(ValueProblem::UppercaseHex));
    /// assert_eq!(Encoding::Base64.decode("AP8Qqw==")?, [0x00, 0xff, 0x10, 0xab]);
    /// assert_eq!(Encoding::Base64UrlUnpadded.decode("AP8Qqw")?, [0x00, 0xff, 0x10, 0xab]);
    /// # Ok::<(), ValueProblem>(())
    /// ```
    pub fn decode(self, text: &str) -> Result<Vec<u8>, ValueProblem> {
        if text.is_empty() {
            return Err(ValueProblem::Empty);
        }
        match self.engine() {
            None => {
                check_lower_hex(text)?;
                let mut out = vec![0; text.len() / 2];
                hex::decode_to_slice(text, &mut out).map_err(|_| ValueProblem::InvalidHex)?;
                Ok(out)
            }
            Some(engine) => engine.decode(text).map_err(|_| ValueProblem::InvalidBase64),
        }
    }

    /// `bytes` written in this encoding.
    ///
    /// # Examples
    ///
    /// ```
    /// use hookverify::schemes::Encoding;
    ///
    /// assert_eq!(Encoding::Hex.encode(&[0xfb, 0xff]), "fbff");
    /// assert_eq!(Encoding::Base64.encode(&[0xfb, 0xff]), "+/8=");
    /// assert_eq!(Encoding::Base64Url.encode(&[0xfb, 0xff]), "-_8=");
    /// assert_eq!(Encoding::Base64UrlUnpadded.encode(&[0xfb, 0xff]), "-_8");
    /// ```
    #[must_use]
    pub fn encode(self, bytes: &[u8]) -> String {
        match self.engine() {
            None => hex::encode(bytes),
            Some(engine) => engine.encode(bytes),
        }
    }

    /// A MAC (at most 64 bytes) written in this encoding into `out`; the written part.
    /// Hex goes through RustCrypto's `base16ct`, whose encoder computes each digit without
    /// indexing a table by the MAC's bytes.
    pub(crate) fn encode_secret<'o>(
        self,
        mac: &[u8],
        out: &'o mut [u8; MAX_ENCODED_MAC_LEN],
    ) -> &'o [u8] {
        match self.engine() {
            None => base16ct::lower::encode(mac, out).unwrap_or_default(),
            Some(engine) => {
                let n = engine.encode_slice(mac, &mut out[..]).unwrap_or(0);
                &out[..n]
            }
        }
    }

    fn engine(self) -> Option<&'static GeneralPurpose> {
        match self {
            Encoding::Hex => None,
            Encoding::Base64 => Some(&STANDARD),
            Encoding::Base64Url => Some(&URL_SAFE),
            Encoding::Base64UrlUnpadded => Some(&URL_SAFE_NO_PAD),
        }
    }

    /// Whether `c` can be part of a signature in this encoding (base64's padding
    /// included).
    pub(crate) fn alphabet_has(self, c: char) -> bool {
        match self {
            Encoding::Hex => c.is_ascii_digit() || ('a'..='f').contains(&c),
            Encoding::Base64 => c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='),
            Encoding::Base64Url => c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '='),
            Encoding::Base64UrlUnpadded => c.is_ascii_alphanumeric() || matches!(c, '-' | '_'),
        }
    }

    /// The length of `len` bytes in this encoding.
    fn encoded_len(self, len: usize) -> usize {
        match self {
            Encoding::Hex => 2 * len,
            Encoding::Base64 | Encoding::Base64Url => 4 * len.div_ceil(3),
            Encoding::Base64UrlUnpadded => (4 * len).div_ceil(3),
        }
    }

    /// Checks that `text` can be a signature of `len` bytes when given, else of at most
    /// the longest signature, in this encoding: for hex its characters then its length,
    /// for base64 its length then its characters. Whether base64 is also canonical is
    /// left to the comparison with the canonical encoding of the MAC, or to decoding.
    pub(crate) fn check(self, text: &str, len: Option<usize>) -> Result<(), ValueProblem> {
        if text.is_empty() {
            return Err(ValueProblem::Empty);
        }
        let fits = match len {
            Some(len) => text.len() == self.encoded_len(len),
            None => text.len() <= self.encoded_len(MAX_SIGNATURE_LEN),
        };
        let wrong_length = ValueProblem::WrongLength {
            expected: self.encoded_len(len.unwrap_or(MAX_SIGNATURE_LEN)),
            found: text.len(),
        };
        if self == Encoding::Hex {
            check_lower_hex(text)?;
            return if fits { Ok(()) } else { Err(wrong_length) };
        }
        if !fits {
            Err(wrong_length)
        } else if text.chars().all(|c| self.alphabet_has(c)) {
            Ok(())
        } else {
            Err(ValueProblem::InvalidBase64)
        }
    }
}

/// Lowercase hex digits only: uppercase is told apart from other characters.
fn check_lower_hex(text: &str) -> Result<(), ValueProblem> {
    match text
        .bytes()
        .find(|b| !matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        None => Ok(()),
        Some(b) if b.is_ascii_hexdigit() => Err(ValueProblem::UppercaseHex),
        Some(_) => Err(ValueProblem::InvalidHex),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_problems_are_classified() {
        let e = Encoding::Hex;
        assert_eq!(e.decode(&"ab".repeat(32)).unwrap(), [0xab; 32]);
        assert_eq!(e.decode(""), Err(ValueProblem::Empty));
        let mixed = format!("{}A", "a".repeat(63));
        assert_eq!(e.check(&mixed, Some(32)), Err(ValueProblem::UppercaseHex));
        assert_eq!(
            e.check(&"zz".repeat(32), Some(32)),
            Err(ValueProblem::InvalidHex)
        );
        assert_eq!(
            e.check("abc", Some(32)),
            Err(ValueProblem::WrongLength {
                expected: 64,
                found: 3
            })
        );
        assert_eq!(e.decode("abc"), Err(ValueProblem::InvalidHex));
        // Characters are judged before the length.
        assert_eq!(e.check("g", Some(32)), Err(ValueProblem::InvalidHex));
    }

    /// Every byte value at every position: accepted exactly when it is a lowercase hex
    /// digit, and decoded as the `hex` crate decodes it.
    #[test]
    fn hex_accepts_exactly_lowercase_digits() {
        let base = "0123456789abcdef".repeat(4);
        for pos in 0..64 {
            for byte in 0..=127u8 {
                let mut s = base.clone().into_bytes();
                s[pos] = byte;
                let s = String::from_utf8(s).unwrap();
                let lower = byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte);
                let checked = Encoding::Hex.check(&s, Some(32));
                match Encoding::Hex.decode(&s) {
                    Ok(got) => {
                        assert!(lower && checked.is_ok(), "accepted {byte:#x} at {pos}");
                        assert_eq!(got, ::hex::decode(&s).unwrap());
                    }
                    Err(_) => assert!(!lower && checked.is_err(), "refused {byte:#x} at {pos}"),
                }
            }
        }
    }

    #[test]
    fn base64_forms_are_canonical_and_distinct() {
        let mac = [0xfbu8; 32];
        let padded = STANDARD.encode(mac);
        assert_eq!(Encoding::Base64.decode(&padded).unwrap(), mac);
        assert_eq!(Encoding::Base64.check(&padded, Some(32)), Ok(()));
        assert_eq!(
            Encoding::Base64.check(padded.trim_end_matches('='), Some(32)),
            Err(ValueProblem::WrongLength {
                expected: 44,
                found: 43
            })
        );
        // Non-zero unused bits in the last digit: not canonical.
        let mut loose = padded.clone().into_bytes();
        loose[42] = b'9';
        let loose = String::from_utf8(loose).unwrap();
        assert_eq!(
            Encoding::Base64.decode(&loose),
            Err(ValueProblem::InvalidBase64)
        );
        // Each alphabet refuses the other's characters.
        let url = URL_SAFE.encode(mac);
        assert_ne!(url, padded);
        assert_eq!(
            Encoding::Base64.check(&url, Some(32)),
            Err(ValueProblem::InvalidBase64)
        );
        assert_eq!(
            Encoding::Base64Url.check(&padded, Some(32)),
            Err(ValueProblem::InvalidBase64)
        );
        // Base64's length is judged before its characters.
        assert_eq!(
            Encoding::Base64.check("!!!!", Some(32)),
            Err(ValueProblem::WrongLength {
                expected: 44,
                found: 4
            })
        );
        assert_eq!(Encoding::Base64Url.decode(&url).unwrap(), mac);
        let bare = URL_SAFE_NO_PAD.encode(mac);
        assert_eq!(bare.len(), 43);
        assert_eq!(Encoding::Base64UrlUnpadded.check(&bare, Some(32)), Ok(()));
        assert_eq!(Encoding::Base64UrlUnpadded.decode(&bare).unwrap(), mac);
        let mut padded_url = bare.clone();
        padded_url.replace_range(42..43, "=");
        assert_eq!(
            Encoding::Base64UrlUnpadded.check(&padded_url, Some(32)),
            Err(ValueProblem::InvalidBase64),
            "padding is refused where there is none"
        );
        assert!(
            Encoding::Base64Url.decode(&bare).is_err(),
            "padding is required"
        );
        assert_eq!(Encoding::Base64.decode(""), Err(ValueProblem::Empty));
        // 20 bytes (SHA-1): 28 characters with one `=`.
        let sha1 = STANDARD.encode([7u8; 20]);
        assert_eq!(Encoding::Base64.check(&sha1, Some(20)), Ok(()));
    }

    #[test]
    fn encodings_round_trip_and_checks_agree_with_decoding() {
        let all = [
            Encoding::Hex,
            Encoding::Base64,
            Encoding::Base64Url,
            Encoding::Base64UrlUnpadded,
        ];
        for len in [1usize, 5, 20, 32, 64, 72] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 250) as u8).collect();
            for encoding in all {
                let text = encoding.encode(&bytes);
                if len <= 64 {
                    let mut buf = [0u8; MAX_ENCODED_MAC_LEN];
                    assert_eq!(encoding.encode_secret(&bytes, &mut buf), text.as_bytes());
                }
                assert_eq!(text.len(), encoding.encoded_len(len));
                assert_eq!(encoding.decode(&text).unwrap(), bytes);
                assert_eq!(encoding.check(&text, Some(len)), Ok(()));
                assert_eq!(encoding.check(&text, None), Ok(()));
                for bad in ['!', '-', '_', ' ', 'A', '+', '/', '='] {
                    let mut changed = text.clone();
                    changed.replace_range(0..1, &bad.to_string());
                    // What the check refuses never decodes.
                    if encoding.check(&changed, Some(len)).is_err() {
                        assert!(encoding.decode(&changed).is_err(), "{encoding:?} {bad}");
                    }
                }
            }
        }
        let too_long = STANDARD.encode([0u8; 75]);
        assert!(Encoding::Base64.check(&too_long, None).is_err());
    }
}

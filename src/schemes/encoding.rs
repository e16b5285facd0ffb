//! How a signature is written: lowercase hex or base64, decoded by the `hex` and `base64`
//! crates.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::error::HeaderProblem;

/// How a signature is written in its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// Lowercase hexadecimal, as providers write it and their own sample code compares
    /// it; uppercase digits are refused ([`HeaderProblem::UppercaseHex`]).
    Hex,
    /// Standard base64 with padding (RFC 4648, section 4), in its one canonical form.
    Base64,
}

/// The longest decoded signature: an ASN.1 DER ECDSA P-256 signature.
pub(crate) const MAX_SIGNATURE_LEN: usize = 72;

impl Encoding {
    /// Decodes `text` into `out`, whose length is the signature's.
    ///
    /// # Errors
    ///
    /// For hex: [`HeaderProblem::Empty`], [`HeaderProblem::UppercaseHex`],
    /// [`HeaderProblem::InvalidHex`], then [`HeaderProblem::WrongLength`]; for base64:
    /// [`HeaderProblem::WrongLength`] (in characters), then
    /// [`HeaderProblem::InvalidBase64`].
    ///
    /// # Examples
    ///
    /// ```
    /// use hookverify::HeaderProblem;
    /// use hookverify::schemes::Encoding;
    ///
    /// let mut mac = [0u8; 4];
    /// Encoding::Hex.decode_into("00ff10ab", &mut mac)?;
    /// assert_eq!(mac, [0x00, 0xff, 0x10, 0xab]);
    /// assert_eq!(Encoding::Hex.decode_into("00FF10AB", &mut mac), Err(HeaderProblem::UppercaseHex));
    /// Encoding::Base64.decode_into("AP8Qqw==", &mut mac)?;
    /// assert_eq!(mac, [0x00, 0xff, 0x10, 0xab]);
    /// # Ok::<(), HeaderProblem>(())
    /// ```
    pub fn decode_into(self, text: &str, out: &mut [u8]) -> Result<(), HeaderProblem> {
        let n = self.decode(text.as_bytes(), out, Some(out.len()))?;
        debug_assert_eq!(n, out.len());
        Ok(())
    }

    /// Checks that `text` can be a signature of `len` bytes when given, else of at most
    /// `max` bytes, in this encoding: its length and its characters (lowercase hex
    /// digits; the base64 alphabet and `=`). Whether base64 is also canonical is left to
    /// the comparison with the canonical encoding of the MAC, or to decoding.
    pub(crate) fn check(
        self,
        text: &[u8],
        len: Option<usize>,
        max: usize,
    ) -> Result<(), HeaderProblem> {
        match self {
            Encoding::Hex => {
                if text.is_empty() {
                    return Err(HeaderProblem::Empty);
                }
                let lower_hex = |b: &u8| matches!(b, b'0'..=b'9' | b'a'..=b'f');
                // A fold, not `all`: no early exit on the usual, valid value.
                if !text.iter().fold(true, |ok, b| ok & lower_hex(b)) {
                    let bad = text.iter().find(|b| !lower_hex(b));
                    return Err(if bad.is_some_and(u8::is_ascii_hexdigit) {
                        HeaderProblem::UppercaseHex
                    } else {
                        HeaderProblem::InvalidHex
                    });
                }
                let fits = match len {
                    Some(len) => text.len() == 2 * len,
                    None => text.len().is_multiple_of(2) && text.len() <= 2 * max,
                };
                if fits {
                    Ok(())
                } else {
                    Err(HeaderProblem::WrongLength {
                        expected: 2 * len.unwrap_or(max),
                        found: text.len(),
                    })
                }
            }
            Encoding::Base64 => {
                let expected = |n: usize| 4 * n.div_ceil(3);
                let fits = match len {
                    Some(len) => text.len() == expected(len),
                    None => !text.is_empty() && text.len() <= expected(max),
                };
                if !fits {
                    return Err(HeaderProblem::WrongLength {
                        expected: expected(len.unwrap_or(max)),
                        found: text.len(),
                    });
                }
                let digit = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=');
                if text.iter().fold(true, |ok, b| ok & digit(b)) {
                    Ok(())
                } else {
                    Err(HeaderProblem::InvalidBase64)
                }
            }
        }
    }

    /// Decodes `text` into the start of `out`: exactly `len` bytes when given, else as
    /// many as it holds (at most `out.len()`). Returns the decoded length.
    pub(crate) fn decode(
        self,
        text: &[u8],
        out: &mut [u8],
        len: Option<usize>,
    ) -> Result<usize, HeaderProblem> {
        match self {
            Encoding::Hex => {
                self.check(text, len, out.len())?;
                let n = text.len() / 2;
                let slot = out.get_mut(..n).ok_or(HeaderProblem::InvalidHex)?;
                hex::decode_to_slice(text, slot).map_err(|_| HeaderProblem::InvalidHex)?;
                Ok(n)
            }
            Encoding::Base64 => Encoding::decode_base64(text, out, len),
        }
    }

    fn decode_base64(
        text: &[u8],
        out: &mut [u8],
        len: Option<usize>,
    ) -> Result<usize, HeaderProblem> {
        let expected = |n: usize| 4 * n.div_ceil(3);
        let fits = match len {
            Some(len) => text.len() == expected(len),
            None => !text.is_empty() && text.len() <= expected(out.len()),
        };
        if !fits {
            return Err(HeaderProblem::WrongLength {
                expected: expected(len.unwrap_or(out.len())),
                found: text.len(),
            });
        }
        // The decoder wants room for what the length could hold, padding aside.
        let mut buf = [0u8; MAX_SIGNATURE_LEN + 3];
        let n = STANDARD
            .decode_slice(text, &mut buf)
            .map_err(|_| HeaderProblem::InvalidBase64)?;
        match (out.get_mut(..n), len) {
            (Some(slot), Some(len)) if n == len => slot.copy_from_slice(&buf[..n]),
            (Some(slot), None) => slot.copy_from_slice(&buf[..n]),
            _ => return Err(HeaderProblem::InvalidBase64),
        }
        Ok(n)
    }

    /// A MAC written in this encoding into `out`, which has room for it (the longest is a
    /// SHA-512 MAC in hex, 128 bytes); the written part.
    ///
    /// Hex goes through RustCrypto's `base16ct`, whose encoder computes each digit
    /// without indexing a table by the MAC's bytes (the `hex` crate's looks them up).
    pub(crate) fn encode_mac<'o>(self, mac: &[u8], out: &'o mut [u8]) -> &'o [u8] {
        match self {
            Encoding::Hex => base16ct::lower::encode(mac, out).unwrap_or_default(),
            Encoding::Base64 => {
                let n = STANDARD.encode_slice(mac, &mut *out).unwrap_or(0);
                &out[..n]
            }
        }
    }

    /// `bytes` written in this encoding.
    pub(crate) fn encode(self, bytes: &[u8]) -> String {
        match self {
            Encoding::Hex => hex::encode(bytes),
            Encoding::Base64 => STANDARD.encode(bytes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str, len: usize) -> Result<Vec<u8>, HeaderProblem> {
        let mut out = vec![0; len];
        Encoding::Hex.decode_into(text, &mut out).map(|()| out)
    }

    fn b64(text: &str, len: usize) -> Result<Vec<u8>, HeaderProblem> {
        let mut out = vec![0; len];
        Encoding::Base64.decode_into(text, &mut out).map(|()| out)
    }

    #[test]
    fn hex_problems_are_classified() {
        assert_eq!(hex(&"ab".repeat(32), 32).unwrap(), [0xab; 32]);
        assert_eq!(hex("", 32), Err(HeaderProblem::Empty));
        let mixed = format!("{}A", "a".repeat(63));
        assert_eq!(hex(&mixed, 32), Err(HeaderProblem::UppercaseHex));
        assert_eq!(hex(&"zz".repeat(32), 32), Err(HeaderProblem::InvalidHex));
        assert_eq!(
            hex("abc", 32),
            Err(HeaderProblem::WrongLength {
                expected: 64,
                found: 3
            })
        );
        assert_eq!(
            hex(&"ab".repeat(40), 32),
            Err(HeaderProblem::WrongLength {
                expected: 64,
                found: 80
            })
        );
        // Characters are judged before the length.
        assert_eq!(hex("g", 32), Err(HeaderProblem::InvalidHex));
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
                match hex(&s, 32) {
                    Ok(got) => {
                        assert!(lower, "accepted {byte:#x} at {pos}");
                        assert_eq!(got, ::hex::decode(&s).unwrap());
                    }
                    Err(_) => assert!(!lower, "refused {byte:#x} at {pos}"),
                }
            }
        }
    }

    #[test]
    fn base64_is_canonical_padded_standard() {
        let engine = STANDARD;
        let mac = [0xfbu8; 32];
        let good = engine.encode(mac);
        assert_eq!(b64(&good, 32).unwrap(), mac);
        assert_eq!(
            b64(good.trim_end_matches('='), 32),
            Err(HeaderProblem::WrongLength {
                expected: 44,
                found: 43
            })
        );
        // Non-zero unused bits in the last digit: not canonical.
        let mut loose = good.clone().into_bytes();
        loose[42] = b'9';
        assert_eq!(
            b64(std::str::from_utf8(&loose).unwrap(), 32),
            Err(HeaderProblem::InvalidBase64)
        );
        let url_safe = good.replace('+', "-").replace('/', "_");
        if url_safe != good {
            assert_eq!(b64(&url_safe, 32), Err(HeaderProblem::InvalidBase64));
        }
        assert_eq!(
            b64("", 32),
            Err(HeaderProblem::WrongLength {
                expected: 44,
                found: 0
            })
        );
        // 20 bytes (SHA-1): 28 characters with one `=`.
        let sha1 = engine.encode([7u8; 20]);
        assert_eq!(b64(&sha1, 20).unwrap(), [7; 20]);
    }

    /// Variable-length signatures (DER) decode to their own length.
    #[test]
    fn variable_length_decoding() {
        let mut out = [0u8; MAX_SIGNATURE_LEN];
        for n in [1usize, 8, 70, 71, 72] {
            let bytes: Vec<u8> = (0..n as u8).collect();
            let text = STANDARD.encode(&bytes);
            assert_eq!(
                Encoding::Base64.decode(text.as_bytes(), &mut out, None),
                Ok(n)
            );
            assert_eq!(&out[..n], bytes);
            let text = ::hex::encode(&bytes);
            assert_eq!(Encoding::Hex.decode(text.as_bytes(), &mut out, None), Ok(n));
            assert_eq!(&out[..n], bytes);
        }
        let too_long = STANDARD.encode([0u8; 75]);
        assert!(
            Encoding::Base64
                .decode(too_long.as_bytes(), &mut out, None)
                .is_err()
        );
        assert!(
            Encoding::Hex
                .decode("00".repeat(73).as_bytes(), &mut out, None)
                .is_err()
        );
        assert!(Encoding::Hex.decode(b"abc", &mut out, None).is_err());
    }

    #[test]
    fn encode_round_trips_and_checks_agree_with_decoding() {
        for len in [0usize, 1, 5, 20, 32, 64] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37) as u8).collect();
            for encoding in [Encoding::Hex, Encoding::Base64] {
                let text = encoding.encode(&bytes);
                let mut buf = [0u8; 128];
                assert_eq!(encoding.encode_mac(&bytes, &mut buf), text.as_bytes());
                if len == 0 {
                    continue;
                }
                let mut out = vec![0u8; len];
                encoding.decode_into(&text, &mut out).unwrap();
                assert_eq!(out, bytes);
                assert_eq!(encoding.check(text.as_bytes(), Some(len), len), Ok(()));
                for bad in [b'!', b'-', b'_', b' ', b'A'] {
                    let mut text = text.clone().into_bytes();
                    text[0] = bad;
                    let decodes = encoding
                        .decode_into(std::str::from_utf8(&text).unwrap(), &mut out)
                        .is_ok();
                    // What the check lets through, decoding judges; what it refuses never
                    // decodes.
                    if encoding.check(&text, Some(len), len).is_err() {
                        assert!(!decodes, "{encoding:?} {bad}");
                    }
                }
            }
        }
    }
}

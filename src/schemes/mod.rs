//! The built-in authentication schemes.
//!
//! | scheme | header | what is signed | accepted when |
//! |---|---|---|---|
//! | [`HexHmac::new(h)`](HexHmac::new) | `h: <hex>` | raw body | hex HMAC-SHA256(secret, body) equals, for any secret |
//! | [`HexHmac::new(h).prefix("sha256=")`](HexHmac::prefix) | `h: sha256=<hex>` | raw body | as above, prefix required exactly |
//! | [`TimestampedHmac::new(h)`](TimestampedHmac::new) | `h: t=<unix>,v1=<hex>[,v1=<hex>…]` | `"<t>." ++ raw body` | any `v1` matches any secret, and the timestamp is within the window (300 s both ways by default) |
//! | [`Token::bearer()`](Token::bearer) | `Authorization: Bearer <token>` | nothing | the token equals a secret |
//! | [`Token::new(h)`](Token::new) | `h: <token>` | nothing | the token equals a secret |
//! | [`StandardWebhooks`] | `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64> …` | `"<id>.<t>." ++ raw body` | any `v1` matches any secret, and the timestamp is within the window |
//!
//! Every scheme works on the raw body bytes, compares in constant time, and allocates
//! nothing on the heap while verifying.

mod hex_hmac;
mod standard_webhooks;
mod timestamped;
mod token;

pub use hex_hmac::HexHmac;
pub use standard_webhooks::StandardWebhooks;
pub use timestamped::{DEFAULT_TOLERANCE, TimestampedHmac};
pub use token::Token;

/// The most signature entries one header may carry. Senders add one per live secret; a
/// rotation has two.
pub const MAX_SIGNATURES: usize = 16;

use crate::error::{Error, HeaderProblem};
use crate::scheme::Key;

/// Length of a hex-encoded HMAC-SHA256.
pub(crate) const HEX_MAC_LEN: usize = 64;

/// Lowercase hex digit values; 0xff for every other byte.
const HEX: [u8; 256] = {
    let mut t = [0xff; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'a' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

/// Decodes a lowercase-hex HMAC-SHA256 into its 32 bytes.
///
/// Written as two straight loops over fixed-size arrays (classify and convert each
/// character, then join pairs of nibbles) with no early exit, which the compiler turns
/// into a few dozen SIMD instructions. Anything but 64 lowercase hex digits is classified
/// by [`classify_bad_hex`].
pub(crate) fn decode_hex_mac(s: &[u8]) -> Result<[u8; 32], HeaderProblem> {
    let Ok(chars) = <&[u8; HEX_MAC_LEN]>::try_from(s) else {
        return Err(classify_bad_hex(s));
    };
    let mut nibbles = [0u8; HEX_MAC_LEN];
    let mut bad = 0u8;
    for (n, &c) in nibbles.iter_mut().zip(chars) {
        let digit = c.wrapping_sub(b'0');
        let letter = c.wrapping_sub(b'a');
        let (is_digit, is_letter) = (digit < 10, letter < 6);
        *n = if is_digit {
            digit
        } else {
            letter.wrapping_add(10)
        };
        bad |= u8::from(!(is_digit | is_letter));
    }
    if bad != 0 {
        return Err(classify_bad_hex(s));
    }
    let mut out = [0u8; 32];
    for (o, pair) in out.iter_mut().zip(nibbles.as_chunks::<2>().0) {
        *o = (pair[0] << 4) | pair[1];
    }
    Ok(out)
}

/// Why `s` is not 64 lowercase hex digits.
fn classify_bad_hex(s: &[u8]) -> HeaderProblem {
    if s.is_empty() {
        return HeaderProblem::Empty;
    }
    if let Some(bad) = s.iter().find(|&&b| HEX[usize::from(b)] == 0xff) {
        return if bad.is_ascii_hexdigit() {
            HeaderProblem::UppercaseHex
        } else {
            HeaderProblem::InvalidHex
        };
    }
    HeaderProblem::WrongLength {
        expected: HEX_MAC_LEN,
        found: s.len(),
    }
}

/// The signatures one request carries (one per live secret of the sender), on the stack.
///
/// An `ArrayVec`: room for [`MAX_SIGNATURES`] without writing 512 bytes of zeros on every
/// request first.
#[derive(Default)]
pub(crate) struct Macs {
    macs: arrayvec::ArrayVec<[u8; 32], MAX_SIGNATURES>,
}

impl Macs {
    /// Adds a signature decoded by `decode`.
    pub(crate) fn push_with(
        &mut self,
        decode: impl FnOnce(&mut [u8; 32]) -> Result<(), HeaderProblem>,
    ) -> Result<(), HeaderProblem> {
        let full = HeaderProblem::TooManySignatures {
            max: MAX_SIGNATURES,
        };
        if self.macs.is_full() {
            return Err(full);
        }
        let mut mac = [0u8; 32];
        decode(&mut mac)?;
        self.macs.try_push(mac).map_err(|_| full)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.macs.is_empty()
    }

    pub(crate) fn as_slice(&self) -> &[[u8; 32]] {
        &self.macs
    }

    /// Index of the first key whose HMAC of `parts` equals any of the signatures. Each
    /// key's MAC is compared with every signature, in constant time, without stopping
    /// early.
    pub(crate) fn first_match(&self, keys: &[Key], parts: &[&[u8]]) -> Result<usize, Error> {
        first_match(keys, |k| {
            let mac = k.mac(parts);
            self.as_slice()
                .iter()
                .fold(false, |hit, s| Key::mac_eq(mac.as_ref(), s) | hit)
        })
    }
}

/// Index of the first key for which `matches` holds, or the opaque mismatch error.
///
/// Each key is compared in constant time; the search stops at the first match, which
/// reveals only which secret a genuine sender used.
pub(crate) fn first_match(
    keys: &[Key],
    mut matches: impl FnMut(&Key) -> bool,
) -> Result<usize, Error> {
    // A `match`, not `ok_or`: the error is built only when it is returned.
    match keys.iter().position(|k| k.is_usable() && matches(k)) {
        Some(index) => Ok(index),
        None => Err(Error::SignatureMismatch),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_decoding_classifies_problems() {
        let good = "ab".repeat(32);
        assert_eq!(decode_hex_mac(good.as_bytes()).unwrap(), [0xab; 32]);
        let all: String = (0..=255u8).step_by(8).map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex::decode(&all).unwrap(),
            decode_hex_mac(all.as_bytes()).unwrap()
        );
        let mixed = format!("{}A", "a".repeat(63));
        assert_eq!(
            decode_hex_mac(mixed.as_bytes()),
            Err(HeaderProblem::UppercaseHex)
        );
        assert_eq!(decode_hex_mac(b""), Err(HeaderProblem::Empty));
        assert_eq!(
            decode_hex_mac("AB".repeat(32).as_bytes()),
            Err(HeaderProblem::UppercaseHex)
        );
        assert_eq!(
            decode_hex_mac("zz".repeat(32).as_bytes()),
            Err(HeaderProblem::InvalidHex)
        );
        assert_eq!(
            decode_hex_mac(b"abc"),
            Err(HeaderProblem::WrongLength {
                expected: 64,
                found: 3
            })
        );
        assert_eq!(
            decode_hex_mac("ab".repeat(40).as_bytes()),
            Err(HeaderProblem::WrongLength {
                expected: 64,
                found: 80
            })
        );
    }

    /// Every byte value at every position: accepted exactly when it is a lowercase hex
    /// digit, and decoded as the `hex` crate decodes it.
    #[test]
    fn hex_decoding_agrees_with_the_hex_crate_for_every_byte_at_every_position() {
        let base = *b"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        for pos in 0..64 {
            for byte in 0..=255u8 {
                let mut s = base;
                s[pos] = byte;
                let lower_hex = byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte);
                match decode_hex_mac(&s) {
                    Ok(got) => {
                        assert!(lower_hex, "accepted byte {byte:#x} at {pos}");
                        assert_eq!(got.to_vec(), hex::decode(s).unwrap());
                    }
                    Err(_) => assert!(!lower_hex, "refused byte {byte:#x} at {pos}"),
                }
            }
        }
    }

    /// Random strings over the hex digits and their neighbours in ASCII.
    #[test]
    fn hex_decoding_agrees_with_the_hex_crate_on_random_strings() {
        let alphabet = b"0123456789abcdefABCDEFgG/:`@\x80\xff\x00 ";
        let mut next = crate::test_rng(0x2545_f491_4f6c_dd1d);
        for _ in 0..100_000 {
            let mut s = [0u8; 64];
            for c in &mut s {
                // Mostly valid digits, so whole valid strings occur too.
                let i = (next() % 64) as usize;
                *c = alphabet[if i < 60 { i % 16 } else { i % alphabet.len() }];
            }
            let reference = s
                .iter()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
                .then(|| hex::decode(s).unwrap());
            assert_eq!(
                decode_hex_mac(&s).ok().map(|m| m.to_vec()),
                reference,
                "{s:?}"
            );
        }
    }
}

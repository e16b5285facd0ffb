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
pub(crate) fn decode_hex_mac(s: &[u8]) -> Result<[u8; 32], HeaderProblem> {
    let mut out = [0u8; 32];
    if s.len() == HEX_MAC_LEN {
        let mut bad = 0u8;
        for (o, pair) in out.iter_mut().zip(s.chunks_exact(2)) {
            let (hi, lo) = (HEX[usize::from(pair[0])], HEX[usize::from(pair[1])]);
            bad |= hi | lo;
            *o = (hi << 4) | (lo & 0x0f);
        }
        if bad & 0xf0 == 0 {
            return Ok(out);
        }
    }
    Err(classify_bad_hex(s))
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

/// Index of the first key for which `matches` holds, or the opaque mismatch error.
///
/// Each key is compared in constant time; the search stops at the first match, which
/// reveals only which secret a genuine sender used.
pub(crate) fn first_match(
    keys: &[Key],
    mut matches: impl FnMut(&Key) -> bool,
) -> Result<usize, Error> {
    keys.iter()
        .position(|k| k.is_usable() && matches(k))
        .ok_or(Error::SignatureMismatch)
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
}

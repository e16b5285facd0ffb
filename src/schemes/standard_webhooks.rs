//! Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`.

use std::borrow::Cow;
use std::time::Duration;

use base64::Engine as _;
use time::OffsetDateTime;

use super::Macs;
use super::timestamped::{Window, all_digits, parse_unix};
use crate::error::{Error, HeaderProblem};
use crate::headers::{self, HeaderLookup, LookupNames};
use crate::scheme::{Key, Match, Request, Scheme};
use crate::secret::Secret;

/// The [Standard Webhooks](https://www.standardwebhooks.com/) scheme (also Svix's).
///
/// - headers `webhook-id`, `webhook-timestamp` (unix seconds) and `webhook-signature`;
///   when none of them is present, the `svix-` names are read instead;
/// - signed content `"<id>.<timestamp>.<raw body>"`, HMAC-SHA256;
/// - `webhook-signature` holds space-separated `v1,<base64>` entries; every `v1` is tried,
///   other versions (such as the asymmetric `v1a`) are ignored and never verified;
/// - the timestamp must be within 300 s of now in both directions (settable);
/// - the secret is `whsec_` followed by base64 of the key: load it with
///   [`Secret::from_standard_webhooks`], not [`Secret::new`].
///
/// # Examples
///
/// ```
/// use hookverify::schemes::StandardWebhooks;
/// use hookverify::{Scheme, Secret, Verifier};
///
/// let secret = Secret::from_standard_webhooks("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
/// let now = time::OffsetDateTime::from_unix_timestamp(1614265330)?;
/// let headers = StandardWebhooks::new().sign_with_id(
///     "msg_p5jXN8AQM9LWM0D4loKWxJek",
///     br#"{"test": 2432232314}"#,
///     &secret,
///     now,
/// );
/// // The value published in the Standard Webhooks test suite:
/// assert_eq!(headers[2].1, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
///
/// let verifier = Verifier::new(StandardWebhooks::new(), [secret]);
/// assert!(verifier.verify_at(br#"{"test": 2432232314}"#, &headers, now).is_ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandardWebhooks {
    window: Window,
}

const WEBHOOK_NAMES: [&str; 3] = ["webhook-id", "webhook-timestamp", "webhook-signature"];
const WEBHOOK: LookupNames<'static> = LookupNames::new(&WEBHOOK_NAMES);
const SVIX_NAMES: [&str; 3] = ["svix-id", "svix-timestamp", "svix-signature"];
const SVIX: LookupNames<'static> = LookupNames::new(&SVIX_NAMES);

/// A `v1` signature is 32 bytes: 44 characters of padded base64.
const B64_MAC_LEN: usize = 44;

impl StandardWebhooks {
    /// The scheme with the default 300 s tolerance in both directions.
    #[must_use]
    pub fn new() -> Self {
        StandardWebhooks {
            window: Window::default(),
        }
    }

    /// The oldest timestamp accepted (default 300 s).
    #[must_use]
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.window.max_age = max_age.as_secs();
        self
    }

    /// How far into the future a timestamp may lie (default 300 s).
    #[must_use]
    pub fn max_future(mut self, max_future: Duration) -> Self {
        self.window.max_future = max_future.as_secs();
        self
    }

    /// The headers a sender would attach for message `id`.
    #[must_use]
    pub fn sign_with_id(
        &self,
        id: &str,
        body: &[u8],
        secret: &Secret,
        now: OffsetDateTime,
    ) -> Vec<(String, String)> {
        let t = now.unix_timestamp().to_string();
        let mac = Key::new(secret)
            .mac(&[id.as_bytes(), b".", t.as_bytes(), b".", body])
            .unwrap_or_default();
        vec![
            (WEBHOOK_NAMES[0].to_string(), id.to_string()),
            (WEBHOOK_NAMES[1].to_string(), t),
            (
                WEBHOOK_NAMES[2].to_string(),
                format!(
                    "v1,{}",
                    base64::engine::general_purpose::STANDARD.encode(mac)
                ),
            ),
        ]
    }

    pub(crate) fn without_window(mut self) -> Self {
        self.window.check = false;
        self
    }
}

impl Default for StandardWebhooks {
    fn default() -> Self {
        StandardWebhooks::new()
    }
}

/// The value of each standard-alphabet base64 digit; `None` for every other byte.
const fn digit(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    } as u32)
}

/// Where the digit in position `pos` (0 to 3) of a group of four puts its six bits, for
/// every byte value: the group's three bytes, in order, are the little-endian low three
/// bytes of the four entries ORed together. A byte outside the alphabet sets the top
/// byte, which the decoded bytes never reach.
const fn group_table(pos: u32) -> [u32; 256] {
    let mut t = [INVALID; 256];
    let mut c = 0;
    while c < 256 {
        if let Some(v) = digit(c as u8) {
            // The group's 24 bits, most significant first, as a big-endian number...
            let n = v << (18 - 6 * pos);
            // ... laid out as little-endian bytes.
            t[c] = (n >> 16) | (n & 0xff00) | ((n & 0xff) << 16);
        }
        c += 1;
    }
    t
}

const INVALID: u32 = 0xff00_0000;
const GROUP: [[u32; 256]; 4] = [
    group_table(0),
    group_table(1),
    group_table(2),
    group_table(3),
];

/// Decodes a `v1` signature: 44 characters of padded base64 for 32 bytes.
///
/// Exactly what the `base64` crate's `STANDARD` engine accepts for 32 bytes (canonical:
/// one `=`, the unused low bits of the last digit zero; a test checks the two agree),
/// done in straight-line code for the one length a signature has: each group of four
/// digits is four table loads ORed together.
fn decode_b64_mac(sig: &[u8], slot: &mut [u8; 32]) -> Result<(), HeaderProblem> {
    let chars: &[u8; B64_MAC_LEN] = sig.try_into().map_err(|_| HeaderProblem::WrongLength {
        expected: B64_MAC_LEN,
        found: sig.len(),
    })?;
    let group = |g: &[u8]| {
        GROUP[0][usize::from(g[0])]
            | GROUP[1][usize::from(g[1])]
            | GROUP[2][usize::from(g[2])]
            | GROUP[3][usize::from(g[3])]
    };
    let (groups, last) = chars.split_at(B64_MAC_LEN - 4);
    let (groups, _) = groups.as_chunks::<4>();
    let mut bad = 0;
    // Ten groups of four digits make 30 bytes, each written as four (the fourth is
    // overwritten by the next group)...
    for (i, g) in groups.iter().enumerate() {
        let n = group(g);
        bad |= n;
        if let Some(out) = slot.get_mut(3 * i..3 * i + 4) {
            out.copy_from_slice(&n.to_le_bytes());
        }
    }
    // ... and `XYZ=` the last two: Z carries 4 bits, its low 2 unused and zero.
    let [x, y, z, pad] = *last else {
        return Err(HeaderProblem::InvalidBase64);
    };
    let n = group(&[x, y, z, b'A']);
    // Z's unused low two bits land in the top two of the third byte.
    if (bad | n) & INVALID != 0 || pad != b'=' || n & 0x00c0_0000 != 0 {
        return Err(HeaderProblem::InvalidBase64);
    }
    slot[30..].copy_from_slice(&n.to_le_bytes()[..2]);
    Ok(())
}

impl Scheme for StandardWebhooks {
    fn verify(&self, req: &Request<'_>, keys: &[Key], now: OffsetDateTime) -> Result<Match, Error> {
        self.verify_unix(req, keys, now.unix_timestamp())
    }

    fn verify_unix(&self, req: &Request<'_>, keys: &[Key], now: i64) -> Result<Match, Error> {
        // The three headers, in one pass over the request's headers: the `webhook-`
        // names, or the `svix-` names when none of the `webhook-` ones is present.
        let mut webhook = HeaderLookup::new(&WEBHOOK);
        req.headers.lookup(&mut webhook);
        let mut svix;
        let (found, names) = if (0..3).all(|i| webhook.is_absent(i)) {
            svix = HeaderLookup::new(&SVIX);
            req.headers.lookup(&mut svix);
            if (0..3).all(|i| svix.is_absent(i)) {
                (&webhook, &WEBHOOK_NAMES)
            } else {
                (&svix, &SVIX_NAMES)
            }
        } else {
            (&webhook, &WEBHOOK_NAMES)
        };
        let [id_name, t_name, sig_name] = names.map(Cow::Borrowed);
        // Checked in order (id, timestamp, signature), so the first problem is the one
        // reported. The timestamp and the signature have fast parsers that accept
        // printable bytes only; the printable-ASCII rule is checked on what they do not
        // accept, in the same order, before either is parsed in full.
        let id = found.required(0, &id_name)?;
        let t = found.required_unchecked(1, &t_name)?;
        let fast_secs = all_digits(t);
        if fast_secs.is_none() {
            headers::check_printable(t, &t_name)?;
        }
        let sig_value = found.required_unchecked(2, &sig_name)?;
        let mut sigs = Macs::default();
        // The usual value is one signature and nothing else; anything else, or anything
        // that fails to decode here, goes through the general parser, which reports it.
        let usual = sig_value
            .strip_prefix(b"v1,")
            .is_some_and(|sig| sigs.push_with(|slot| decode_b64_mac(sig, slot)).is_ok());
        if !usual {
            headers::check_printable(sig_value, &sig_name)?;
        }
        let secs = match fast_secs {
            Some(secs) => secs,
            None => parse_unix(t).map_err(|p| Error::malformed(&t_name, p))?,
        };

        let bad = |p| Error::malformed(&sig_name, p);
        if !usual {
            let entries = sig_value
                .split(|b| matches!(b, b' ' | b'\t'))
                .filter(|e| !e.is_empty());
            for entry in entries {
                let comma = entry
                    .iter()
                    .position(|&b| b == b',')
                    .ok_or_else(|| bad(HeaderProblem::MalformedEntry))?;
                let (version, sig) = (&entry[..comma], &entry[comma + 1..]);
                if version != b"v1" {
                    continue; // v1a (asymmetric) and future versions: never verified here
                }
                sigs.push_with(|slot| decode_b64_mac(sig, slot))
                    .map_err(bad)?;
            }
        }
        if sigs.is_empty() {
            return Err(bad(HeaderProblem::MissingSignature));
        }
        let timestamp = self.window.accept(secs, now, &t_name)?;
        let index = sigs.first_match(keys, &[id, b".", t, b".", req.body])?;
        Ok(Match::at_unix(index, timestamp))
    }

    /// Signs with a message id derived from the body and the time (`msg_` and 24 hex
    /// digits); use [`StandardWebhooks::sign_with_id`] to choose it.
    fn sign(&self, body: &[u8], secret: &Secret, now: OffsetDateTime) -> Vec<(String, String)> {
        use sha2::{Digest, Sha256};
        let digest = Sha256::new()
            .chain_update(now.unix_timestamp().to_be_bytes())
            .chain_update(body)
            .finalize();
        let id = format!("msg_{}", hex::encode(&digest[..12]));
        self.sign_with_id(&id, body, secret, now)
    }

    /// The time is read for the window; not when the window is switched off with
    /// [`dangerous::skip_timestamp_check`](crate::dangerous::skip_timestamp_check).
    fn uses_time(&self) -> bool {
        self.window.check
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the `base64` crate says of `sig`, in the decoder's terms.
    fn reference(sig: &[u8]) -> Result<[u8; 32], HeaderProblem> {
        if sig.len() != B64_MAC_LEN {
            return Err(HeaderProblem::WrongLength {
                expected: B64_MAC_LEN,
                found: sig.len(),
            });
        }
        let mut out = [0u8; 32];
        match base64::engine::general_purpose::STANDARD.decode_slice(sig, &mut out) {
            Ok(32) => Ok(out),
            _ => Err(HeaderProblem::InvalidBase64),
        }
    }

    fn ours(sig: &[u8]) -> Result<[u8; 32], HeaderProblem> {
        let mut out = [0u8; 32];
        decode_b64_mac(sig, &mut out).map(|()| out)
    }

    #[test]
    fn base64_decoding_agrees_with_the_base64_crate() {
        let engine = base64::engine::general_purpose::STANDARD;
        // Every byte value in every position of a valid signature, and every value of
        // the last digit (whose low bits must be zero).
        let mut next = crate::test_rng(0x2545_f491_4f6c_dd1d);
        let mut checked = 0;
        for round in 0..200 {
            let mac: [u8; 32] = std::array::from_fn(|_| next() as u8);
            let good = engine.encode(mac);
            assert_eq!(ours(good.as_bytes()), Ok(mac));
            let positions: Vec<usize> = if round < 4 {
                (0..B64_MAC_LEN).collect()
            } else {
                vec![(next() % 44) as usize, 42, 43]
            };
            for pos in positions {
                for byte in 0..=255u8 {
                    let mut sig = good.clone().into_bytes();
                    sig[pos] = byte;
                    assert_eq!(
                        ours(&sig),
                        reference(&sig),
                        "{:?}",
                        String::from_utf8_lossy(&sig)
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 100_000);
        for len in [0, 1, 43, 45, 88] {
            let sig = vec![b'A'; len];
            assert_eq!(ours(&sig), reference(&sig));
        }
        // Unpadded and doubly padded forms are not canonical for 32 bytes.
        assert_eq!(ours(&[b'A'; 44]), Err(HeaderProblem::InvalidBase64));
        let mut two = [b'A'; 44];
        two[42] = b'=';
        two[43] = b'=';
        assert_eq!(ours(&two), reference(&two));
    }
}

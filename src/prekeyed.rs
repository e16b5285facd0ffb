//! HMAC-SHA256 (RFC 2104) with the key schedule computed once: the two SHA-256 states
//! after the key's inner and outer padded blocks, which is all of the key a MAC needs.
//!
//! The compression function is `sha2`'s own ([`sha2::block_api::compress256`], with its
//! SHA-NI and ARMv8 backends chosen at run time). What this module adds is only the
//! bookkeeping of one MAC over a few byte strings fed in order: a 64-byte block on the
//! stack for the bytes that straddle blocks, whole blocks compressed straight from the
//! caller's slices, and the final padding. Tests check it against the `hmac` crate for
//! every split of every length up to several blocks, and against RFC 4231.

use sha2::block_api::compress256;
use sha2::{Digest, Sha256};
use zeroize::Zeroize;

/// SHA-256's block size in bytes.
const BLOCK: usize = 64;

/// SHA-256's initial hash value (FIPS 180-4, 5.3.3).
const IV: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// The key schedule of one HMAC-SHA256 key. Zeroized on drop: either state is as good
/// as the key for making MACs.
pub(crate) struct PreKeyed {
    inner: [u32; 8],
    outer: [u32; 8],
}

impl PreKeyed {
    /// The key schedule of `key` (of any length; keys longer than a block are hashed
    /// first, as RFC 2104 says).
    pub(crate) fn new(key: &[u8]) -> Self {
        let mut block = [0u8; BLOCK];
        if key.len() > BLOCK {
            let mut digest: [u8; 32] = Sha256::digest(key).into();
            block[..32].copy_from_slice(&digest);
            digest.zeroize();
        } else {
            block[..key.len()].copy_from_slice(key);
        }
        let state_after = |pad: u8| {
            let mut padded = block.map(|b| b ^ pad);
            let mut state = IV;
            compress256(&mut state, &[padded]);
            padded.zeroize();
            state
        };
        let keyed = PreKeyed {
            inner: state_after(0x36),
            outer: state_after(0x5c),
        };
        block.zeroize();
        keyed
    }

    /// HMAC-SHA256 of the concatenation of `parts`.
    pub(crate) fn mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut state = self.inner;
        // Bytes waiting for a whole block: `pending[..fill]`.
        let mut pending = [0u8; BLOCK];
        let mut fill = 0;
        // The key's padded block counts as the first 64 bytes of the inner message.
        let mut len = BLOCK as u64;
        for &part in parts {
            len += part.len() as u64;
            let mut rest = part;
            if fill > 0 {
                let take = rest.len().min(BLOCK - fill);
                let (head, tail) = rest.split_at(take);
                pending[fill..fill + take].copy_from_slice(head);
                fill += take;
                rest = tail;
                if fill < BLOCK {
                    continue;
                }
                compress256(&mut state, &[pending]);
            }
            let (blocks, tail) = rest.as_chunks::<BLOCK>();
            if !blocks.is_empty() {
                compress256(&mut state, blocks);
            }
            pending[..tail.len()].copy_from_slice(tail);
            fill = tail.len();
        }
        let inner = finish(&mut state, &mut pending, fill, len);
        state.zeroize();

        // The outer message is the outer padded block and the inner hash: one block.
        let mut block = [0u8; BLOCK];
        block[..32].copy_from_slice(&inner);
        let mut outer = self.outer;
        let mac = finish(&mut outer, &mut block, 32, (BLOCK + 32) as u64);
        outer.zeroize();
        mac
    }
}

/// Pads the message whose last `fill` bytes wait in `block` (a message of `len` bytes in
/// all), compresses what is left, and returns the hash.
#[inline(always)]
fn finish(state: &mut [u32; 8], block: &mut [u8; BLOCK], fill: usize, len: u64) -> [u8; 32] {
    block[fill] = 0x80;
    block[fill + 1..].fill(0);
    if fill >= BLOCK - 8 {
        compress256(state, &[*block]);
        block.fill(0);
    }
    block[BLOCK - 8..].copy_from_slice(&(len * 8).to_be_bytes());
    compress256(state, &[*block]);
    let mut hash = [0u8; 32];
    for (out, word) in hash.as_chunks_mut::<4>().0.iter_mut().zip(state.iter()) {
        *out = word.to_be_bytes();
    }
    hash
}

impl Drop for PreKeyed {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{KeyInit, Mac};

    fn reference(key: &[u8], message: &[u8]) -> [u8; 32] {
        let mut mac = hmac::Hmac::<Sha256>::new_from_slice(key).unwrap();
        mac.update(message);
        mac.finalize().into_bytes().into()
    }

    #[test]
    fn iv_is_the_hash_of_nothing_s_starting_point() {
        // SHA-256 of the empty message is one compression of the padding block from IV.
        let mut block = [0u8; BLOCK];
        block[0] = 0x80;
        let mut state = IV;
        compress256(&mut state, &[block]);
        let mut got = [0u8; 32];
        for (out, word) in got.as_chunks_mut::<4>().0.iter_mut().zip(state) {
            *out = word.to_be_bytes();
        }
        assert_eq!(got, <[u8; 32]>::from(Sha256::digest(b"")));
    }

    /// RFC 4231's HMAC-SHA256 cases (7 of them: the truncated case 5 is left out).
    #[test]
    fn rfc4231() {
        let long_key = [0xaau8; 131];
        let cases: [(&[u8], &[u8], &str); 6] = [
            (
                &[0x0b; 20],
                b"Hi There",
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            ),
            (
                b"Jefe",
                b"what do ya want for nothing?",
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ),
            (
                &[0xaa; 20],
                &[0xdd; 50],
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
            ),
            (
                &[
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                    23, 24, 25,
                ],
                &[0xcd; 50],
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
            ),
            (
                &long_key,
                b"Test Using Larger Than Block-Size Key - Hash Key First",
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
            (
                &long_key,
                b"This is a test using a larger than block-size key and a larger than \
                  block-size data. The key needs to be hashed before being used by the \
                  HMAC algorithm.",
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
            ),
        ];
        for (key, data, want) in cases {
            assert_eq!(hex::encode(PreKeyed::new(key).mac(&[data])), want);
        }
    }

    /// Every message length up to four blocks, cut into up to three parts at every
    /// pair of points, under keys shorter than, equal to and longer than a block.
    #[test]
    fn agrees_with_the_hmac_crate_for_every_split() {
        let message: Vec<u8> = (0..4 * BLOCK + 9).map(|i| (i * 7 + 3) as u8).collect();
        for key_len in [1, 32, 63, 64, 65, 200] {
            let key: Vec<u8> = (0..key_len).map(|i| (i * 13 + 1) as u8).collect();
            let keyed = PreKeyed::new(&key);
            assert_eq!(keyed.mac(&[]), reference(&key, b""));
            for len in 0..=message.len() {
                let m = &message[..len];
                let want = reference(&key, m);
                assert_eq!(keyed.mac(&[m]), want, "key {key_len}, len {len}");
                // Two cut points (every pair for short messages, a stride for long).
                let step = if len <= 80 { 1 } else { 7 };
                for a in (0..=len).step_by(step) {
                    for b in (a..=len).step_by(step) {
                        let parts = [&m[..a], &m[a..b], &[][..], &m[b..]];
                        assert_eq!(keyed.mac(&parts), want, "key {key_len}, {a}/{b}/{len}");
                    }
                }
            }
        }
    }

    proptest::proptest! {
        /// Keys of any length (empty too) and messages of up to 40 blocks, cut anywhere.
        #[test]
        fn agrees_with_the_hmac_crate_on_random_input(
            key in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
            message in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2600),
            cuts in proptest::collection::vec(0..2600usize, 0..6),
        ) {
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(message.len())).collect();
            cuts.sort_unstable();
            let mut parts = Vec::new();
            let mut at = 0;
            for cut in cuts.into_iter().chain([message.len()]) {
                parts.push(&message[at..cut]);
                at = cut;
            }
            proptest::prop_assert_eq!(PreKeyed::new(&key).mac(&parts), reference(&key, &message));
        }
    }

    #[test]
    fn many_small_parts() {
        let key = b"whsec";
        let message: Vec<u8> = (0..300u32).map(|i| i as u8).collect();
        let parts: Vec<&[u8]> = message.chunks(3).collect();
        assert_eq!(PreKeyed::new(key).mac(&parts), reference(key, &message));
    }
}

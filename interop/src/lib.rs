//! Interop tests (`tests/peers.rs`) and side-by-side benchmarks (`benches/`) of hookverify
//! against peer crates. The peers are dependencies of this crate only, so the main crate's
//! build and tests never compile them.
//!
//! The benches share [`interleaved`], the measurement, and [`plain`], the hand-written
//! verifiers they compare hookverify with (tested in `tests/plain.rs`).

use std::hint::black_box;
use std::time::Instant;

/// Times `variants` functions side by side and returns the floor's (variant 0) median
/// time per call in nanoseconds and, for each variant, the median over rounds of its time
/// divided by the floor's time in the same round.
///
/// Each round times a batch of `batch` calls of every variant, in an order that alternates
/// between rounds. Drift in the machine's speed (other tenants, frequency changes) moves
/// both sides of every ratio together, so the ratios repeat to about ±1 % on a noisy VM
/// where separate criterion runs move by ±8 %. `run(i)` makes one call of variant `i` and
/// returns something derived from its result, which is kept from the optimizer.
pub fn interleaved(
    variants: usize,
    batch: usize,
    rounds: usize,
    mut run: impl FnMut(usize) -> usize,
) -> (f64, Vec<f64>) {
    let mut times = vec![Vec::with_capacity(rounds); variants];
    let mut sink = 0usize;
    for round in 0..rounds {
        let mut order: Vec<usize> = (0..variants).collect();
        if round % 2 == 1 {
            order.reverse();
        }
        for i in order {
            let start = Instant::now();
            for _ in 0..batch {
                sink = sink.wrapping_add(run(i));
            }
            times[i].push(start.elapsed().as_nanos() as f64 / batch as f64);
        }
    }
    black_box(sink);
    let floor = median(times[0].clone());
    let ratios = times
        .iter()
        .map(|t| median(t.iter().zip(&times[0]).map(|(t, f)| t / f).collect()))
        .collect();
    (floor, ratios)
}

/// The median of `v`.
pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// `ns` as `123 ns` or `4.56 µs`.
pub fn fmt_ns(ns: f64) -> String {
    if ns >= 1000.0 {
        format!("{:.2} µs", ns / 1000.0)
    } else {
        format!("{ns:.0} ns")
    }
}

/// The headers of a realistic request around `signed` (the provider's own): host, user
/// agent, content type and length, accept, then the signed ones, as the benches look
/// them up.
pub fn request_headers(body_len: usize, signed: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = [
        ("Host", "hooks.example.com"),
        ("User-Agent", "Provider-Hookshot/1a2b3c"),
        ("Content-Type", "application/json"),
        ("Accept", "*/*"),
    ]
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .into();
    headers.push(("Content-Length".into(), body_len.to_string()));
    headers.extend(signed);
    headers
}

/// "Plain" verifiers of the three common forms: what a careful user writes with the same
/// crates as hookverify (`hmac`, `sha2`, `hex`, `base64`, `subtle`) and no tricks.
///
/// Each finds its headers in a list of pairs with `eq_ignore_ascii_case`, splits the
/// value with `strip_prefix` / `split` / `split_once`, parses the timestamp with
/// `str::parse::<i64>` and checks it against `SystemTime::now()`, feeds the signed pieces
/// to a clone of an HMAC keyed once at start-up, encodes the MAC (`hex::encode_to_slice`,
/// base64's `encode_slice`) and compares it with the sent signature with `subtle`'s
/// `ct_eq`. Anything malformed is refused: no panic on request data.
///
/// - [`verify_github`]: `X-Hub-Signature-256: sha256=<hex>` over the body;
/// - [`verify_stripe`]: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]` over
///   `"<t>." + body`, 300 s each way;
/// - [`verify_standard_webhooks`]: `webhook-id`, `webhook-timestamp`,
///   `webhook-signature: v1,<base64>[ v1,<base64>…]` over `"<id>.<t>." + body`, 300 s
///   each way.
///
/// [`verify_github`]: plain::verify_github
/// [`verify_stripe`]: plain::verify_stripe
/// [`verify_standard_webhooks`]: plain::verify_standard_webhooks
pub mod plain {
    use std::time::{SystemTime, UNIX_EPOCH};

    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;
    use hmac::{KeyInit, Mac};
    use subtle::ConstantTimeEq;

    /// HMAC-SHA256.
    pub type HmacSha256 = hmac::Hmac<sha2::Sha256>;

    /// How far a signed timestamp may be from the clock, each way, in seconds.
    pub const TOLERANCE_SECS: u64 = 300;

    /// Why a plain verifier refused a request.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Refused {
        /// A header the form needs is absent.
        MissingHeader,
        /// A header is present but not in the form's format.
        Malformed,
        /// The signed timestamp is more than 300 s from the clock (either way), or the
        /// clock is unreadable.
        OutsideWindow,
        /// No signature matches.
        Mismatch,
    }

    /// The HMAC keyed once with `secret`, to clone per request.
    #[must_use]
    pub fn keyed(secret: &[u8]) -> HmacSha256 {
        // A configuration step, not request data; HMAC takes keys of any length.
        HmacSha256::new_from_slice(secret).expect("HMAC takes keys of any length")
    }

    /// The HMAC keyed with a Standard Webhooks secret, `whsec_<base64 of the key>`; `None`
    /// when `whsec` is not one.
    #[must_use]
    pub fn keyed_whsec(whsec: &str) -> Option<HmacSha256> {
        let key = STANDARD.decode(whsec.strip_prefix("whsec_")?).ok()?;
        Some(keyed(&key))
    }

    /// The value of the first header named `name`, in any case.
    fn header<'a>(headers: &'a [(String, String)], name: &str) -> Result<&'a str, Refused> {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .ok_or(Refused::MissingHeader)
    }

    /// Refuses `t` (unix seconds) when it is more than [`TOLERANCE_SECS`] from the
    /// system clock.
    fn check_window(t: i64) -> Result<(), Refused> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_err(|_| Refused::OutsideWindow)?
            .as_secs();
        let now = i64::try_from(now).map_err(|_| Refused::OutsideWindow)?;
        if now.abs_diff(t) > TOLERANCE_SECS {
            return Err(Refused::OutsideWindow);
        }
        Ok(())
    }

    /// The lowercase hex of the MAC of `pieces`.
    fn hex_mac(keyed: &HmacSha256, pieces: &[&[u8]]) -> [u8; 64] {
        let mut mac = keyed.clone();
        for piece in pieces {
            mac.update(piece);
        }
        let mut hex = [0u8; 64];
        // 32 bytes always fit in 64 hex digits.
        let _ = hex::encode_to_slice(mac.finalize().into_bytes(), &mut hex);
        hex
    }

    /// GitHub's form: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`.
    ///
    /// # Errors
    ///
    /// [`Refused`]: the header is absent or lacks `sha256=`, or the signature differs.
    pub fn verify_github(
        keyed: &HmacSha256,
        body: &[u8],
        headers: &[(String, String)],
    ) -> Result<(), Refused> {
        let sent = header(headers, "X-Hub-Signature-256")?
            .strip_prefix("sha256=")
            .ok_or(Refused::Malformed)?;
        let expected = hex_mac(keyed, &[body]);
        if bool::from(expected.ct_eq(sent.as_bytes())) {
            Ok(())
        } else {
            Err(Refused::Mismatch)
        }
    }

    /// Stripe's form: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]` (other entries
    /// ignored) over `"<t>." + body`, 300 s each way; any `v1` may match.
    ///
    /// # Errors
    ///
    /// [`Refused`]: the header is absent, an entry is not `k=v`, `t` is absent, repeated
    /// or not an integer, no `v1` is given, the timestamp is outside the window, or no
    /// signature matches.
    pub fn verify_stripe(
        keyed: &HmacSha256,
        body: &[u8],
        headers: &[(String, String)],
    ) -> Result<(), Refused> {
        let value = header(headers, "Stripe-Signature")?;
        let mut t = None;
        let mut any_v1 = false;
        for entry in value.split(',') {
            let (k, v) = entry.split_once('=').ok_or(Refused::Malformed)?;
            match k {
                "t" if t.is_some() => return Err(Refused::Malformed),
                "t" => t = Some(v),
                "v1" => any_v1 = true,
                _ => {}
            }
        }
        let t = t.ok_or(Refused::Malformed)?;
        if !any_v1 {
            return Err(Refused::Malformed);
        }
        check_window(t.parse::<i64>().map_err(|_| Refused::Malformed)?)?;
        let expected = hex_mac(keyed, &[t.as_bytes(), b".", body]);
        let mut ok = false;
        for entry in value.split(',') {
            if let Some(("v1", sig)) = entry.split_once('=') {
                ok |= bool::from(expected.ct_eq(sig.as_bytes()));
            }
        }
        if ok { Ok(()) } else { Err(Refused::Mismatch) }
    }

    /// Standard Webhooks: `webhook-id`, `webhook-timestamp` (unix seconds) and
    /// `webhook-signature: v1,<base64>[ v1,<base64>…]` (other versions ignored) over
    /// `"<id>.<t>." + body`, 300 s each way; any `v1` may match.
    ///
    /// # Errors
    ///
    /// [`Refused`]: a header is absent, the timestamp is not an integer or is outside
    /// the window, a signature entry is not `version,signature`, no `v1` is given, or
    /// no signature matches.
    pub fn verify_standard_webhooks(
        keyed: &HmacSha256,
        body: &[u8],
        headers: &[(String, String)],
    ) -> Result<(), Refused> {
        let id = header(headers, "webhook-id")?;
        let t = header(headers, "webhook-timestamp")?;
        let signatures = header(headers, "webhook-signature")?;
        check_window(t.parse::<i64>().map_err(|_| Refused::Malformed)?)?;
        let mut mac = keyed.clone();
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(t.as_bytes());
        mac.update(b".");
        mac.update(body);
        let mut expected = [0u8; 44];
        // 32 bytes always fit in 44 base64 characters.
        let _ = STANDARD.encode_slice(mac.finalize().into_bytes(), &mut expected);
        let mut any_v1 = false;
        let mut ok = false;
        for entry in signatures.split(' ') {
            let (version, sig) = entry.split_once(',').ok_or(Refused::Malformed)?;
            if version == "v1" {
                any_v1 = true;
                ok |= bool::from(expected.ct_eq(sig.as_bytes()));
            }
        }
        if !any_v1 {
            return Err(Refused::Malformed);
        }
        if ok { Ok(()) } else { Err(Refused::Mismatch) }
    }
}

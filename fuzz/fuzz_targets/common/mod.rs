//! What the `jwt`, `sns` and `key_url` targets share: the test keys of
//! `tests/data/gen/fetched_keys_private.pem`, an independent reading of JSON objects (every
//! entry, in order, duplicates kept) and the key-URL rules, written from the providers'
//! documentation with the `url` crate (the WHATWG parser a client uses), not from `src/pin.rs`.
#![allow(dead_code)]

use base64::Engine as _;
use hookverify::{Key, PublicKey, Secret};
use rsa::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _, EncodePublicKey as _};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

const KEYS: &str = include_str!("../../../tests/data/gen/fetched_keys_private.pem");

/// The DER of the PKCS#8 block named `name`.
fn der(name: &str) -> Vec<u8> {
    let start = KEYS
        .find(&format!("# key: {name}\n"))
        .unwrap_or_else(|| panic!("no key {name}"));
    let block = &KEYS[start..];
    let begin = block.find("-----BEGIN PRIVATE KEY-----").unwrap() + 27;
    let end = block.find("-----END PRIVATE KEY-----").unwrap();
    let text: String = block[begin..end].split_whitespace().collect();
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap()
}

/// An RSA test key.
pub struct RsaPair {
    pub private: rsa::PrivateKey,
    /// The private key as PKCS#8 DER: what `Sign` takes.
    pub secret: Secret,
    /// The public key's SubjectPublicKeyInfo DER.
    pub public_der: Vec<u8>,
    pub public: PublicKey,
}

impl RsaPair {
    pub fn key(&self) -> Key {
        Key::from(self.public.clone())
    }
}

pub fn rsa_pair(name: &str) -> RsaPair {
    let private = rsa::PrivateKey::from_pkcs8_der(&der(name)).unwrap();
    let secret = Secret::new(private.to_pkcs8_der().unwrap().as_bytes());
    let public_der = private
        .to_public_key()
        .to_public_key_der()
        .unwrap()
        .as_bytes()
        .to_vec();
    let public = PublicKey::rsa_der(&public_der).unwrap();
    RsaPair {
        private,
        secret,
        public_der,
        public,
    }
}

/// A P-256 test key.
pub struct P256Pair {
    pub private: p256::ecdsa::SigningKey,
    pub secret: Secret,
    pub public_der: Vec<u8>,
    /// The uncompressed SEC1 point.
    pub public_sec1: Vec<u8>,
    pub public: PublicKey,
}

pub fn p256_pair(name: &str) -> P256Pair {
    use p256::pkcs8::EncodePublicKey as _;
    let der = der(name);
    let private = p256::ecdsa::SigningKey::from_pkcs8_der(&der).unwrap();
    let verifying = *private.verifying_key();
    let public_der = verifying.to_public_key_der().unwrap().as_bytes().to_vec();
    let public_sec1 = verifying.to_sec1_point(false).as_bytes().to_vec();
    let public = PublicKey::p256_der(&public_der).unwrap();
    P256Pair {
        private,
        secret: Secret::new(der),
        public_der,
        public_sec1,
        public,
    }
}

/// A JSON object's entries in order, duplicates kept, keys decoded (`"\u0054ype"` is
/// `Type`): what a reader that does not collapse duplicates sees.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entries(pub Vec<(String, serde_json::Value)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Entries;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, serde_json::Value>()? {
                    entries.push((k, v));
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(V)
    }
}

impl Entries {
    pub fn parse(bytes: &[u8]) -> Option<Entries> {
        serde_json::from_slice(bytes).ok()
    }

    /// Every value of `key`.
    pub fn all<'s>(&'s self, key: &'s str) -> impl Iterator<Item = &'s serde_json::Value> + 's {
        self.0.iter().filter(move |(k, _)| k == key).map(|(_, v)| v)
    }

    /// The one value of `key`; `None` when absent, `Some(None)` when repeated.
    pub fn one(&self, key: &str) -> Option<Option<&serde_json::Value>> {
        let mut all = self.0.iter().filter(|(k, _)| k == key).map(|(_, v)| v);
        let first = all.next()?;
        Some(if all.next().is_some() {
            None
        } else {
            Some(first)
        })
    }

    /// The object written back, in order, duplicates kept.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{");
        for (i, (k, v)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&serde_json::Value::from(k.as_str()).to_string());
            out.push(':');
            out.push_str(&v.to_string());
        }
        out.push('}');
        out
    }
}

/// The structural rules every pinned key URL follows, read with the `url` crate: `https`,
/// no username or password, no port, a domain (not an IP address), no query or fragment,
/// and the URL written exactly as it parses (the host's case aside): no normalisation
/// (dot segments, IDNA, stripped tabs or spaces, percent-decoding, backslashes) can make
/// the URL fetched differ from the URL checked.
pub fn structural(raw: &str) -> Option<(url::Url, String)> {
    let url = url::Url::parse(raw).ok()?;
    if url.scheme() != "https"
        || !url.username().is_empty()
        || url.password().is_some()
        || url.port().is_some()
        || url.query().is_some()
        || url.fragment().is_some()
    {
        return None;
    }
    let host = match url.host()? {
        url::Host::Domain(host) => host.to_string(),
        _ => return None,
    };
    // `url.as_str()` is `https://<host><path>` here; the raw text must be that, the
    // host's case aside.
    let path = url.path();
    let written_host = raw.strip_prefix("https://")?.strip_suffix(path)?;
    if !written_host.eq_ignore_ascii_case(&host) || raw.len() != url.as_str().len() {
        return None;
    }
    if written_host.contains('%') || path.contains('%') || raw.contains('\\') {
        return None;
    }
    Some((url, host))
}

/// `^sns\.[a-z]{2}(-[a-z]+)+-[0-9]{1,2}\.amazonaws\.com(\.cn)?$`, case-insensitive, as a
/// byte-by-byte matcher.
pub fn is_sns_host(host: &str) -> bool {
    let h = host.to_ascii_lowercase();
    let b = h.as_bytes();
    let rest = if let Some(r) = b.strip_suffix(b".amazonaws.com.cn") {
        r
    } else if let Some(r) = b.strip_suffix(b".amazonaws.com") {
        r
    } else {
        return false;
    };
    let Some(region) = rest.strip_prefix(b"sns.") else {
        return false;
    };
    // [a-z]{2}
    if region.len() < 2 || !region[..2].iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let mut i = 2;
    // (-[a-z]+)+ then -[0-9]{1,2} at the end.
    let mut words = 0;
    loop {
        if i >= region.len() || region[i] != b'-' {
            return false;
        }
        i += 1;
        let start = i;
        while i < region.len() && region[i].is_ascii_lowercase() {
            i += 1;
        }
        if i > start {
            words += 1;
            continue;
        }
        // Not a word: the number, which ends the region.
        let digits = &region[start..];
        return words >= 1
            && (1..=2).contains(&digits.len())
            && digits.iter().all(u8::is_ascii_digit);
    }
}

/// The SNS rule: structural, an SNS host, a path ending `.pem`.
pub fn sns_url_ok(raw: &str) -> bool {
    structural(raw).is_some_and(|(url, host)| is_sns_host(&host) && url.path().ends_with(".pem"))
}

/// The PayPal rule: structural, one of PayPal's four API hosts, a path
/// `/v1/notifications/certs/[A-Za-z0-9-]+`.
pub fn paypal_url_ok(raw: &str) -> bool {
    structural(raw).is_some_and(|(url, host)| {
        matches!(
            host.as_str(),
            "api.paypal.com"
                | "api-m.paypal.com"
                | "api.sandbox.paypal.com"
                | "api-m.sandbox.paypal.com"
        ) && url
            .path()
            .strip_prefix("/v1/notifications/certs/")
            .is_some_and(|name| {
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
    })
}

/// A header value as the crate's header layer reads it: spaces and tabs around it dropped.
pub fn trim_ows(v: &[u8]) -> &[u8] {
    let ows = |b: &u8| matches!(b, b' ' | b'\t');
    let start = v.iter().position(|b| !ows(b)).unwrap_or(v.len());
    let end = v.iter().rposition(|b| !ows(b)).map_or(start, |e| e + 1);
    &v[start..end]
}

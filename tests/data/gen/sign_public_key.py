"""Public-key vectors made by other implementations than this crate: Ed25519 with PyNaCl
(libsodium, which Discord's Python library uses) and ECDSA P-256/SHA-256 with
`cryptography` (OpenSSL), plus RFC 8032's own Ed25519 test vectors, checked here with PyNaCl.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install pynacl cryptography
    /tmp/venv/bin/python tests/data/gen/sign_public_key.py > tests/data/vectors/public_key.json

The requests are shaped like Discord's (`X-Signature-Ed25519: <hex>` over
`<X-Signature-Timestamp><body>`) and SendGrid's (`X-Twilio-Email-Event-Webhook-Signature:
<base64 DER>` over `<X-Twilio-Email-Event-Webhook-Timestamp><body>`).
"""
import base64
import json

import nacl.signing
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

T = "1700000000"
BODY = b'{"type":1,"id":"ping","application_id":"42"}'

cases = []


def case(name, algorithm, keys, body: bytes, headers, expect="ok", key_index=0, signed="timestamp+body"):
    """`signed`: what the signature covers, `timestamp+body` (the timestamp header's value,
    then the body) or `body`."""
    c = {"name": name, "algorithm": algorithm, "signed": signed, "public_keys": keys,
         "body_hex": body.hex(), "headers": headers, "expect": expect}
    if expect == "ok":
        c["key_index"] = key_index
    cases.append(c)


# ---- Ed25519 (PyNaCl) ----
ED_SIG, ED_TS = "X-Signature-Ed25519", "X-Signature-Timestamp"
signers = [nacl.signing.SigningKey(bytes([i]) * 32) for i in (1, 2, 3)]
pub = [s.verify_key.encode().hex() for s in signers]


def ed(signer, ts, body):
    return signer.sign(ts.encode() + body).signature.hex()


good = ed(signers[0], T, BODY)
case("ed25519 genuine", "ed25519", [pub[0]], BODY, [[ED_SIG, good], [ED_TS, T]])
case("ed25519 rotation: the second key signs", "ed25519", [pub[1], pub[0]], BODY,
     [[ED_SIG, good], [ED_TS, T]], key_index=1)
case("ed25519 other key", "ed25519", [pub[2]], BODY, [[ED_SIG, good], [ED_TS, T]], expect="mismatch")
case("ed25519 body changed", "ed25519", [pub[0]], BODY + b" ", [[ED_SIG, good], [ED_TS, T]],
     expect="mismatch")
case("ed25519 timestamp changed", "ed25519", [pub[0]], BODY, [[ED_SIG, good], [ED_TS, "1700000001"]],
     expect="mismatch")
case("ed25519 signature of timestamp alone", "ed25519", [pub[0]], BODY,
     [[ED_SIG, signers[0].sign(T.encode()).signature.hex()], [ED_TS, T]], expect="mismatch")
case("ed25519 uppercase hex", "ed25519", [pub[0]], BODY, [[ED_SIG, good.upper()], [ED_TS, T]],
     expect="malformed")
case("ed25519 truncated", "ed25519", [pub[0]], BODY, [[ED_SIG, good[:-2]], [ED_TS, T]],
     expect="malformed")
case("ed25519 base64 instead of hex", "ed25519", [pub[0]], BODY,
     [[ED_SIG, base64.b64encode(bytes.fromhex(good)).decode()], [ED_TS, T]], expect="malformed")
case("ed25519 missing timestamp", "ed25519", [pub[0]], BODY, [[ED_SIG, good]], expect="missing_header")
# S + L: the same signature with S not reduced, which RFC 8032 requires refusing.
L = 2**252 + 27742317777372353535851937790883648493
raw = bytes.fromhex(good)
s = int.from_bytes(raw[32:], "little")
if s + L < 2**256:
    malleated = raw[:32] + (s + L).to_bytes(32, "little")
    case("ed25519 non-canonical S (S + L)", "ed25519", [pub[0]], BODY,
         [[ED_SIG, malleated.hex()], [ED_TS, T]], expect="mismatch")

# RFC 8032, section 7.1, tests 1 to 3: public key, message, signature. Checked with PyNaCl.
RFC = [
    ("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
    ("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
    ("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
]
for i, (pk, msg, sig) in enumerate(RFC, 1):
    nacl.signing.VerifyKey(bytes.fromhex(pk)).verify(bytes.fromhex(msg), bytes.fromhex(sig))
    case(f"RFC 8032 test {i}", "ed25519", [pk], bytes.fromhex(msg), [[ED_SIG, sig]], signed="body")
    flipped = bytes.fromhex(sig)[:-1] + bytes([bytes.fromhex(sig)[-1] ^ 1])
    case(f"RFC 8032 test {i}, last bit flipped", "ed25519", [pk], bytes.fromhex(msg),
         [[ED_SIG, flipped.hex()]], expect="mismatch", signed="body")

# ---- ECDSA P-256 / SHA-256 (cryptography, OpenSSL) ----
P_SIG, P_TS = "X-Twilio-Email-Event-Webhook-Signature", "X-Twilio-Email-Event-Webhook-Timestamp"
ec_keys = [ec.derive_private_key(k, ec.SECP256R1()) for k in (0x1234567, 0x89abcdef, 0x13579bdf)]


def spki(key):
    der = key.public_key().public_bytes(serialization.Encoding.DER,
                                        serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(der).decode()


ec_pub = [spki(k) for k in ec_keys]


def ecdsa(key, ts, body):
    return base64.b64encode(key.sign(ts.encode() + body, ec.ECDSA(hashes.SHA256()))).decode()


EVENTS = b'[{"email":"a@example.com","event":"delivered","timestamp":1700000000}]'
good = ecdsa(ec_keys[0], T, EVENTS)
case("p256 genuine", "p256", [ec_pub[0]], EVENTS, [[P_SIG, good], [P_TS, T]])
case("p256 rotation: the second key signs", "p256", [ec_pub[1], ec_pub[0]], EVENTS,
     [[P_SIG, good], [P_TS, T]], key_index=1)
case("p256 other key", "p256", [ec_pub[2]], EVENTS, [[P_SIG, good], [P_TS, T]], expect="mismatch")
case("p256 body changed", "p256", [ec_pub[0]], EVENTS + b"\n", [[P_SIG, good], [P_TS, T]],
     expect="mismatch")
case("p256 timestamp changed", "p256", [ec_pub[0]], EVENTS, [[P_SIG, good], [P_TS, "1700000001"]],
     expect="mismatch")
case("p256 second genuine signature (random k)", "p256", [ec_pub[0]], EVENTS,
     [[P_SIG, ecdsa(ec_keys[0], T, EVENTS)], [P_TS, T]])
# (r, n - s): the same signature with the other S, which ECDSA also accepts.
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551
r, s_ = decode_dss_signature(base64.b64decode(good))
high = base64.b64encode(encode_dss_signature(r, N - s_)).decode()
case("p256 the other S (n - s) verifies too", "p256", [ec_pub[0]], EVENTS, [[P_SIG, high], [P_TS, T]])
case("p256 raw r||s instead of DER", "p256", [ec_pub[0]], EVENTS,
     [[P_SIG, base64.b64encode(r.to_bytes(32, "big") + s_.to_bytes(32, "big")).decode()], [P_TS, T]],
     expect="malformed")
case("p256 not base64", "p256", [ec_pub[0]], EVENTS, [[P_SIG, "not base64!"], [P_TS, T]],
     expect="malformed")
case("p256 hex instead of base64", "p256", [ec_pub[0]], EVENTS,
     [[P_SIG, base64.b64decode(good).hex()], [P_TS, T]], expect="malformed")

print(json.dumps({
    "source": "PyNaCl (libsodium) Ed25519, cryptography (OpenSSL) ECDSA P-256, RFC 8032 7.1; "
              "tests/data/gen/sign_public_key.py",
    "keys": {"ed25519_seeds": "bytes 01*32, 02*32, 03*32",
             "p256_scalars": ["0x1234567", "0x89abcdef", "0x13579bdf"]},
    "cases": cases,
}, indent=1))

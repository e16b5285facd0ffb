"""Vectors for the six providers whose verification keys are fetched or published rather than
shared: AWS SNS and PayPal (X.509 certificates at a URL in the request), Plaid (ES256 JWTs, the
key from a POST to Plaid's API), Google Cloud Pub/Sub push (RS256 OIDC tokens, Google's JWKS),
Vonage signed webhooks (HS256 JWTs with the signature secret) and Standard Webhooks v1a
(Ed25519). Every key and certificate is made here for the tests; none is a provider's.

Run (from the repository root):

    python3 -m venv /tmp/venv-fk && /tmp/venv-fk/bin/pip install \\
        cryptography==43.0.3 pyopenssl==24.2.1 pyjwt==2.15.1 google-auth==2.63.1 \\
        pynacl==1.6.2 standardwebhooks==1.3.0 paypalrestsdk==1.13.3 python-jose==3.5.0 \\
        vonage-jwt==1.1.5 requests==2.34.2
    (cd tests/data/gen/node_fetched && npm install)     # sns-validator, @vonage/jwt (node >= 20)
    /tmp/venv-fk/bin/python tests/data/gen/sign_fetched_keys.py   # writes tests/data/vectors/fetched_keys.json

(pyopenssl 24.2.1, and so cryptography < 44, because paypalrestsdk calls OpenSSL.crypto.verify,
which later pyOpenSSL releases removed.)

Who judged what (each row's `judge` names it; `judge_says` is that code's answer, never ours):
- sns: npm sns-validator 0.3.5 (aws/aws-js-sns-message-validator) MessageValidator.validate,
  its certificate download stubbed to serve `documents` (and the genuine certificate at any other
  URL, so an odd URL is refused by the validator's own URL rule), plus the TopicArn allow-list
  AWS's docs ask for. See fetched_keys_judge.mjs.
- paypal: PyPI paypalrestsdk 1.13.3 WebhookEvent.verify (PayPal's own SDK; it verifies locally:
  CRC32, pyOpenSSL signature check, chain of trust, CN, expiry), its requests.get stubbed the same
  way and its trust store pointed at this script's test root instead of DigiCert's.
- plaid: Plaid's published Python sample (gist skylarmb/0cecf20afe16ba1959681c838ce9b3a2, linked
  from plaid.com/docs/api/webhooks/webhook-verification/), python-jose 3.5.0 jwt.decode, run
  as written with its key fetch answered from `documents`.
- pubsub: google-auth 2.63.1 google.oauth2.id_token.verify_oauth2_token (signature, aud, exp,
  iat, iss) with a fake transport serving Google's v1 certificate map made from the same keys as
  the v3 JWKS document, the token taken as Google's push samples do, plus the email and
  email_verified checks Pub/Sub's docs describe.
- vonage: npm @vonage/jwt 1.17.1 verifySignature per secret plus the docs' payload_hash check
  (fetched_keys_judge.mjs); PyPI vonage-jwt 1.1.5 verify_signature is run too and any
  disagreement is printed to stderr.
- standard_webhooks: standardwebhooks 1.3.0 (PyPI) Webhook.verify for each whsec_ secret, and for
  each whpk_ key PyNaCl 1.6.2 VerifyKey.verify over `<webhook-id>.<webhook-timestamp>.<body>`
  following the spec (the released libraries have no v1a yet), with the spec libraries'
  5-minute timestamp tolerance.

Deterministic: the RSA and EC keys are in fetched_keys_private.pem (made once), certificates
have fixed serials and dates, RSA PKCS#1 v1.5, HMAC and Ed25519 signatures are deterministic and
so is every timestamp. Only the ES256 (Plaid) signatures change from run to run.
"""
import base64
import contextlib
import datetime
import hashlib
import hmac
import io
import json
import os
import subprocess
import sys
import tempfile
import warnings
import zlib

import jwt as pyjwt
import nacl.signing
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding
from cryptography.x509.oid import NameOID

warnings.filterwarnings("ignore", message="The HMAC key is")
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
OUT = os.path.join(ROOT, "tests", "data", "vectors", "fetched_keys.json")
NOW = 1765000000  # 2025-12-06T05:46:40Z


def versions():
    from importlib.metadata import version
    names = ["cryptography", "pyopenssl", "pyjwt", "google-auth", "pynacl", "standardwebhooks",
             "paypalrestsdk", "python-jose", "vonage-jwt"]
    return {n: version(n) for n in names}


V = versions()


def load_keys():
    keys, name, block = {}, None, []
    with open(os.path.join(HERE, "fetched_keys_private.pem")) as f:
        for line in f:
            if line.startswith("# key: "):
                name = line[len("# key: "):].strip()
            elif line.startswith("-----BEGIN"):
                block = [line]
            elif line.startswith("-----END"):
                block.append(line)
                keys[name] = serialization.load_pem_private_key("".join(block).encode(), None)
                block = []
            elif block:
                block.append(line)
    return keys


K = load_keys()


def utc(y, m, d):
    return datetime.datetime(y, m, d, tzinfo=datetime.timezone.utc)


def cert(key, cn, serial, not_before, not_after, issuer_key=None, issuer_name=None, ca=False):
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    b = (x509.CertificateBuilder()
         .subject_name(subject)
         .issuer_name(issuer_name or subject)
         .public_key(key.public_key())
         .serial_number(serial)
         .not_valid_before(not_before)
         .not_valid_after(not_after)
         .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    c = b.sign(issuer_key or key, hashes.SHA256())
    return c.public_bytes(serialization.Encoding.PEM).decode()


def b64(data):
    return base64.b64encode(data).decode()


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def iso(ts, millis=0):
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + \
        ".%03dZ" % millis


documents = []
cases = []
node_tasks = []


def document(url, body, method="GET", content_type="application/x-pem-file", request_body=None):
    documents.append({"url": url, "method": method, "content_type": content_type, "body": body,
                      "request_body": request_body})


def case(name, provider, config, secrets, body, headers, expect, judge, says, now=NOW, key_index=0,
         why=None):
    c = {"name": name, "provider": provider, "config": config, "secrets": secrets, "body": body,
         "headers": headers, "now": now, "expect": expect}
    if expect == "ok":
        c["key_index"] = key_index
    c["judge"] = judge
    c["judge_says"] = says
    if (expect == "ok") != says:
        if not why:
            raise SystemExit(f"{name}: expect {expect} but the judge says {says}, and no reason given")
        c["differs"] = why
    elif why:
        raise SystemExit(f"{name}: a `differs` reason given where the judge agrees")
    cases.append(c)
    return c


def quiet(f, *a, **kw):
    """Runs f with its prints (the SDKs print their errors) kept off stdout."""
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            return f(*a, **kw)
        except Exception:
            return False


# =============================================================================================
# AWS SNS
# =============================================================================================
SNS_KEY, SNS_OTHER = K["sns_genuine"], K["sns_other"]
SNS_CERT = cert(SNS_KEY, "sns.amazonaws.com", 0x5E5A01, utc(2025, 1, 1), utc(2027, 1, 1))
SNS_CERT_EXPIRED = cert(SNS_KEY, "sns.amazonaws.com", 0x5E5A02, utc(2024, 1, 1), utc(2025, 6, 1))
CERT_PATH = "/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem"
SNS_URL = "https://sns.us-east-1.amazonaws.com" + CERT_PATH
SNS_URL_CN = "https://sns.cn-north-1.amazonaws.com.cn" + CERT_PATH
SNS_URL_GOV = "https://sns.us-gov-west-1.amazonaws.com" + CERT_PATH
SNS_URL_EXPIRED = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-01d088a6f77103d0fe307c0069e40ed6.pem"
for u in (SNS_URL, SNS_URL_CN, SNS_URL_GOV):
    document(u, SNS_CERT)
document(SNS_URL_EXPIRED, SNS_CERT_EXPIRED)

TOPIC = "arn:aws:sns:us-east-1:123456789012:hookverify-orders"
TOPIC_CN = "arn:aws-cn:sns:cn-north-1:123456789012:hookverify-orders"
TOPIC_GOV = "arn:aws-us-gov:sns:us-gov-west-1:123456789012:hookverify-orders"
SUB_ID = "c9135db0-26c4-47ec-8998-413945fb5a96"
TOKEN = ("2336412f37fb687f5d51e6e2425c464de12884c3a5a4f2d8e3a8d1a2f6b0c4c1e2f3a4b5c6d7e8f9"
         "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607182")
SIGNABLE = {
    "Notification": ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"],
    "SubscriptionConfirmation": ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token",
                                 "TopicArn", "Type"],
    "UnsubscribeConfirmation": ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token",
                                "TopicArn", "Type"],
}


def sns_string_to_sign(m):
    return "".join(f"{k}\n{m[k]}\n" for k in SIGNABLE[m["Type"]] if k in m).encode()


def sns_message(kind, version, *, subject=True, topic=TOPIC, url=SNS_URL, ts=NOW - 10,
                key=SNS_KEY, digest=None, region="us-east-1", msg_id="4d4dc071-ddbf-465d-bba8-08f81c89da64"):
    host = f"sns.{region}.amazonaws.com" + (".cn" if region.startswith("cn-") else "")
    m = {"Type": kind, "MessageId": msg_id, "TopicArn": topic}
    if kind == "Notification":
        if subject:
            m["Subject"] = "Order shipped — café №7"
        m["Message"] = '{"order":"A-1001","status":"shipped","note":"line one\\nline \\"two\\""}\nand a second line'
    else:
        m["Token"] = TOKEN
        word = "confirm the subscription" if kind == "SubscriptionConfirmation" else "resubscribe"
        m["Message"] = (f"You have chosen to {word} to the topic {topic}.\n"
                        "To confirm the subscription, visit the SubscribeURL included in this message.")
        m["SubscribeURL"] = (f"https://{host}/?Action=ConfirmSubscription&TopicArn={topic}"
                             f"&Token={TOKEN}")
    m["Timestamp"] = iso(ts, 123)
    m["SignatureVersion"] = str(version)
    if digest is None:
        digest = hashes.SHA1() if str(version) == "1" else hashes.SHA256()
    m["Signature"] = b64(key.sign(sns_string_to_sign(m), padding.PKCS1v15(), digest))
    m["SigningCertURL"] = url
    if kind == "Notification":
        m["UnsubscribeURL"] = (f"https://{host}/?Action=Unsubscribe&SubscriptionArn={topic}:{SUB_ID}")
        m["MessageAttributes"] = {"priority": {"Type": "String", "Value": "high"}}
    return m


def sns_body(m):
    # SNS posts its JSON pretty-printed, `"Key" : value`, two-space indents, UTF-8 as is.
    return json.dumps(m, indent=2, separators=(",", " : "), ensure_ascii=False)


def sns_headers(m, drop_topic=False):
    h = [["x-amz-sns-message-type", m.get("Type", "Notification")],
         ["x-amz-sns-message-id", m.get("MessageId", "")]]
    if not drop_topic and "TopicArn" in m:
        h.append(["x-amz-sns-topic-arn", m["TopicArn"]])
    if m.get("Type") in ("Notification", "UnsubscribeConfirmation"):
        h.append(["x-amz-sns-subscription-arn", f"{m.get('TopicArn', TOPIC)}:{SUB_ID}"])
    h += [["Content-Type", "text/plain; charset=UTF-8"],
          ["User-Agent", "Amazon Simple Notification Service Agent"]]
    return h


sns_rows = []


def sns_case(name, m_or_body, expect, topic_arns=None, why=None, now=NOW, headers=None):
    body = m_or_body if isinstance(m_or_body, str) else sns_body(m_or_body)
    m = m_or_body if isinstance(m_or_body, dict) else {}
    sns_rows.append(dict(name=name, body=body, headers=headers or sns_headers(m), expect=expect,
                         topic_arns=topic_arns, why=why, now=now))


def edit(m, **changes):
    m = dict(m)
    for k, v in changes.items():
        if v is None:
            m.pop(k, None)
        else:
            m[k] = v
    return m


n1 = sns_message("Notification", 1)
n2 = sns_message("Notification", 2)
sns_case("sns v1 notification with subject genuine", n1, "ok")
sns_case("sns v2 notification with subject genuine, topic allow-listed", n2, "ok",
         topic_arns=[TOPIC, "arn:aws:sns:us-east-1:123456789012:other"])
sns_case("sns v1 notification without subject genuine", sns_message("Notification", 1, subject=False), "ok")
sns_case("sns v2 notification without subject genuine", sns_message("Notification", 2, subject=False), "ok")
sns_case("sns v1 subscription confirmation genuine", sns_message("SubscriptionConfirmation", 1), "ok")
sns_case("sns v2 subscription confirmation genuine", sns_message("SubscriptionConfirmation", 2), "ok")
sns_case("sns v2 unsubscribe confirmation genuine (Token signed, as AWS documents)",
         sns_message("UnsubscribeConfirmation", 2), "ok",
         why="sns-validator 0.3.5 builds the string to sign of an UnsubscribeConfirmation with the "
             "Notification key list, which has no Token, so it refuses a message signed as AWS "
             "documents (Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn, Type for "
             "both confirmation types); AWS's PHP and Ruby validators sign Token whenever present.")
sns_case("sns v1 unsubscribe confirmation genuine (Token signed, as AWS documents)",
         sns_message("UnsubscribeConfirmation", 1), "ok",
         why="sns-validator 0.3.5 leaves Token out of an UnsubscribeConfirmation's string to sign "
             "(see the v2 row); AWS documents it in.")
sns_case("sns v2 notification from china region (amazonaws.com.cn cert host)",
         sns_message("Notification", 2, topic=TOPIC_CN, url=SNS_URL_CN, region="cn-north-1"), "ok",
         topic_arns=[TOPIC_CN])
sns_case("sns v1 notification from govcloud (sns.us-gov-west-1.amazonaws.com cert host)",
         sns_message("Notification", 1, topic=TOPIC_GOV, url=SNS_URL_GOV, region="us-gov-west-1"), "ok")
sns_case("sns v2 notification with a two-day-old Timestamp (no AWS validator checks it)",
         sns_message("Notification", 2, ts=NOW - 2 * 86400), "ok")
sns_case("sns v2 notification: MessageAttributes and UnsubscribeURL are not signed (changed)",
         edit(n2, MessageAttributes={"priority": {"Type": "String", "Value": "low"}},
              UnsubscribeURL="https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&x=1"), "ok")
# -- bad rows --
sns_case("sns v1 notification with Message tampered", edit(n1, Message="{\"order\":\"A-1001\",\"status\":\"refunded\"}"),
         "mismatch")
sns_case("sns v2 notification with Message tampered", edit(n2, Message=n2["Message"] + " "), "mismatch")
sns_case("sns v2 notification with Subject changed", edit(n2, Subject="Order cancelled"), "mismatch")
sns_case("sns v2 notification with the signed Subject removed", edit(n2, Subject=None), "mismatch")
sns_case("sns v2 notification with TopicArn changed", edit(n2, TopicArn="arn:aws:sns:us-east-1:123456789012:other"),
         "mismatch")
sns_case("sns v2 notification with Timestamp changed", edit(n2, Timestamp=iso(NOW - 9, 123)), "mismatch")
sns_case("sns v2 notification signed by another key than the certificate's",
         sns_message("Notification", 2, key=SNS_OTHER), "mismatch")
sns_case("sns v1 notification with a SHA-256 signature (version says SHA-1)",
         sns_message("Notification", 1, digest=hashes.SHA256()), "mismatch")
sns_case("sns v2 notification with a SHA-1 signature (version says SHA-256)",
         sns_message("Notification", 2, digest=hashes.SHA1()), "mismatch")
sns_case("sns SignatureVersion 3", sns_message("Notification", 3, digest=hashes.SHA256()), "malformed")
sns_case("sns SignatureVersion missing", edit(n2, SignatureVersion=None), "missing")
sns_case("sns Signature missing", edit(n2, Signature=None), "missing")
sns_case("sns Signature garbled base64", edit(n2, Signature="!!not*base64$$" + n2["Signature"][14:]), "malformed")
sns_case("sns SigningCertURL missing", edit(n2, SigningCertURL=None), "missing")
sns_case("sns TopicArn missing (signature made without it)",
         edit(sns_message("Notification", 2), TopicArn=None), "missing")
m_nt = {k: v for k, v in sns_message("Notification", 2).items()}
m_nt.pop("TopicArn")
m_nt["Signature"] = b64(SNS_KEY.sign(sns_string_to_sign(m_nt), padding.PKCS1v15(), hashes.SHA256()))
sns_case("sns TopicArn missing (signature made over the fields present)", m_nt, "missing")
sns_case("sns Type missing", edit(n2, Type=None), "missing")
sns_case("sns Type unknown", edit(n2, Type="Announcement"), "malformed")
sns_case("sns body is not JSON", "Type=Notification&Message=hello", "malformed")
sns_case("sns topic not in the allow-list", n2, "claims",
         topic_arns=["arn:aws:sns:us-east-1:123456789012:other"])
sns_case("sns certificate expired (notAfter 2025-06-01)",
         sns_message("Notification", 2, url=SNS_URL_EXPIRED), "expired_key",
         why="sns-validator never looks at the certificate's validity dates; AWS's Java SDK "
             "SnsMessageManager does (X509Certificate.checkValidity), and a certificate outside "
             "its validity is one hookverify refuses.")
for label, url, why in [
    ("cert URL over http", "http://sns.us-east-1.amazonaws.com" + CERT_PATH, None),
    ("cert URL on sns.us-east-1.amazonaws.com.evil.example",
     "https://sns.us-east-1.amazonaws.com.evil.example" + CERT_PATH, None),
    ("cert URL with userinfo", "https://evil.example@sns.us-east-1.amazonaws.com" + CERT_PATH,
     "sns-validator tests url.parse(...).host, which leaves the userinfo out, so it accepts the "
     "URL (and would fetch from the right host); hookverify refuses any userinfo in a cert URL."),
    ("cert URL with a port", "https://sns.us-east-1.amazonaws.com:8443" + CERT_PATH, None),
    ("cert URL with port 443 spelled out", "https://sns.us-east-1.amazonaws.com:443" + CERT_PATH, None),
    ("cert URL on an IP literal", "https://54.239.26.128" + CERT_PATH, None),
    ("cert URL on an IPv6 literal", "https://[2600:1f18::1]" + CERT_PATH, None),
    ("cert URL on amazonaws.com-evil.example lookalike", "https://sns.us-east-1.amazonaws.com-evil.example" + CERT_PATH, None),
    ("cert URL on sns-us-east-1.amazonaws.com lookalike", "https://sns-us-east-1.amazonaws.com" + CERT_PATH, None),
    ("cert URL on amazonaws.co lookalike", "https://sns.us-east-1.amazonaws.co" + CERT_PATH, None),
    ("cert URL on amazonaws.com.cn.evil.example lookalike", "https://sns.cn-north-1.amazonaws.com.cn.evil.example" + CERT_PATH, None),
    ("cert URL on a nested host sns.evil.us-east-1.amazonaws.com", "https://sns.evil.us-east-1.amazonaws.com" + CERT_PATH, None),
    ("cert URL on an S3 website-style host sns.s3-external-1.amazonaws.com",
     "https://sns.s3-external-1.amazonaws.com" + CERT_PATH,
     "AWS's validators (this one and the PHP, Ruby and .NET ones) accept any host matching "
     "^sns\\.[a-zA-Z0-9\\-]{3,}\\.amazonaws\\.com(\\.cn)?$, which this legacy S3 host (bucket "
     "'sns') does; hookverify asks the label between sns. and amazonaws.com to be region-shaped "
     "([a-z]{2}(-[a-z]+)+-[0-9]+), which s3-external-1 is not."),
    ("cert URL on uppercase host SNS.US-EAST-1.AMAZONAWS.COM", "https://SNS.US-EAST-1.AMAZONAWS.COM" + CERT_PATH, None),
    ("cert URL path not ending in .pem", "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.crt", None),
    ("cert URL with a query string", "https://sns.us-east-1.amazonaws.com/x.pem?Action=GetEndpointAttributes", None),
    ("cert URL with a fragment", SNS_URL + "#x.pem",
     "sns-validator tests url.parse(...).path, which leaves the fragment out, so it accepts the URL; "
     "no SNS certificate URL has a fragment and hookverify refuses one."),
]:
    expect = "ok" if "uppercase" in label else "untrusted_url"
    sns_case("sns " + label, sns_message("Notification", 2, url=url), expect, why=why)

for i, row in enumerate(sns_rows):
    node_tasks.append({"id": f"sns{i}", "kind": "sns", "body": row["body"], "topic_arns": row["topic_arns"]})

# =============================================================================================
# PayPal
# =============================================================================================
PP_CA_KEY, PP_KEY, PP_OTHER = K["paypal_ca"], K["paypal_leaf"], K["paypal_other"]
PP_CA_NAME = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hookverify test root (not DigiCert, not PayPal)")])
PP_CA = cert(PP_CA_KEY, "hookverify test root (not DigiCert, not PayPal)", 0x9A1, utc(2024, 1, 1), utc(2040, 1, 1), ca=True)


def pp_leaf(cn, serial, nb, na, key=PP_KEY):
    return cert(key, cn, serial, nb, na, issuer_key=PP_CA_KEY, issuer_name=PP_CA_NAME)


PP_LIVE = pp_leaf("messageverificationcerts.paypal.com", 0x9A2, utc(2025, 1, 1), utc(2035, 1, 1)) + PP_CA
PP_SANDBOX = pp_leaf("messageverificationcerts.sandbox.paypal.com", 0x9A3, utc(2025, 1, 1), utc(2035, 1, 1)) + PP_CA
PP_EXPIRED = pp_leaf("messageverificationcerts.paypal.com", 0x9A4, utc(2024, 1, 1), utc(2025, 6, 1)) + PP_CA
CERT_ID = "/v1/notifications/certs/CERT-360caa42-fca2a594-7a8abba8"
PP_URLS = {
    "live": "https://api.paypal.com" + CERT_ID,
    "live_m": "https://api-m.paypal.com" + CERT_ID,
    "sandbox": "https://api.sandbox.paypal.com" + CERT_ID,
    "sandbox_m": "https://api-m.sandbox.paypal.com" + CERT_ID,
    "expired": "https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-0d1e2f3a",
}
for k, u in PP_URLS.items():
    document(u, PP_SANDBOX if k.startswith("sandbox") else PP_EXPIRED if k == "expired" else PP_LIVE)

WEBHOOK_ID = "8PT597110X687430LKGECATA"
TID = "69cd13f0-d67a-11e5-baa3-778b53f4ae55"
TTIME = "2025-12-06T05:46:38Z"


def pp_event(high_bit):
    for n in range(1000):
        body = json.dumps({
            "id": f"WH-2WR32451HC0233532-67976317FL4543{n:03d}", "event_version": "1.0",
            "create_time": "2025-12-06T05:46:30.254Z", "resource_type": "capture",
            "resource_version": "2.0", "event_type": "PAYMENT.CAPTURE.COMPLETED",
            "summary": "Payment completed for € 7.47 EUR",
            "resource": {"id": "42311647XV020574X", "status": "COMPLETED",
                         "amount": {"currency_code": "EUR", "value": "7.47"}},
            "links": [{"href": "https://api.paypal.com/v1/notifications/webhooks-events/WH-2WR32451HC0233532",
                       "rel": "self", "method": "GET"}],
        }, separators=(",", ":"), ensure_ascii=False)
        if (zlib.crc32(body.encode()) >= 2 ** 31) == high_bit:
            return body
    raise SystemExit("no body found")


PP_BODY = pp_event(True)       # CRC32 >= 2^31: unsigned and signed decimals differ
PP_BODY_LOW = pp_event(False)


def pp_sign(body, *, tid=TID, ttime=TTIME, webhook_id=WEBHOOK_ID, key=PP_KEY, digest=hashes.SHA256(), crc=None):
    if crc is None:
        crc = zlib.crc32(body.encode())
    msg = f"{tid}|{ttime}|{webhook_id}|{crc}".encode()
    return b64(key.sign(msg, padding.PKCS1v15(), digest))


def pp_headers(sig, url=PP_URLS["live"], algo="SHA256withRSA", tid=TID, ttime=TTIME, drop=()):
    h = [["PAYPAL-TRANSMISSION-ID", tid], ["PAYPAL-TRANSMISSION-TIME", ttime],
         ["PAYPAL-TRANSMISSION-SIG", sig], ["PAYPAL-CERT-URL", url], ["PAYPAL-AUTH-ALGO", algo],
         ["Content-Type", "application/json"]]
    return [x for x in h if x[0] not in drop]


pp_rows = []


def pp_case(name, body, headers, expect, webhook_id=WEBHOOK_ID, why=None, now=NOW):
    pp_rows.append(dict(name=name, body=body, headers=headers, expect=expect, webhook_id=webhook_id,
                        why=why, now=now))


SIG = pp_sign(PP_BODY)
pp_case("paypal live api.paypal.com genuine (body CRC32 >= 2^31)", PP_BODY, pp_headers(SIG), "ok")
pp_case("paypal live genuine (body CRC32 < 2^31)", PP_BODY_LOW, pp_headers(pp_sign(PP_BODY_LOW)), "ok")
pp_case("paypal live api-m.paypal.com genuine", PP_BODY, pp_headers(SIG, PP_URLS["live_m"]), "ok")
pp_case("paypal sandbox api.sandbox.paypal.com genuine", PP_BODY, pp_headers(SIG, PP_URLS["sandbox"]), "ok")
pp_case("paypal sandbox api-m.sandbox.paypal.com genuine", PP_BODY, pp_headers(SIG, PP_URLS["sandbox_m"]), "ok")
pp_case("paypal header names in lowercase", PP_BODY,
        [[k.lower(), v] for k, v in pp_headers(SIG)], "ok")
pp_case("paypal transmission two days old (PayPal documents no window; it retries for 3 days)",
        PP_BODY, pp_headers(pp_sign(PP_BODY, ttime="2025-12-04T05:46:38Z"), ttime="2025-12-04T05:46:38Z"), "ok")
# -- bad rows --
pp_case("paypal signature over the signed (negative) CRC32 decimal", PP_BODY,
        pp_headers(pp_sign(PP_BODY, crc=zlib.crc32(PP_BODY.encode()) - 2 ** 32)), "mismatch")
pp_case("paypal signature over the CRC32 in hex", PP_BODY,
        pp_headers(pp_sign(PP_BODY, crc="%08x" % zlib.crc32(PP_BODY.encode()))), "mismatch")
pp_case("paypal wrong webhook id configured", PP_BODY, pp_headers(SIG), "mismatch", webhook_id="1JE4291016473214C")
pp_case("paypal body changed", PP_BODY.replace("7.47", "747.00"), pp_headers(SIG), "mismatch")
pp_case("paypal body with a trailing newline", PP_BODY + "\n", pp_headers(SIG), "mismatch")
pp_case("paypal transmission id changed", PP_BODY, pp_headers(SIG, tid="69cd13f0-d67a-11e5-baa3-778b53f4ae56"), "mismatch")
pp_case("paypal transmission time changed", PP_BODY, pp_headers(SIG, ttime="2025-12-06T05:46:39Z"), "mismatch")
pp_case("paypal signed by another key than the certificate's", PP_BODY,
        pp_headers(pp_sign(PP_BODY, key=PP_OTHER)), "mismatch")
pp_case("paypal auth algo SHA1withRSA with a genuine SHA-1 signature", PP_BODY,
        pp_headers(pp_sign(PP_BODY, digest=hashes.SHA1()), algo="SHA1withRSA"), "claims",
        why="paypalrestsdk maps SHA1withRSA to sha1WithRSAEncryption and verifies with it (PayPal's "
            "Java SDK likewise passes the header to Signature.getInstance); PayPal documents and "
            "sends SHA256withRSA only, and hookverify refuses a downgrade to SHA-1.")
pp_case("paypal auth algo SHA1withRSA over a SHA-256 signature", PP_BODY, pp_headers(SIG, algo="SHA1withRSA"), "claims")
pp_case("paypal auth algo SHA512withRSA", PP_BODY,
        pp_headers(pp_sign(PP_BODY, digest=hashes.SHA512()), algo="SHA512withRSA"), "claims")
pp_case("paypal auth algo lowercase sha256withrsa", PP_BODY, pp_headers(SIG, algo="sha256withrsa"), "claims")
pp_case("paypal auth algo missing", PP_BODY, pp_headers(SIG, drop=("PAYPAL-AUTH-ALGO",)), "missing")
pp_case("paypal transmission sig missing", PP_BODY, pp_headers(SIG, drop=("PAYPAL-TRANSMISSION-SIG",)), "missing")
pp_case("paypal transmission id missing", PP_BODY, pp_headers(SIG, drop=("PAYPAL-TRANSMISSION-ID",)), "missing")
pp_case("paypal transmission time missing", PP_BODY, pp_headers(SIG, drop=("PAYPAL-TRANSMISSION-TIME",)), "missing")
pp_case("paypal cert url missing", PP_BODY, pp_headers(SIG, drop=("PAYPAL-CERT-URL",)), "missing")
pp_case("paypal transmission sig garbled base64", PP_BODY, pp_headers("%%%" + SIG[3:]), "malformed")
pp_case("paypal certificate expired (notAfter 2025-06-01)", PP_BODY, pp_headers(SIG, PP_URLS["expired"]), "expired_key")
PP_SDK_NO_URL_CHECK = ("paypalrestsdk downloads the certificate from whatever PAYPAL-CERT-URL says (no "
                       "host, scheme or path check; it relies on the DigiCert chain and the "
                       "'.paypal.com' CN instead), and here that URL served the genuine chain; "
                       "hookverify only fetches from PayPal's pinned hosts over https.")
for label, url in [
    ("cert URL over http", "http://api.paypal.com" + CERT_ID),
    ("cert URL on api.paypal.com.evil.example", "https://api.paypal.com.evil.example" + CERT_ID),
    ("cert URL on evil-paypal.com", "https://evil-paypal.com" + CERT_ID),
    ("cert URL on www.paypal.com", "https://www.paypal.com" + CERT_ID),
    ("cert URL on a paypal.com subdomain not serving certs", "https://uploads.paypal.com" + CERT_ID),
    ("cert URL with userinfo", "https://evil.example@api.paypal.com" + CERT_ID),
    ("cert URL with a port", "https://api.paypal.com:8443" + CERT_ID),
    ("cert URL on an IP literal", "https://151.101.1.21" + CERT_ID),
    ("cert URL outside /v1/notifications/certs/", "https://api.paypal.com/v1/oauth2/token"),
]:
    pp_case("paypal " + label, PP_BODY, pp_headers(SIG, url), "untrusted_url", why=PP_SDK_NO_URL_CHECK)


# =============================================================================================
# Plaid
# =============================================================================================
def jwk_ec(key):
    n = key.public_key().public_numbers()
    return b64url(n.x.to_bytes(32, "big")), b64url(n.y.to_bytes(32, "big"))


PLAID = {"client_id": "5f2b0f6c9a1b2c001234abcd", "secret": "0a1b2c3d4e5f60718293a4b5c6d7e8"}
PLAID_PROD = {"client_id": "5f2b0f6c9a1b2c001234abcd", "secret": "f9e8d7c6b5a4938271605f4e3d2c1b"}
PLAID_KIDS = {
    "plaid_current": ("bfbd5111-8e33-4643-8ced-b2e642a72f3c", 1560466150, None),
    "plaid_rotated": ("6c5516e1-92dc-479e-a8ff-5a51992e0001", 1560466143, NOW - 86400),
    "plaid_retiring": ("0f1e2d3c-4b5a-4968-8778-a6b5c4d3e2f1", 1700000000, NOW + 86400),
}
PLAID_UNLISTED_KID = "deadbeef-0000-4000-8000-000000000000"
PLAID_ENDPOINT = {"sandbox": "https://sandbox.plaid.com/webhook_verification_key/get",
                  "production": "https://production.plaid.com/webhook_verification_key/get"}
plaid_docs = {}
for env, creds in (("sandbox", PLAID), ("production", PLAID_PROD)):
    for name, (kid, created, expired) in PLAID_KIDS.items():
        x, y = jwk_ec(K[name])
        resp = {"key": {"alg": "ES256", "created_at": created, "crv": "P-256", "expired_at": expired,
                        "kid": kid, "kty": "EC", "use": "sig", "x": x, "y": y},
                "request_id": "HvfCtrDLG1ihcp" + str(len(plaid_docs))}
        req = json.dumps({"client_id": creds["client_id"], "secret": creds["secret"], "key_id": kid},
                         separators=(",", ":"))
        text = json.dumps(resp, indent=2)
        document(PLAID_ENDPOINT[env], text, method="POST", content_type="application/json", request_body=req)
        plaid_docs[(PLAID_ENDPOINT[env], req)] = text

PLAID_BODY = json.dumps({"environment": "sandbox", "error": None, "item_id": "yxQbxDjnD8hr69pKbQpbcKeVn3GL9QuyA7NV3",
                         "new_transactions": 390, "webhook_code": "HISTORICAL_UPDATE",
                         "webhook_type": "TRANSACTIONS"}, indent=2)  # Plaid posts indented JSON


def plaid_token(body, *, key="plaid_current", kid=None, iat=NOW - 30, alg="ES256", claims=None, header=None):
    kid = kid or PLAID_KIDS[key][0]
    c = {"iat": iat, "request_body_sha256": hashlib.sha256(body.encode()).hexdigest()}
    if claims:
        c.update(claims)
        c = {k: v for k, v in c.items() if v is not None}
    h = {"alg": alg, "kid": kid, "typ": "JWT"}
    if header is not None:
        h = header
    if alg == "ES256":
        return pyjwt.encode(c, K[key], algorithm="ES256", headers={k: v for k, v in h.items() if k != "alg"})
    si = b64url(json.dumps(h, separators=(",", ":")).encode()) + "." + b64url(json.dumps(c, separators=(",", ":")).encode())
    if alg == "none":
        return si + "."
    secret = json.dumps({"x": jwk_ec(K[key])[0]}).encode() if alg == "HS256" else b""
    return si + "." + b64url(hmac.new(secret, si.encode(), hashlib.sha256).digest())


plaid_rows = []


def plaid_case(name, body, token, expect, env="sandbox", why=None, now=NOW, header_name="Plaid-Verification"):
    creds = PLAID if env == "sandbox" else PLAID_PROD
    headers = [["Content-Type", "application/json"]]
    if token is not None:
        headers.append([header_name, token])
    plaid_rows.append(dict(name=name, body=body, headers=headers, expect=expect, env=env, why=why, now=now,
                           config={"client_id": creds["client_id"], "secret": creds["secret"], "environment": env}))


PT = plaid_token(PLAID_BODY)
plaid_case("plaid sandbox genuine", PLAID_BODY, PT, "ok")
plaid_case("plaid production genuine", PLAID_BODY, plaid_token(PLAID_BODY), "ok", env="production")
plaid_case("plaid iat exactly 5 minutes old", PLAID_BODY, plaid_token(PLAID_BODY, iat=NOW - 300), "ok")
plaid_case("plaid header name lowercase (HTTP/2)", PLAID_BODY, PT, "ok", header_name="plaid-verification",
           why="Plaid's sample reads headers.get('Plaid-Verification') from a plain dict, so it "
               "misses the lowercase name; Plaid's docs say to match the header case-insensitively "
               "(HTTP/2 headers are always lowercase).")
plaid_case("plaid key with expired_at in the future (not yet expired)", PLAID_BODY,
           plaid_token(PLAID_BODY, key="plaid_retiring"), "ok",
           why="Plaid's sample rejects any key whose expired_at is not null, whatever its value; "
               "Plaid documents expired_at as 'the timestamp when the key expired', and hookverify "
               "refuses a key only once that time has passed.")
# -- bad rows --
plaid_case("plaid body changed", PLAID_BODY.replace("390", "391"), PT, "claims")
plaid_case("plaid body re-serialized compactly", json.dumps(json.loads(PLAID_BODY), separators=(",", ":")), PT, "claims")
plaid_case("plaid iat 5 minutes and 1 second old", PLAID_BODY, plaid_token(PLAID_BODY, iat=NOW - 301), "stale")
plaid_case("plaid iat a day old", PLAID_BODY, plaid_token(PLAID_BODY, iat=NOW - 86400), "stale")
plaid_case("plaid iat 10 minutes in the future (Plaid bounds the age only)", PLAID_BODY,
           plaid_token(PLAID_BODY, iat=NOW + 600), "ok")
plaid_case("plaid iat missing", PLAID_BODY, plaid_token(PLAID_BODY, claims={"iat": None}), "claims")
plaid_case("plaid request_body_sha256 missing", PLAID_BODY,
           plaid_token(PLAID_BODY, claims={"request_body_sha256": None}), "claims")
plaid_case("plaid request_body_sha256 in uppercase hex", PLAID_BODY,
           plaid_token(PLAID_BODY, claims={"request_body_sha256": hashlib.sha256(PLAID_BODY.encode()).hexdigest().upper()}),
           "claims")
plaid_case("plaid request_body_sha256 as base64", PLAID_BODY,
           plaid_token(PLAID_BODY, claims={"request_body_sha256": b64(hashlib.sha256(PLAID_BODY.encode()).digest())}),
           "claims")
plaid_case("plaid alg HS256 keyed with the key's x coordinate", PLAID_BODY, plaid_token(PLAID_BODY, alg="HS256"), "claims")
plaid_case("plaid alg none", PLAID_BODY, plaid_token(PLAID_BODY, alg="none"), "claims")
plaid_case("plaid signed by another key under the current kid", PLAID_BODY,
           plaid_token(PLAID_BODY, key="plaid_rotated", kid=PLAID_KIDS["plaid_current"][0]), "mismatch")
plaid_case("plaid unknown kid", PLAID_BODY, plaid_token(PLAID_BODY, key="plaid_unlisted", kid=PLAID_UNLISTED_KID),
           "unknown_key")
plaid_case("plaid kid missing from the header", PLAID_BODY,
           plaid_token(PLAID_BODY, header={"alg": "ES256", "typ": "JWT"}), "malformed")
plaid_case("plaid key with expired_at in the past", PLAID_BODY, plaid_token(PLAID_BODY, key="plaid_rotated"),
           "expired_key")
plaid_case("plaid garbled token", PLAID_BODY, "eyJhbGciOiJFUzI1NiJ9.%%%." + PT.split(".")[2], "malformed")
plaid_case("plaid token with two parts", PLAID_BODY, ".".join(PT.split(".")[:2]), "malformed")
plaid_case("plaid header missing", PLAID_BODY, None, "missing")


# =============================================================================================
# Google Cloud Pub/Sub push
# =============================================================================================
G_KEYS = [("google_1", "7d680d8c70d44e947133cbd499ebc1a61c3d5abc"),
          ("google_2", "a3f1c2b4d5e6f708192a3b4c5d6e7f8091a2b3c4")]
G_UNLISTED = ("google_unlisted", "0000000000000000000000000000000000000000")


def jwk_rsa(key, kid):
    n = key.public_key().public_numbers()
    return {"alg": "RS256", "e": b64url(n.e.to_bytes(3, "big")), "kid": kid, "kty": "RSA",
            "n": b64url(n.n.to_bytes(256, "big")), "use": "sig"}


JWKS = json.dumps({"keys": [jwk_rsa(K[n], kid) for n, kid in G_KEYS]}, indent=2)
document("https://www.googleapis.com/oauth2/v3/certs", JWKS, content_type="application/json; charset=UTF-8")
G_V1 = {kid: cert(K[n], "accounts.google.com", 0x60 + i, utc(2025, 11, 20), utc(2025, 12, 22))
        for i, (n, kid) in enumerate(G_KEYS)}
AUD = "https://hooks.example.com/pubsub/push"
SA = "push-invoker@hookverify-test.iam.gserviceaccount.com"
PS_BODY = json.dumps({
    "message": {"attributes": {"origin": "hookverify"}, "data": b64(b'{"order":"A-1001"}'),
                "messageId": "2070443601311540", "message_id": "2070443601311540",
                "publishTime": "2025-12-06T05:46:30.123Z", "publish_time": "2025-12-06T05:46:30.123Z"},
    "subscription": "projects/hookverify-test/subscriptions/orders-push",
}, separators=(",", ":"))


def g_claims(**changes):
    c = {"aud": AUD, "azp": "113774264463038321964", "email": SA, "email_verified": True,
         "exp": NOW - 60 + 3600, "iat": NOW - 60, "iss": "https://accounts.google.com",
         "sub": "113774264463038321964"}
    c.update(changes)
    return {k: v for k, v in c.items() if v is not None}


def g_token(claims=None, key="google_1", kid=None, alg="RS256", raw_header=None):
    claims = g_claims() if claims is None else claims
    kid = kid or dict(G_KEYS).get(key) or G_UNLISTED[1]
    h = raw_header or {"alg": alg, "kid": kid, "typ": "JWT"}
    si = b64url(json.dumps(h, separators=(",", ":")).encode()) + "." + b64url(json.dumps(claims, separators=(",", ":")).encode())
    if alg == "RS256":
        sig = K[key].sign(si.encode(), padding.PKCS1v15(), hashes.SHA256())
    elif alg == "HS256":  # the algorithm-confusion forgery: HMAC keyed with the RSA public key's PEM
        pem = K[key].public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        sig = hmac.new(pem, si.encode(), hashlib.sha256).digest()
    else:
        sig = b""
    return si + "." + b64url(sig)


ps_rows = []


def ps_case(name, auth, expect, why=None, now=NOW, key_index=0, config=None):
    headers = [["Content-Type", "application/json"], ["User-Agent", "APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)"]]
    if auth is not None:
        headers.insert(0, ["Authorization", auth])
    ps_rows.append(dict(name=name, auth=auth, headers=headers, expect=expect, why=why, now=now,
                        key_index=key_index, config=config or {"audience": AUD, "service_account_email": SA}))


GT = g_token()
ps_case("pubsub genuine (first JWKS key)", "Bearer " + GT, "ok")
ps_case("pubsub genuine (second JWKS key)", "Bearer " + g_token(key="google_2"), "ok", key_index=1)
ps_case("pubsub iss accounts.google.com without scheme", "Bearer " + g_token(g_claims(iss="accounts.google.com")), "ok")
ps_case("pubsub scheme in lowercase 'bearer'", "bearer " + GT, "ok")
ps_case("pubsub token 59 minutes old, not yet expired", "Bearer " + g_token(g_claims(iat=NOW - 3540, exp=NOW + 60)), "ok")
# -- bad rows --
ps_case("pubsub wrong audience", "Bearer " + g_token(g_claims(aud="https://other.example.com/push")), "claims")
ps_case("pubsub audience missing", "Bearer " + g_token(g_claims(aud=None)), "claims")
ps_case("pubsub wrong issuer", "Bearer " + g_token(g_claims(iss="https://accounts.google.com.evil.example")), "claims")
ps_case("pubsub issuer http://accounts.google.com", "Bearer " + g_token(g_claims(iss="http://accounts.google.com")), "claims")
ps_case("pubsub wrong service account email", "Bearer " + g_token(g_claims(email="attacker@evil-project.iam.gserviceaccount.com")), "claims")
ps_case("pubsub email missing", "Bearer " + g_token(g_claims(email=None)), "claims")
ps_case("pubsub email_verified false", "Bearer " + g_token(g_claims(email_verified=False)), "claims")
ps_case("pubsub email_verified missing", "Bearer " + g_token(g_claims(email_verified=None)), "claims")
ps_case("pubsub email_verified as the string 'true'", "Bearer " + g_token(g_claims(email_verified="true")), "claims")
ps_case("pubsub expired an hour ago", "Bearer " + g_token(g_claims(iat=NOW - 7200, exp=NOW - 3600)), "stale")
ps_case("pubsub issued an hour in the future", "Bearer " + g_token(g_claims(iat=NOW + 3600, exp=NOW + 7200)), "stale")
ps_case("pubsub exp missing", "Bearer " + g_token(g_claims(exp=None)), "claims")
ps_case("pubsub alg none", "Bearer " + g_token(alg="none"), "claims")
ps_case("pubsub HS256 keyed with the RSA public key PEM (algorithm confusion)", "Bearer " + g_token(alg="HS256"), "claims")
ps_case("pubsub signed by another key under a listed kid", "Bearer " + g_token(key="google_2", kid=G_KEYS[0][1]), "mismatch")
ps_case("pubsub claims changed after signing", "Bearer " + GT.split(".")[0] + "." +
        b64url(json.dumps(g_claims(email="other@hookverify-test.iam.gserviceaccount.com"), separators=(",", ":")).encode()) +
        "." + GT.split(".")[2], "mismatch")
ps_case("pubsub unknown kid", "Bearer " + g_token(key="google_unlisted"), "unknown_key")
ps_case("pubsub Authorization missing", None, "missing")
ps_case("pubsub Basic scheme", "Basic " + b64(b"user:password"), "malformed")
ps_case("pubsub Bearer with a garbled token", "Bearer " + "eyJhbGciOiJSUzI1NiJ9.@@@." + GT.split(".")[2], "malformed")
ps_case("pubsub Bearer with nothing after it", "Bearer ", "malformed")


# =============================================================================================
# Vonage signed webhooks
# =============================================================================================
VONAGE_SECRETS = ["Xq3kP9w2Lr7tZ1mN5vB8cD4fG6hJ0sAe", "rotated-signature-secret-2025-06-01"]
VONAGE_BODY = json.dumps({
    "channel": "sms", "message_uuid": "aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab", "to": "447700900000",
    "from": "447700900001", "timestamp": "2025-12-06T05:46:35Z", "text": "Hello from Vonage – ça va?",
    "sms": {"num_messages": "1"}, "message_type": "text"}, separators=(",", ":"), ensure_ascii=False)


def v_claims(body=VONAGE_BODY, **changes):
    c = {"iat": NOW - 5, "jti": "c5ba8f24-1a14-4c10-bfdf-3fbe8ce511b5", "iss": "Vonage",
         "payload_hash": hashlib.sha256(body.encode()).hexdigest(), "api_key": "a1b2c3d4",
         "application_id": "aaaaaaaa-bbbb-cccc-dddd-0123456789ab"}
    c.update(changes)
    return {k: v for k, v in c.items() if v is not None}


def v_token(claims=None, secret=VONAGE_SECRETS[0], alg="HS256"):
    claims = v_claims() if claims is None else claims
    if alg in ("HS256", "HS384"):
        return pyjwt.encode(claims, secret, algorithm=alg)
    h = {"alg": alg, "typ": "JWT"}
    si = b64url(json.dumps(h, separators=(",", ":")).encode()) + "." + b64url(json.dumps(claims, separators=(",", ":")).encode())
    if alg == "none":
        return si + "."
    return si + "." + b64url(K["google_unlisted"].sign(si.encode(), padding.PKCS1v15(), hashes.SHA256()))


v_rows = []


def v_case(name, auth, expect, secrets=None, body=VONAGE_BODY, why=None, now=NOW, key_index=0):
    headers = [["Content-Type", "application/json"]]
    if auth is not None:
        headers.insert(0, ["Authorization", auth])
    v_rows.append(dict(name=name, auth=auth, headers=headers, expect=expect, secrets=secrets or VONAGE_SECRETS[:1],
                       body=body, why=why, now=now, key_index=key_index))


VT = v_token()
NO_WINDOW = ("@vonage/jwt verifySignature (jsonwebtoken.verify without maxAge) checks exp and nbf only, and "
             "Vonage documents no window for iat; hookverify holds iat to its 5-minute window.")
v_case("vonage genuine", "Bearer " + VT, "ok")
v_case("vonage rotation: second secret signs", "Bearer " + v_token(secret=VONAGE_SECRETS[1]), "ok",
       secrets=VONAGE_SECRETS, key_index=1)
v_case("vonage rotation: first of two secrets signs", "Bearer " + VT, "ok", secrets=VONAGE_SECRETS, key_index=0)
v_case("vonage without application_id (optional claim)", "Bearer " + v_token(v_claims(application_id=None)), "ok")
v_case("vonage with exp in the future", "Bearer " + v_token(v_claims(exp=NOW + 300)), "ok")
# -- bad rows --
v_case("vonage wrong secret", "Bearer " + v_token(secret="not-the-signature-secret-0000000"), "mismatch")
v_case("vonage claims changed after signing", "Bearer " + VT.split(".")[0] + "." +
       b64url(json.dumps(v_claims(api_key="zzzzzzzz"), separators=(",", ":")).encode()) + "." + VT.split(".")[2],
       "mismatch")
v_case("vonage body changed (payload_hash mismatch)", "Bearer " + VT, "claims", body=VONAGE_BODY.replace("Hello", "Hullo"))
v_case("vonage payload_hash in uppercase hex", "Bearer " + v_token(v_claims(payload_hash=hashlib.sha256(VONAGE_BODY.encode()).hexdigest().upper())), "claims")
v_case("vonage payload_hash missing", "Bearer " + v_token(v_claims(payload_hash=None)), "claims")
v_case("vonage alg none", "Bearer " + v_token(alg="none"), "claims")
v_case("vonage RS256 header", "Bearer " + v_token(alg="RS256"), "claims")
v_case("vonage HS384", "Bearer " + v_token(alg="HS384"), "claims")
v_case("vonage expired (exp an hour ago)", "Bearer " + v_token(v_claims(iat=NOW - 7200, exp=NOW - 3600)), "stale")
v_case("vonage iat a day old, no exp", "Bearer " + v_token(v_claims(iat=NOW - 86400)), "stale", why=NO_WINDOW)
v_case("vonage iat 6 minutes old, no exp", "Bearer " + v_token(v_claims(iat=NOW - 360)), "stale", why=NO_WINDOW)
v_case("vonage iat an hour in the future", "Bearer " + v_token(v_claims(iat=NOW + 3600)), "stale", why=NO_WINDOW)
v_case("vonage nbf an hour in the future", "Bearer " + v_token(v_claims(nbf=NOW + 3600)), "stale")
v_case("vonage Authorization missing", None, "missing")
v_case("vonage Basic scheme", "Basic " + b64(b"a1b2c3d4:secret"), "malformed")
v_case("vonage garbled token", "Bearer eyJhbGciOiJIUzI1NiJ9.%%%." + VT.split(".")[2], "malformed")


# =============================================================================================
# Standard Webhooks v1a (Ed25519) mixed with v1 (HMAC-SHA256)
# =============================================================================================
SW_SEEDS = [bytes([0x11]) * 32, bytes([0x22]) * 32, bytes([0x33]) * 32]
SW_SK = [nacl.signing.SigningKey(s) for s in SW_SEEDS]
WHPK = ["whpk_" + b64(k.verify_key.encode()) for k in SW_SK]
WHSEC = ["whsec_" + b64(bytes(range(32))), "whsec_" + b64(bytes(range(100, 124)))]
SW_ID, SW_TS = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", NOW - 10
SW_BODY = '{"type":"contact.created","timestamp":"2025-12-06T05:46:30.344522Z","data":{"id":"1f81eb52-5198-4599-803e-771906343485"}}'


def sw_content(msg_id=SW_ID, ts=SW_TS, body=SW_BODY):
    return f"{msg_id}.{ts}.".encode() + body.encode()


def v1a(i, **kw):
    return "v1a," + b64(SW_SK[i].sign(sw_content(**kw)).signature)


def v1(i, **kw):
    key = base64.b64decode(WHSEC[i][len("whsec_"):])
    return "v1," + b64(hmac.new(key, sw_content(**kw), hashlib.sha256).digest())


sw_rows = []


def sw_case(name, sig, secrets, expect, body=SW_BODY, ts=SW_TS, msg_id=SW_ID, why=None, now=NOW, key_index=0, drop=()):
    headers = [["webhook-id", msg_id], ["webhook-timestamp", str(ts)], ["webhook-signature", sig],
               ["Content-Type", "application/json"]]
    headers = [h for h in headers if h[0] not in drop]
    sw_rows.append(dict(name=name, headers=headers, secrets=secrets, expect=expect, body=body, why=why, now=now,
                        key_index=key_index))


sw_case("standard webhooks v1a genuine", v1a(0), [WHPK[0]], "ok")
sw_case("standard webhooks v1a with whsec and whpk configured", v1a(0), [WHSEC[0], WHPK[0]], "ok", key_index=1)
sw_case("standard webhooks v1a rotation: second public key signs", v1a(1), [WHPK[0], WHPK[1]], "ok", key_index=1)
sw_case("standard webhooks mixed v1 and v1a, only whsec configured", v1(0) + " " + v1a(0), [WHSEC[0]], "ok")
sw_case("standard webhooks mixed v1 and v1a, only whpk configured", v1(0) + " " + v1a(0), [WHPK[0]], "ok")
sw_case("standard webhooks mixed v1a then v1, whpk listed after whsec", v1a(0) + " " + v1(0), [WHSEC[1], WHPK[0]], "ok",
        key_index=1)
sw_case("standard webhooks v1a from an old key then the current one", v1a(2) + " " + v1a(0), [WHPK[0]], "ok")
sw_case("standard webhooks v1a timestamp 4 minutes old", v1a(0, ts=NOW - 240), [WHPK[0]], "ok", ts=NOW - 240)
# -- bad rows --
sw_case("standard webhooks v1a checked against a whsec key only", v1a(0), [WHSEC[0]], "mismatch")
sw_case("standard webhooks v1 checked against a whpk key only", v1(0), [WHPK[0]], "mismatch")
sw_case("standard webhooks Ed25519 signature labelled v1", "v1," + v1a(0)[4:], [WHPK[0]], "mismatch")
sw_case("standard webhooks HMAC signature labelled v1a", "v1a," + v1(0)[3:], [WHPK[0], WHSEC[0]], "mismatch")
sw_case("standard webhooks v1a by a key not configured", v1a(2), [WHPK[0], WHPK[1]], "mismatch")
sw_case("standard webhooks v1a tampered body", v1a(0), [WHPK[0]], "mismatch", body=SW_BODY.replace("created", "deleted"))
sw_case("standard webhooks v1a other message id", v1a(0), [WHPK[0]], "mismatch", msg_id="msg_2KWPBgLlAfxdpx2AI54pPJ85f4X")
sw_case("standard webhooks v1a timestamp header changed", v1a(0), [WHPK[0]], "mismatch", ts=SW_TS + 1)
sw_case("standard webhooks v1a stale timestamp (5 min 1 s old)", v1a(0, ts=NOW - 301), [WHPK[0]], "stale", ts=NOW - 301)
sw_case("standard webhooks v1a future timestamp (5 min 1 s ahead)", v1a(0, ts=NOW + 301), [WHPK[0]], "stale", ts=NOW + 301)
sw_case("standard webhooks v1a garbled base64", "v1a,!!!!" + v1a(0)[8:], [WHPK[0]], "malformed")
sw_case("standard webhooks v1a truncated signature (63 bytes)",
        "v1a," + b64(SW_SK[0].sign(sw_content()).signature[:63]), [WHPK[0]], "malformed")
sw_case("standard webhooks signature header missing", v1a(0), [WHPK[0]], "missing", drop=("webhook-signature",))
sw_case("standard webhooks timestamp header missing", v1a(0), [WHPK[0]], "missing", drop=("webhook-timestamp",))


# =============================================================================================
# Judges
# =============================================================================================
def run_node():
    fallback = SNS_CERT
    payload = {"documents": {d["url"]: d["body"] for d in documents if d["method"] == "GET"},
               "fallback_cert": fallback, "tasks": node_tasks}
    for i, row in enumerate(v_rows):
        payload["tasks"].append({"id": f"v{i}", "kind": "vonage", "authorization": row["auth"], "now": row["now"],
                                 "secrets": row["secrets"], "body": row["body"]})
    r = subprocess.run(["node", os.path.join(HERE, "fetched_keys_judge.mjs")], input=json.dumps(payload),
                       capture_output=True, text=True, check=True)
    return json.loads(r.stdout)


def node_version(pkg):
    with open(os.path.join(HERE, "node_fetched", "node_modules", *pkg.split("/"), "package.json")) as f:
        return json.load(f)["version"]


NODE = run_node()
SNSV, VJWT = node_version("sns-validator"), node_version("@vonage/jwt")

for i, row in enumerate(sns_rows):
    verdict = NODE[f"sns{i}"]
    case(row["name"], "sns", {"topic_arns": row["topic_arns"]}, [], row["body"], row["headers"], row["expect"],
         f"sns-validator@{SNSV} MessageValidator.validate (cert fetch stubbed)" +
         (" + TopicArn allow-list" if row["topic_arns"] else ""), verdict["says"], now=row["now"], why=row["why"])

# ---- PayPal: paypalrestsdk WebhookEvent.verify ----
import paypalrestsdk.notifications as ppn  # noqa: E402

_tmp = tempfile.NamedTemporaryFile("w", suffix=".pem", delete=False)
_tmp.write(PP_CA)
_tmp.close()
ppn.WebhookEvent._WebhookEvent__cert_chain_path = [_tmp.name]
PP_DOCS = {d["url"]: d["body"] for d in documents}


class _Resp:
    def __init__(self, text):
        self.text = text


def _pp_get(url, *a, **kw):
    ppn.requests.Request("GET", url).prepare()  # requests' own URL checks (raises as a real get would)
    return _Resp(PP_DOCS.get(url, PP_LIVE))


ppn.requests.get = _pp_get

for row in pp_rows:
    h = {k.upper(): v for k, v in row["headers"]}
    says = bool(quiet(ppn.WebhookEvent.verify, h.get("PAYPAL-TRANSMISSION-ID"), h.get("PAYPAL-TRANSMISSION-TIME"),
                      row["webhook_id"], row["body"], h.get("PAYPAL-CERT-URL"), h.get("PAYPAL-TRANSMISSION-SIG"),
                      h.get("PAYPAL-AUTH-ALGO")))
    case(row["name"], "paypal", {"webhook_id": row["webhook_id"]}, [], row["body"], row["headers"], row["expect"],
         f"paypalrestsdk@{V['paypalrestsdk']} WebhookEvent.verify (cert download stubbed, test root as trust store)",
         says, now=row["now"], why=row["why"])
os.unlink(_tmp.name)

# ---- Plaid: Plaid's sample, python-jose ----
import requests as _requests  # noqa: E402
from jose import jwt as jose_jwt  # noqa: E402


def plaid_sample(body, headers, client_id, secret, endpoint):
    """Plaid's published sample (gist skylarmb/0cecf20afe16ba1959681c838ce9b3a2), as written; only
    requests.post is answered from `documents` instead of Plaid's API."""
    KEY_CACHE = {}

    class R:
        def __init__(self, text):
            self.status_code = 200 if text is not None else 400
            self._text = text

        def json(self):
            return json.loads(self._text)

    def post(url, json=None):
        req = __import__("json").dumps(json, separators=(",", ":"))
        return R(plaid_docs.get((url, req)))

    signed_jwt = headers.get('Plaid-Verification')
    current_key_id = jose_jwt.get_unverified_header(signed_jwt)['kid']
    if current_key_id not in KEY_CACHE:
        keys_ids_to_update = [key_id for key_id, key in KEY_CACHE.items() if key['expired_at'] is None]
        keys_ids_to_update.append(current_key_id)
        for key_id in keys_ids_to_update:
            r = post(endpoint, json={'client_id': client_id, 'secret': secret, 'key_id': key_id})
            if r.status_code != 200:
                continue
            response = r.json()
            key = response['key']
            KEY_CACHE[key_id] = key
    if current_key_id not in KEY_CACHE:
        return False
    key = KEY_CACHE[current_key_id]
    if key['expired_at'] is not None:
        return False
    try:
        claims = jose_jwt.decode(signed_jwt, key, algorithms=['ES256'])
    except jose_jwt.JWTError:
        return False
    if claims["iat"] < NOW - 5 * 60:  # the sample's time.time(), at the row's `now`
        return False
    m = hashlib.sha256()
    m.update(body)
    body_hash = m.hexdigest()
    return hmac.compare_digest(body_hash, claims['request_body_sha256'])


for row in plaid_rows:
    h = dict(row["headers"])
    says = bool(quiet(plaid_sample, row["body"].encode(), h, row["config"]["client_id"], row["config"]["secret"],
                      PLAID_ENDPOINT[row["env"]]))
    case(row["name"], "plaid", row["config"], [], row["body"], row["headers"], row["expect"],
         f"Plaid's Python sample (gist skylarmb/0cecf20a…) with python-jose@{V['python-jose']} jwt.decode",
         says, now=row["now"], why=row["why"])

# ---- Pub/Sub: google-auth verify_oauth2_token ----
import google.auth._helpers as g_helpers  # noqa: E402
from google.oauth2 import id_token as g_id_token  # noqa: E402


class GResp:
    def __init__(self, data):
        self.status = 200
        self.data = data.encode()
        self.headers = {}


def g_request(url, method="GET", **kw):
    if url == "https://www.googleapis.com/oauth2/v1/certs":
        return GResp(json.dumps(G_V1))
    if url == "https://www.googleapis.com/oauth2/v3/certs":
        return GResp(JWKS)
    raise AssertionError(url)


def pubsub_judge(auth, config):
    token = auth.split(' ')[1]  # as Google's push samples take it
    claim = g_id_token.verify_oauth2_token(token, g_request, audience=config["audience"])
    return claim.get("email") == config["service_account_email"] and claim.get("email_verified") is True


for row in ps_rows:
    g_helpers.utcnow = lambda now=row["now"]: datetime.datetime.fromtimestamp(now, datetime.timezone.utc).replace(tzinfo=None)
    says = bool(quiet(pubsub_judge, row["auth"], row["config"]))
    case(row["name"], "pubsub", row["config"], [], PS_BODY, row["headers"], row["expect"],
         f"google-auth@{V['google-auth']} id_token.verify_oauth2_token (clock_skew 0, fake transport) + email, email_verified",
         says, now=row["now"], key_index=row["key_index"], why=row["why"])

# ---- Vonage: @vonage/jwt (node), cross-checked with vonage-jwt (PyPI) ----
import jwt.api_jwt as pyjwt_api  # noqa: E402
import vonage_jwt  # noqa: E402


def fixed_datetime(now):
    class FixedNow(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.datetime.fromtimestamp(now, tz)
    return FixedNow


for i, row in enumerate(v_rows):
    verdict = NODE[f"v{i}"]
    py = False
    if row["auth"] and len(row["auth"].split(" ")) > 1:
        tok = row["auth"].split(" ")[1]
        pyjwt_api.datetime = fixed_datetime(row["now"])  # PyJWT's clock at the row's `now`
        for s in row["secrets"]:
            ok = quiet(vonage_jwt.verify_signature, tok, s)
            if ok:
                py = pyjwt.decode(tok, options={"verify_signature": False}).get("payload_hash") == \
                    hashlib.sha256(row["body"].encode()).hexdigest()
                break
        pyjwt_api.datetime = datetime.datetime
    if py != verdict["says"]:
        print(f"vonage judges disagree on {row['name']!r}: @vonage/jwt {verdict['says']}, vonage-jwt {py}",
              file=sys.stderr)
    c = case(row["name"], "vonage", {}, row["secrets"], row["body"], row["headers"], row["expect"],
             f"@vonage/jwt@{VJWT} verifySignature + payload_hash == sha256_hex(body)", verdict["says"],
             now=row["now"], key_index=row["key_index"], why=row["why"])
    if verdict["says"] and verdict.get("index") != row["key_index"]:
        raise SystemExit(f"{row['name']}: judge matched secret {verdict.get('index')}")

# ---- Standard Webhooks ----
import standardwebhooks.webhooks as swh  # noqa: E402


def sw_judge(row):
    h = dict(row["headers"])
    for i, s in enumerate(row["secrets"]):
        if s.startswith("whsec_"):
            swh.datetime = fixed_datetime(row["now"])
            try:
                swh.Webhook(s).verify(row["body"].encode(), h, json_parse=False)
                return True, i
            except swh.WebhookVerificationError:
                continue
            finally:
                swh.datetime = datetime.datetime
        else:  # whpk_: PyNaCl following the spec
            msg_id, ts, sig = h.get("webhook-id"), h.get("webhook-timestamp"), h.get("webhook-signature")
            if not (msg_id and ts and sig):
                return False, None
            if abs(int(ts) - row["now"]) > 300:
                return False, None
            vk = nacl.signing.VerifyKey(base64.b64decode(s[len("whpk_"):]))
            for entry in sig.split(" "):
                version, _, value = entry.partition(",")
                if version != "v1a":
                    continue
                try:
                    vk.verify(f"{msg_id}.{ts}.".encode() + row["body"].encode(), base64.b64decode(value, validate=True))
                    return True, i
                except Exception:
                    continue
    return False, None


for row in sw_rows:
    says, idx = sw_judge(row)
    if says and idx != row["key_index"]:
        raise SystemExit(f"{row['name']}: judge matched secret {idx}")
    case(row["name"], "standard_webhooks", {}, row["secrets"], row["body"], row["headers"], row["expect"],
         f"standardwebhooks@{V['standardwebhooks']} Webhook.verify (whsec_) / PyNaCl@{V['pynacl']} VerifyKey.verify per spec (whpk_)",
         says, now=row["now"], key_index=row["key_index"], why=row["why"])

source = ("tests/data/gen/sign_fetched_keys.py (+ fetched_keys_judge.mjs): keys and certificates made with "
          f"cryptography {V['cryptography']} from tests/data/gen/fetched_keys_private.pem (test keys, none a "
          f"provider's); judges: npm sns-validator {SNSV} and @vonage/jwt {VJWT} (jsonwebtoken "
          f"{node_version('jsonwebtoken')}), paypalrestsdk {V['paypalrestsdk']} with pyOpenSSL {V['pyopenssl']}, "
          f"Plaid's Python sample with python-jose {V['python-jose']}, google-auth {V['google-auth']} "
          f"(PyJWT {V['pyjwt']}), standardwebhooks {V['standardwebhooks']}, PyNaCl {V['pynacl']}; "
          f"vonage-jwt {V['vonage-jwt']} as a second Vonage judge")
with open(OUT, "w") as f:
    json.dump({"source": source, "documents": documents, "cases": cases}, f, indent=1, ensure_ascii=False)
    f.write("\n")
counts = {}
for c in cases:
    counts[c["provider"]] = counts.get(c["provider"], 0) + 1
print(f"wrote {len(cases)} cases {counts}, {len(documents)} documents, "
      f"{sum('differs' in c for c in cases)} rows where the judge differs", file=sys.stderr)

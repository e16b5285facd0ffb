"""Vectors for six more providers (DocuSign Connect, Nylas v3, Asana, Okta event hooks, Jira Cloud
admin webhooks, Contentful), signed here with fixed secrets and a fixed clock, and *judged* by each
provider's own library where one exists on PyPI or npm, else by the verification sample of its
documentation (re-expressed here from the cited file, not copied), else by an independent
implementation of its documented construction (Python stdlib), said so per judge. Every case records
every judge's verdict (`judges`), the primary one as `sdk` (its name in `judge`), and `differs` where
hookverify's expected answer departs from the primary judge. Facts and sources:
tests/data/gen/PROVIDERS_22C_FACTS.md.

    python3 -m venv /tmp/venv22c
    /tmp/venv22c/bin/pip install nylas==5.14.1
    (cd tests/data/gen/node_22c && npm install)      # Node 20; versions pinned in package.json
    /tmp/venv22c/bin/python tests/data/gen/sign_providers_22c.py > tests/data/vectors/providers_22c.json

Judges (Python unless marked npm; the npm ones run in sign_providers_22c.mjs):
  docusign    primary: DocuSign's Python launcher check (docusign/code-examples-python connect_test.py:
              base64(HMAC-SHA256(secret text, raw body)) compared as text with hmac.compare_digest),
              run over every X-DocuSign-Signature-N header and every secret;
              + DocuSign's Node launcher isHashValid (code-examples-node validateWebhookMessage.js:
              both sides base64-decoded, crypto.timingSafeEqual), same loop (npm side, node:crypto only);
              + DocuSign's connect-node-listener-aws checkHmac (X-Authorization-Digest must be
              HMACSHA256, X-DocuSign-Signature-1 compared as text; one key per run)
  nylas       primary: PyPI nylas 5.14.1 Webhook.verify_webhook_signature (Nylas's own function, from
              its API-v2 SDK line: the v3 SDKs ship none; the construction is the same, the key is the
              v3 webhook_secret);  + npm nylas 6.11.1 WebhookNotification.verifyWebhookSignature;
              + the Nylas CLI's webhookserver.VerifySignature (Go, re-expressed: trims, lowercases,
              strips an optional "sha256=")
  asana       primary: Asana's Python sample (Asana/devrel-examples python/webhooks_v5/server.py:
              X-Hook-Signature branch, hexdigest of the raw body, hmac.compare_digest);
              + Asana's Node sample (javascript/webhooks-nodejs/index.js: express.json(), then
              HMAC of JSON.stringify(req.body), crypto.timingSafeEqual)
  okta        primary for "Basic user:pass" secrets: npm express-basic-auth 1.2.1 with the authorizer of
              Okta's "Secure your inline and event hooks" guide (safeCompare of user and password);
              primary for other secrets, and second judge everywhere: an independent exact comparison
              of the Authorization value with the configured secret (the documented contract)
  jira        primary: independent implementation (Atlassian publishes no verifier): "sha256=" +
              lowercase hex HMAC-SHA256(secret, raw body) compared exactly; + npm x-hub-signature
              2.1.3 (a WebSub X-Hub-Signature verifier); one case is Atlassian's published vector
  contentful  primary: npm @contentful/node-apps-toolkit 3.16.1 verifyRequest(secret, request, 30),
              Date.now() fixed at the case's `now`; + Contentful's Python example
              (contentful-labs/request-verification-examples python/app.py verify_request: signed
              headers in listed order, no timestamp check)

Deterministic: T = 1700000000 (2023-11-14T22:13:20Z), secrets from SHA-256 of fixed labels, gzip with
mtime 0; the Node clock is patched to each case's `now`.
"""
import base64
import gzip
import hashlib
import hmac
import json
import os
import subprocess
import sys
from urllib.parse import urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
T = 1700000000
cases = []
node_checks = []


def j(obj, indent=None):
    """JSON with raw UTF-8, compact as JSON.stringify writes it unless indented."""
    if indent:
        return json.dumps(obj, ensure_ascii=False, indent=indent)
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def label_bytes(label, n=32):
    out = b""
    i = 0
    while len(out) < n:
        out += hashlib.sha256(f"{label}/{i}".encode()).digest()
        i += 1
    return out[:n]


def raw_of(body):
    return body.encode() if isinstance(body, str) else body


def mac(key, msg):
    key = key.encode() if isinstance(key, str) else key
    return hmac.new(key, raw_of(msg), hashlib.sha256)


def hdr(headers, name):
    """First value of a header, case-insensitively; None when absent."""
    for k, v in headers:
        if k.lower() == name.lower():
            return v
    return None


def guard(f):
    try:
        return bool(f())
    except Exception:
        return False


def any_secret(secrets, f):
    return any(guard(lambda s=s: f(s)) for s in secrets)


def case(name, provider, body, headers, judges, primary, expect, secrets, url, method="POST", now=T,
         key_index=0, differs=None, node=()):
    """`judges`: {judge name: accepted?} from the Python judges; `node`: npm judges to ask.
    `primary`: the judge whose verdict is `sdk`. `expect`: hookverify's answer."""
    c = {"name": name, "provider": provider, "secrets": list(secrets)}
    raw = raw_of(body)
    try:
        c["body"] = raw.decode("utf-8")
    except UnicodeDecodeError:
        c["body_b64"] = base64.b64encode(raw).decode()
    c.update({"headers": [list(h) for h in headers], "url": url, "method": method, "now": now,
              "expect": expect})
    c["_primary"] = primary
    c["_key_index"] = key_index
    c["_differs"] = differs
    c["judges"] = dict(judges)
    for judge in node:
        node_checks.append({"id": f"{len(cases)}:{judge}", "judge": judge, "headers": c["headers"],
                            "now": now, "body_b64": base64.b64encode(raw).decode(), "url": url,
                            "method": method, "secrets": list(secrets)})
        c["judges"][judge] = None
    cases.append(c)


# ---------------------------------------------------------------------------------------------
# DocuSign Connect: X-DocuSign-Signature-N = base64(HMAC-SHA256(key text, raw body)), N = 1..,
# one header per active Connect HMAC key; X-Authorization-Digest: HMACSHA256
# ---------------------------------------------------------------------------------------------
DS_A = base64.b64encode(label_bytes("docusign connect key A")).decode()   # 44 chars, ends "="
DS_B = base64.b64encode(label_bytes("docusign connect key B")).decode()
DS_URL = "https://hooks.example.com/docusign/connect"
DS_ACCOUNT = "7a3c9e1b-2d4f-4a6b-8c0d-1e2f3a4b5c6d"
DS_BODIES = [
    j({"event": "envelope-completed", "apiVersion": "v2.1", "uri": "/restapi/v2.1/accounts/"
       + DS_ACCOUNT + "/envelopes/93be49ab-4c3f-4d3e-9b1a-2f6c3d4e5f60",
       "retryCount": 0, "configurationId": 10418275, "generatedDateTime": "2023-11-14T22:13:19.4521331Z",
       "data": {"accountId": DS_ACCOUNT, "userId": "5f8a9b0c-1d2e-4f3a-8b4c-5d6e7f8a9b0c",
                "envelopeId": "93be49ab-4c3f-4d3e-9b1a-2f6c3d4e5f60",
                "envelopeSummary": {"status": "completed", "emailSubject": "Contrat sign\u00e9 \u2014 Z\u00fcrich \u2713",
                                    "sender": {"userName": "J\u00fcrgen M\u00fcller \U0001F58A"}}}}),
    ('<?xml version="1.0" encoding="utf-8"?><DocuSignEnvelopeInformation xmlns="http://www.docusign.net/API/3.0">'
     '<EnvelopeStatus><EnvelopeID>4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f</EnvelopeID><Status>Sent</Status>'
     '<Subject>Pr\u00eat \u00e0 signer \u2013 \u5951\u7d04\u66f8</Subject></EnvelopeStatus></DocuSignEnvelopeInformation>'),
]


def ds_sig(key, body):
    return base64.b64encode(mac(key, body).digest()).decode()


def ds_sig_headers(headers):
    return [v for k, v in headers if k.lower().startswith("x-docusign-signature-")
            and k[len("x-docusign-signature-"):].isdigit()]


def ds_python_launcher(body, headers, secrets):
    """connect_test.py validateHMAC: compare_digest(str.encode(signature), b64encode(HMAC digest)),
    over every signature header (the docs: one header value per active key) and every secret."""
    raw = raw_of(body)
    sigs = ds_sig_headers(headers)
    return any(any_secret(secrets, lambda s, sig=sig: hmac.compare_digest(
        str.encode(sig), base64.b64encode(hmac.new(str.encode(s), msg=raw, digestmod=hashlib.sha256).digest())))
        for sig in sigs)


def docusign(name, body, headers, expect, secrets=(DS_A,), key_index=0, differs=None):
    base = [["Content-Type", "application/json" if body.startswith("{") else "text/xml; charset=utf-8"],
            ["X-DocuSign-AccountId", DS_ACCOUNT]]
    headers = base + headers
    case(f"docusign {name}", "docusign", body, headers,
         {"DocuSign Python launcher (connect_test.py)": ds_python_launcher(body, headers, secrets)},
         "DocuSign Python launcher (connect_test.py)", expect, secrets, DS_URL, key_index=key_index,
         differs=differs, node=("docusign-node-launcher", "docusign-listener-aws"))


DIG = ["X-Authorization-Digest", "HMACSHA256"]
for i, body in enumerate(DS_BODIES):
    docusign(f"body {i}", body, [DIG, ["X-DocuSign-Signature-1", ds_sig(DS_A, body)]], "ok")
body = DS_BODIES[0]
docusign("body 0, two active keys, receiver holds only key 2", body,
         [DIG, ["X-DocuSign-Signature-1", ds_sig(DS_A, body)], ["X-DocuSign-Signature-2", ds_sig(DS_B, body)]],
         "ok", secrets=[DS_B])
docusign("body 0, receiver holds new and old key, only the old one signed", body,
         [DIG, ["X-DocuSign-Signature-1", ds_sig(DS_A, body)]], "ok", secrets=[DS_B, DS_A], key_index=1)
docusign("body 0, two headers, receiver holds both keys", body,
         [DIG, ["X-DocuSign-Signature-1", ds_sig(DS_A, body)], ["X-DocuSign-Signature-2", ds_sig(DS_B, body)]],
         "ok", secrets=[DS_B, DS_A], key_index=0)
docusign("body 0, only X-DocuSign-Signature-2 sent", body, [DIG, ["X-DocuSign-Signature-2", ds_sig(DS_A, body)]],
         "ok")
docusign("body 0, signature 1 garbage, signature 2 valid", body,
         [DIG, ["X-DocuSign-Signature-1", "not*base64*at*all"], ["X-DocuSign-Signature-2", ds_sig(DS_A, body)]], "ok")
docusign("body 0, no X-Authorization-Digest", body, [["X-DocuSign-Signature-1", ds_sig(DS_A, body)]], "ok")
docusign("body 0, header names in lowercase", body,
         [["x-authorization-digest", "HMACSHA256"], ["x-docusign-signature-1", ds_sig(DS_A, body)]], "ok")
docusign("body 0, body changed", body.replace("completed", "declined", 1),
         [DIG, ["X-DocuSign-Signature-1", ds_sig(DS_A, body)]], "mismatch")
docusign("body 0, trailing newline added", body + "\n", [DIG, ["X-DocuSign-Signature-1", ds_sig(DS_A, body)]],
         "mismatch")
docusign("body 0, other key", body, [DIG, ["X-DocuSign-Signature-1", ds_sig(DS_B, body)]], "mismatch")
docusign("body 0, key base64-decoded before use", body,
         [DIG, ["X-DocuSign-Signature-1", ds_sig(base64.b64decode(DS_A), body)]], "mismatch")
docusign("body 0, hex instead of base64", body, [DIG, ["X-DocuSign-Signature-1", mac(DS_A, body).hexdigest()]],
         "malformed")
docusign("body 0, padding removed", body, [DIG, ["X-DocuSign-Signature-1", ds_sig(DS_A, body).rstrip("=")]],
         "malformed")
docusign("body 0, truncated signature", body, [DIG, ["X-DocuSign-Signature-1", ds_sig(DS_A, body)[:40]]],
         "malformed")
docusign("body 0, not base64", body, [DIG, ["X-DocuSign-Signature-1", "*" * 44]], "malformed")
# A body whose signature has '+' or '/', to show the URL-safe alphabet is refused.
n = 0
while True:
    variant = body.replace('"retryCount":0', f'"retryCount":{n}')
    vs = ds_sig(DS_A, variant)
    if "+" in vs or "/" in vs:
        break
    n += 1
docusign("body 0 variant, signature as sent", variant, [DIG, ["X-DocuSign-Signature-1", vs]], "ok")
docusign("body 0 variant, signature in the URL-safe alphabet", variant,
         [DIG, ["X-DocuSign-Signature-1", vs.replace("+", "-").replace("/", "_")]], "malformed")
docusign("body 0, no signature header", body, [DIG], "missing_header")

# ---------------------------------------------------------------------------------------------
# Nylas v3: X-Nylas-Signature = hex(HMAC-SHA256(webhook_secret, raw body as sent)), gzip included
# ---------------------------------------------------------------------------------------------
from nylas.client.restful_models import Webhook as NylasWebhook  # noqa: E402

NY = hashlib.sha256(b"nylas v3 webhook_secret current").hexdigest()
NY_OLD = hashlib.sha256(b"nylas v3 webhook_secret previous").hexdigest()
NY_URL = "https://hooks.example.com/nylas/webhook"
NY_BODIES = [
    j({"specversion": "1.0", "type": "message.created", "source": "/google/emails/realtime",
       "id": "5a1b2c3d4e5f60718293a4b5c6d7e8f9", "time": 1699999999, "webhook_delivery_attempt": 1,
       "data": {"application_id": "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b",
                "object": {"grant_id": "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e", "id": "18bc9f0e1d2c3b4a",
                           "object": "message", "subject": "R\u00e9union \u00e0 M\u00fcnchen \u2014 \u4f1a\u8bae \U0001F4C5",
                           "from": [{"email": "zo\u00eb@example.com", "name": "Zo\u00eb Ä"}],
                           "snippet": "Caf\u00e9 \u2615 at 10?"}}}),
    j({"specversion": "1.0", "type": "grant.expired", "source": "/nylas/system", "id": "a0b1c2d3e4f5",
       "time": 1699999998, "webhook_delivery_attempt": 2,
       "data": {"application_id": "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b",
                "object": {"grant_id": "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e", "code": 25009,
                           "integration_id": "9f8e7d6c", "provider": "microsoft"}}}),
]


def ny_sig(secret, body):
    return mac(secret, body).hexdigest()


def ny_pypi(body, headers, secrets):
    sig = hdr(headers, "x-nylas-signature")
    return any_secret(secrets, lambda s: NylasWebhook.verify_webhook_signature(sig, raw_of(body), s))


def ny_cli(body, headers, secrets):
    """nylas/cli internal/adapters/webhookserver/signature.go, re-expressed."""
    sig = hdr(headers, "x-nylas-signature")
    if sig is None:
        return False
    norm = sig.strip().lower()
    if norm.startswith("sha256="):
        norm = norm[len("sha256="):]
    return any_secret(secrets, lambda s: s != "" and hmac.compare_digest(norm.encode(), ny_sig(s, body).encode()))


def nylas(name, body, headers, expect, secrets=(NY,), key_index=0, differs=None, gz=False):
    base = [["Content-Type", "application/json"]] + ([["Content-Encoding", "gzip"]] if gz else [])
    headers = base + headers
    case(f"nylas {name}", "nylas", body, headers,
         {"nylas 5.14.1 (PyPI)": ny_pypi(body, headers, secrets),
          "Nylas CLI VerifySignature (Go, re-expressed)": ny_cli(body, headers, secrets)},
         "nylas 5.14.1 (PyPI)", expect, secrets, NY_URL, key_index=key_index, differs=differs,
         node=("nylas-node",))


for i, body in enumerate(NY_BODIES):
    nylas(f"body {i}", body, [["X-Nylas-Signature", ny_sig(NY, body)]], "ok")
body = NY_BODIES[0]
zipped = gzip.compress(body.encode(), mtime=0)
nylas("body 0 gzip-compressed, signature over the compressed bytes", zipped,
      [["X-Nylas-Signature", ny_sig(NY, zipped)]], "ok", gz=True)
nylas("body 0 gzip-compressed, signature over the decompressed JSON", zipped,
      [["X-Nylas-Signature", ny_sig(NY, body)]], "mismatch", gz=True)
nylas("body 0, header name in lowercase", body, [["x-nylas-signature", ny_sig(NY, body)]], "ok")
nylas("body 0, previous of two secrets", body, [["X-Nylas-Signature", ny_sig(NY_OLD, body)]], "ok",
      secrets=[NY, NY_OLD], key_index=1)
nylas("body 0, body changed", body.replace("message.created", "message.updated"),
      [["X-Nylas-Signature", ny_sig(NY, body)]], "mismatch")
nylas("body 0, other secret", body, [["X-Nylas-Signature", ny_sig(NY_OLD, body)]], "mismatch")
nylas("body 0, uppercase hex", body, [["X-Nylas-Signature", ny_sig(NY, body).upper()]], "malformed")
nylas("body 0, sha256= prefix", body, [["X-Nylas-Signature", "sha256=" + ny_sig(NY, body)]], "malformed")
nylas("body 0, base64 instead of hex", body,
      [["X-Nylas-Signature", base64.b64encode(mac(NY, body).digest()).decode()]], "malformed")
nylas("body 0, truncated signature", body, [["X-Nylas-Signature", ny_sig(NY, body)[:63]]], "malformed")
nylas("body 0, not hex", body, [["X-Nylas-Signature", "z" * 64]], "malformed")
nylas("body 0, no signature header", body, [], "missing_header")

# ---------------------------------------------------------------------------------------------
# Asana: X-Hook-Signature = hex(HMAC-SHA256(X-Hook-Secret from the handshake, raw body))
# ---------------------------------------------------------------------------------------------
AS = hashlib.sha256(b"asana X-Hook-Secret webhook 1204").hexdigest()     # 64 hex, like Asana's example
AS_OLD = hashlib.sha256(b"asana X-Hook-Secret webhook 1187").hexdigest()
AS_URL = "https://hooks.example.com/asana/receive-webhook/7654"
AS_EVENTS = {"events": [
    {"user": {"gid": "1201234567890123", "resource_type": "user"},
     "created_at": "2023-11-14T22:13:18.512Z", "action": "added",
     "resource": {"gid": "1209876543210987", "resource_type": "story", "resource_subtype": "comment_added"},
     "parent": {"gid": "1205555555555555", "resource_type": "task", "resource_subtype": "default_task"},
     "change": None, "text": "Sch\u00f6n, \u00e7a marche \u2014 \u5b8c\u4e86 \u2705"},
    {"user": {"gid": "1201234567890123", "resource_type": "user"},
     "created_at": "2023-11-14T22:13:18.901Z", "action": "changed",
     "resource": {"gid": "1205555555555555", "resource_type": "task", "resource_subtype": "default_task"},
     "parent": None, "change": {"field": "name", "action": "changed"}}]}
AS_BODIES = [j(AS_EVENTS), j({"events": []})]


def as_sig(secret, body):
    return mac(secret, body).hexdigest()


def as_python_sample(body, headers, secrets):
    """devrel-examples python/webhooks_v5/server.py, re-expressed: the 'X-Hook-Secret' branch comes
    first (a handshake, not an event); the 'X-Hook-Signature' branch compares the hexdigest of the raw
    body keyed with the stored secret's UTF-8 bytes, hmac.compare_digest(str, str)."""
    if hdr(headers, "X-Hook-Secret") is not None:
        return False
    sig = hdr(headers, "X-Hook-Signature")
    if sig is None:
        return False
    return any_secret(secrets, lambda s: hmac.compare_digest(
        sig, hmac.new(key=s.encode(), msg=raw_of(body), digestmod=hashlib.sha256).hexdigest()))


def asana(name, body, headers, expect, secrets=(AS,), key_index=0, differs=None):
    headers = [["Content-Type", "application/json; charset=UTF-8"]] + headers
    case(f"asana {name}", "asana", body, headers,
         {"Asana Python sample (webhooks_v5/server.py)": as_python_sample(body, headers, secrets)},
         "Asana Python sample (webhooks_v5/server.py)", expect, secrets, AS_URL, key_index=key_index,
         differs=differs, node=("asana-node-sample",))


for i, body in enumerate(AS_BODIES):
    asana(f"body {i}" + (" (heartbeat)" if i == 1 else ""), body, [["X-Hook-Signature", as_sig(AS, body)]], "ok")
body = AS_BODIES[0]
pretty = j(AS_EVENTS, indent=2)
asana("body 0 indented as sent, signature over the raw bytes", pretty, [["X-Hook-Signature", as_sig(AS, pretty)]],
      "ok")
asana("body 0, header name in lowercase", body, [["x-hook-signature", as_sig(AS, body)]], "ok")
asana("body 0, secret of the re-established webhook and the previous one", body,
      [["X-Hook-Signature", as_sig(AS_OLD, body)]], "ok", secrets=[AS, AS_OLD], key_index=1)
asana("body 0, body changed", body.replace('"added"', '"removed"'), [["X-Hook-Signature", as_sig(AS, body)]],
      "mismatch")
asana("body 0, other secret", body, [["X-Hook-Signature", as_sig(AS_OLD, body)]], "mismatch")
asana("body 0, secret hex-decoded as the key", body,
      [["X-Hook-Signature", mac(bytes.fromhex(AS), body).hexdigest()]], "mismatch")
asana("body 0, uppercase hex", body, [["X-Hook-Signature", as_sig(AS, body).upper()]], "malformed")
asana("body 0, sha256= prefix", body, [["X-Hook-Signature", "sha256=" + as_sig(AS, body)]], "malformed")
asana("body 0, truncated signature", body, [["X-Hook-Signature", as_sig(AS, body)[:32]]], "malformed")
asana("body 0, no signature header", body, [], "missing_header")
asana("handshake POST (X-Hook-Secret, empty body) is not a signed event", "", [["X-Hook-Secret", AS]],
      "missing_header")

# ---------------------------------------------------------------------------------------------
# Okta event hooks: no signature; the admin-configured header value, Authorization by default
# ---------------------------------------------------------------------------------------------
OK_USER, OK_PASS = "okta-hooks", "s3cr\u00e9t-P\u00e4ss-\u2713"


def basic(user, password, scheme="Basic", pad=True):
    enc = base64.b64encode(f"{user}:{password}".encode()).decode()
    return f"{scheme} " + (enc if pad else enc.rstrip("="))


OK = basic(OK_USER, OK_PASS)
OK_OLD = basic(OK_USER, "old-password-2022")
OK_TOKEN = "okta-eh-" + base64.urlsafe_b64encode(label_bytes("okta opaque token", 24)).decode()
OK_URL = "https://hooks.example.com/okta/event-hooks"
assert OK.endswith("="), "the unpadded case needs a padded value"
OK_BODIES = [
    j({"eventType": "com.okta.event_hook", "eventTypeVersion": "1.0", "cloudEventsVersion": "0.1",
       "source": "https://example.okta.com/api/v1/eventHooks/whoql0HfiLGPWc8Jx0g3",
       "eventId": "b5a188b9-5ece-4636-b041-482ffda96311", "eventTime": "2023-11-14T22:13:19.032Z",
       "contentType": "application/json",
       "data": {"events": [{"uuid": "f790999f-fe87-467a-9880-6982a583986c", "published": "2023-11-14T22:13:18.777Z",
                            "eventType": "user.lifecycle.deactivate", "version": "0", "severity": "INFO",
                            "displayMessage": "Deactivate Okta user",
                            "actor": {"id": "00u1qw6mqitPHM8AJ0g7", "type": "User",
                                      "alternateId": "admin@example.com", "displayName": "Ad\u00e9la\u00efde Admin"},
                            "target": [{"id": "00u3m90rsKgGQ0G6L1d7", "type": "User",
                                        "alternateId": "bj\u00f6rn.\u00e5str\u00f6m@example.com",
                                        "displayName": "Bj\u00f6rn \u00c5str\u00f6m \u2603"}]}]}}),
    j({"eventType": "com.okta.event_hook", "eventTypeVersion": "1.0", "cloudEventsVersion": "0.1",
       "eventId": "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "eventTime": "2023-11-14T22:13:19.500Z",
       "data": {"events": [{"uuid": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "eventType": "group.user_membership.add"}]}}),
]


def okta_exact(headers, secrets):
    """The documented contract: Okta sends the configured value as the header's value."""
    got = hdr(headers, "Authorization")
    return got is not None and any_secret(secrets, lambda s: hmac.compare_digest(got.encode(), s.encode()))


def okta(name, body, headers, expect, secrets=(OK,), key_index=0, differs=None, method="POST"):
    basic_form = all(s.startswith("Basic ") for s in secrets)
    base = [["Accept", "application/json"]] + ([["Content-Type", "application/json"]] if method == "POST" else [])
    headers = base + headers
    judges = {"independent exact comparison": okta_exact(headers, secrets)}
    primary = "okta-docs-basic-auth" if basic_form else "independent exact comparison"
    case(f"okta {name}", "okta", body, headers, judges, primary, expect, secrets, OK_URL, method=method,
         key_index=key_index, differs=differs, node=("okta-docs-basic-auth",) if basic_form else ())


for i, body in enumerate(OK_BODIES):
    okta(f"body {i}", body, [["Authorization", OK]], "ok")
body = OK_BODIES[0]
okta("body 0, opaque token as the configured value", body, [["Authorization", OK_TOKEN]], "ok", secrets=[OK_TOKEN])
okta("body 0, previous of two configured values", body, [["Authorization", OK_OLD]], "ok", secrets=[OK, OK_OLD],
     key_index=1)
okta("body 0, body changed: the header does not cover it", body.replace("deactivate", "activate"),
     [["Authorization", OK]], "ok")
okta("one-time verification GET", "", [["Authorization", OK], ["X-Okta-Verification-Challenge",
                                                                 "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"]],
     "ok", method="GET")
okta("body 0, header name in lowercase", body, [["authorization", OK]], "ok")
okta("body 0, other password", body, [["Authorization", basic(OK_USER, "s3cr\u00e9t-P\u00e4ss-\u2717")]],
     "token_mismatch")
okta("body 0, other user name", body, [["Authorization", basic("okta-hook", OK_PASS)]], "token_mismatch")
okta("body 0, other opaque token", body, [["Authorization", OK_TOKEN[:-1] + ("A" if OK_TOKEN[-1] != "A" else "B")]],
     "token_mismatch", secrets=[OK_TOKEN])
okta("body 0, opaque token in other case", body, [["Authorization", OK_TOKEN.upper()]], "token_mismatch",
     secrets=[OK_TOKEN])
okta("body 0, opaque token's prefix", body, [["Authorization", OK_TOKEN[:-4]]], "token_mismatch",
     secrets=[OK_TOKEN])
okta("body 0, scheme word in lowercase", body, [["Authorization", basic(OK_USER, OK_PASS, scheme="basic")]],
     "token_mismatch",
     differs="express-basic-auth (via basic-auth 2.0.1) matches the scheme word case-insensitively and "
             "compares the decoded user and password; Okta sends the configured value byte for byte, so "
             "hookverify compares the whole value and a value other than the configured one is not Okta's")
okta("body 0, credentials without base64 padding", body,
     [["Authorization", basic(OK_USER, OK_PASS, pad=False)]], "token_mismatch",
     differs="basic-auth 2.0.1 accepts base64 without '=' padding and decodes the same credentials; "
             "hookverify compares the whole configured value, which Okta sends as configured")
okta("body 0, Bearer instead of Basic", body, [["Authorization", "Bearer " + OK.split(" ", 1)[1]]],
     "token_mismatch")
okta("body 0, empty header", body, [["Authorization", ""]], "malformed")
okta("body 0, no Authorization header", body, [], "missing_header")

# ---------------------------------------------------------------------------------------------
# Jira Cloud admin webhooks with a secret: X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, body)>
# ---------------------------------------------------------------------------------------------
JI = base64.b64encode(label_bytes("jira admin webhook secret", 30)).decode()
JI_OLD = base64.b64encode(label_bytes("jira admin webhook secret old", 30)).decode()
JI_URL = "https://hooks.example.com/jira/webhook"
JI_BODIES = [
    j({"timestamp": 1699999999123, "webhookEvent": "jira:issue_updated", "issue_event_type_name": "issue_generic",
       "user": {"accountId": "5b10ac8d82e05b22cc7d4ef5", "displayName": "Fran\u00e7oise L\u00e9vesque"},
       "issue": {"id": "10002", "key": "\u00c9QP-7", "fields": {"summary": "Stra\u00dfe \u2192 \u901a\u308a \u2014 fix \U0001F41B"}},
       "changelog": {"id": "10204", "items": [{"field": "status", "fromString": "To Do", "toString": "In Progress"}]}}),
    j({"timestamp": 1699999999456, "webhookEvent": "comment_created",
       "comment": {"id": "10040", "body": "LGTM \u2714", "author": {"accountId": "5b10ac8d82e05b22cc7d4ef5"}},
       "issue": {"id": "10002", "key": "EQP-7"}}),
]


def ji_sig(secret, body):
    return "sha256=" + mac(secret, body).hexdigest()


def ji_independent(body, headers, secrets):
    got = hdr(headers, "X-Hub-Signature")
    return got is not None and any_secret(secrets, lambda s: hmac.compare_digest(got.encode(), ji_sig(s, body).encode()))


def jira(name, body, headers, expect, secrets=(JI,), key_index=0, differs=None, extra=True):
    base = [["Content-Type", "application/json; charset=UTF-8"]]
    if extra:
        base.append(["X-Atlassian-Webhook-Identifier", "7e1d3c2b-0a9f-4e8d-b7c6-5a4f3e2d1c0b"])
    headers = base + headers
    case(f"jira {name}", "jira", body, headers,
         {"independent (Python stdlib)": ji_independent(body, headers, secrets)},
         "independent (Python stdlib)", expect, secrets, JI_URL, key_index=key_index, differs=differs,
         node=("x-hub-signature",))


for i, body in enumerate(JI_BODIES):
    jira(f"body {i}", body, [["X-Hub-Signature", ji_sig(JI, body)]], "ok")
ATL_SIG = "sha256=a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9"
assert ji_sig("It's a Secret to Everybody", "Hello World!") == ATL_SIG
jira("Atlassian's published vector (Secure admin webhooks)", "Hello World!", [["X-Hub-Signature", ATL_SIG]], "ok",
     secrets=["It's a Secret to Everybody"], extra=False)
body = JI_BODIES[0]
jira("body 0, header name in lowercase", body, [["x-hub-signature", ji_sig(JI, body)]], "ok")
jira("body 0, previous of two secrets", body, [["X-Hub-Signature", ji_sig(JI_OLD, body)]], "ok",
     secrets=[JI, JI_OLD], key_index=1)
jira("body 0, body changed", body.replace("In Progress", "Done"), [["X-Hub-Signature", ji_sig(JI, body)]],
     "mismatch")
jira("body 0, other secret", body, [["X-Hub-Signature", ji_sig(JI_OLD, body)]], "mismatch")
jira("body 0, uppercase hex", body, [["X-Hub-Signature", "sha256=" + mac(JI, body).hexdigest().upper()]],
     "malformed")
jira("body 0, no sha256= prefix", body, [["X-Hub-Signature", mac(JI, body).hexdigest()]], "malformed")
jira("body 0, sha1 digest", body, [["X-Hub-Signature", "sha1=" + hmac.new(JI.encode(), body.encode(),
                                                                          hashlib.sha1).hexdigest()]], "malformed")
jira("body 0, truncated signature", body, [["X-Hub-Signature", ji_sig(JI, body)[:-2]]], "malformed")
jira("body 0, only X-Hub-Signature-256 (GitHub's name)", body, [["X-Hub-Signature-256", ji_sig(JI, body)]],
     "missing_header")
jira("body 0, no signature header", body, [], "missing_header")

# ---------------------------------------------------------------------------------------------
# Contentful: x-contentful-signature = hex(HMAC-SHA256(secret, method \n path \n k:v;k:v \n body)),
# k:v the signed headers (lowercase, sorted), timestamp in ms; verifyRequest's TTL 30 s, age only
# ---------------------------------------------------------------------------------------------
CF = base64.urlsafe_b64encode(label_bytes("contentful webhook signing secret", 48)).decode()       # 64 chars
CF_OLD = base64.urlsafe_b64encode(label_bytes("contentful webhook signing secret old", 48)).decode()
assert len(CF) == len(CF_OLD) == 64
CF_URL = "https://hooks.example.com/contentful/webhook"
CF_TS = T * 1000 - 1234
CF_BODIES = [
    j({"metadata": {"tags": []}, "sys": {"type": "Entry", "id": "5KsDBWseXY6QegucYAoacS",
       "space": {"sys": {"type": "Link", "linkType": "Space", "id": "yadj1kx9rmg0"}},
       "environment": {"sys": {"id": "master", "type": "Link", "linkType": "Environment"}},
       "contentType": {"sys": {"type": "Link", "linkType": "ContentType", "id": "blogPost"}},
       "revision": 3, "createdAt": "2023-11-14T21:00:00.000Z", "updatedAt": "2023-11-14T22:13:18.000Z"},
       "fields": {"title": {"en-US": "Gr\u00fc\u00dfe aus K\u00f6ln", "ja-JP": "\u30b1\u30eb\u30f3\u304b\u3089 \U0001F3F0"},
                  "body": {"en-US": "Na\u00efve caf\u00e9 \u2014 r\u00e9sum\u00e9"}}}),
    j({"sys": {"type": "DeletedEntry", "id": "3Pn9zL0a2mXyQcB7", "revision": 4,
       "space": {"sys": {"type": "Link", "linkType": "Space", "id": "yadj1kx9rmg0"}},
       "deletedAt": "2023-11-14T22:13:18.500Z"}}),
]
TOPIC = ["X-Contentful-Topic", "ContentManagement.Entry.publish"]
WH_NAME = ["X-Contentful-Webhook-Name", "Publish to search"]
CT = ["Content-Type", "application/vnd.contentful.management.v1+json"]


def cf_sign(secret, method, path, signed, body, ts):
    """signRequest of @contentful/node-apps-toolkit, re-implemented: lowercase trimmed header names,
    trimmed values, plus x-contentful-signed-headers (the sorted names) and x-contentful-timestamp."""
    h = {k.lower().strip(): v.strip() for k, v in signed}
    h["x-contentful-timestamp"] = str(ts)
    h["x-contentful-signed-headers"] = ""
    names = ",".join(sorted(h))
    h["x-contentful-signed-headers"] = names
    canonical = "\n".join([method, path, ";".join(f"{k}:{h[k]}" for k in sorted(h)), body])
    return mac(secret, canonical).hexdigest(), names


def cf_headers(secret, body, signed=(), unsigned=(), ts=CF_TS, method="POST", path="/contentful/webhook"):
    sig, names = cf_sign(secret, method, path, list(signed), body, ts)
    return [list(h) for h in signed] + [list(h) for h in unsigned] + [
        ["X-Contentful-Signature", sig], ["X-Contentful-Signed-Headers", names], ["X-Contentful-Timestamp", str(ts)]]


def cf_python_example(body, headers, secrets, method, url):
    """contentful-labs/request-verification-examples python/app.py, re-expressed: headers keyed by
    lowercase name; the signed headers in the order listed; path without query; no timestamp check."""
    hd = {k.strip().lower(): v for k, v in headers}
    path = urlsplit(url).path

    def verify(secret):
        signature = hd.get("x-contentful-signature")
        listed = hd.get("x-contentful-signed-headers", "").split(",")
        lines = [f"{x.strip().lower()}:{hd.get(x.strip().lower())}" for x in listed if x.strip().lower() in hd]
        canonical = f"{method}\n{path}\n{';'.join(lines)}\n{raw_of(body).decode()}"
        generated = hmac.new(secret.encode("utf-8"), msg=canonical.encode("utf-8"), digestmod=hashlib.sha256).hexdigest()
        return hmac.compare_digest(generated, signature)
    return any_secret(secrets, verify)


def contentful(name, body, headers, expect, secrets=(CF,), key_index=0, differs=None, now=T, method="POST",
               url=CF_URL):
    case(f"contentful {name}", "contentful", body, headers,
         {"Contentful Python example (request-verification-examples)": cf_python_example(body, headers, secrets,
                                                                                          method, url)},
         "contentful-toolkit", expect, secrets, url, method=method, now=now, key_index=key_index, differs=differs,
         node=("contentful-toolkit",))


b0, b1 = CF_BODIES
contentful("body 0, topic, name and content type signed", b0, cf_headers(CF, b0, signed=[CT, TOPIC, WH_NAME]), "ok")
contentful("body 1, only the two mandatory headers signed", b1,
           cf_headers(CF, b1, unsigned=[CT, ["X-Contentful-Topic", "ContentManagement.Entry.delete"]]), "ok")
contentful("body 0, header names in other case", b0,
           [[k.lower(), v] for k, v in cf_headers(CF, b0, signed=[CT, TOPIC])], "ok")
contentful("body 0, previous of two secrets", b0, cf_headers(CF_OLD, b0, signed=[CT, TOPIC]), "ok",
           secrets=[CF, CF_OLD], key_index=1)
h = cf_headers(CF, b0, signed=[CT, TOPIC, WH_NAME])
contentful("body 0, body changed", b0.replace("K\u00f6ln", "Koeln"), h, "mismatch")
contentful("body 0, other secret", b0, h, "mismatch", secrets=[CF_OLD])
contentful("body 0, delivered to another path", b0, h, "mismatch", url="https://hooks.example.com/contentful/webhook2")
contentful("body 0, delivered with another method", b0, h, "mismatch", method="PUT")
contentful("body 0, a signed header changed", b0,
           [["X-Contentful-Topic", "ContentManagement.Entry.unpublish"] if k == TOPIC[0] else [k, v] for k, v in h],
           "mismatch")
h2 = cf_headers(CF, b0, signed=[CT, TOPIC], unsigned=[WH_NAME])
contentful("body 0, an unsigned header changed", b0,
           [["X-Contentful-Webhook-Name", "Another name"] if k == WH_NAME[0] else [k, v] for k, v in h2], "ok")
contentful("body 0, timestamp changed by 1 ms", b0,
           [["X-Contentful-Timestamp", str(CF_TS + 1)] if k == "X-Contentful-Timestamp" else [k, v] for k, v in h],
           "mismatch")
contentful("body 0, signed-headers list reordered", b0,
           [[k, ",".join(reversed(v.split(",")))] if k == "X-Contentful-Signed-Headers" else [k, v] for k, v in h], "ok")
contentful("body 0, a listed header missing from the request", b0,
           [[k, v] for k, v in h if k != TOPIC[0]], "mismatch")
for age_ms, expect, differs in [
        (29000, "ok", None),
        (30000, "ok", "verifyRequest expires a request when Date.now() - timestamp >= ttl * 1000, so exactly "
                      "30.000 s is already too old; hookverify's windows are whole seconds, inclusive, like every "
                      "other preset's (30 s accepted, 31 s refused)"),
        (31000, "too_old", None),
        (86_400_000, "too_old", None)]:
    ts = T * 1000 - age_ms
    contentful(f"body 0, signed {age_ms / 1000:g} s before now", b0, cf_headers(CF, b0, signed=[CT, TOPIC], ts=ts),
               expect, differs=differs)
contentful("body 0, signed 1 h after now (no future bound in verifyRequest)", b0,
           cf_headers(CF, b0, signed=[CT, TOPIC], ts=T * 1000 + 3_600_000), "ok")
contentful("body 0, timestamp in seconds instead of milliseconds", b0,
           cf_headers(CF, b0, signed=[CT, TOPIC], ts=T), "too_old")
bad_ts = cf_headers(CF, b0, signed=[CT, TOPIC], ts=CF_TS)
contentful("body 0, timestamp with trailing letters", b0,
           [[k, v + "abc"] if k == "X-Contentful-Timestamp" else [k, v] for k, v in bad_ts], "malformed",
           differs="verifyRequest reads the timestamp with Number.parseInt, which stops at the first non-digit, "
                   "and signs the number it read, so '" + str(CF_TS) + "abc' verifies; hookverify takes ASCII "
                   "digits only")
contentful("body 0, uppercase hex", b0,
           [[k, v.upper()] if k == "X-Contentful-Signature" else [k, v] for k, v in h], "malformed")
contentful("body 0, truncated signature", b0,
           [[k, v[:63]] if k == "X-Contentful-Signature" else [k, v] for k, v in h], "malformed")
contentful("body 0, not hex", b0, [[k, "g" * 64] if k == "X-Contentful-Signature" else [k, v] for k, v in h],
           "malformed")
contentful("body 0, no signature header", b0, [[k, v] for k, v in h if k != "X-Contentful-Signature"],
           "missing_header")
contentful("body 0, no timestamp header", b0, [[k, v] for k, v in h if k != "X-Contentful-Timestamp"],
           "missing_header")
contentful("body 0, no signed-headers header", b0, [[k, v] for k, v in h if k != "X-Contentful-Signed-Headers"],
           "missing_header")

# ---------------------------------------------------------------------------------------------
# The npm judges, then every verdict settled
# ---------------------------------------------------------------------------------------------
proc = subprocess.run(["node", os.path.join(HERE, "sign_providers_22c.mjs")], input=json.dumps(node_checks),
                      capture_output=True, text=True, check=True)
verdicts = json.loads(proc.stdout)
versions = verdicts.pop("_versions")
for check in node_checks:
    idx, judge = check["id"].split(":", 1)
    cases[int(idx)]["judges"][judge] = verdicts[check["id"]]

NODE_NAMES = {
    "docusign-node-launcher": "DocuSign Node launcher isHashValid (validateWebhookMessage.js)",
    "docusign-listener-aws": "DocuSign connect-node-listener-aws checkHmac",
    "nylas-node": f"nylas {versions['nylas']} (npm)",
    "asana-node-sample": "Asana Node sample (webhooks-nodejs/index.js)",
    "okta-docs-basic-auth": f"Okta secure-hooks guide: express-basic-auth {versions['express-basic-auth']}",
    "x-hub-signature": f"x-hub-signature {versions['x-hub-signature']} (npm)",
    "contentful-toolkit": f"@contentful/node-apps-toolkit {versions['@contentful/node-apps-toolkit']} verifyRequest",
}
out = []
for c in cases:
    c["judges"] = {NODE_NAMES.get(k, k): v for k, v in c["judges"].items()}
    primary = c.pop("_primary")
    primary = NODE_NAMES.get(primary, primary)
    key_index, differs = c.pop("_key_index"), c.pop("_differs")
    sdk = c["judges"][primary]
    assert sdk is not None, c["name"]
    if differs is None:
        assert (c["expect"] == "ok") == sdk, (c["name"], c["expect"], c["judges"])
    else:
        assert (c["expect"] == "ok") != sdk, (c["name"], c["expect"], c["judges"])
    if c["expect"] == "ok":
        c["key_index"] = key_index
    c["sdk"] = sdk
    c["judge"] = primary
    if differs is not None:
        c["differs"] = differs
    out.append(c)

source = (
    "providers' own libraries and documentation samples: from PyPI nylas 5.14.1 (Nylas); from npm on Node "
    + versions["node"] + ": " + ", ".join(f"{k} {v}" for k, v in versions.items() if k != "node")
    + "; the verification samples of DocuSign (code-examples-python, code-examples-node, "
    "connect-node-listener-aws), Asana (devrel-examples), Okta (secure-hooks guide) and Contentful "
    "(request-verification-examples), re-expressed; the Nylas CLI's check, re-expressed; independent "
    "implementations where a provider gives no code (Jira, Okta's exact comparison); "
    "tests/data/gen/sign_providers_22c.py and sign_providers_22c.mjs, facts in PROVIDERS_22C_FACTS.md"
)
json.dump({"source": source, "cases": out}, sys.stdout, indent=1, ensure_ascii=False)
sys.stdout.write("\n")

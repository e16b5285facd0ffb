"""Vectors signed by the providers' official libraries from PyPI, not by this crate:
`stripe` (WebhookSignature.generate_signature_header) and `standardwebhooks`
(Webhook.sign).

    pip install --target /tmp/pylibs stripe==16.1.0 standardwebhooks==1.1.0
    PYTHONPATH=/tmp/pylibs python3 tests/data/gen/sign_official.py > tests/data/vectors/official_python.json
"""
import json
from datetime import datetime, timezone

import stripe
from standardwebhooks import Webhook

T = 1700000000
cases = []


def case(name, provider, secrets, body, headers, now=T, expect="ok", secret_index=0, encoding=None):
    c = {"name": name, "provider": provider, "secrets": secrets, "body": body, "headers": headers,
         "now": now, "expect": expect}
    if encoding:
        c["secrets_encoding"] = encoding
    if expect == "ok":
        c["secret_index"] = secret_index
    cases.append(c)


# ---- Stripe ----
sign = stripe.WebhookSignature.generate_signature_header
bodies = [
    '{\n  "id": "evt_test_webhook",\n  "object": "event"\n}',
    '{"id":"evt_1","object":"event","data":{"object":{"amount":2000,"currency":"eur","description":"Caf\u00e9 \u2615"}}}',
    "",
]
sec, old = "whsec_test_secret", "whsec_rolled_secret"
for i, body in enumerate(bodies):
    h = sign(body, sec, T)
    case(f"stripe body {i}", "stripe", [sec], body, [["Stripe-Signature", h]])
    case(f"stripe body {i}, 300 s later", "stripe", [sec], body, [["Stripe-Signature", h]], now=T + 300)
    case(f"stripe body {i}, 301 s later", "stripe", [sec], body, [["Stripe-Signature", h]], now=T + 301,
         expect="too_old")
    case(f"stripe body {i}, other secret", "stripe", ["whsec_other"], body, [["Stripe-Signature", h]],
         expect="mismatch")
    # During a roll Stripe sends one v1 per live secret.
    rolled = sign(body, old, T).split(",")[1]
    case(f"stripe body {i}, two v1 during a roll", "stripe", [old], body,
         [["Stripe-Signature", f"{h},{rolled}"]])
    case(f"stripe body {i}, with a v0", "stripe", [sec], body,
         [["Stripe-Signature", f"{h},v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39"]])
    case(f"stripe body {i}, verified by the previous of two secrets", "stripe", [old, sec], body,
         [["Stripe-Signature", h]], secret_index=1)

# ---- Standard Webhooks ----
key = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
wh = Webhook(key)
msg = "msg_p5jXN8AQM9LWM0D4loKWxJek"
payload = '{"test": 2432232314}'
for i, body in enumerate([payload, '{"type":"user.created","data":{"name":"J\u00f6rg"}}', ""]):
    ts = datetime.fromtimestamp(T, tz=timezone.utc)
    sig = wh.sign(msg_id=msg, timestamp=ts, data=body)
    hs = [["webhook-id", msg], ["webhook-timestamp", str(T)], ["webhook-signature", sig]]
    case(f"standard webhooks body {i}", "standard_webhooks", [key], body, hs, encoding="whsec")
    case(f"standard webhooks body {i}, svix names", "standard_webhooks", [key], body,
         [["svix-id", msg], ["svix-timestamp", str(T)], ["svix-signature", sig]], encoding="whsec")
    case(f"standard webhooks body {i}, multi-signature", "standard_webhooks", [key], body,
         [hs[0], hs[1], ["webhook-signature",
                         f"v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,{sig[3:]} {sig} v1a,{sig[3:]}"]],
         encoding="whsec")
    case(f"standard webhooks body {i}, 301 s old", "standard_webhooks", [key], body, hs, now=T + 301,
         expect="too_old", encoding="whsec")
    case(f"standard webhooks body {i}, 301 s early", "standard_webhooks", [key], body, hs, now=T - 301,
         expect="in_future", encoding="whsec")
    case(f"standard webhooks body {i}, id changed", "standard_webhooks", [key], body,
         [["webhook-id", msg + "x"], hs[1], hs[2]], expect="mismatch", encoding="whsec")
    case(f"standard webhooks body {i}, secret used as raw text", "standard_webhooks", [key], body, hs,
         expect="mismatch")
    case(f"standard webhooks body {i}, missing id", "standard_webhooks", [key], body, hs[1:],
         expect="missing_header", encoding="whsec")
    case(f"standard webhooks body {i}, v1a only", "standard_webhooks", [key], body,
         [hs[0], hs[1], ["webhook-signature", "v1a," + sig[3:]]], expect="mismatch", encoding="whsec")
    case(f"standard webhooks body {i}, timestamp not a number", "standard_webhooks", [key], body,
         [hs[0], ["webhook-timestamp", "hello"], hs[2]], expect="malformed", encoding="whsec")

print(json.dumps({"source": "official libraries from PyPI: stripe 16.1.0, standardwebhooks 1.1.0 "
                            "(tests/data/gen/sign_official.py)", "cases": cases}, indent=1, ensure_ascii=False))

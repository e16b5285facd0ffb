"""Vectors for ten more providers (Coinbase Commerce, LINE, Meta, Telegram, Buildkite, Frame.io,
Trello, Mandrill, Telnyx, Postmark), signed here with fixed secrets, fixed Ed25519 seeds and a fixed
clock, and *judged* by each provider's own library where one exists on PyPI or npm, else by the
verification sample of its documentation run as printed, else (said so per case) by an independent
implementation of its documented construction. Every case records every judge's verdict
(`judges`), the primary one as `sdk`, and `differs` where hookverify's expected answer departs
from the primary judge. Facts and sources: tests/data/gen/PROVIDERS_22B_FACTS.md.

    python3 -m venv /tmp/venv
    /tmp/venv/bin/pip install coinbase-commerce==1.0.1 line-bot-sdk==3.27.0 telnyx==4.189.0 \\
        pynacl==1.6.2 "python-telegram-bot[webhooks]==22.8" tornado==6.6.1 \\
        django-anymail==15.2 django==5.2.20
    (cd tests/data/gen/node_22b && npm install)      # Node 20; versions pinned in package.json
    /tmp/venv/bin/python tests/data/gen/sign_providers_22b.py > tests/data/vectors/providers_22b.json

Primary judges (Python unless marked npm; the npm ones run in sign_providers_22b.mjs):
  coinbase   coinbase-commerce 1.0.1 WebhookSignature.verify_sig_header      (+ npm coinbase-commerce-node 1.0.4)
  line       line-bot-sdk 3.27.0 linebot.v3.webhook.SignatureValidator        (+ npm @line/bot-sdk 11.2.0 validateSignature)
  meta       npm `whatsapp` 0.0.5-Alpha (Meta's WhatsApp Node SDK): generateXHub256Sig and the
             comparison lines of its webhook listener      (+ Meta's sample app, npm x-hub-signature 2.1.3)
  telegram   python-telegram-bot 22.8 TelegramHandler._validate_post          (+ npm grammy 1.46.0 webhookCallback)
  buildkite  the Ruby sample of Buildkite's docs, transliterated line by line (no Ruby here); token
             mode: independent implementation (the docs give no code: "The token is passed in clear text")
  frameio    the Python sample of Frame.io's V4 webhook docs, verbatim (no SDK verifies; frameio 4.0.0 has none)
  trello     the Node sample of Trello's docs, verbatim (npm)   (+ the 2017 version of that sample)
  mandrill   django-anymail 15.2 MandrillCombinedWebhookView validators (Mandrill's own clients,
             mandrill / mailchimp-transactional / mandrill-api, verify nothing)   (+ the docs' six steps)
  telnyx     telnyx 4.189.0 telnyx.lib.webhook_verification.verify_webhook_signature (+ npm telnyx 7.24.0)
  postmark   django-anymail 15.2 PostmarkTrackingWebhookView basic-auth validator (Postmark signs nothing)

Deterministic: T = 1700000000, fixed secrets, Ed25519 keys from SHA-256 of fixed labels; the Python
and Node clocks are patched to each case's `now`.
"""
import base64
import contextlib
import hashlib
import hmac
import io
import json
import os
import subprocess
import sys
import types
from unittest import mock
from urllib.parse import parse_qsl, urlencode, urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
T = 1700000000
cases = []
node_checks = []


def j(obj):
    """Compact JSON with raw UTF-8, as JSON.stringify writes it."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def case(name, provider, body, headers, judges, primary, expect=None, now=T, secrets=None,
         public_keys=None, url=None, method=None, key_index=0, differs=None, node=()):
    """`judges`: {judge name: accepted?} from the Python judges; `node`: npm judges to ask.
    `primary`: the judge whose verdict is `sdk`. `expect`: hookverify's answer, `ok` when the
    primary judge accepts unless `differs` says why not."""
    c = {"name": name, "provider": provider}
    if secrets is not None:
        c["secrets"] = secrets
    if public_keys is not None:
        c["public_keys"] = public_keys
    raw = body.encode() if isinstance(body, str) else body
    try:
        c["body"] = raw.decode("utf-8")
    except UnicodeDecodeError:
        c["body_b64"] = base64.b64encode(raw).decode()
    c.update({"headers": headers, "url": url, "method": method, "now": now, "expect": expect})
    c["_primary"] = primary
    c["_key_index"] = key_index
    c["_differs"] = differs
    c["judges"] = dict(judges)
    for judge in node:
        check = {"id": f"{len(cases)}:{judge}", "judge": judge, "headers": headers, "now": now,
                 "body_b64": base64.b64encode(raw).decode(), "url": url,
                 "secrets": secrets or [], "public_keys": public_keys or []}
        node_checks.append(check)
        c["judges"][judge] = None
    cases.append(c)


def hx(key, msg, algo=hashlib.sha256):
    return hmac.new(key.encode(), msg if isinstance(msg, bytes) else msg.encode(), algo).hexdigest()


def b64(key, msg, algo=hashlib.sha256):
    mac = hmac.new(key.encode(), msg if isinstance(msg, bytes) else msg.encode(), algo).digest()
    return base64.b64encode(mac).decode()


def any_of(items, f):
    for item in items:
        try:
            if f(item):
                return True
        except Exception:
            pass
    return False


# ---------------------------------------------------------------------------------------------
# Coinbase Commerce: X-CC-Webhook-Signature = hex(HMAC-SHA256(shared secret, raw body))
# ---------------------------------------------------------------------------------------------
from coinbase_commerce.webhook import WebhookSignature as CoinbaseSignature

CB = "3f1c9d2e-8b7a-4c5d-9e0f-1a2b3c4d5e6f"
CB_BODIES = [
    j({"attempt_number": 1, "event": {"api_version": "2018-03-22", "created_at": "2023-11-14T22:13:20Z",
       "data": {"code": "66BEOV2A", "name": "Caf\u00e9 \u2615 \u2014 \U0001F680 \u00dcn\u00efc\u00f6d\u00e9",
                "pricing_type": "fixed_price"},
       "id": "24934862-d980-46cb-9402-43c81b0cdba6", "resource": "event", "type": "charge:confirmed"},
       "id": "f765421f-d42e-4ae4-bfa8-e42c1ed5c4d1", "scheduled_for": "2023-11-14T22:13:20Z"}),
    j({"attempt_number": 1, "event": {"data": {"code": "AB12CD34"}, "id": "5a2c8f3e-0f4e-4b8a-9a51-0c3e7d2b9f10",
       "type": "charge:created"}, "id": "1b6e0e6e-7c1d-4f2e-8d3c-2a1b0c9d8e7f"}),
]


def cb_py(headers, body, secrets):
    sig = dict((k.lower(), v) for k, v in headers).get("x-cc-webhook-signature")
    return any_of(secrets, lambda s: CoinbaseSignature.verify_sig_header(body, sig, s))


def coinbase(name, body, headers, expect, secrets=(CB,), key_index=0, differs=None):
    secrets = list(secrets)
    case(f"coinbase {name}", "coinbase", body, headers,
         {"coinbase-commerce 1.0.1": cb_py(headers, body, secrets)}, "coinbase-commerce 1.0.1", expect,
         secrets=secrets, key_index=key_index, differs=differs, node=["coinbase-commerce-node"])


for i, body in enumerate(CB_BODIES):
    coinbase(f"body {i}", body, [["X-CC-Webhook-Signature", hx(CB, body)]], "ok")
body = CB_BODIES[0]
sig = hx(CB, body)
coinbase("body 0, previous of two secrets", body, [["X-CC-Webhook-Signature", sig]], "ok",
         secrets=["9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", CB], key_index=1)
coinbase("body 0, body changed", body.replace("fixed_price", "no_price"), [["X-CC-Webhook-Signature", sig]],
         "mismatch")
coinbase("body 0, one byte appended", body + "\n", [["X-CC-Webhook-Signature", sig]], "mismatch")
coinbase("body 0, other secret", body, [["X-CC-Webhook-Signature", sig]], "mismatch",
         secrets=["9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"])
coinbase("body 0, uppercase hex", body, [["X-CC-Webhook-Signature", sig.upper()]], "malformed")
coinbase("body 0, truncated signature", body, [["X-CC-Webhook-Signature", sig[:63]]], "malformed")
coinbase("body 0, not hex", body, [["X-CC-Webhook-Signature", "z" + sig[1:]]], "malformed")
coinbase("body 0, sha256= prefix", body, [["X-CC-Webhook-Signature", "sha256=" + sig]], "malformed")
coinbase("body 0, base64 instead of hex", body, [["X-CC-Webhook-Signature", b64(CB, body)]], "malformed")
coinbase("body 0, no signature header", body, [["Content-Type", "application/json"]], "missing_header")

# ---------------------------------------------------------------------------------------------
# LINE: x-line-signature = base64(HMAC-SHA256(channel secret as UTF-8 text, raw body))
# ---------------------------------------------------------------------------------------------
from linebot.v3.webhook import SignatureValidator

LINE = "8c570fa6dd201bb328f1c1eac23a96d8"
LINE_OLD = "2c7a6b0e4f9d8a1b3c5e7f9a0b2d4c6e"
LINE_BODIES = [
    j({"destination": "U0123456789abcdef0123456789abcdef", "events": [
        {"type": "message", "message": {"type": "text", "id": "468789577898262530",
                                        "quoteToken": "q3Plxr4AgKd", "text": "\u3053\u3093\u306b\u3061\u306f \U0001F438 caf\u00e9"},
         "webhookEventId": "01H810YECXQQZ37VAXPF6H9E6T", "deliveryContext": {"isRedelivery": False},
         "timestamp": 1700000000000, "source": {"type": "user", "userId": "U4af4980629a0b1c2d3e4f5a6b7c8d9e0"},
         "replyToken": "38ef843bde154d9b91c21320ffd17a0f", "mode": "active"}]}),
    # what the console's "Verify" button sends
    j({"destination": "U0123456789abcdef0123456789abcdef", "events": []}),
]


def line_py(headers, body, secrets):
    sig = dict((k.lower(), v) for k, v in headers).get("x-line-signature")
    if sig is None:  # WebhookHandler.handle(body, signature) needs one; a missing header is a rejection
        return False
    return any_of(secrets, lambda s: SignatureValidator(s).validate(body, sig))


def line(name, body, headers, expect, secrets=(LINE,), key_index=0, differs=None):
    secrets = list(secrets)
    case(f"line {name}", "line", body, headers, {"line-bot-sdk 3.27.0": line_py(headers, body, secrets)},
         "line-bot-sdk 3.27.0", expect, secrets=secrets, key_index=key_index, differs=differs,
         node=["line-bot-sdk-nodejs"])


for i, body in enumerate(LINE_BODIES):
    line(f"body {i}", body, [["x-line-signature", b64(LINE, body)]], "ok")
body = LINE_BODIES[0]
sig = b64(LINE, body)
line("body 0, header name as LINE writes it (X-Line-Signature)", body, [["X-Line-Signature", sig]], "ok")
line("body 0, previous of two channel secrets", body, [["x-line-signature", b64(LINE_OLD, body)]], "ok",
     secrets=[LINE, LINE_OLD], key_index=1)
line("body 0, body changed", body.replace("caf\u00e9", "cafe"), [["x-line-signature", sig]], "mismatch")
line("body 0, other channel secret", body, [["x-line-signature", sig]], "mismatch", secrets=[LINE_OLD])
line("body 0, channel secret hex-decoded as the key", body,
     [["x-line-signature", base64.b64encode(hmac.new(bytes.fromhex(LINE), body.encode(), hashlib.sha256).digest()).decode()]],
     "mismatch")
line("body 0, hex instead of base64", body, [["x-line-signature", hx(LINE, body)]], "malformed")
line("body 0, padding removed", body, [["x-line-signature", sig.rstrip("=")]], "malformed")
line("body 0, truncated signature", body, [["x-line-signature", sig[:40]]], "malformed")
line("body 0, not base64", body, [["x-line-signature", "!" + sig[1:]]], "malformed")
# a body whose signature has '+' or '/', to try the URL-safe alphabet
n = 0
while True:
    variant = body.replace("38ef843bde154d9b91c21320ffd17a0f", f"38ef843bde154d9b91c21320ffd17{n:03d}")
    if any(ch in b64(LINE, variant) for ch in "+/"):
        break
    n += 1
vsig = b64(LINE, variant)
line("body 0 variant, signature in the URL-safe alphabet", variant,
     [["x-line-signature", vsig.replace("+", "-").replace("/", "_")]], "malformed")
line("body 0 variant, signature as sent", variant, [["x-line-signature", vsig]], "ok")
line("body 0, no signature header", body, [["Content-Type", "application/json; charset=utf-8"]], "missing_header")

# ---------------------------------------------------------------------------------------------
# Meta: X-Hub-Signature-256 = "sha256=" + hex(HMAC-SHA256(app secret, raw body))
# ---------------------------------------------------------------------------------------------
META = "6a7f2c1b9e8d4f3a0b5c6d7e8f9a0b1c"
META_OLD = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
META_BODIES = [
    # as Meta sends it: non-ASCII escaped (\u00e4...), which is what it signs
    '{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":'
    '{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},'
    '"messages":[{"from":"16315551181","id":"wamid.ABGGFlA5FpafAgo6EHqz1ITfzxPl","timestamp":"1700000000",'
    '"text":{"body":"\\u00e4\\u00f6\\u00e5 \\ud83d\\ude80"},"type":"text"}]},"field":"messages"}]}]}',
    # raw UTF-8, to check bytes are signed as they come
    j({"object": "instagram", "entry": [{"id": "17841400008460056", "time": 1700000000,
       "messaging": [{"sender": {"id": "12334"}, "recipient": {"id": "23245"}, "timestamp": 1700000000000,
                      "message": {"mid": "random_mid", "text": "\u00e4\u00f6\u00e5 \U0001F680 \u00a1hola!"}}]}]}),
]
META_JUDGES = ["whatsapp-sdk", "meta-sample-app", "x-hub-signature"]


def meta(name, body, headers, expect, secrets=(META,), key_index=0, differs=None):
    case(f"meta {name}", "meta", body, headers, {}, "whatsapp-sdk", expect, secrets=list(secrets),
         key_index=key_index, differs=differs, node=META_JUDGES)


for i, body in enumerate(META_BODIES):
    meta(f"body {i}", body, [["X-Hub-Signature", "sha1=" + hx(META, body, hashlib.sha1)],
                             ["X-Hub-Signature-256", "sha256=" + hx(META, body)]], "ok")
body = META_BODIES[0]
sig = hx(META, body)
meta("body 0, X-Hub-Signature-256 alone", body, [["X-Hub-Signature-256", "sha256=" + sig]], "ok")
meta("body 0, previous of two app secrets", body, [["X-Hub-Signature-256", "sha256=" + hx(META_OLD, body)]], "ok",
     secrets=[META, META_OLD], key_index=1)
meta("body 0, body changed", body.replace("\\u00e4", "\\u00c4"), [["X-Hub-Signature-256", "sha256=" + sig]], "mismatch")
unescaped = body.replace("\\u00e4\\u00f6\\u00e5 \\ud83d\\ude80", "\u00e4\u00f6\u00e5 \U0001F680")
meta("body 0 unescaped (the decoded bytes Meta warns about)", unescaped, [["X-Hub-Signature-256", "sha256=" + sig]],
     "mismatch")
meta("body 0, other app secret", body, [["X-Hub-Signature-256", "sha256=" + sig]], "mismatch", secrets=[META_OLD])
meta("body 0, uppercase hex", body, [["X-Hub-Signature-256", "sha256=" + sig.upper()]], "malformed")
meta("body 0, SHA256= prefix in uppercase", body, [["X-Hub-Signature-256", "SHA256=" + sig]], "malformed")
meta("body 0, no sha256= prefix", body, [["X-Hub-Signature-256", sig]], "malformed",
     differs="Meta's WhatsApp SDK strips 'sha256=' with String.replace, which leaves a bare digest as it is, "
             "so it accepts one; Meta's docs say the header is the digest 'preceded with sha256=', and its sample "
             "app and x-hub-signature reject it: hookverify requires the prefix")
meta("body 0, sha1 digest in the 256 header", body, [["X-Hub-Signature-256", "sha1=" + hx(META, body, hashlib.sha1)]],
     "malformed")
meta("body 0, legacy sha1 header right, X-Hub-Signature-256 wrong", body,
     [["X-Hub-Signature", "sha1=" + hx(META, body, hashlib.sha1)], ["X-Hub-Signature-256", "sha256=" + hx(META_OLD, body)]],
     "mismatch")
meta("body 0, truncated signature", body, [["X-Hub-Signature-256", "sha256=" + sig[:63]]], "malformed")
meta("body 0, only the legacy X-Hub-Signature (sha1)", body, [["X-Hub-Signature", "sha1=" + hx(META, body, hashlib.sha1)]],
     "missing_header")

# ---------------------------------------------------------------------------------------------
# Telegram: X-Telegram-Bot-Api-Secret-Token = the secret_token given to setWebhook, verbatim
# ---------------------------------------------------------------------------------------------
import tornado.httputil
import tornado.web
from telegram.ext._utils.webhookhandler import TelegramHandler

TG = "Tg_secret-Token_0123456789abcdefXYZ"
TG_OLD = "old-Token_9876543210"
TG_BODIES = [
    j({"update_id": 10000, "message": {"message_id": 1365, "date": 1700000000,
       "from": {"id": 1111111, "is_bot": False, "first_name": "Zo\u00eb", "language_code": "ru"},
       "chat": {"id": 1111111, "type": "private", "first_name": "Zo\u00eb"},
       "text": "\u041f\u0440\u0438\u0432\u0435\u0442 \U0001F44B"}}),
    j({"update_id": 10001, "callback_query": {"id": "4382bfdwdsb323b2d9", "from": {"id": 1111111, "is_bot": False,
       "first_name": "Test"}, "chat_instance": "-8000000000000000000", "data": "ok"}}),
]


def ptb(headers, secrets):
    h = tornado.httputil.HTTPHeaders()
    for k, v in headers:
        h.add(k, v)

    def one(token):
        TelegramHandler._validate_post(types.SimpleNamespace(request=types.SimpleNamespace(headers=h),
                                                             secret_token=token))
        return True

    return any_of(secrets, one)


def telegram(name, body, headers, expect, secrets=(TG,), key_index=0, differs=None):
    secrets = list(secrets)
    headers = [["Content-Type", "application/json"]] + headers
    case(f"telegram {name}", "telegram", body, headers, {"python-telegram-bot 22.8": ptb(headers, secrets)},
         "python-telegram-bot 22.8", expect, secrets=secrets, key_index=key_index, differs=differs,
         node=["grammy"])


for i, body in enumerate(TG_BODIES):
    telegram(f"body {i}", body, [["X-Telegram-Bot-Api-Secret-Token", TG]], "ok")
body = TG_BODIES[0]
telegram("body 0, header name in lowercase", body, [["x-telegram-bot-api-secret-token", TG]], "ok")
telegram("body 0, previous of two tokens", body, [["X-Telegram-Bot-Api-Secret-Token", TG_OLD]], "ok",
         secrets=[TG, TG_OLD], key_index=1)
telegram("body 0, body changed: the token does not cover it", body.replace("10000", "10002"),
         [["X-Telegram-Bot-Api-Secret-Token", TG]], "ok")
telegram("body 0, other token", body, [["X-Telegram-Bot-Api-Secret-Token", TG_OLD]], "token_mismatch")
telegram("body 0, token in other case", body, [["X-Telegram-Bot-Api-Secret-Token", TG.lower()]], "token_mismatch")
telegram("body 0, token's prefix", body, [["X-Telegram-Bot-Api-Secret-Token", TG[:-1]]], "token_mismatch")
telegram("body 0, token with a character appended", body, [["X-Telegram-Bot-Api-Secret-Token", TG + "A"]],
         "token_mismatch")
telegram("body 0, empty header", body, [["X-Telegram-Bot-Api-Secret-Token", ""]], "malformed")
telegram("body 0, no header", body, [], "missing_header")

# ---------------------------------------------------------------------------------------------
# Buildkite: X-Buildkite-Signature: timestamp=<unix>,signature=<hex HMAC-SHA256(token, "<ts>.<body>")>
#            or X-Buildkite-Token: <token> in clear
# ---------------------------------------------------------------------------------------------
BK = "309c9c842a8565adec5d7469f6005989"
BK_OLD = "62d32cdc0687926d9c556dff46a6f0e8"
BK_BODIES = [
    j({"event": "build.finished", "build": {"id": "f62a1b4d-10f9-4790-bc1c-e2c3a0c80983", "number": 4211,
       "message": "Fix na\u00efve caf\u00e9 parsing \U0001F41B", "state": "passed", "branch": "main"},
       "pipeline": {"slug": "hookverify"}, "sender": {"id": "8a7693f8-dbae-4783-9137-84090fce9045", "name": "Zo\u00eb"}}),
    j({"event": "ping", "service": {"id": "c9f8372d-c0cd-43dc-9274-768a875cf6ca", "provider": "webhook",
       "settings": {"url": "https://server.com/webhooks"}}, "organization": {"slug": "acme"},
       "sender": {"id": "c9f8372d-c0cd-43dc-9274-768a875cf6ca", "name": "Keith Pitt"}}),
]
BK_SAMPLE = "Buildkite docs Ruby sample (transliterated)"


def bk_docs_sample(body, header, secret):
    """pages/apis/webhooks/_verifying_hmac_signatures.md, BuildkiteWebhook.valid?, line by line."""
    if header is None:
        raise NoMethodError  # nil.split
    fields = header.split(",")
    while fields and fields[-1] == "":  # Ruby's String#split drops trailing empty fields
        fields.pop()
    pairs = [[p.strip() for p in kv.split("=", 1)] for kv in fields]
    if any(len(p) != 2 for p in pairs):
        raise ArgumentError  # Array#to_h: wrong array length
    parts = dict(pairs)
    timestamp, signature = parts.get("timestamp"), parts.get("signature")
    expected = hmac.new(secret.encode(), f"{timestamp or ''}.".encode() + body.encode(), hashlib.sha256).hexdigest()
    if signature is None:
        raise NoMethodError  # Rack::Utils.secure_compare: nil.bytesize
    return len(expected.encode()) == len(signature.encode()) and hmac.compare_digest(expected, signature)


class NoMethodError(Exception):
    pass


class ArgumentError(Exception):
    pass


def buildkite(name, body, headers, expect, secrets=(BK,), now=T, key_index=0, differs=None):
    secrets = list(secrets)
    h = dict((k.lower(), v) for k, v in headers).get("x-buildkite-signature")
    verdict = any_of(secrets, lambda s: bk_docs_sample(body, h, s))
    case(f"buildkite {name}", "buildkite", body, headers, {BK_SAMPLE: verdict}, BK_SAMPLE, expect, now=now,
         secrets=secrets, key_index=key_index, differs=differs)


def bk_header(body, ts=T, secret=BK):
    return ["X-Buildkite-Signature", f"timestamp={ts},signature={hx(secret, f'{ts}.{body}')}"]


EV = {0: "build.finished", 1: "ping"}
for i, body in enumerate(BK_BODIES):
    buildkite(f"body {i}", body, [["X-Buildkite-Event", EV[i]], bk_header(body),
                                  ["X-Buildkite-Request", "98c11d1e-d181-45dc-a60f-64d0fc89f6a3"]], "ok")
body = BK_BODIES[0]
hs = [["X-Buildkite-Event", "build.finished"], bk_header(body)]
sigv = hx(BK, f"{T}.{body}")
buildkite("body 0, previous of two tokens", body, [bk_header(body, secret=BK_OLD)], "ok", secrets=[BK, BK_OLD],
          key_index=1)
buildkite("body 0, 300 s later", body, hs, "ok", now=T + 300)
window = ("Buildkite's sample checks only the HMAC; its docs leave the window to the receiver ('within your "
          "chosen window ... for example, 5 minutes'): hookverify enforces 300 s both ways")
buildkite("body 0, 301 s later", body, hs, "too_old", now=T + 301, differs=window)
buildkite("body 0, 300 s early", body, hs, "ok", now=T - 300)
buildkite("body 0, 301 s early", body, hs, "in_future", now=T - 301, differs=window)
buildkite("body 0, body changed", body.replace("passed", "failed"), hs, "mismatch")
buildkite("body 0, timestamp changed", body, [["X-Buildkite-Signature", f"timestamp={T + 1},signature={sigv}"]],
          "mismatch")
buildkite("body 0, other token", body, hs, "mismatch", secrets=[BK_OLD])
buildkite("body 0, fields swapped", body, [["X-Buildkite-Signature", f"signature={sigv},timestamp={T}"]], "ok")
buildkite("body 0, space after the comma", body, [["X-Buildkite-Signature", f"timestamp={T}, signature={sigv}"]], "ok")
buildkite("body 0, uppercase hex", body, [["X-Buildkite-Signature", f"timestamp={T},signature={sigv.upper()}"]],
          "malformed")
buildkite("body 0, truncated signature", body, [["X-Buildkite-Signature", f"timestamp={T},signature={sigv[:63]}"]],
          "malformed")
buildkite("body 0, no signature field", body, [["X-Buildkite-Signature", f"timestamp={T}"]], "malformed")
buildkite("body 0, no timestamp field", body, [["X-Buildkite-Signature", f"signature={sigv}"]], "malformed")
buildkite("body 0, no header", body, [["X-Buildkite-Event", "build.finished"]], "missing_header")

BKT = "independent: X-Buildkite-Token compared whole (docs: 'The token is passed in clear text')"


def buildkite_token(name, body, headers, expect, secrets=(BK,), key_index=0):
    secrets = list(secrets)
    tok = dict((k.lower(), v) for k, v in headers).get("x-buildkite-token")
    case(f"buildkite_token {name}", "buildkite_token", body, headers,
         {BKT: tok is not None and any(hmac.compare_digest(tok.encode(), s.encode()) for s in secrets)}, BKT, expect,
         secrets=secrets, key_index=key_index)


for i, body in enumerate(BK_BODIES):
    buildkite_token(f"body {i}", body, [["X-Buildkite-Event", EV[i]], ["X-Buildkite-Token", BK]], "ok")
body = BK_BODIES[0]
buildkite_token("body 0, previous of two tokens", body, [["X-Buildkite-Token", BK_OLD]], "ok", secrets=[BK, BK_OLD],
                key_index=1)
buildkite_token("body 0, body changed: the token does not cover it", body.replace("passed", "failed"),
                [["X-Buildkite-Token", BK]], "ok")
buildkite_token("body 0, other token", body, [["X-Buildkite-Token", BK_OLD]], "token_mismatch")
buildkite_token("body 0, token in uppercase", body, [["X-Buildkite-Token", BK.upper()]], "token_mismatch")
buildkite_token("body 0, token's prefix", body, [["X-Buildkite-Token", BK[:-1]]], "token_mismatch")
buildkite_token("body 0, no header", body, [["X-Buildkite-Event", "build.finished"]], "missing_header")

# ---------------------------------------------------------------------------------------------
# Frame.io: X-Frameio-Signature = "v0=" + hex(HMAC-SHA256(secret, "v0:<ts>:<body>")), ts in
#           X-Frameio-Request-Timestamp
# ---------------------------------------------------------------------------------------------


def verify_signature(curr_time, req_time, signature, body, secret):
    """
    Verify Webhook signature
    :Args:
        curr_time (float): Current epoch time
        req_time (float): Request epoch time
        signature (str): Signature provided by the Frame.io API for the given request
        body (str): Webhook body from the received POST
        secret (str): The secret for this Webhook that you saved when you first created it
    """
    if int(curr_time) - int(req_time) < 500:
        message = 'v0:{}:{}'.format(req_time, body)
        calculated_signature = 'v0={}'.format(hmac.new(
            bytes(secret, 'latin-1'),
            msg=bytes(message, 'latin-1'),
            digestmod=hashlib.sha256).hexdigest())
        if calculated_signature == signature:
            return True
    return False


FIO = "HXc9Fp4mQ2rT8vW1zB6nK3jL0sD5gA7eUy"
FIO_OLD = "oldSecret0987654321zyxwvutsrqponm"
FIO_BODIES = [
    j({"account": {"id": "6f70f1bd-7e89-4a7e-b4d3-7e576585a181"}, "project": {"id": "7e46e495-4444-4555-8649-bee4d391a997"},
       "resource": {"id": "d3075547-4e64-45f0-ad12-d075660eddd2", "type": "file", "name": "Caf\u00e9 \u2615 \u2014 cut v2 \U0001F3AC"},
       "type": "file.ready", "user": {"id": "56556a3f-859f-4b38-b6c6-e8625b5da8a5"},
       "workspace": {"id": "378fcbf7-6f88-4224-8139-6a743ed940b2"}}),
    # the example payload of the docs, as printed (indented)
    '{\n  "account": {\n    "id": "6f70f1bd-7e89-4a7e-b4d3-7e576585a181"\n  },\n  "project": {\n'
    '    "id": "7e46e495-4444-4555-8649-bee4d391a997"\n  },\n  "resource": {\n'
    '    "id": "d3075547-4e64-45f0-ad12-d075660eddd2",\n    "type": "file"\n  },\n  "type": "file.ready",\n'
    '  "user": {\n    "id": "56556a3f-859f-4b38-b6c6-e8625b5da8a5"\n  },\n  "workspace": {\n'
    '    "id": "378fcbf7-6f88-4224-8139-6a743ed940b2"\n  }\n}',
]
FIO_SAMPLE = "Frame.io docs Python sample (verbatim)"


def frameio(name, body, headers, expect, secrets=(FIO,), now=T, key_index=0, differs=None):
    secrets = list(secrets)
    d = dict((k.lower(), v) for k, v in headers)
    # The sample takes the body as text; fed as Latin-1 it is byte-for-byte the body received
    # (as UTF-8 text its bytes(..., 'latin-1') would re-encode, or fail on, anything non-ASCII).
    text = body.encode().decode("latin-1")
    verdict = any_of(secrets, lambda s: verify_signature(now, d.get("x-frameio-request-timestamp"),
                                                         d.get("x-frameio-signature"), text, s))
    case(f"frameio {name}", "frameio", body, headers, {FIO_SAMPLE: verdict}, FIO_SAMPLE, expect, now=now,
         secrets=secrets, key_index=key_index, differs=differs)


def fio_headers(body, ts=T, secret=FIO):
    return [["X-Frameio-Request-Timestamp", str(ts)],
            ["X-Frameio-Signature", "v0=" + hx(secret, f"v0:{ts}:{body}")],
            ["User-Agent", "Frame.io V4 API"]]


for i, body in enumerate(FIO_BODIES):
    frameio(f"body {i}", body, fio_headers(body), "ok")
body = FIO_BODIES[0]
hs = fio_headers(body)
fsig = hs[1][1]
frameio("body 0, previous of two secrets", body, fio_headers(body, secret=FIO_OLD), "ok", secrets=[FIO, FIO_OLD],
        key_index=1)
frameio("body 0, 300 s later", body, hs, "ok", now=T + 300)
late = ("Frame.io's sample accepts while now - timestamp < 500 s, and any timestamp ahead of the clock; its "
        "prose says 'We recommended verifying this time is within 5 minutes of local time': hookverify "
        "enforces 300 s both ways")
frameio("body 0, 301 s later", body, hs, "too_old", now=T + 301, differs=late)
frameio("body 0, 499 s later", body, hs, "too_old", now=T + 499, differs=late)
frameio("body 0, 500 s later", body, hs, "too_old", now=T + 500)
frameio("body 0, 300 s early", body, hs, "ok", now=T - 300)
frameio("body 0, 301 s early", body, hs, "in_future", now=T - 301, differs=late)
frameio("body 0, body changed", body.replace("file.ready", "file.created"), hs, "mismatch")
frameio("body 0, timestamp changed", body, [["X-Frameio-Request-Timestamp", str(T + 1)], hs[1]], "mismatch")
frameio("body 0, other secret", body, hs, "mismatch", secrets=[FIO_OLD])
frameio("body 0, uppercase hex", body, [hs[0], ["X-Frameio-Signature", "v0=" + fsig[3:].upper()]], "malformed")
frameio("body 0, no v0= prefix", body, [hs[0], ["X-Frameio-Signature", fsig[3:]]], "malformed")
frameio("body 0, v1= prefix", body, [hs[0], ["X-Frameio-Signature", "v1=" + fsig[3:]]], "malformed")
frameio("body 0, truncated signature", body, [hs[0], ["X-Frameio-Signature", fsig[:-1]]], "malformed")
frameio("body 0, no signature header", body, [hs[0]], "missing_header")
frameio("body 0, no timestamp header", body, [hs[1]], "missing_header")

# ---------------------------------------------------------------------------------------------
# Trello: X-Trello-Webhook = base64(HMAC-SHA1(app secret, body + callbackURL))
# ---------------------------------------------------------------------------------------------
TR = "5f2b7c9e1d3a4b6c8e0f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b"
TR_OLD = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"
TR_URL = "https://example.com/trello/callback?board=5abbe4b7ddc1b351ef961414"
TR_BODIES = [
    j({"action": {"id": "5f3b0e0c4a2d3b1e8c9a7f6e", "idMemberCreator": "5a1b2c3d4e5f6a7b8c9d0e1f",
       "type": "commentCard", "date": "2023-11-14T22:13:20.000Z",
       "data": {"text": "Looks gr8 \U0001F44D \u2014 na\u00efve caf\u00e9", "card": {"id": "5f3b0e0c4a2d3b1e8c9a7f00",
                                                                          "name": "\u00dcbung \u2603"}},
       "memberCreator": {"fullName": "Zo\u00eb \u00c5ngstr\u00f6m", "username": "zoe"}},
       "model": {"id": "5abbe4b7ddc1b351ef961414", "name": "Board \u2603"}}),
    j({"action": {"id": "5f3b0e0c4a2d3b1e8c9a7f6f", "type": "updateCard", "data": {"old": {"pos": 1}}},
       "model": {"id": "5abbe4b7ddc1b351ef961414", "name": "Board"}}),
]
TR_JUDGES = ["trello-docs", "trello-docs-2017"]


def trello(name, body, headers, expect, secrets=(TR,), url=TR_URL, key_index=0, differs=None):
    case(f"trello {name}", "trello", body, headers, {}, "trello-docs", expect, secrets=list(secrets), url=url,
         method="POST", key_index=key_index, differs=differs, node=TR_JUDGES)


def tr_sig(body, url=TR_URL, secret=TR):
    return b64(secret, body + url, hashlib.sha1)


for i, body in enumerate(TR_BODIES):
    trello(f"body {i}", body, [["X-Trello-Webhook", tr_sig(body)]], "ok")
body = TR_BODIES[0]
sig = tr_sig(body)
trello("body 0, header name in lowercase", body, [["x-trello-webhook", sig]], "ok")
trello("body 0, previous of two secrets", body, [["X-Trello-Webhook", tr_sig(body, secret=TR_OLD)]], "ok",
       secrets=[TR, TR_OLD], key_index=1)
trello("body 0, delivered to another URL (trailing slash)", body, [["X-Trello-Webhook", sig]], "mismatch",
       url="https://example.com/trello/callback/?board=5abbe4b7ddc1b351ef961414")
trello("body 0, delivered to another URL (no query)", body, [["X-Trello-Webhook", sig]], "mismatch",
       url="https://example.com/trello/callback")
trello("body 0, body changed", body.replace("gr8", "gr9"), [["X-Trello-Webhook", sig]], "mismatch")
trello("body 0, other secret", body, [["X-Trello-Webhook", sig]], "mismatch", secrets=[TR_OLD])
trello("body 0, signed as SHA-256", body, [["X-Trello-Webhook", b64(TR, body + TR_URL)]], "malformed")
trello("body 0, hex instead of base64", body, [["X-Trello-Webhook", hx(TR, body + TR_URL, hashlib.sha1)]], "malformed")
trello("body 0, truncated signature", body, [["X-Trello-Webhook", sig[:20]]], "malformed")
trello("body 0, not base64", body, [["X-Trello-Webhook", "*" + sig[1:]]], "malformed")
binary = bytes(cu & 0xff for cu in memoryview((body + TR_URL).encode("utf-16-le")).cast("H"))
trello("body 0, signed the pre-2016 way (low byte of each UTF-16 unit)", body,
       [["X-Trello-Webhook", base64.b64encode(hmac.new(TR.encode(), binary, hashlib.sha1).digest()).decode()]],
       "mismatch")
pretty = json.dumps(json.loads(TR_BODIES[1]), indent=2)
trello("body 1 indented", pretty, [["X-Trello-Webhook", tr_sig(pretty)]], "ok",
       differs="Trello's current sample hashes JSON.stringify(request.body), the parsed body written again, "
               "which differs from the bytes signed whenever they are not compact JSON (here: indented); its "
               "2017 sample, its prose ('the full request body') and hookverify use the raw body")
trello("body 0, no header", body, [["Content-Type", "application/json"]], "missing_header")

# ---------------------------------------------------------------------------------------------
# Mandrill: X-Mandrill-Signature = base64(HMAC-SHA1(key, URL + k1 + v1 + k2 + v2 ... sorted by key))
# ---------------------------------------------------------------------------------------------
import django
from django.conf import settings

settings.configure(ALLOWED_HOSTS=["*"], ANYMAIL={}, USE_TZ=True, SECRET_KEY="x" * 50)
django.setup()
from django.test import RequestFactory
from anymail.webhooks.mandrill import MandrillCombinedWebhookView
from anymail.webhooks.postmark import PostmarkTrackingWebhookView

MD = "Zx9bQ1wE3rT5yU7iO9pA2s"
MD_OLD = "KfFuThPttL_KoUyDndHW3A"
MD_URL = "https://example.com/mandrill/webhook?source=mandrill"
MD_EVENTS = j([{"event": "open", "_id": "exampleaaaaaaaaaaaaaaaaaaaaaaaaa", "ts": 1700000000,
                "msg": {"subject": "\u00dcn\u00efc\u00f6d\u00e9 \u2713 \U0001F4E7", "email": "zo\u00eb@example.com",
                        "state": "sent", "tags": ["caf\u00e9"]}}])
MD_PARAMS = [("mandrill_events", MD_EVENTS), ("z_last", "x y"), ("a_note", "Gr\u00fc\u00dfe \u2709 & = + ?")]
MD_CT = ["Content-Type", "application/x-www-form-urlencoded"]


def md_signed(url, params):
    data = url
    for k, v in sorted(dict(params).items()):
        data += k + v
    return data


def md_sig(url, params, key=MD):
    return b64(key, md_signed(url, params), hashlib.sha1)


def anymail_mandrill(body, headers, url, keys):
    parts = urlsplit(url)
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers if k.lower() != "content-type"}
    request = RequestFactory().post(parts.path + ("?" + parts.query if parts.query else ""), data=body.encode(),
                                    content_type="application/x-www-form-urlencoded", secure=parts.scheme == "https",
                                    HTTP_HOST=parts.netloc, **extra)

    def one(key):
        MandrillCombinedWebhookView(webhook_key=key).run_validators(request)
        return True

    return any_of(keys, one)


def md_docs_steps(body, headers, url, keys):
    """The six steps of 'How to Authenticate Webhook Requests', with the request's URL as step 1's."""
    sig = dict((k.lower(), v) for k, v in headers).get("x-mandrill-signature")
    params = dict(parse_qsl(body, keep_blank_values=True))
    return sig is not None and any(md_sig(url, params.items(), k) == sig for k in keys)


def mandrill(name, body, headers, expect, keys=(MD,), url=MD_URL, key_index=0, differs=None):
    keys = list(keys)
    headers = [MD_CT] + headers
    case(f"mandrill {name}", "mandrill", body, headers,
         {"django-anymail 15.2": anymail_mandrill(body, headers, url, keys),
          "Mandrill docs' six steps (independent)": md_docs_steps(body, headers, url, keys)},
         "django-anymail 15.2", expect, secrets=keys, url=url, method="POST", key_index=key_index, differs=differs)


body = urlencode(MD_PARAMS)
sig = md_sig(MD_URL, MD_PARAMS)
mandrill("three params", body, [["X-Mandrill-Signature", sig]], "ok")
one = [("mandrill_events", MD_EVENTS)]
mandrill("mandrill_events alone", urlencode(one), [["X-Mandrill-Signature", md_sig(MD_URL, one)]], "ok")
mandrill("three params in another order", urlencode(sorted(MD_PARAMS)), [["X-Mandrill-Signature", sig]], "ok")
mandrill("three params, %20 for spaces", urlencode(MD_PARAMS).replace("+", "%20"), [["X-Mandrill-Signature", sig]],
         "ok")
mandrill("previous of two keys", body, [["X-Mandrill-Signature", md_sig(MD_URL, MD_PARAMS, MD_OLD)]], "ok",
         keys=[MD, MD_OLD], key_index=1)
mandrill("delivered to another URL (trailing slash)", body, [["X-Mandrill-Signature", sig]], "mismatch",
         url="https://example.com/mandrill/webhook/?source=mandrill")
mandrill("delivered to another URL (no query)", body, [["X-Mandrill-Signature", sig]], "mismatch",
         url="https://example.com/mandrill/webhook")
mandrill("delivered over http", body, [["X-Mandrill-Signature", sig]], "mismatch",
         url="http://example.com/mandrill/webhook?source=mandrill")
mandrill("a value changed", urlencode([MD_PARAMS[0], ("z_last", "x z"), MD_PARAMS[2]]), [["X-Mandrill-Signature", sig]],
         "mismatch")
mandrill("a param added", body + "&extra=1", [["X-Mandrill-Signature", sig]], "mismatch")
mandrill("a param dropped", urlencode(MD_PARAMS[:2]), [["X-Mandrill-Signature", sig]], "mismatch")
mandrill("other key", body, [["X-Mandrill-Signature", sig]], "mismatch", keys=[MD_OLD])
empty = [("mandrill_events", "[]")]
mandrill("URL check signed with the generic key 'test-webhook'", urlencode(empty),
         [["X-Mandrill-Signature", md_sig(MD_URL, empty, "test-webhook")]], "mismatch")
mandrill("hex instead of base64", body, [["X-Mandrill-Signature", hx(MD, md_signed(MD_URL, MD_PARAMS), hashlib.sha1)]],
         "malformed")
mandrill("truncated signature", body, [["X-Mandrill-Signature", sig[:20]]], "malformed")
mandrill("no header", body, [], "missing_header")

# ---------------------------------------------------------------------------------------------
# Telnyx: telnyx-signature-ed25519 = base64(Ed25519(private key, "<telnyx-timestamp>|<body>"))
# ---------------------------------------------------------------------------------------------
from nacl.signing import SigningKey
from telnyx.lib.webhook_verification import verify_webhook_signature

TX_KEYS = [SigningKey(hashlib.sha256(f"hookverify telnyx key {i}".encode()).digest()) for i in range(2)]
TX_PUB = [base64.b64encode(bytes(k.verify_key)).decode() for k in TX_KEYS]
TX_BODIES = [
    j({"data": {"event_type": "message.received", "id": "b301ed3f-1490-491f-995f-6e64e69674d4",
                "occurred_at": "2023-11-14T22:13:20.000+00:00",
                "payload": {"text": "Ol\u00e1 \U0001F44B \u2014 \u00f1and\u00fa", "from": {"phone_number": "+13125550001"},
                            "direction": "inbound"}, "record_type": "event"},
       "meta": {"attempt": 1, "delivered_to": "https://example.com/webhooks"}}),
    j({"data": {"event_type": "call.initiated", "id": "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0",
                "occurred_at": "2023-11-14T22:13:20.000+00:00", "payload": {"call_control_id": "v2:T02llQxIyaRkhfRK",
                "direction": "incoming", "state": "parked"}, "record_type": "event"},
       "meta": {"attempt": 1, "delivered_to": "https://example.com/webhooks"}}),
]
TX_PY = "telnyx 4.189.0"


def tx_sign(body, ts=T, key=0):
    return base64.b64encode(TX_KEYS[key].sign(f"{ts}|{body}".encode()).signature).decode()


def tx_py(body, headers, keys, now):
    with mock.patch("time.time", return_value=float(now)):
        return any_of(keys, lambda k: verify_webhook_signature(body.encode(), dict(headers), k) is None)


def telnyx(name, body, headers, expect, keys=None, now=T, key_index=0, differs=None):
    keys = list(keys or TX_PUB[:1])
    case(f"telnyx {name}", "telnyx", body, headers, {TX_PY: tx_py(body, headers, keys, now)}, TX_PY, expect, now=now,
         public_keys=keys, key_index=key_index, differs=differs, node=["telnyx-node"])


def tx_headers(body, ts=T, key=0):
    return [["telnyx-signature-ed25519", tx_sign(body, ts, key)], ["telnyx-timestamp", str(ts)]]


for i, body in enumerate(TX_BODIES):
    telnyx(f"body {i}", body, tx_headers(body), "ok")
body = TX_BODIES[0]
hs = tx_headers(body)
telnyx("body 0, header names capitalised", body,
       [["Telnyx-Signature-Ed25519", hs[0][1]], ["Telnyx-Timestamp", hs[1][1]]], "ok")
telnyx("body 0, second of two public keys", body, tx_headers(body, key=1), "ok", keys=TX_PUB, key_index=1)
telnyx("body 0, 300 s later", body, hs, "ok", now=T + 300)
telnyx("body 0, 301 s later", body, hs, "too_old", now=T + 301)
telnyx("body 0, 300 s early", body, hs, "ok", now=T - 300)
telnyx("body 0, 301 s early", body, hs, "in_future", now=T - 301)
telnyx("body 0, body changed", body.replace("inbound", "outbound"), hs, "mismatch")
telnyx("body 0, timestamp changed", body, [hs[0], ["telnyx-timestamp", str(T + 1)]], "mismatch")
telnyx("body 0, other public key", body, hs, "mismatch", keys=TX_PUB[1:])
telnyx("body 0, signature over the body alone", body,
       [["telnyx-signature-ed25519", base64.b64encode(TX_KEYS[0].sign(body.encode()).signature).decode()], hs[1]],
       "mismatch")
sigt = hs[0][1]
telnyx("body 0, signature truncated to 63 bytes", body,
       [["telnyx-signature-ed25519", base64.b64encode(base64.b64decode(sigt)[:63]).decode()], hs[1]], "malformed")
telnyx("body 0, signature not base64", body, [["telnyx-signature-ed25519", "*" * 88], hs[1]], "malformed")
telnyx("body 0, signature with a '!' inserted", body, [["telnyx-signature-ed25519", sigt[:10] + "!" + sigt[10:]], hs[1]],
       "malformed",
       differs="telnyx (Python) decodes with base64.b64decode(), which drops characters outside the alphabet; "
               "telnyx (Node) decodes strictly and rejects: hookverify decodes strictly")
telnyx("body 0, signature in hex", body, [["telnyx-signature-ed25519", base64.b64decode(sigt).hex()], hs[1]],
       "malformed")
n = 0
while True:
    variant = body.replace('"attempt":1', f'"attempt":{n + 1}')
    vs = tx_sign(variant)
    if any(ch in vs for ch in "+/"):
        break
    n += 1
telnyx("body 0 variant, signature in the URL-safe alphabet", variant,
       [["telnyx-signature-ed25519", vs.replace("+", "-").replace("/", "_")], hs[1]], "malformed")
telnyx("body 0, timestamp not a number", body, [["telnyx-signature-ed25519", tx_sign(body, "now")],
                                                ["telnyx-timestamp", "now"]], "malformed")
telnyx("body 0, timestamp with a leading +", body,
       [["telnyx-signature-ed25519", tx_sign(body, f"+{T}")], ["telnyx-timestamp", f"+{T}"]], "malformed",
       differs="telnyx (Python) reads the timestamp with int(), which takes '+1700000000' (and verifies the "
               "signature over the header as sent); telnyx (Node) accepts digits only (/^\\d+$/): hookverify "
               "takes digits only")
telnyx("body 0, no signature header", body, [hs[1]], "missing_header")
telnyx("body 0, no timestamp header", body, [hs[0]], "missing_header")

# ---------------------------------------------------------------------------------------------
# Postmark: no signature; HTTP basic auth from https://<username>:<password>@host/path
# ---------------------------------------------------------------------------------------------
PM = "postmark-hooks:s3cr3t-P\u00e4ssw\u00f6rd"
PM_OLD = "postmark-hooks:old-password-2022"
PM_BODIES = [
    j({"RecordType": "Delivery", "ServerID": 23, "MessageStream": "outbound",
       "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483", "Recipient": "zo\u00eb@example.com", "Tag": "welcome",
       "DeliveredAt": "2023-11-14T22:13:20Z", "Details": "Test delivery \u2713 \u2014 \U0001F4EC",
       "Metadata": {"a_key": "a_value"}}),
    j({"RecordType": "Bounce", "ID": 42, "Type": "HardBounce", "TypeCode": 1, "MessageStream": "outbound",
       "Email": "john@example.com", "BouncedAt": "2023-11-14T22:13:20Z"}),
]


def basic(cred, scheme="Basic"):
    return ["Authorization", f"{scheme} " + base64.b64encode(cred.encode()).decode()]


def anymail_postmark(body, headers, creds):
    extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers if k.lower() != "content-type"}
    request = RequestFactory().post("/webhooks/postmark", data=body.encode(), content_type="application/json",
                                    secure=True, HTTP_HOST="example.com", **extra)
    try:
        PostmarkTrackingWebhookView(webhook_secret=creds).run_validators(request)
        return True
    except Exception:
        return False


def postmark(name, body, headers, expect, creds=(PM,), key_index=0, differs=None):
    creds = list(creds)
    headers = [["Content-Type", "application/json"]] + headers
    case(f"postmark {name}", "postmark", body, headers, {"django-anymail 15.2": anymail_postmark(body, headers, creds)},
         "django-anymail 15.2", expect, secrets=creds, url="https://example.com/webhooks/postmark", method="POST",
         key_index=key_index, differs=differs)


for i, body in enumerate(PM_BODIES):
    postmark(f"body {i}", body, [basic(PM)], "ok")
body = PM_BODIES[0]
postmark("body 0, previous of two credentials", body, [basic(PM_OLD)], "ok", creds=[PM, PM_OLD], key_index=1)
postmark("body 0, body changed: basic auth does not cover it", body.replace("Delivery", "Bounce"), [basic(PM)], "ok")
postmark("body 0, scheme word in lowercase", body, [basic(PM, "basic")], "ok")
postmark("body 0, other password", body, [basic("postmark-hooks:s3cr3t-Passwort")], "token_mismatch")
postmark("body 0, other user name", body, [basic("postmark-hook:s3cr3t-P\u00e4ssw\u00f6rd")], "token_mismatch")
postmark("body 0, password in Latin-1", body,
         [["Authorization", "Basic " + base64.b64encode(PM.encode("latin-1")).decode()]], "token_mismatch")
postmark("body 0, Bearer instead of Basic", body, [basic(PM, "Bearer")], "malformed")
postmark("body 0, credentials not base64", body, [["Authorization", "Basic *not-base64*"]], "malformed")
postmark("body 0, no Authorization header", body, [], "missing_header")

# ---------------------------------------------------------------------------------------------
# The npm judges, then every verdict settled
# ---------------------------------------------------------------------------------------------
proc = subprocess.run(["node", os.path.join(HERE, "sign_providers_22b.mjs")], input=json.dumps(node_checks),
                      capture_output=True, text=True, check=True)
verdicts = json.loads(proc.stdout)
versions = verdicts.pop("_versions")
for check in node_checks:
    idx, judge = check["id"].split(":", 1)
    cases[int(idx)]["judges"][judge] = verdicts[check["id"]]

NODE_NAMES = {
    "coinbase-commerce-node": f"coinbase-commerce-node {versions['coinbase-commerce-node']}",
    "line-bot-sdk-nodejs": f"@line/bot-sdk {versions['@line/bot-sdk']}",
    "telnyx-node": f"telnyx (npm) {versions['telnyx']}",
    "whatsapp-sdk": f"whatsapp (npm, Meta's WhatsApp SDK) {versions['whatsapp']}",
    "meta-sample-app": "Meta sample app validate-x-hub.ts (fbsamples/graph-api-webhooks-samples)",
    "x-hub-signature": f"x-hub-signature {versions['x-hub-signature']}",
    "trello-docs": "Trello docs Node sample (current)",
    "trello-docs-2017": "Trello docs Node sample (2017, trello-archive/api-docs)",
    "grammy": f"grammy {versions['grammy']}",
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
    "providers' own libraries, from PyPI: coinbase-commerce 1.0.1, line-bot-sdk 3.27.0, telnyx 4.189.0 with "
    "PyNaCl 1.6.2, python-telegram-bot 22.8 with tornado 6.6.1, django-anymail 15.2 with Django 5.2.20 "
    "(Mandrill, Postmark); from npm on Node " + versions["node"] + ": "
    + ", ".join(f"{k} {v}" for k, v in versions.items() if k != "node")
    + "; the verification samples of Buildkite's, Frame.io's and Trello's documentation; independent "
    "implementations where a provider gives no code (Buildkite token, Mandrill's six steps); "
    "tests/data/gen/sign_providers_22b.py and sign_providers_22b.mjs, facts in PROVIDERS_22B_FACTS.md"
)
json.dump({"source": source, "cases": out}, sys.stdout, indent=1, ensure_ascii=False)
sys.stdout.write("\n")

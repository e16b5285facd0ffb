"""Vectors for ten more providers: Zendesk, Box, Mux, Sanity, PagerDuty (v3), Vercel,
WooCommerce, Xero, Sentry and Lemon Squeezy. Every request is signed here with Python's
`hmac`, then *judged* by the provider's own library where one exists on PyPI or npm, else by
the provider's documented construction (its sample code, or its own signing code) rewritten
below as it is written there. Each case records that judge's verdict (`sdk`), the judge's name
(`judge`), the other judges' verdicts where there are several (`sdk_all`), and hookverify's
expected answer (`expect`); `differs` says why hookverify deliberately answers otherwise. The
facts behind every construction, with their sources, are in PROVIDERS_22A_FACTS.md.

Run (from the repository root; Node >= 20):

    python3 -m venv /tmp/venv-22a && /tmp/venv-22a/bin/pip install box-sdk-gen==1.17.0
    (cd tests/data/gen/node_22a && npm install)    # @sanity/webhook, @mux/mux-node, box-node-sdk
    /tmp/venv-22a/bin/python tests/data/gen/sign_providers_22a.py   # writes tests/data/vectors/providers_22a.json

Who judged what:
- box: PyPI box-sdk-gen 1.17.0 WebhooksManager.validate_message (primary; `sdk`), and npm
  box-node-sdk 10.12.0 WebhooksManager.validateMessage (in `sdk_all`); both with their clock
  set to the case's `now`.
- mux: npm @mux/mux-node 15.3.0 webhooks.verifySignature, its clock (Date.now) set to `now`.
- sanity: npm @sanity/webhook 4.0.4 isValidRequest.
- pagerduty: no library on PyPI or npm verifies v3 webhooks. Judged by the Python sample of
  PagerDuty's "Verifying Signatures" page (PagerDutyVerifier, rewritten as written); the rules
  of PagerDuty's Go library (go-pagerduty webhookv3.VerifySignature, read, not run) are
  re-implemented here too and reported in `sdk_all`.
- zendesk: no library. Zendesk's "Verifying webhook authenticity" Node/Express sample
  (isValidSignature: base64 HMAC-SHA256 of timestamp + body, compared with Buffer.compare).
- vercel: no library (@vercel/sdk has no webhook verifier). Vercel's docs sample
  (hex HMAC-SHA1 of the raw body, compared with !==).
- woocommerce: no library. WooCommerce's own signer, WC_Webhook::generate_signature
  (base64 HMAC-SHA256 of the body with wp_specialchars_decode(secret)), compared as a string.
- xero: no library (xero-node and xero-python have no webhook helper). Xero's sample
  receiver XeroAPI/xero-php-webhook (base64 HMAC-SHA256 of the raw body, hash_equals).
- sentry: no library. Sentry's own signer, SentryApp.build_signature (hex HMAC-SHA256 of
  the body with the client secret), compared with === as Sentry's example app does.
- lemonsqueezy: no verifier in @lemonsqueezy/lemonsqueezy.js. Lemon Squeezy's docs Node sample
  (hex HMAC-SHA256 of the raw body; crypto.timingSafeEqual over the two hex strings' bytes,
  which throws, so refuses, when the lengths differ).
Rotation: a judge that takes one secret is tried once per secret, in order; the first that
accepts gives `key_index`.

Deterministic: fixed secrets, bodies and timestamps; HMAC is deterministic.
"""
import base64
import binascii
import hashlib
import hmac
import json
import os
import subprocess
import sys
from importlib.metadata import version as pyversion
from unittest import mock

import box_sdk_gen.managers.webhooks as box_webhooks
from box_sdk_gen.managers.webhooks import WebhooksManager

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "vectors", "providers_22a.json")
T = 1700000000  # 2023-11-14T22:13:20Z
DAY = 86400


# ---- helpers ---------------------------------------------------------------------------

def mac(algo, key, msg):
    if isinstance(key, str):
        key = key.encode("utf-8")
    return hmac.new(key, msg, algo).digest()


def hexs(algo, key, msg):
    return mac(algo, key, msg).hex()


def b64(raw):
    return base64.b64encode(raw).decode()


def b64url_nopad(raw):
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def header(headers, name):
    """First value of `name` (any case), None when absent: what a framework hands over."""
    for k, v in headers:
        if k.lower() == name.lower():
            return v
    return None


def lower_dict(headers):
    return {k.lower(): v for k, v in headers}


def swap(headers, name, value):
    """`headers` with `name` replaced by `value` (removed when value is None)."""
    out = []
    for k, v in headers:
        if k.lower() == name.lower():
            if value is not None:
                out.append([k, value])
        else:
            out.append([k, v])
    return out


def with_plus_or_slash(make):
    """The first of make(0), make(1)... whose base64 signature has a '+' or '/', so that
    writing it in the URL-safe alphabet changes it."""
    for n in range(100):
        body, sig = make(n)
        if "+" in sig or "/" in sig:
            return body, sig
    raise AssertionError("no signature with + or /")


def to_url_alphabet(sig):
    return sig.replace("+", "-").replace("/", "_")


# ---- judges ----------------------------------------------------------------------------
# A judge takes (body bytes, headers list, one secret, now) and answers True or False. `per
# secret` wraps one into a judge of a list of secrets, answering (says, key_index).

def per_secret(one):
    def judge(body, headers, secrets, now):
        for i, s in enumerate(secrets):
            try:
                if one(body, headers, s, now):
                    return True, i
            except Exception:  # the sample would have thrown: a refusal
                pass
        return False, None
    return judge


def zendesk_sample(body, headers, secret, now):
    # developer.zendesk.com/documentation/webhooks/verifying/ (Node/Express sample):
    #   let hmac = crypto.createHmac(SIGNING_SECRET_ALGORITHM, SIGNING_SECRET);
    #   let sig = hmac.update(timestamp + body).digest("base64");
    #   return Buffer.compare(Buffer.from(signature), Buffer.from(sig.toString("base64"))) === 0;
    signature = header(headers, "x-zendesk-webhook-signature")
    timestamp = header(headers, "x-zendesk-webhook-signature-timestamp")
    if signature is None:
        raise TypeError("Buffer.from(undefined)")
    timestamp = "undefined" if timestamp is None else timestamp  # JS: undefined + body
    sig = b64(mac(hashlib.sha256, secret, (timestamp + body.decode("utf-8")).encode("utf-8")))
    return signature.encode("utf-8") == sig.encode("utf-8")


def pagerduty_sample(body, headers, secret, now):
    # developer.pagerduty.com "Verifying Signatures", Python tab (PagerDutyVerifier, version "v1"):
    #   byte_key = self.key.encode("ASCII")
    #   signature = hmac.new(byte_key, payload.encode(), hashlib.sha256).hexdigest()
    #   signed_version = self.version + "=" + signature
    #   signatures = signatures.split(",")
    #   return any(hmac.compare_digest(signed_version, item) for item in signatures)
    signatures = header(headers, "x-pagerduty-signature")
    payload = body.decode("utf-8")
    byte_key = secret.encode("ASCII")
    signature = hmac.new(byte_key, payload.encode(), hashlib.sha256).hexdigest()
    signed_version = "v1" + "=" + signature
    signatures = signatures.split(",")  # None.split raises: a refusal
    return any(hmac.compare_digest(signed_version, item) for item in signatures)


def pagerduty_go(body, headers, secret, now):
    # github.com/PagerDuty/go-pagerduty webhookv3.VerifySignature, re-implemented: header
    # required, body non-empty, split on ",", keep entries starting "v1=" whose rest
    # hex-decodes (Go's hex.DecodeString: either case, even length), hmac.Equal with any.
    h = header(headers, "x-pagerduty-signature")
    if not h or len(body) == 0:
        return False
    expected = mac(hashlib.sha256, secret, body)
    sigs = []
    for sv in h.split(","):
        if not sv.startswith("v1="):
            continue
        try:
            sigs.append(binascii.unhexlify(sv[3:]))
        except (binascii.Error, ValueError):
            continue
    return any(hmac.compare_digest(expected, s) for s in sigs)


def vercel_sample(body, headers, secret, now):
    # vercel.com/docs/webhooks "Securing webhooks":
    #   function sha1(data, secret) { return crypto.createHmac('sha1', secret).update(data).digest('hex'); }
    #   if (signature !== sha1(rawBody, INTEGRATION_SECRET)) { ...invalid... }
    signature = header(headers, "x-vercel-signature")
    return signature == hexs(hashlib.sha1, secret, body)


def wp_specialchars_decode(text):
    # WordPress wp_specialchars_decode($text, ENT_QUOTES) for the entities it knows.
    for ent, ch in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#039;", "'"),
                    ("&#39;", "'"), ("&#x27;", "'"), ("&amp;", "&")):
        text = text.replace(ent, ch)
    return text


def woocommerce_signer(body, headers, secret, now):
    # plugins/woocommerce/includes/class-wc-webhook.php, WC_Webhook::generate_signature:
    #   return base64_encode( hash_hmac( $hash_algo, $payload, wp_specialchars_decode( $this->get_secret(), ENT_QUOTES ), true ) );
    signature = header(headers, "x-wc-webhook-signature")
    return signature == b64(mac(hashlib.sha256, wp_specialchars_decode(secret), body))


def xero_sample(body, headers, secret, now):
    # github.com/XeroAPI/xero-php-webhook index.php:
    #   $computedSignatureKey = base64_encode(hash_hmac('sha256', $rawPayload, $webhookKey, true));
    #   if (hash_equals($computedSignatureKey, $xeroSignatureKey)) { 200 } else { 401 }
    signature = header(headers, "x-xero-signature")
    if signature is None:
        raise TypeError("hash_equals(): Argument #2 must be of type string, null given")
    return hmac.compare_digest(b64(mac(hashlib.sha256, secret, body)), signature)


def sentry_signer(body, headers, secret, now):
    # getsentry/sentry SentryApp.build_signature (the signer), compared as the example app's
    # verifySentrySignature.ts does (digest === request.headers['sentry-hook-signature']),
    # over the raw body:
    #   hmac.new(key=secret.encode("utf-8"), msg=body.encode("utf-8"), digestmod=sha256).hexdigest()
    signature = header(headers, "sentry-hook-signature")
    return hexs(hashlib.sha256, secret, body) == signature


def lemonsqueezy_sample(body, headers, secret, now):
    # docs.lemonsqueezy.com/help/webhooks/signing-requests, Node.js:
    #   const hmac = crypto.createHmac('sha256', secret);
    #   const digest = Buffer.from(hmac.update(request.rawBody).digest('hex'), 'utf8');
    #   const signature = Buffer.from(request.get('X-Signature') || '', 'utf8');
    #   if (!crypto.timingSafeEqual(digest, signature)) { throw new Error('Invalid signature.'); }
    digest = hexs(hashlib.sha256, secret, body).encode("utf-8")
    signature = (header(headers, "x-signature") or "").encode("utf-8")
    if len(digest) != len(signature):
        raise RangeError("Input buffers must have the same byte length")
    return hmac.compare_digest(digest, signature)


class RangeError(Exception):
    pass


def box_python(body, headers, secrets, now):
    # box_sdk_gen.managers.webhooks.WebhooksManager.validate_message (max_age 600 default).
    with mock.patch.object(box_webhooks, "get_epoch_time_in_seconds", lambda: now):
        try:
            ok = WebhooksManager.validate_message(
                body.decode("utf-8"), lower_dict(headers), secrets[0],
                secondary_key=secrets[1] if len(secrets) > 1 else None)
        except Exception as e:  # a missing or unparseable timestamp raises
            return False, None, f"raised {type(e).__name__}: {e}"
    return bool(ok), None, str(ok)


# ---- cases -----------------------------------------------------------------------------

pending = []
node_tasks = []

JUDGES = {
    "zendesk": ("Zendesk docs Node/Express sample (isValidSignature), rewritten in Python", per_secret(zendesk_sample)),
    "pagerduty": ("PagerDuty docs Python sample (PagerDutyVerifier)", per_secret(pagerduty_sample)),
    "vercel": ("Vercel docs sample (sha1 hex, !==), rewritten in Python", per_secret(vercel_sample)),
    "woocommerce": ("WooCommerce WC_Webhook::generate_signature, rewritten in Python, string equality", per_secret(woocommerce_signer)),
    "xero": ("Xero sample receiver XeroAPI/xero-php-webhook, rewritten in Python", per_secret(xero_sample)),
    "sentry": ("Sentry SentryApp.build_signature, rewritten in Python, === as in Sentry's example app", per_secret(sentry_signer)),
    "lemonsqueezy": ("Lemon Squeezy docs Node sample (timingSafeEqual), rewritten in Python", per_secret(lemonsqueezy_sample)),
}
EXTRA_JUDGES = {
    "pagerduty": [("go-pagerduty webhookv3.VerifySignature rules, re-implemented in Python", per_secret(pagerduty_go))],
}


def case(name, provider, body, headers, expect, secrets, now=T, key_index=None, differs=None,
         method=None, url=None, note=None):
    if isinstance(body, str):
        body = body.encode("utf-8")
    c = {"name": name, "provider": provider, "secrets": list(secrets), "headers": [list(h) for h in headers],
         "url": url, "method": method, "now": now, "expect": expect}
    try:
        c["body"] = body.decode("utf-8")
    except UnicodeDecodeError:
        c["body_b64"] = base64.b64encode(body).decode()
    if expect == "ok":
        c["key_index"] = 0 if key_index is None else key_index
    if differs:
        c["differs"] = differs
    if note:
        c["note"] = note
    verdicts = []  # (label, says, key_index, detail)
    if provider in JUDGES:
        label, judge = JUDGES[provider]
        says, idx = judge(body, c["headers"], secrets, now)
        verdicts.append((label, says, idx, ""))
        for label, judge in EXTRA_JUDGES.get(provider, []):
            says, idx = judge(body, c["headers"], secrets, now)
            verdicts.append((label, says, idx, ""))
    elif provider == "box":
        says, idx, detail = box_python(body, c["headers"], secrets, now)
        verdicts.append((f"box-sdk-gen {pyversion('box-sdk-gen')} (PyPI) WebhooksManager.validate_message", says, idx, detail))
    tid = f"t{len(pending)}"
    if provider in ("box", "mux", "sanity"):
        node_tasks.append({"id": tid, "kind": provider, "body": body.decode("utf-8"),
                           "headers": lower_dict(c["headers"]), "secrets": list(secrets), "now": now})
    pending.append((tid, c, verdicts))


def run_node():
    r = subprocess.run(["node", os.path.join(HERE, "sign_providers_22a.mjs")],
                       input=json.dumps({"tasks": node_tasks}), capture_output=True, text=True, check=True)
    return json.loads(r.stdout)


def node_version(pkg):
    with open(os.path.join(HERE, "node_22a", "node_modules", *pkg.split("/"), "package.json")) as f:
        return json.load(f)["version"]


# ---- Zendesk ---------------------------------------------------------------------------
ZD_SECRET = "ZKmX3vQp8rT2yW6nB9cF4hJ7sL1dG5aE0uI8oP3wR6t="   # used as the text it is
ZD_OLD = "tHe0ldS3cretBeforeReset0000000000000000000Q="
ZD_SAMPLE_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ=="  # the docs sample's SIGNING_SECRET
ZD_TS = "2023-11-14T22:13:20Z"
ZD_BODY = ('{"account_id":123456,"detail":{"actor_id":"8447388090494","brand_id":"8447346621310",'
           '"created_at":"2023-11-14T22:13:19Z","description":"Le café est froid ☕","id":"5158",'
           '"status":"NEW","subject":"Crème brûlée — commande n°42","updated_at":"2023-11-14T22:13:19Z"},'
           '"event":{},"id":"cbe4028c-7239-495d-b020-f22348516046","subject":"zen:ticket:5158",'
           '"time":"2023-11-14T22:13:20.000000000Z","type":"zen:event-type:ticket.created",'
           '"zendesk_event_version":"2022-11-06"}')


def zd_sign(secret, ts, body):
    return b64(mac(hashlib.sha256, secret, ts.encode() + body.encode("utf-8")))


def zd_headers(sig, ts=ZD_TS):
    h = [["x-zendesk-account-id", "123456"], ["x-zendesk-webhook-id", "01HF7Z8X9Q4R7M2N5P8S3T6V1W"],
         ["x-zendesk-webhook-invocation-id", "8350205582"], ["x-zendesk-webhook-signature", sig],
         ["x-zendesk-webhook-signature-timestamp", ts]]
    return h


ZD_SIG = zd_sign(ZD_SECRET, ZD_TS, ZD_BODY)
case("zendesk ticket.created event (UTF-8 body)", "zendesk", ZD_BODY, zd_headers(ZD_SIG), "ok", [ZD_SECRET])
case("zendesk rotation: the second secret", "zendesk", ZD_BODY, zd_headers(ZD_SIG), "ok", [ZD_OLD, ZD_SECRET], key_index=1)
zd_xml = '<?xml version="1.0" encoding="UTF-8"?><ticket><id>5158</id><title>Café ☕</title></ticket>'
case("zendesk trigger webhook with an XML body", "zendesk", zd_xml, zd_headers(zd_sign(ZD_SECRET, ZD_TS, zd_xml)), "ok", [ZD_SECRET])
case("zendesk GET webhook without a body (the timestamp alone is signed)", "zendesk", "",
     zd_headers(zd_sign(ZD_SECRET, ZD_TS, "")), "ok", [ZD_SECRET], method="GET")
case("zendesk signed with the docs sample's secret", "zendesk", ZD_BODY,
     zd_headers(zd_sign(ZD_SAMPLE_SECRET, ZD_TS, ZD_BODY)), "ok", [ZD_SAMPLE_SECRET])
case("zendesk body changed", "zendesk", ZD_BODY.replace("5158", "5159"), zd_headers(ZD_SIG), "mismatch", [ZD_SECRET])
case("zendesk other secret", "zendesk", ZD_BODY, zd_headers(ZD_SIG), "mismatch", [ZD_OLD])
case("zendesk timestamp changed", "zendesk", ZD_BODY, zd_headers(ZD_SIG, "2023-11-14T22:13:21Z"), "mismatch", [ZD_SECRET])
case("zendesk signed body first, then timestamp (the order on the older docs page)", "zendesk", ZD_BODY,
     zd_headers(b64(mac(hashlib.sha256, ZD_SECRET, ZD_BODY.encode("utf-8") + ZD_TS.encode()))), "mismatch", [ZD_SECRET])
# The older "event-connectors" docs page's own sample values (BODY, TIMESTAMP, SIGNATURE, secret):
# its SIGNATURE is HMAC(body + timestamp), the page's stated order, not production's.
case("zendesk event-connectors docs page sample values (signed body then timestamp)", "zendesk",
     '{"say": "hello"}',
     zd_headers("tRDSF7URY8BLCDlaBcQ7FHu051Zk+aAB0NKMP53teMw=", "2021-07-25T10:00:00Z"), "mismatch",
     ["HRkRd4BeOAoUkfZr-mhauJT64rvBASlJRoIyPsd3zeA="], now=1627207200)
case("zendesk a day old (no window is documented)", "zendesk", ZD_BODY, zd_headers(ZD_SIG), "ok", [ZD_SECRET], now=T + DAY)
case("zendesk a day ahead (no window is documented)", "zendesk", ZD_BODY, zd_headers(ZD_SIG), "ok", [ZD_SECRET], now=T - DAY)
case("zendesk hex instead of base64", "zendesk", ZD_BODY,
     zd_headers(mac(hashlib.sha256, ZD_SECRET, ZD_TS.encode() + ZD_BODY.encode()).hex()), "malformed", [ZD_SECRET])
case("zendesk base64 without padding", "zendesk", ZD_BODY, zd_headers(ZD_SIG.rstrip("=")), "malformed", [ZD_SECRET])
case("zendesk no signature header", "zendesk", ZD_BODY, swap(zd_headers(ZD_SIG), "x-zendesk-webhook-signature", None),
     "missing_header", [ZD_SECRET])
case("zendesk no timestamp header", "zendesk", ZD_BODY,
     swap(zd_headers(ZD_SIG), "x-zendesk-webhook-signature-timestamp", None), "missing_header", [ZD_SECRET])

# ---- Box -------------------------------------------------------------------------------
BOX_P, BOX_S = "pR1m4ryK3yFr0mTh3B0xC0ns0le", "s3c0nd4ryK3yFr0mTh3B0xC0ns0le"
BOX_P_NEW, BOX_WRONG = "r3g3n3r4t3dPr1m4ryK3y", "n0tTh3K3y"
BOX_TS = "2023-11-14T14:13:20-08:00"   # = T
BOX_BODY = ('{"type":"webhook_event","id":"0f46a6ca-86bf-44ab-8cf5-f08e1e02876b",'
            '"created_at":"2023-11-14T14:13:19-08:00","trigger":"FILE.UPLOADED",'
            '"webhook":{"id":"1234567890","type":"webhook"},'
            '"created_by":{"type":"user","id":"11446498","name":"Zoë Ågren","login":"zoe@example.com"},'
            '"source":{"id":"1446284723","type":"file","name":"Résumé ☕.pdf"}}')


def box_sign(key, body, ts):
    return b64(mac(hashlib.sha256, key, body.encode("utf-8") + ts.encode("utf-8")))


def box_headers(primary, secondary, ts=BOX_TS, version="1", algorithm="HmacSHA256"):
    h = [["BOX-DELIVERY-ID", "673a081b-bb4b-4d45-b4f1-4131a29c1d07"], ["BOX-DELIVERY-TIMESTAMP", ts],
         ["BOX-SIGNATURE-PRIMARY", primary], ["BOX-SIGNATURE-SECONDARY", secondary],
         ["BOX-SIGNATURE-VERSION", version], ["BOX-SIGNATURE-ALGORITHM", algorithm],
         ["USER-AGENT", "Box-WH-Client/0.1"]]
    return [x for x in h if x[1] is not None]


BP, BS = box_sign(BOX_P, BOX_BODY, BOX_TS), box_sign(BOX_S, BOX_BODY, BOX_TS)
BH = box_headers(BP, BS)
case("box FILE.UPLOADED (UTF-8 body), both keys", "box", BOX_BODY, BH, "ok", [BOX_P, BOX_S])
case("box only a primary key, only BOX-SIGNATURE-PRIMARY sent", "box", BOX_BODY, box_headers(BP, None), "ok", [BOX_P])
case("box rotation: primary key regenerated, the secondary still matches", "box", BOX_BODY,
     box_headers(box_sign(BOX_P_NEW, BOX_BODY, BOX_TS), BS), "ok", [BOX_P, BOX_S], key_index=1)
case("box the secondary header signed with the primary key (keys are positional)", "box", BOX_BODY,
     box_headers(box_sign(BOX_WRONG, BOX_BODY, BOX_TS), box_sign(BOX_P, BOX_BODY, BOX_TS)), "mismatch", [BOX_P, BOX_S])
case("box body changed", "box", BOX_BODY.replace("1446284723", "1446284724"), BH, "mismatch", [BOX_P, BOX_S])
case("box other keys", "box", BOX_BODY, BH, "mismatch", [BOX_WRONG, BOX_P_NEW])
case("box timestamp changed", "box", BOX_BODY, box_headers(BP, BS, "2023-11-14T14:13:21-08:00"), "mismatch",
     [BOX_P, BOX_S], now=T + 1)
case("box 600 s old (the SDKs' max_age)", "box", BOX_BODY, BH, "ok", [BOX_P, BOX_S], now=T + 600)
case("box 601 s old", "box", BOX_BODY, BH, "too_old", [BOX_P, BOX_S], now=T + 601)
case("box 1 s ahead (the SDKs refuse any future timestamp)", "box", BOX_BODY, BH, "in_future", [BOX_P, BOX_S], now=T - 1)
BOX_TS_Z = "2023-11-14T22:13:20Z"
case("box timestamp in UTC with Z", "box", BOX_BODY,
     box_headers(box_sign(BOX_P, BOX_BODY, BOX_TS_Z), box_sign(BOX_S, BOX_BODY, BOX_TS_Z), BOX_TS_Z), "ok", [BOX_P, BOX_S])
case("box BOX-SIGNATURE-VERSION 2", "box", BOX_BODY, box_headers(BP, BS, version="2"), "malformed", [BOX_P, BOX_S])
case("box BOX-SIGNATURE-ALGORITHM HmacSHA1", "box", BOX_BODY, box_headers(BP, BS, algorithm="HmacSHA1"), "malformed", [BOX_P, BOX_S])
case("box no BOX-SIGNATURE-VERSION", "box", BOX_BODY, box_headers(BP, BS, version=None), "missing_header", [BOX_P, BOX_S])
case("box no BOX-SIGNATURE-ALGORITHM", "box", BOX_BODY, box_headers(BP, BS, algorithm=None), "missing_header", [BOX_P, BOX_S])
case("box no signature header", "box", BOX_BODY, box_headers(None, None), "missing_header", [BOX_P, BOX_S])
case("box no BOX-DELIVERY-TIMESTAMP", "box", BOX_BODY, swap(BH, "BOX-DELIVERY-TIMESTAMP", None), "missing_header", [BOX_P, BOX_S])
case("box BOX-DELIVERY-TIMESTAMP not a date (yet signed)", "box", BOX_BODY,
     box_headers(box_sign(BOX_P, BOX_BODY, "yesterday"), box_sign(BOX_S, BOX_BODY, "yesterday"), "yesterday"),
     "malformed", [BOX_P, BOX_S],
     note="box-node-sdk accepts it: new Date('yesterday') is NaN, every comparison with NaN is false, so the age check passes")
burl_body, burl_sig = with_plus_or_slash(
    lambda n: (BOX_BODY.replace("0f46a6ca", f"0f46a6{n:02d}"), box_sign(BOX_P, BOX_BODY.replace("0f46a6ca", f"0f46a6{n:02d}"), BOX_TS)))
case("box signature in the URL-safe base64 alphabet", "box", burl_body, box_headers(to_url_alphabet(burl_sig), None),
     "malformed", [BOX_P],
     note="box-node-sdk accepts it: it compares Buffer.from(sig, 'base64'), and Node's base64 decoder also reads - and _")
case("box truncated signature", "box", BOX_BODY, box_headers(BP[:-4], None), "malformed", [BOX_P])
# box-node-sdk 3.x's own test vectors (tests/lib/managers/webhooks-test.js), keys SamplePrimaryKey / SampleSecondaryKey.
BOX_PUB_BODY = ('{"type":"webhook_event","webhook":{"id":"1234567890"},"trigger":"FILE.UPLOADED",'
                '"source":{"id":"1234567890","type":"file","name":"Test.txt"}}')
BOX_PUB_H = [["box-delivery-id", "f96bb54b-ee16-4fc5-aa65-8c2d9e5b546f"],
             ["box-delivery-timestamp", "2020-01-01T00:00:00-07:00"],
             ["box-signature-algorithm", "HmacSHA256"],
             ["box-signature-primary", "6TfeAW3A1PASkgboxxA5yqHNKOwFyMWuEXny/FPD5hI="],
             ["box-signature-secondary", "v+1CD1Jdo3muIcbpv5lxxgPglOqMfsNHPV899xWYydo="],
             ["box-signature-version", "1"]]
BOX_PUB_NOW = 1577862000 + 60
case("box SDK test vector, two good keys", "box", BOX_PUB_BODY, BOX_PUB_H, "ok",
     ["SamplePrimaryKey", "SampleSecondaryKey"], now=BOX_PUB_NOW)
case("box SDK test vector, wrong primary key, good secondary", "box", BOX_PUB_BODY, BOX_PUB_H, "ok",
     ["IncorrectKey", "SampleSecondaryKey"], now=BOX_PUB_NOW, key_index=1)
case("box SDK test vector, two wrong keys", "box", BOX_PUB_BODY, BOX_PUB_H, "mismatch",
     ["IncorrectKey", "IncorrectKey"], now=BOX_PUB_NOW)
BOX_JP_ESCAPED = ('{"webhook":{"id":"1234567890"},"trigger":"FILE.UPLOADED","source":{"id":"1234567890",'
                  '"type":"file","name":"\\u30b9\\u30af\\u30ea\\u30fc\\u30f3\\u30b7\\u30e7\\u30c3\\u30c8 2020-08-05.txt"}}')
BOX_JP_H = swap(BOX_PUB_H, "box-signature-primary", "LV2uCu+5NJtIHrCXDYgZ0v/PP5THGRuegw3RtdnEyuE=")
case("box SDK test vector with Japanese, body as sent (\\u escapes)", "box", BOX_JP_ESCAPED, BOX_JP_H, "ok",
     ["SamplePrimaryKey", "SampleSecondaryKey"], now=BOX_PUB_NOW)
case("box SDK test vector with Japanese, body decoded to UTF-8 by a framework", "box",
     BOX_JP_ESCAPED.encode("ascii").decode("unicode_escape"), BOX_JP_H, "mismatch",
     ["SamplePrimaryKey", "SampleSecondaryKey"], now=BOX_PUB_NOW,
     differs="Box's SDKs retry with the body re-escaped (non-ASCII as \\uXXXX, and / as \\/ in Node) for frameworks that "
             "decoded it; hookverify verifies the bytes received, which Box sent escaped")

# ---- Mux -------------------------------------------------------------------------------
MUX_SECRET, MUX_OLD = "kdq1jtocl7dt6p9nbt1r0dqf5nd8i0pa", "0ldmuxs1gn1ngs3cr3t0000000000000"
MUX_BODY = ('{"type":"video.asset.ready","object":{"type":"asset","id":"0201p02fGKPE7MrbC269XRD7LpcHhrmbu0002"},'
            '"id":"3a56ac3d-33da-4366-855b-f592d898409d","environment":{"name":"Production","id":"j0863n"},'
            '"data":{"status":"ready","passthrough":"Crème brûlée ☕","id":"0201p02fGKPE7MrbC269XRD7LpcHhrmbu0002"},'
            '"created_at":"2023-11-14T22:13:20.000000Z","accessor_source":null,"accessor":null,"request_id":null,"attempts":[]}')


def mux_sig(secret, t, body):
    return hexs(hashlib.sha256, secret, f"{t}.".encode() + body.encode("utf-8"))


MS = mux_sig(MUX_SECRET, T, MUX_BODY)
mh = lambda value: [["Mux-Signature", value]]
case("mux video.asset.ready (UTF-8 body)", "mux", MUX_BODY, mh(f"t={T},v1={MS}"), "ok", [MUX_SECRET])
case("mux rotation: the second secret", "mux", MUX_BODY, mh(f"t={T},v1={MS}"), "ok", [MUX_OLD, MUX_SECRET], key_index=1)
case("mux two v1 entries, the second matches", "mux", MUX_BODY,
     mh(f"t={T},v1={mux_sig(MUX_OLD, T, MUX_BODY)},v1={MS}"), "ok", [MUX_SECRET])
case("mux body changed", "mux", MUX_BODY.replace("ready", "errored", 1), mh(f"t={T},v1={MS}"), "mismatch", [MUX_SECRET])
case("mux other secret", "mux", MUX_BODY, mh(f"t={T},v1={MS}"), "mismatch", [MUX_OLD])
case("mux t changed", "mux", MUX_BODY, mh(f"t={T + 1},v1={MS}"), "mismatch", [MUX_SECRET], now=T + 1)
case("mux 300 s old (the SDK's tolerance)", "mux", MUX_BODY, mh(f"t={T},v1={MS}"), "ok", [MUX_SECRET], now=T + 300)
case("mux 301 s old", "mux", MUX_BODY, mh(f"t={T},v1={MS}"), "too_old", [MUX_SECRET], now=T + 301)
case("mux a day ahead (the SDK checks only the age)", "mux", MUX_BODY, mh(f"t={T},v1={MS}"), "ok", [MUX_SECRET], now=T - DAY)
case("mux uppercase hex", "mux", MUX_BODY, mh(f"t={T},v1={MS.upper()}"), "malformed", [MUX_SECRET])
case("mux truncated signature", "mux", MUX_BODY, mh(f"t={T},v1={MS[:-2]}"), "malformed", [MUX_SECRET])
case("mux no t", "mux", MUX_BODY, mh(f"v1={MS}"), "malformed", [MUX_SECRET])
case("mux no v1", "mux", MUX_BODY, mh(f"t={T},v0={MS}"), "malformed", [MUX_SECRET])
case("mux no Mux-Signature header", "mux", MUX_BODY, [], "missing_header", [MUX_SECRET])
case("mux space after the comma", "mux", MUX_BODY, mh(f"t={T}, v1={MS}"), "ok", [MUX_SECRET],
     differs="Mux's Node SDK splits on ',' and '=' without trimming, so ' v1' is not a v1 entry; hookverify trims entries, "
             "as it does for every t=...,v1=... provider")

# ---- Sanity ----------------------------------------------------------------------------
SAN_SECRET, SAN_OLD = "vE3nQ8s1Lk4pZ7wX2bR9tY6uH0jM5cA", "0ldS4n1tyS3cr3t"
SAN_T = 1700000000123  # milliseconds
SAN_BODY = ('{"_id":"post-1","_type":"post","_rev":"Tpe1Rj6o9fDmGqbWvlbS3A","title":"Crème brûlée ☕",'
            '"slug":{"current":"creme-brulee"},"_updatedAt":"2023-11-14T22:13:20Z"}')


def san_sig(secret, t, body):
    return b64url_nopad(mac(hashlib.sha256, secret, f"{t}.".encode() + body.encode("utf-8")))


def san_headers(value):
    return [["sanity-webhook-signature", value], ["sanity-project-id", "zp7mbokg"], ["sanity-dataset", "production"],
            ["sanity-document-id", "post-1"], ["sanity-operation", "update"],
            ["sanity-transaction-id", "Tpe1Rj6o9fDmGqbWvlbS3A"], ["sanity-transaction-time", "2023-11-14T22:13:20Z"],
            ["sanity-webhook-id", "QlyCyyQxxX5Ln1e2"]]


SS = san_sig(SAN_SECRET, SAN_T, SAN_BODY)
case("sanity document update (UTF-8 body)", "sanity", SAN_BODY, san_headers(f"t={SAN_T},v1={SS}"), "ok", [SAN_SECRET])
case("sanity rotation: the second secret", "sanity", SAN_BODY, san_headers(f"t={SAN_T},v1={SS}"), "ok",
     [SAN_OLD, SAN_SECRET], key_index=1)
# @sanity/webhook's own test vector (test/signature.test.ts): secret 'test'.
SAN_PUB = '{"_id":"resume"}'
case("sanity toolkit test vector", "sanity", SAN_PUB,
     [["sanity-webhook-signature", "t=1633519811129,v1=tLa470fx7qkLLEcMOcEUFuBbRSkGujyskxrNXcoh0N0"]], "ok", ["test"],
     now=1633519811)
case("sanity toolkit test vector, last character changed (non-canonical base64)", "sanity", SAN_PUB,
     [["sanity-webhook-signature", "t=1633519811129,v1=tLa470fx7qkLLEcMOcEUFuBbRSkGujyskxrNXcoh0N1"]], "mismatch", ["test"],
     now=1633519811)
case("sanity toolkit test vector, timestamp changed", "sanity", SAN_PUB,
     [["sanity-webhook-signature", "t=1633519811128,v1=tLa470fx7qkLLEcMOcEUFuBbRSkGujyskxrNXcoh0N0"]], "mismatch", ["test"],
     now=1633519811)
case("sanity body changed", "sanity", SAN_BODY.replace("post-1", "post-2"), san_headers(f"t={SAN_T},v1={SS}"), "mismatch", [SAN_SECRET])
case("sanity other secret", "sanity", SAN_BODY, san_headers(f"t={SAN_T},v1={SS}"), "mismatch", [SAN_OLD])
case("sanity a year old (the toolkit checks no age)", "sanity", SAN_BODY, san_headers(f"t={SAN_T},v1={SS}"), "ok",
     [SAN_SECRET], now=T + 365 * DAY)
case("sanity a day ahead (the toolkit checks no time)", "sanity", SAN_BODY, san_headers(f"t={SAN_T},v1={SS}"), "ok",
     [SAN_SECRET], now=T - DAY)
case("sanity padded base64url", "sanity", SAN_BODY, san_headers(f"t={SAN_T},v1={SS}="), "malformed", [SAN_SECRET])
sstd_body, sstd = with_plus_or_slash(lambda n: (SAN_BODY.replace("post-1", f"post-{n + 10}"),
                                                b64(mac(hashlib.sha256, SAN_SECRET, f"{SAN_T}.".encode() + SAN_BODY.replace("post-1", f"post-{n + 10}").encode()))))
case("sanity standard base64 alphabet, unpadded", "sanity", sstd_body,
     san_headers(f"t={SAN_T},v1={sstd.rstrip('=')}"), "malformed", [SAN_SECRET])
case("sanity truncated signature", "sanity", SAN_BODY, san_headers(f"t={SAN_T},v1={SS[:-3]}"), "malformed", [SAN_SECRET])
case("sanity v5 instead of v1 (toolkit test)", "sanity", SAN_BODY, san_headers(f"t={SAN_T},v5={SS}"), "malformed", [SAN_SECRET])
case("sanity no t", "sanity", SAN_BODY, san_headers(f"v1={SS}"), "malformed", [SAN_SECRET])
case("sanity no signature header", "sanity", SAN_BODY, san_headers(f"t={SAN_T},v1={SS}")[1:], "missing_header", [SAN_SECRET])
case("sanity empty body", "sanity", "", san_headers(f"t={SAN_T},v1={san_sig(SAN_SECRET, SAN_T, '')}"), "mismatch", [SAN_SECRET])
case("sanity timestamp in seconds, not milliseconds", "sanity", SAN_BODY,
     san_headers(f"t={T},v1={san_sig(SAN_SECRET, T, SAN_BODY)}"), "ok", [SAN_SECRET],
     differs="@sanity/webhook refuses a t below 1609459200000 (2021-01-01 in milliseconds) as a format error; "
             "hookverify reads t as milliseconds and, with Sanity's unlimited window, accepts the signed value")
case("sanity space after the comma", "sanity", SAN_BODY, san_headers(f"t={SAN_T}, v1={SS}"), "ok", [SAN_SECRET],
     differs="@sanity/webhook compares the whole header with the exact string it would send "
             "('t=<ms>,v1=<sig>'); hookverify trims entries, as for every t=...,v1=... provider")

# ---- PagerDuty -------------------------------------------------------------------------
PD_SECRET = "6Yc4+V0fTzKx2LqM8wRbN1sJ5hD3gE7aP9uQkWmZoXvCyIeHlA0tS2rB4nF6jG8d"
PD_OLD = "0ldPagerDutySigningSecretBeforeRotation00000000000000000000000000"
PD_BODY = ('{"event":{"id":"01BWDWL3NYY7LUFPZCC28QUCMK","event_type":"incident.triggered","resource_type":"incident",'
           '"occurred_at":"2023-11-14T22:13:19.458Z","agent":null,"client":null,"data":{"id":"PGR0VU2","type":"incident",'
           '"self":"https://api.pagerduty.com/incidents/PGR0VU2","html_url":"https://acme.pagerduty.com/incidents/PGR0VU2",'
           '"number":2,"status":"triggered","title":"Café ☕ — a little bump in the road","urgency":"high"}}}')


def pd_sig(secret, body):
    return "v1=" + hexs(hashlib.sha256, secret, body.encode("utf-8"))


def pd_headers(value):
    h = [["X-Webhook-Id", "36ef8a4a-9c7e-4a5c-a1d3-8a2bc1e5f0d7"], ["Content-Type", "application/json"]]
    if value is not None:
        h.insert(0, ["X-PagerDuty-Signature", value])
    return h


PS = pd_sig(PD_SECRET, PD_BODY)
case("pagerduty incident.triggered (UTF-8 body)", "pagerduty", PD_BODY, pd_headers(PS), "ok", [PD_SECRET])
case("pagerduty rotation: two v1 signatures sent, the old secret configured", "pagerduty", PD_BODY,
     pd_headers(f"{PS},{pd_sig(PD_OLD, PD_BODY)}"), "ok", [PD_OLD])
case("pagerduty rotation: the second configured secret", "pagerduty", PD_BODY, pd_headers(PS), "ok", [PD_OLD, PD_SECRET], key_index=1)
# go-pagerduty's own test vector (webhookv3/webhookv3_test.go).
GO_SECRET = "lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK"
GO_BODY = ('{"event":{"id":"01BWDWL3NYY7LUFPZCC28QUCMK","event_type":"incident.priority_updated","resource_type":"incident","occurred_at":"2021-04-26T17:36:27.458Z","agent":{"html_url":"https://acme.pagerduty.com/users/PLH1HKV","id":"PLH1HKV","self":"https://api.pagerduty.com/users/PLH1HKV","summary":"Tenex Engineer","type":"user_reference"},"client":null,"data":{"id":"PGR0VU2","type":"incident","self":"https://api.pagerduty.com/incidents/PGR0VU2","html_url":"https://acme.pagerduty.com/incidents/PGR0VU2","number":2,"status":"triggered","title":"A little bump in the road","service":{"html_url":"https://acme.pagerduty.com/services/PF9KMXH","id":"PF9KMXH","self":"https://api.pagerduty.com/services/PF9KMXH","summary":"API Service","type":"service_reference"},"assignees":[{"html_url":"https://acme.pagerduty.com/users/PTUXL6G","id":"PTUXL6G","self":"https://api.pagerduty.com/users/PTUXL6G","summary":"User 123","type":"user_reference"}],"escalation_policy":{"html_url":"https://acme.pagerduty.com/escalation_policies/PUS0KTE","id":"PUS0KTE","self":"https://api.pagerduty.com/escalation_policies/PUS0KTE","summary":"Default","type":"escalation_policy_reference"},"teams":[{"html_url":"https://acme.pagerduty.com/teams/PFCVPS0","id":"PFCVPS0","self":"https://api.pagerduty.com/teams/PFCVPS0","summary":"Engineering","type":"team_reference"}],"priority":{"html_url":"https://acme.pagerduty.com/account/incident_priorities","id":"PSO75BM","self":"https://api.pagerduty.com/priorities/PSO75BM","summary":"P1","type":"priority_reference"},"urgency":"high","conference_bridge":{"conference_number":1000,"conference_url":"https://example.com"},"resolve_reason":null}}}')
case("pagerduty go-pagerduty test vector, valid", "pagerduty", GO_BODY,
     [["X-PagerDuty-Signature", "v1=0c0b9495b893a39e70d1fea2fe11fbe0a825f88b9f67846f6cc07dd2bc5476cd"]], "ok", [GO_SECRET])
case("pagerduty go-pagerduty test vector, mismatch", "pagerduty", GO_BODY,
     [["X-PagerDuty-Signature", "v1=7020c8a7ec668a9b7012bc3dd82e483394b038f4230acc6785efbf2a7d8bcaf5"]], "mismatch", [GO_SECRET])
case("pagerduty body changed", "pagerduty", PD_BODY.replace("PGR0VU2", "PGR0VU3"), pd_headers(PS), "mismatch", [PD_SECRET])
case("pagerduty other secret", "pagerduty", PD_BODY, pd_headers(PS), "mismatch", [PD_OLD])
case("pagerduty uppercase hex", "pagerduty", PD_BODY, pd_headers("v1=" + PS[3:].upper()), "malformed", [PD_SECRET],
     note="go-pagerduty accepts it (hex.DecodeString reads either case); the docs samples compare the lowercase text")
case("pagerduty truncated signature", "pagerduty", PD_BODY, pd_headers(PS[:-2]), "malformed", [PD_SECRET])
case("pagerduty only a v0 entry", "pagerduty", PD_BODY, pd_headers("v0=" + PS[3:]), "malformed", [PD_SECRET])
case("pagerduty no X-PagerDuty-Signature", "pagerduty", PD_BODY, pd_headers(None), "missing_header", [PD_SECRET])
case("pagerduty a v1 entry that is not hex, then the right one", "pagerduty", PD_BODY,
     pd_headers(f"v1=not-hex,{PS}"), "malformed", [PD_SECRET],
     differs="PagerDuty's samples (and go-pagerduty, which skips undecodable entries) accept any matching entry; "
             "hookverify refuses a header with a malformed signature in it")
case("pagerduty space after the comma", "pagerduty", PD_BODY, pd_headers(f"{pd_sig(PD_OLD, PD_BODY)}, {PS}"), "ok", [PD_SECRET],
     differs="PagerDuty's samples split on ',' without trimming, so ' v1=...' never matches; hookverify trims entries")
case("pagerduty empty body, signed", "pagerduty", "", pd_headers(pd_sig(PD_SECRET, "")), "ok", [PD_SECRET],
     note="go-pagerduty refuses an empty body (ErrMalformedBody); the docs samples accept it; PagerDuty never sends one")

# ---- Vercel ----------------------------------------------------------------------------
VC_SECRET, VC_OLD = "Vx4cL2mQ9tR7bN1kP5sW8yZ3", "0ldV3rc3lCl13ntS3cr3t"
VC_BODY = ('{"id":"uHz5UC7r1BfoLGTCvzRPz4Sn","type":"deployment.created","createdAt":1700000000000,"region":"cdg1",'
           '"payload":{"team":{"id":"team_1a2b3c"},"user":{"id":"user_4d5e6f"},"deployment":{"id":"dpl_2euZBFqxYdDMDG1jTrHFnNZ2eUVa",'
           '"meta":{"githubCommitMessage":"Crème brûlée ☕"},"url":"cafe-app-abc123.vercel.app","name":"café-app"},'
           '"links":{"deployment":"https://vercel.com/acme/cafe-app/2euZBFqx","project":"https://vercel.com/acme/cafe-app"},'
           '"target":"production","project":{"id":"prj_9z8y7x"}}}')
VS = hexs(hashlib.sha1, VC_SECRET, VC_BODY.encode("utf-8"))
vh = lambda value: [["x-vercel-signature", value]] if value is not None else []
case("vercel deployment.created (UTF-8 body)", "vercel", VC_BODY, vh(VS), "ok", [VC_SECRET])
vc_ascii = '{"id":"3UFKm0C1bs4y8nqZZbnKpYzp","type":"project.created","createdAt":1700000000000,"payload":{"project":{"id":"prj_9z8y7x","name":"cafe-app"}}}'
case("vercel project.created (ASCII body)", "vercel", vc_ascii, vh(hexs(hashlib.sha1, VC_SECRET, vc_ascii.encode())), "ok", [VC_SECRET])
case("vercel rotation: the second secret", "vercel", VC_BODY, vh(VS), "ok", [VC_OLD, VC_SECRET], key_index=1)
case("vercel body changed", "vercel", VC_BODY.replace("cdg1", "iad1"), vh(VS), "mismatch", [VC_SECRET])
case("vercel other secret", "vercel", VC_BODY, vh(VS), "mismatch", [VC_OLD])
case("vercel uppercase hex", "vercel", VC_BODY, vh(VS.upper()), "malformed", [VC_SECRET])
case("vercel truncated signature", "vercel", VC_BODY, vh(VS[:-2]), "malformed", [VC_SECRET])
case("vercel SHA-256 instead of SHA-1", "vercel", VC_BODY, vh(hexs(hashlib.sha256, VC_SECRET, VC_BODY.encode())), "malformed", [VC_SECRET])
case("vercel sha1= prefix", "vercel", VC_BODY, vh("sha1=" + VS), "malformed", [VC_SECRET])
case("vercel no x-vercel-signature", "vercel", VC_BODY, vh(None), "missing_header", [VC_SECRET])

# ---- WooCommerce -----------------------------------------------------------------------
WC_SECRET = "8t%Y@wQ#z!p2Lr)k7^Nv(3sB*xD0eF+hJ-mG=cK~u9R[aT]6"  # like wp_generate_password(50, true, true), no '&'
WC_OLD = "0ld W00C0mm3rc3 s3cr3t"


def wp_json_encode(obj):
    # PHP json_encode defaults: no spaces, non-ASCII as \uXXXX, '/' as '\/'.
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=True).replace("/", "\\/")


WC_ORDER = {"id": 727, "parent_id": 0, "status": "processing", "currency": "EUR", "total": "29.35",
            "billing": {"first_name": "Renée", "last_name": "Müller", "city": "Köln", "email": "renee@example.com"},
            "line_items": [{"id": 315, "name": "Café ☕ beans", "quantity": 1, "total": "24.66"}],
            "_links": {"self": [{"href": "https://shop.example/wp-json/wc/v3/orders/727"}]}}
WC_BODY = wp_json_encode(WC_ORDER)
WC_BODY_UTF8 = json.dumps(WC_ORDER, separators=(",", ":"), ensure_ascii=False)


def wc_sig(secret, body):
    return b64(mac(hashlib.sha256, wp_specialchars_decode(secret), body.encode("utf-8")))


def wc_headers(sig, topic="order.created"):
    resource, event = topic.split(".")
    h = [["X-WC-Webhook-Source", "https://shop.example/"], ["X-WC-Webhook-Topic", topic],
         ["X-WC-Webhook-Resource", resource], ["X-WC-Webhook-Event", event],
         ["X-WC-Webhook-Signature", sig], ["X-WC-Webhook-ID", "12"],
         ["X-WC-Webhook-Delivery-ID", "0b5c2a1f8e2d4c6b9a7f3e1d5c8b2a4f"]]
    return [x for x in h if x[1] is not None]


WS = wc_sig(WC_SECRET, WC_BODY)
case("woocommerce order.created (wp_json_encode body: \\u escapes, \\/)", "woocommerce", WC_BODY, wc_headers(WS), "ok", [WC_SECRET])
case("woocommerce body with raw UTF-8 (a filtered payload)", "woocommerce", WC_BODY_UTF8,
     wc_headers(wc_sig(WC_SECRET, WC_BODY_UTF8)), "ok", [WC_SECRET])
case("woocommerce rotation: the second secret", "woocommerce", WC_BODY, wc_headers(WS), "ok", [WC_OLD, WC_SECRET], key_index=1)
case("woocommerce body changed", "woocommerce", WC_BODY.replace("29.35", "0.01"), wc_headers(WS), "mismatch", [WC_SECRET])
case("woocommerce other secret", "woocommerce", WC_BODY, wc_headers(WS), "mismatch", [WC_OLD])
case("woocommerce creation ping (webhook_id=12, unsigned)", "woocommerce", "webhook_id=12",
     [["User-Agent", "WooCommerce/8.2.1 Hookshot (WordPress/6.4.1)"], ["Content-Type", "application/x-www-form-urlencoded"]],
     "missing_header", [WC_SECRET])
case("woocommerce hex instead of base64", "woocommerce", WC_BODY,
     wc_headers(mac(hashlib.sha256, WC_SECRET, WC_BODY.encode()).hex()), "malformed", [WC_SECRET])
case("woocommerce base64 without padding", "woocommerce", WC_BODY, wc_headers(WS.rstrip("=")), "malformed", [WC_SECRET])
wurl_body, wurl_sig = with_plus_or_slash(lambda n: (WC_BODY.replace("727", str(700 + n)), wc_sig(WC_SECRET, WC_BODY.replace("727", str(700 + n)))))
case("woocommerce URL-safe base64 alphabet", "woocommerce", wurl_body, wc_headers(to_url_alphabet(wurl_sig)), "malformed", [WC_SECRET])
case("woocommerce no X-WC-Webhook-Signature", "woocommerce", WC_BODY, wc_headers(None), "missing_header", [WC_SECRET])

# ---- Xero ------------------------------------------------------------------------------
XERO_KEY = b64(hashlib.sha512(b"hookverify xero webhook key").digest())  # 88 characters, used as text
XERO_OLD = b64(hashlib.sha512(b"hookverify xero old webhook key").digest())
XERO_BODY = ('{"events":[{"resourceUrl":"https://api.xero.com/api.xro/2.0/Contacts/717f2bfc-c6d4-41fd-b238-3f2f0c0cf777",'
             '"resourceId":"717f2bfc-c6d4-41fd-b238-3f2f0c0cf777","eventDateUtc":"2023-11-14T22:13:20.317",'
             '"eventType":"UPDATE","eventCategory":"CONTACT","tenantId":"c2cc9b6e-9458-4c7d-93cc-f02b81b0594f",'
             '"tenantType":"ORGANISATION"}],"lastEventSequence":1,"firstEventSequence":1,"entropy":"QWERTYUIOPASDFGHJKLZ"}')
XERO_ITR = '{"events":[],"lastEventSequence":0,"firstEventSequence":0,"entropy":"S0m3r4Nd0mt3xt"}'
XERO_UTF8 = XERO_BODY.replace('"entropy":"QWERTYUIOPASDFGHJKLZ"', '"entropy":"Ωμέγα ☕ entropy"')
xs = lambda key, body: b64(mac(hashlib.sha256, key, body.encode("utf-8")))
xh = lambda value: [["x-xero-signature", value]] if value is not None else []
XS = xs(XERO_KEY, XERO_BODY)
case("xero CONTACT UPDATE event", "xero", XERO_BODY, xh(XS), "ok", [XERO_KEY])
case("xero intent to receive, correctly signed (answer 200)", "xero", XERO_ITR, xh(xs(XERO_KEY, XERO_ITR)), "ok", [XERO_KEY])
case("xero intent to receive, incorrectly signed (answer 401)", "xero", XERO_ITR, xh(xs(XERO_OLD, XERO_ITR)), "mismatch", [XERO_KEY])
case("xero UTF-8 body", "xero", XERO_UTF8, xh(xs(XERO_KEY, XERO_UTF8)), "ok", [XERO_KEY])
case("xero rotation: the second key", "xero", XERO_BODY, xh(XS), "ok", [XERO_OLD, XERO_KEY], key_index=1)
case("xero body changed", "xero", XERO_BODY.replace("UPDATE", "CREATE"), xh(XS), "mismatch", [XERO_KEY])
case("xero key base64-decoded instead of used as text", "xero", XERO_BODY,
     xh(b64(mac(hashlib.sha256, base64.b64decode(XERO_KEY), XERO_BODY.encode()))), "mismatch", [XERO_KEY])
case("xero base64 without padding", "xero", XERO_BODY, xh(XS.rstrip("=")), "malformed", [XERO_KEY])
case("xero hex instead of base64", "xero", XERO_BODY, xh(mac(hashlib.sha256, XERO_KEY, XERO_BODY.encode()).hex()), "malformed", [XERO_KEY])
xurl_body, xurl_sig = with_plus_or_slash(lambda n: (XERO_BODY.replace("QWERTYUIOPASDFGHJKLZ", f"QWERTYUIOPASDFGHJK{n:02d}"),
                                                    xs(XERO_KEY, XERO_BODY.replace("QWERTYUIOPASDFGHJKLZ", f"QWERTYUIOPASDFGHJK{n:02d}"))))
case("xero URL-safe base64 alphabet", "xero", xurl_body, xh(to_url_alphabet(xurl_sig)), "malformed", [XERO_KEY])
case("xero no x-xero-signature", "xero", XERO_BODY, xh(None), "missing_header", [XERO_KEY])

# ---- Sentry ----------------------------------------------------------------------------
SENTRY_SECRET = hashlib.sha256(b"hookverify sentry client secret").hexdigest()  # 64 hex, like Sentry's
SENTRY_OLD = hashlib.sha256(b"hookverify sentry old client secret").hexdigest()
SENTRY_ISSUE = {"action": "created", "installation": {"uuid": "7a485448-a9e2-4c85-8a3c-4f44175783c9"},
                "data": {"issue": {"id": "1170820242", "shortId": "CAFE-1", "title": "TypeError: Café ☕ is undefined",
                                   "culprit": "app/components/menu", "level": "error", "status": "unresolved",
                                   "project": {"id": "1", "name": "cafe", "slug": "cafe", "platform": "javascript"}}},
                "actor": {"type": "application", "id": "sentry", "name": "Sentry"}}
SENTRY_BODY = json.dumps(SENTRY_ISSUE, separators=(",", ":"))  # sentry.utils.json.dumps: compact, ASCII
SENTRY_UTF8 = json.dumps(SENTRY_ISSUE, separators=(",", ":"), ensure_ascii=False)
SENTRY_INSTALL = ('{"action":"created","installation":{"uuid":"7a485448-a9e2-4c85-8a3c-4f44175783c9"},'
                  '"data":{"installation":{"app":{"uuid":"64bf2cf4-37ca-4365-8dd3-6b6e56d741b8","slug":"cafe-app"},'
                  '"organization":{"slug":"acme"},"uuid":"7a485448-a9e2-4c85-8a3c-4f44175783c9","status":"installed",'
                  '"code":"1dc8b0a4c2294fd8b2d6f7ad4af32fd5"}},"actor":{"type":"user","id":1,"name":"Renée"}}')
sen = lambda secret, body: hexs(hashlib.sha256, secret, body.encode("utf-8"))


def sentry_headers(sig, resource="issue", ts=str(T)):
    h = [["Content-Type", "application/json"], ["Request-ID", "8f3b2f0c6a9d4e21b7c5a1d0e9f8c7b6"],
         ["Sentry-Hook-Resource", resource], ["Sentry-Hook-Timestamp", ts], ["Sentry-Hook-Signature", sig]]
    return [x for x in h if x[1] is not None]


SES = sen(SENTRY_SECRET, SENTRY_BODY)
case("sentry issue.created (compact ASCII body, \\u escapes)", "sentry", SENTRY_BODY, sentry_headers(SES), "ok", [SENTRY_SECRET])
case("sentry UTF-8 body", "sentry", SENTRY_UTF8, sentry_headers(sen(SENTRY_SECRET, SENTRY_UTF8)), "ok", [SENTRY_SECRET])
case("sentry installation.created", "sentry", SENTRY_INSTALL,
     sentry_headers(sen(SENTRY_SECRET, SENTRY_INSTALL), "installation"), "ok", [SENTRY_SECRET])
case("sentry rotation: the second client secret", "sentry", SENTRY_BODY, sentry_headers(SES), "ok", [SENTRY_OLD, SENTRY_SECRET], key_index=1)
case("sentry body changed", "sentry", SENTRY_BODY.replace("created", "resolved", 1), sentry_headers(SES), "mismatch", [SENTRY_SECRET])
case("sentry other secret", "sentry", SENTRY_BODY, sentry_headers(SES), "mismatch", [SENTRY_OLD])
case("sentry uppercase hex", "sentry", SENTRY_BODY, sentry_headers(SES.upper()), "malformed", [SENTRY_SECRET])
case("sentry truncated signature", "sentry", SENTRY_BODY, sentry_headers(SES[:-2]), "malformed", [SENTRY_SECRET])
case("sentry no Sentry-Hook-Signature", "sentry", SENTRY_BODY, sentry_headers(None), "missing_header", [SENTRY_SECRET])
case("sentry Sentry-Hook-Timestamp a day old (not signed, so not checked)", "sentry", SENTRY_BODY,
     sentry_headers(SES, ts=str(T - DAY)), "ok", [SENTRY_SECRET])
case("sentry no Sentry-Hook-Timestamp", "sentry", SENTRY_BODY, sentry_headers(SES, ts=None), "ok", [SENTRY_SECRET])

# ---- Lemon Squeezy ---------------------------------------------------------------------
LS_SECRET, LS_OLD = "lsq_wh_9f8e7d6c5b4a", "old-signing-secret"
LS_BODY = ('{"meta":{"test_mode":true,"event_name":"order_created","custom_data":{"customer_id":25},'
           '"webhook_id":"7d1d6d9e-6c7a-4b0e-9a2b-3c4d5e6f7a8b"},"data":{"type":"orders","id":"1","attributes":'
           '{"store_id":1,"customer_id":1,"identifier":"104e18a2-d755-4d4b-80c4-a6c1dcbe1c10","order_number":1,'
           '"user_name":"Zoë Ågren","user_email":"zoe@example.com","currency":"EUR","total":1199,'
           '"total_formatted":"€11.99","status":"paid","first_order_item":{"product_name":"Café ☕ course"}}}}')
LS_ESCAPED = ('{"meta":{"test_mode":false,"event_name":"subscription_updated"},"data":{"type":"subscriptions","id":"2",'
              '"attributes":{"user_name":"Zo\\u00eb \\u00c5gren","status":"active","urls":{"update_payment_method":'
              '"https:\\/\\/acme.lemonsqueezy.com\\/subscription\\/2\\/payment-details"}}}}')
lss = lambda secret, body: hexs(hashlib.sha256, secret, body.encode("utf-8"))


def ls_headers(sig, event="order_created"):
    h = [["Content-Type", "application/json"], ["X-Event-Name", event], ["X-Signature", sig]]
    return [x for x in h if x[1] is not None]


LSS = lss(LS_SECRET, LS_BODY)
case("lemonsqueezy order_created (UTF-8 body, test mode)", "lemonsqueezy", LS_BODY, ls_headers(LSS), "ok", [LS_SECRET])
case("lemonsqueezy subscription_updated (escaped body)", "lemonsqueezy", LS_ESCAPED,
     ls_headers(lss(LS_SECRET, LS_ESCAPED), "subscription_updated"), "ok", [LS_SECRET])
case("lemonsqueezy rotation: the second secret", "lemonsqueezy", LS_BODY, ls_headers(LSS), "ok", [LS_OLD, LS_SECRET], key_index=1)
case("lemonsqueezy body changed", "lemonsqueezy", LS_BODY.replace("1199", "1"), ls_headers(LSS), "mismatch", [LS_SECRET])
case("lemonsqueezy other secret", "lemonsqueezy", LS_BODY, ls_headers(LSS), "mismatch", [LS_OLD])
case("lemonsqueezy uppercase hex", "lemonsqueezy", LS_BODY, ls_headers(LSS.upper()), "malformed", [LS_SECRET])
case("lemonsqueezy truncated signature", "lemonsqueezy", LS_BODY, ls_headers(LSS[:-2]), "malformed", [LS_SECRET])
case("lemonsqueezy sha256= prefix", "lemonsqueezy", LS_BODY, ls_headers("sha256=" + LSS), "malformed", [LS_SECRET])
case("lemonsqueezy no X-Signature", "lemonsqueezy", LS_BODY, ls_headers(None), "missing_header", [LS_SECRET])


# ---- judge with npm, check and write ---------------------------------------------------

NODE = run_node()
NV = {p: node_version(p) for p in ("@sanity/webhook", "@mux/mux-node", "box-node-sdk")}
NODE_LABEL = {"sanity": f"@sanity/webhook {NV['@sanity/webhook']} (npm) isValidRequest",
              "mux": f"@mux/mux-node {NV['@mux/mux-node']} (npm) webhooks.verifySignature",
              "box": f"box-node-sdk {NV['box-node-sdk']} (npm) WebhooksManager.validateMessage"}

cases = []
problems = []
for tid, c, verdicts in pending:
    if tid in NODE:
        v = NODE[tid]
        verdicts.append((NODE_LABEL[c["provider"]], v["says"], v["key_index"], v["detail"]))
    label, says, idx, detail = verdicts[0]
    c["sdk"] = says
    c["judge"] = label
    if len(verdicts) > 1:
        c["sdk_all"] = {lab: s for lab, s, _, _ in verdicts}
    agrees = (c["expect"] == "ok") == says
    if agrees == bool(c.get("differs")):
        problems.append(f"{c['name']}: expect {c['expect']}, {label} says {says} ({detail}), differs={c.get('differs')!r}")
    if says and c["expect"] == "ok" and idx is not None and idx != c["key_index"]:
        problems.append(f"{c['name']}: key_index {c['key_index']}, judge says {idx}")
    if len(verdicts) > 1 and len({s for _, s, _, _ in verdicts}) > 1 and not c.get("note"):
        problems.append(f"{c['name']}: the judges disagree {[(lab, s, d) for lab, s, _, d in verdicts]} but no note says why")
    # Order the keys as the other vector files do.
    order = ["name", "provider", "judge", "secrets", "body", "body_b64", "headers", "url", "method", "now",
             "expect", "key_index", "sdk", "sdk_all", "differs", "note"]
    cases.append({k: c[k] for k in order if k in c})

if problems:
    sys.exit("\n".join(problems))

per = {}
for c in cases:
    per[c["provider"]] = per.get(c["provider"], 0) + 1
source = (f"providers' own libraries where PyPI or npm has one (box-sdk-gen {pyversion('box-sdk-gen')} from PyPI; "
          f"box-node-sdk {NV['box-node-sdk']}, @mux/mux-node {NV['@mux/mux-node']}, @sanity/webhook {NV['@sanity/webhook']} "
          f"from npm, on Node {subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()}), "
          "else the provider's documented construction rewritten in Python (Zendesk, PagerDuty, Vercel, Lemon Squeezy "
          "docs samples; Xero's sample receiver; WooCommerce's and Sentry's own signers) "
          "(tests/data/gen/sign_providers_22a.py, tests/data/gen/sign_providers_22a.mjs; facts in "
          "tests/data/gen/PROVIDERS_22A_FACTS.md)")
with open(OUT, "w", encoding="utf-8") as f:
    json.dump({"source": source, "cases": cases}, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(f"{len(cases)} cases: " + ", ".join(f"{p} {n}" for p, n in per.items()), file=sys.stderr)

"""Independent vectors: signed with Python's standard `hmac` and `hashlib`, not with this
crate, covering what the seed samples do not (binary and Unicode bodies, header variants,
rotation, long keys, boundaries, malformed values).

    python3 tests/data/gen/sign_python.py > tests/data/vectors/python_hmac.json
"""
import base64
import hashlib
import hmac
import json

T = 1700000000


def hx(key: bytes, msg: bytes) -> str:
    return hmac.new(key, msg, hashlib.sha256).hexdigest()


cases = []


def case(name, provider, secrets, body: bytes, headers, now=T, expect="ok", secret_index=0):
    c = {"name": name, "provider": provider, "secrets": secrets, "headers": headers, "now": now,
         "expect": expect}
    try:
        c["body"] = body.decode("utf-8")
    except UnicodeDecodeError:
        c["body_b64"] = base64.b64encode(body).decode()
    if expect == "ok":
        c["secret_index"] = secret_index
    cases.append(c)


bodies = {
    "empty": b"",
    "unicode": '{"name":"Jos\u00e9 \U0001F4DA \u00fcber","x":"\\u00e9"}'.encode(),
    "trailing newline": b'{"a":1}\n',
    "binary": bytes(range(256)),
    "whitespace only": b"  \r\n\t ",
    "5000 bytes": b"x" * 5000,
}
S = "whsec_Ge3tGXAEEeEGLDJqtMDGfmn9VoqJXtQz"
long_key = "k" * 100  # longer than the SHA-256 block: HMAC hashes it first

for label, body in bodies.items():
    for key in (S, long_key, "k"):
        case(f"memento {label} body, key of {len(key)} bytes", "memento", [key], body,
             [["Signature", hx(key.encode(), body)]])
        case(f"livingdocs {label} body, key of {len(key)} bytes", "livingdocs", [key], body,
             [["x-livingdocs-signature", "sha256=" + hx(key.encode(), body)]])
        sig = hx(key.encode(), str(T).encode() + b"." + body)
        case(f"pocketbook {label} body, key of {len(key)} bytes", "pocketbook", [key], body,
             [["X-Webhook-Signature", f"t={T},v1={sig}"]])
    case(f"memento {label} body, one byte appended", "memento", [S], body + b" ",
         [["Signature", hx(S.encode(), body)]], expect="mismatch")

body = b'{"id":"evt_1","type":"voucher.created","created":1700000000,"data":{}}'
good = hx(S.encode(), f"{T}.".encode() + body)
wrong = hx(b"not-the-secret", f"{T}.".encode() + body)
v = lambda value: [["X-Webhook-Signature", value]]
case("pocketbook entries reversed", "pocketbook", [S], body, v(f"v1={good},t={T}"))
case("pocketbook spaces around entries", "pocketbook", [S], body, v(f" t = {T} ,  v1 = {good} "))
case("pocketbook second v1 matches", "pocketbook", [S], body, v(f"t={T},v1={wrong},v1={good}"))
case("pocketbook first v1 matches", "pocketbook", [S], body, v(f"t={T},v1={good},v1={wrong}"))
case("pocketbook v0 entry ignored", "pocketbook", [S], body, v(f"t={T},v1={good},v0={'0'*64}"))
case("pocketbook unknown entries ignored", "pocketbook", [S], body, v(f"t={T},v1={good},v2=zzz,x=1=2"))
case("pocketbook correct MAC only under v0 (no downgrade)", "pocketbook", [S], body,
     v(f"t={T},v1={wrong},v0={good}"), expect="mismatch")
zt = "000" + str(T)
case("pocketbook leading zeros signed as sent", "pocketbook", [S], body,
     v(f"t={zt},v1={hx(S.encode(), zt.encode() + b'.' + body)}"))
case("pocketbook leading zeros, MAC over stripped t", "pocketbook", [S], body,
     v(f"t={zt},v1={good}"), expect="mismatch")
case("pocketbook lowercase header name", "pocketbook", [S], body, [["x-webhook-signature", f"t={T},v1={good}"]])
case("pocketbook timestamp not covered (t changed)", "pocketbook", [S], body, v(f"t={T+1},v1={good}"),
     expect="mismatch")
case("pocketbook uppercase hex", "pocketbook", [S], body, v(f"t={T},v1={good.upper()}"), expect="malformed")
case("pocketbook missing t", "pocketbook", [S], body, v(f"v1={good}"), expect="malformed")
case("pocketbook missing v1", "pocketbook", [S], body, v(f"t={T}"), expect="malformed")
case("pocketbook only v0", "pocketbook", [S], body, v(f"t={T},v0={good}"), expect="malformed")
case("pocketbook two t", "pocketbook", [S], body, v(f"t={T},t={T},v1={good}"), expect="malformed")
case("pocketbook negative t", "pocketbook", [S], body, v(f"t=-{T},v1={good}"), expect="malformed")
case("pocketbook fractional t", "pocketbook", [S], body, v(f"t={T}.5,v1={good}"), expect="malformed")
case("pocketbook huge t", "pocketbook", [S], body, v(f"t=99999999999999999999,v1={good}"), expect="malformed")
# Beyond the calendar (year 9999): a malformed value, not a time.
case("pocketbook t near i64::MAX", "pocketbook", [S], body, v(f"t=9223372036854775807,v1={good}"),
     expect="malformed")
case("pocketbook t = 0", "pocketbook", [S], body, v(f"t=0,v1={good}"), expect="too_old")
case("pocketbook empty t", "pocketbook", [S], body, v(f"t=,v1={good}"), expect="malformed")
case("pocketbook trailing comma", "pocketbook", [S], body, v(f"t={T},v1={good},"), expect="malformed")
case("pocketbook entry without =", "pocketbook", [S], body, v(f"t={T},v1={good},junk"), expect="malformed")
case("pocketbook truncated v1", "pocketbook", [S], body, v(f"t={T},v1={good[:-1]}"), expect="malformed")
case("pocketbook empty header", "pocketbook", [S], body, v(""), expect="malformed")
case("pocketbook no header", "pocketbook", [S], body, [["Signature", good]], expect="missing_header")
case("pocketbook conflicting repeats", "pocketbook", [S], body,
     [["X-Webhook-Signature", f"t={T},v1={good}"], ["x-webhook-signature", f"t={T},v1={wrong}"]],
     expect="conflicting")
case("pocketbook identical repeats", "pocketbook", [S], body,
     [["X-Webhook-Signature", f"t={T},v1={good}"], ["x-webhook-signature", f"t={T},v1={good}"]])

rot = ["whsec_current", "whsec_previous", "whsec_oldest"]
for i, key in enumerate(rot):
    case(f"pocketbook rotation, signed with secret {i}", "pocketbook", rot, body,
         v(f"t={T},v1={hx(key.encode(), f'{T}.'.encode() + body)}"), secret_index=i)
    case(f"memento rotation, signed with secret {i}", "memento", rot, body,
         [["Signature", hx(key.encode(), body)]], secret_index=i)
    case(f"memo_bank rotation, token {i}", "memo_bank", rot, body, [["Authorization", f"Bearer {key}"]],
         secret_index=i)
    case(f"inmemory4 rotation, key {i}", "inmemory4", rot, body, [["Signature", key]], secret_index=i)
case("empty secret before the real one", "memento", ["", S], body, [["Signature", hx(S.encode(), body)]],
     secret_index=1)
case("empty secret never authenticates", "memento", [""], body, [["Signature", hx(b"", body)]],
     expect="no_secrets")
case("empty token never authenticates", "memo_bank", ["", "tok"], body, [["Authorization", "Bearer "]],
     expect="malformed")

lsig = hx(S.encode(), body)
case("livingdocs missing prefix", "livingdocs", [S], body, [["x-livingdocs-signature", lsig]], expect="malformed")
case("livingdocs sha1 prefix", "livingdocs", [S], body, [["x-livingdocs-signature", "sha1=" + lsig]],
     expect="malformed")
case("livingdocs uppercase prefix", "livingdocs", [S], body, [["x-livingdocs-signature", "SHA256=" + lsig]],
     expect="malformed")
case("livingdocs 40-digit example from the docs", "livingdocs", [S], body,
     [["x-livingdocs-signature", "sha256=d8a47af83666a771d57117aa28ef8d3243a3de43"]], expect="malformed")
case("livingdocs header name in capitals", "livingdocs", [S], body, [["X-Livingdocs-Signature", "sha256=" + lsig]])
case("memento signature of another body", "memento", [S], body, [["Signature", hx(S.encode(), body + b" ")]],
     expect="mismatch")
case("memento uppercase hex", "memento", [S], body, [["Signature", lsig.upper()]], expect="malformed")
case("memento over-long signature", "memento", [S], body, [["Signature", lsig + "00"]], expect="malformed")
case("memento surrounding whitespace trimmed", "memento", [S], body, [["Signature", f"  {lsig}\t"]])
case("memento non-ASCII", "memento", [S], body, [["Signature", lsig[:-1] + "\u00e9"]], expect="malformed")

case("memo_bank lowercase scheme word", "memo_bank", ["tok"], body, [["authorization", "bearer tok"]])
case("memo_bank several spaces", "memo_bank", ["tok"], body, [["Authorization", "Bearer    tok"]])
case("memo_bank Basic scheme", "memo_bank", ["tok"], body, [["Authorization", "Basic tok"]], expect="malformed")
case("memo_bank no token", "memo_bank", ["tok"], body, [["Authorization", "Bearer"]], expect="malformed")
case("memo_bank extra field", "memo_bank", ["tok"], body, [["Authorization", "Bearer tok extra"]],
     expect="malformed")
case("memo_bank token as prefix of secret", "memo_bank", ["tok"], body, [["Authorization", "Bearer to"]],
     expect="mismatch")
case("memo_bank token without scheme word", "memo_bank", ["tok"], body, [["Authorization", "tok"]],
     expect="malformed")
case("inmemory4 key with Bearer word", "inmemory4", ["tok"], body, [["Signature", "Bearer tok"]],
     expect="mismatch")
case("inmemory4 case differs", "inmemory4", ["tok"], body, [["Signature", "TOK"]], expect="mismatch")

print(json.dumps({"source": "Python standard library hmac/hashlib, tests/data/gen/sign_python.py",
                  "cases": cases}, indent=1, ensure_ascii=False))

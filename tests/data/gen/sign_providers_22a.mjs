// The npm judges of tests/data/vectors/providers_22a.json; sign_providers_22a.py runs this
// file and never writes a verdict of its own for the rows these libraries judge. Install
// them first (Node >= 20, for the Web Crypto API @sanity/webhook and @mux/mux-node use):
//
//     (cd tests/data/gen/node_22a && npm install)
//
// stdin:  {"tasks": [{"id", "kind", "body", "headers": {lowercase name: value}, "secrets", "now"}]}
// stdout: {"<task id>": {"says": true|false, "key_index": n|null, "detail": "..."}}
//
// - kind "sanity": @sanity/webhook isValidRequest({headers, body}, secret), once per secret
//   (the library takes one secret). It reads the `sanity-webhook-signature` header itself.
// - kind "mux": @mux/mux-node `new Mux(...).webhooks.verifySignature(body, headers, secret)`,
//   once per secret, with Date.now() set to the task's `now` (the library's only clock).
// - kind "box": box-node-sdk (Box's generated TypeScript SDK, published as box-node-sdk 10)
//   WebhooksManager.validateMessage(body, headers, primaryKey, {secondaryKey}), secrets[0]
//   being the primary key and secrets[1] (if any) the secondary one, Date.now() set to `now`.
//
// A library that throws (a missing header it dereferences, say) has refused the request:
// `says` is false and `detail` carries the message.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(new URL("./node_22a/package.json", import.meta.url));
const { isValidRequest } = await import(require.resolve("@sanity/webhook"));
const Mux = require("@mux/mux-node").default;
const { WebhooksManager } = require("box-node-sdk/lib/managers/webhooks");

const input = JSON.parse(readFileSync(0, "utf8"));
const realNow = Date.now;
const mux = new Mux({ tokenId: "unused", tokenSecret: "unused" });

async function at(now, f) {
  Date.now = () => now * 1000;
  try {
    return await f();
  } finally {
    Date.now = realNow;
  }
}

async function judge(task) {
  const { kind, body, headers, secrets, now } = task;
  if (kind === "box") {
    const ok = await at(now, () =>
      WebhooksManager.validateMessage(body, headers, secrets[0], { secondaryKey: secrets[1] }),
    );
    return { says: ok === true, key_index: null, detail: String(ok) };
  }
  const details = [];
  for (const [index, secret] of secrets.entries()) {
    try {
      let ok;
      if (kind === "sanity") {
        ok = await isValidRequest({ headers, body }, secret);
      } else if (kind === "mux") {
        await at(now, () => mux.webhooks.verifySignature(body, headers, secret));
        ok = true;
      } else {
        throw new Error(`unknown kind ${kind}`);
      }
      if (ok) return { says: true, key_index: index, detail: "accepted" };
      details.push("refused");
    } catch (err) {
      details.push(String(err && err.message));
    }
  }
  return { says: false, key_index: null, detail: details.join("; ") };
}

const out = {};
for (const task of input.tasks) {
  try {
    out[task.id] = await judge(task);
  } catch (err) {
    out[task.id] = { says: false, key_index: null, detail: `threw: ${err && err.message}` };
  }
}
process.stdout.write(JSON.stringify(out));

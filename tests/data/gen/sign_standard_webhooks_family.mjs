// The npm judges of tests/data/vectors/standard_webhooks_family.json. The driver,
// sign_standard_webhooks_family.py, signs the requests (Python's hmac, not this crate),
// runs this file once with every request, and records what the provider's own npm SDK
// said as each case's `sdk`. Nothing here signs anything. Install the pinned SDKs first
// (Node >= 20; several declare engines >= 22 but run on 20):
//
//     (cd tests/data/gen/node_swfamily && npm install)
//
// stdin:  {"tasks": [{"id", "provider", "body", "headers": [[name, value], ...],
//                     "secrets": [...], "now": unix seconds}]}
// stdout: {"<task id>": {"says": true|false, "key_index": n|null, "detail": "..."}}
//
// Every SDK below takes one secret, so each secret is tried in turn, as a receiver
// holding a current and a previous secret would: `says` is whether any accepted, and
// `key_index` the first that did. Date.now() is set to the task's `now` (the only clock
// these SDKs read). A call that throws has refused the request: `detail` is the message.
//
// - svix        svix@2.5.0            new Webhook(secret).verify(body, headers)
//                                      (svix-* names, else webhook-*; standardwebhooks@1.3.0)
// - clerk       @clerk/backend@3.25.0 verifyWebhook(new Request(...), {signingSecret})
//                                      from "@clerk/backend/webhooks" (svix-* names only)
// - resend      resend@6.38.0         new Resend(key).webhooks.verify({payload, headers:
//                                      {id, timestamp, signature}, webhookSecret}), the
//                                      three fields read from svix-id / svix-timestamp /
//                                      svix-signature exactly as Resend's docs show
//                                      (standardwebhooks@1.1.1 underneath)
// - openai      openai@7.60.0         new OpenAI(...).webhooks.unwrap(body, headers, secret)
//                                      (default tolerance 300 s)
// - replicate   replicate@1.4.0       validateWebhook(new Request(...), secret) -> boolean
// - polar       @polar-sh/sdk@1.0.1   webhooks.validateEvent(body, headers, secret) from
//                                      "@polar-sh/sdk/2026-10" (throws
//                                      PolarWebhookVerificationError on a bad signature and
//                                      PolarWebhookUnknownTypeError on an event type the
//                                      selected API version does not know)
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(new URL("./node_swfamily/package.json", import.meta.url));
const { Webhook: SvixWebhook } = await import(require.resolve("svix"));
const { verifyWebhook: clerkVerifyWebhook } = await import(
  require.resolve("@clerk/backend/webhooks")
);
const { Resend } = await import(require.resolve("resend"));
const OpenAI = (await import(require.resolve("openai"))).default;
const { validateWebhook: replicateValidateWebhook } = require("replicate");
const { webhooks: polarWebhooks } = await import(require.resolve("@polar-sh/sdk/2026-10"));

const input = JSON.parse(readFileSync(0, "utf8"));
const realNow = Date.now;
const resend = new Resend("re_unused_in_verification");
const openai = new OpenAI({ apiKey: "sk-unused-in-verification" });

/** A plain lowercase-keyed object, as Node frameworks hand headers to handlers. */
function plain(headers) {
  const out = {};
  for (const [name, value] of headers) out[name.toLowerCase()] = value;
  return out;
}

function request(headers, body) {
  return new Request("https://receiver.example/webhooks", {
    method: "POST",
    headers,
    body,
  });
}

/** What one SDK says of the request with one secret: true, or throws / false. */
async function once(provider, task, secret) {
  const { body, headers } = task;
  switch (provider) {
    case "svix":
      new SvixWebhook(secret).verify(body, plain(headers));
      return true;
    case "clerk":
      await clerkVerifyWebhook(request(headers, body), { signingSecret: secret });
      return true;
    case "resend": {
      const h = plain(headers);
      resend.webhooks.verify({
        payload: body,
        headers: { id: h["svix-id"], timestamp: h["svix-timestamp"], signature: h["svix-signature"] },
        webhookSecret: secret,
      });
      return true;
    }
    case "openai":
      await openai.webhooks.unwrap(body, plain(headers), secret);
      return true;
    case "replicate":
      return (await replicateValidateWebhook(request(headers, body), secret)) === true;
    case "polar":
      await polarWebhooks.validateEvent(body, plain(headers), secret);
      return true;
    default:
      throw new Error(`unknown provider ${provider}`);
  }
}

async function judge(task) {
  const details = [];
  for (const [index, secret] of task.secrets.entries()) {
    Date.now = () => task.now * 1000;
    try {
      const ok = await once(task.provider, task, secret);
      if (ok) return { says: true, key_index: index, detail: `secret ${index} accepted` };
      details.push(`secret ${index}: returned false`);
    } catch (e) {
      details.push(`secret ${index}: ${e?.name ?? "Error"}: ${e?.message ?? e}`);
    } finally {
      Date.now = realNow;
    }
  }
  return { says: false, key_index: null, detail: details.join("; ") };
}

const out = {};
for (const task of input.tasks) out[task.id] = await judge(task);
process.stdout.write(JSON.stringify(out));

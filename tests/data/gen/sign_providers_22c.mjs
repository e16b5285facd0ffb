// The npm half of tests/data/gen/sign_providers_22c.py: the providers' npm libraries, and the Node
// samples of their documentation (re-expressed from the cited files, not copied), judging the
// requests that script builds. It is not run on its own: the Python script pipes it a JSON list of
// checks on stdin and reads back a JSON object {id: true|false} (true: that code accepted the
// request), plus "_versions".
//
//     (cd tests/data/gen/node_22c && npm install)      # the versions pinned in its package.json
//     /tmp/venv22c/bin/python tests/data/gen/sign_providers_22c.py > tests/data/vectors/providers_22c.json
//
// Judges (one key per check's "judge"):
//   docusign-node-launcher  DocuSign's Node launcher (docusign/code-examples-node
//                           lib/connect/examples/validateWebhookMessage.js): computeHash = base64 of
//                           HMAC-SHA256(secret, payload); isHashValid = crypto.timingSafeEqual of both
//                           sides base64-decoded (throws when the lengths differ). Run over every
//                           X-DocuSign-Signature-N header and every secret; a throw rejects that pair.
//   docusign-listener-aws   DocuSign's docusign/connect-node-listener-aws index.js checkHmac: requires
//                           X-Authorization-Digest === 'HMACSHA256', then compares X-DocuSign-Signature-1
//                           with the base64 HMAC as text (===). One key per run (HMAC_1), so: any secret.
//   nylas-node              npm nylas 6.11.1, WebhookNotification.verifyWebhookSignature(signature,
//                           rawBody, secret): hex HMAC-SHA256 compared with ===.
//   asana-node-sample       Asana's Node sample (Asana/devrel-examples javascript/webhooks-nodejs/
//                           index.js): a request with X-Hook-Secret is the handshake; with
//                           X-Hook-Signature, express.json() parses the body and the HMAC is taken over
//                           JSON.stringify(req.body), compared with crypto.timingSafeEqual (a length
//                           difference throws: rejected).
//   okta-docs-basic-auth    npm express-basic-auth 1.2.1 with the authorizer of Okta's guide "Secure
//                           your inline and event hooks" (safeCompare of user name and password), the
//                           user and password taken from the configured "Basic <base64>" value.
//   x-hub-signature         npm x-hub-signature 2.1.3, new XHubSignature('sha256', secret).verify(
//                           X-Hub-Signature, body).
//   contentful-toolkit      npm @contentful/node-apps-toolkit 3.16.1, verifyRequest(secret, {method,
//                           path, headers, body}, 30) with Date.now() fixed at the case's `now`; a
//                           throw (expired, malformed metadata) rejects.
//
// Several secrets (rotation): each library takes one, so a check passes when any one passes.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, 'node_22c', 'node_modules');
const require = createRequire(join(here, 'node_22c', 'package.json'));

const NylasWebhookNotification = require('nylas/lib/models/webhook-notification').default;
const basicAuth = require('express-basic-auth');
const XHubSignature = require('x-hub-signature');
const { verifyRequest } = require('@contentful/node-apps-toolkit');

const version = (name) => JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')).version;

const header = (headers, name) => {
  const found = headers.find(([k]) => k.toLowerCase() === name.toLowerCase());
  return found ? found[1] : undefined;
};
const bodyText = (c) => Buffer.from(c.body_b64, 'base64').toString('utf8');
const bodyBuffer = (c) => Buffer.from(c.body_b64, 'base64');
const pass = (f) => {
  try {
    return Boolean(f());
  } catch {
    return false; // a throw is a rejection
  }
};
const anyOf = (list, f) => list.some((item) => pass(() => f(item)));

const dsSignatures = (headers) =>
  headers.filter(([k]) => /^x-docusign-signature-\d+$/i.test(k)).map(([, v]) => v);
const dsComputeHash = (secret, payload) => {
  const hmac = createHmac('sha256', secret);
  hmac.write(payload);
  hmac.end();
  return hmac.read().toString('base64');
};

const realNow = Date.now;

const judges = {
  'docusign-node-launcher': (c) =>
    dsSignatures(c.headers).some((verify) =>
      anyOf(c.secrets, (secret) =>
        timingSafeEqual(Buffer.from(verify, 'base64'), Buffer.from(dsComputeHash(secret, bodyBuffer(c)), 'base64')),
      ),
    ),

  'docusign-listener-aws': (c) => {
    if (header(c.headers, 'X-Authorization-Digest') !== 'HMACSHA256') return false;
    const sig1 = header(c.headers, 'X-DocuSign-Signature-1');
    return anyOf(c.secrets, (secret) => sig1 === dsComputeHash(secret, bodyBuffer(c)));
  },

  'nylas-node': (c) => {
    const sig = header(c.headers, 'x-nylas-signature');
    return anyOf(c.secrets, (secret) => NylasWebhookNotification.verifyWebhookSignature(sig, bodyBuffer(c), secret));
  },

  'asana-node-sample': (c) => {
    if (header(c.headers, 'x-hook-secret') !== undefined) return false; // the handshake branch
    const sig = header(c.headers, 'x-hook-signature');
    if (sig === undefined) return false; // "Something went wrong!"
    let parsed;
    try {
      parsed = JSON.parse(bodyText(c)); // express.json()
    } catch {
      return false; // 400
    }
    return anyOf(c.secrets, (secret) => {
      const computed = createHmac('SHA256', secret).update(JSON.stringify(parsed)).digest('hex');
      return timingSafeEqual(Buffer.from(sig), Buffer.from(computed));
    });
  },

  'okta-docs-basic-auth': (c) =>
    anyOf(c.secrets, (secret) => {
      const decoded = Buffer.from(secret.replace(/^Basic /, ''), 'base64').toString();
      const at = decoded.indexOf(':');
      const USER = decoded.slice(0, at);
      const PASSWORD = decoded.slice(at + 1);
      const middleware = basicAuth({
        authorizer: (username, password) =>
          basicAuth.safeCompare(username, USER) & basicAuth.safeCompare(password, PASSWORD),
      });
      const value = header(c.headers, 'authorization');
      const req = { headers: value === undefined ? {} : { authorization: value } };
      let passed = false;
      const res = { status: () => res, send: () => res, json: () => res, set: () => res };
      middleware(req, res, () => {
        passed = true;
      });
      return passed;
    }),

  'x-hub-signature': (c) => {
    const sig = header(c.headers, 'x-hub-signature');
    if (sig === undefined) return false;
    return anyOf(c.secrets, (secret) => new XHubSignature('sha256', secret).verify(sig, bodyBuffer(c)));
  },

  'contentful-toolkit': (c) => {
    Date.now = () => c.now * 1000;
    try {
      const url = new URL(c.url);
      const request = {
        method: c.method,
        path: url.pathname + url.search,
        headers: Object.fromEntries(c.headers),
        body: bodyText(c),
      };
      return anyOf(c.secrets, (secret) => verifyRequest(secret, request, 30));
    } finally {
      Date.now = realNow;
    }
  },
};

const checks = JSON.parse(readFileSync(0, 'utf8'));
const out = {};
for (const c of checks) {
  const judge = judges[c.judge];
  if (!judge) throw new Error(`unknown judge ${c.judge}`);
  out[c.id] = judge(c);
}
out._versions = {
  node: process.versions.node,
  '@contentful/node-apps-toolkit': version('@contentful/node-apps-toolkit'),
  'express-basic-auth': version('express-basic-auth'),
  'basic-auth': version('basic-auth'),
  nylas: version('nylas'),
  'x-hub-signature': version('x-hub-signature'),
};
process.stdout.write(JSON.stringify(out));

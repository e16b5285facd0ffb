// The npm half of tests/data/gen/sign_providers_22b.py: the providers' own npm libraries (and the
// Node samples of their documentation) judging the requests that script builds. It is not run on
// its own: the Python script pipes it a JSON list of checks on stdin and reads back a JSON object
// {id: true|false} (true: that code accepted the request).
//
//     (cd tests/data/gen/node_22b && npm install)      # the versions pinned in its package.json
//     /tmp/venv/bin/python tests/data/gen/sign_providers_22b.py > tests/data/vectors/providers_22b.json
//
// Judges (one key per check's "judge"):
//   coinbase-commerce-node  coinbase-commerce-node 1.0.4, Webhook.verifySigHeader(payload, sig, secret)
//   line-bot-sdk-nodejs     @line/bot-sdk 11.2.0, validateSignature(body, channelSecret, signature),
//                           with the `middleware`'s own "no signature" rejection for a missing header
//   telnyx-node             telnyx 7.24.0, new TelnyxWebhook(publicKey).verify(payload, headers),
//                           Date.now() fixed at the case's `now`
//   whatsapp-sdk            Meta's WhatsApp Node SDK (npm `whatsapp` 0.0.5-Alpha): its
//                           generateXHub256Sig(body, appSecret) and the two comparison lines of
//                           build/api/webhooks.js, verbatim (its POST listener itself throws on every
//                           request: see PROVIDERS_22B_FACTS.md)
//   meta-sample-app         fbsamples/graph-api-webhooks-samples typescript-server/src/utils/validate-x-hub.ts
//                           (Meta's sample app, which its docs point to), reading X-Hub-Signature-256
//   x-hub-signature         x-hub-signature 2.1.3 (compwright), new XHubSignature('sha256', secret).verify()
//   trello-docs             Trello's documentation sample (developer.atlassian.com, "Webhook Signatures"):
//                           JSON.stringify(request.body) + callbackURL, body parsed as express.json() would
//   trello-docs-2017        the same page's sample as archived in trello-archive/api-docs (2017): the raw
//                           body + callbackURL, double HMAC
//   grammy                  grammy 1.46.0, webhookCallback(bot, "callback", {secretToken}) run for real
//
// Several secrets or keys (rotation): each library takes one, so a check with several passes when
// any one of them passes.

import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, 'node_22b', 'node_modules');
const require = createRequire(join(here, 'node_22b', 'package.json'));

const { Webhook: CoinbaseWebhook } = require('coinbase-commerce-node');
const { validateSignature } = require('@line/bot-sdk');
const { TelnyxWebhook } = require('telnyx/lib/webhooks');
// The package's "exports" hide build/utils.js; load it by path.
const { generateXHub256Sig } = require(join(modules, 'whatsapp', 'build', 'utils.js'));
const XHubSignature = require('x-hub-signature');
const { Bot, webhookCallback } = require('grammy');

const header = (headers, name) => {
  const found = headers.find(([k]) => k.toLowerCase() === name.toLowerCase());
  return found ? found[1] : undefined;
};
const bodyText = (c) => Buffer.from(c.body_b64, 'base64').toString('utf8');
const bodyBuffer = (c) => Buffer.from(c.body_b64, 'base64');
const anyOf = async (list, f) => {
  for (const item of list) {
    try {
      if (await f(item)) return true;
    } catch {
      // a throw is a rejection
    }
  }
  return false;
};

const realNow = Date.now;

const judges = {
  'coinbase-commerce-node': (c) =>
    anyOf(c.secrets, (s) => CoinbaseWebhook.verifySigHeader(bodyText(c), header(c.headers, 'X-CC-Webhook-Signature'), s)),

  'line-bot-sdk-nodejs': (c) => {
    const sig = header(c.headers, 'x-line-signature');
    if (!sig) return false; // middleware: next(new SignatureValidationFailed("no signature"))
    return anyOf(c.secrets, (s) => validateSignature(bodyBuffer(c), s, sig));
  },

  'telnyx-node': async (c) => {
    Date.now = () => c.now * 1000;
    try {
      const headers = Object.fromEntries(c.headers);
      return await anyOf(c.public_keys, async (k) => {
        await new TelnyxWebhook(k).verify(bodyText(c), headers);
        return true;
      });
    } finally {
      Date.now = realNow;
    }
  },

  'whatsapp-sdk': (c) => {
    const h = header(c.headers, 'x-hub-signature-256');
    // build/api/webhooks.js only takes this branch when the header is there
    if (!h) return false;
    return anyOf(c.secrets, (appSecret) => {
      //Removing the prepended 'sha256=' string
      const xHubSignature = h.toString().replace('sha256=', '');
      const body = bodyText(c);
      const generatedSignature = generateXHub256Sig(body, appSecret);
      return generatedSignature == xHubSignature;
    });
  },

  'meta-sample-app': (c) =>
    anyOf(c.secrets, (secret) => {
      // validate-x-hub.ts, with the header name changed from x-hub-signature to x-hub-signature-256
      const h = header(c.headers, 'x-hub-signature-256');
      if (!h) {
        return false;
      }
      const [algorithm, sign] = h.split('=');
      const body = bodyBuffer(c);
      const hash = createHmac(algorithm, secret).update(body).digest('hex');
      if (sign !== hash) {
        return false;
      }
      return true;
    }),

  'x-hub-signature': (c) => {
    const h = header(c.headers, 'x-hub-signature-256');
    if (!h) return false;
    return anyOf(c.secrets, (s) => new XHubSignature('sha256', s).verify(h, bodyBuffer(c)));
  },

  'trello-docs': (c) =>
    anyOf(c.secrets, (secret) => {
      const request = {
        body: JSON.parse(bodyText(c)),
        headers: Object.fromEntries(c.headers.map(([k, v]) => [k.toLowerCase(), v])),
      };
      const callbackURL = c.url;
      // verbatim from the documentation
      var base64Digest = function (s) {
        return createHmac('sha1', secret).update(s).digest('base64');
      };
      var content = JSON.stringify(request.body) + callbackURL;
      var doubleHash = base64Digest(content);
      var headerHash = request.headers['x-trello-webhook'];
      return doubleHash == headerHash;
    }),

  'trello-docs-2017': (c) =>
    anyOf(c.secrets, (secret) => {
      const request = {
        body: bodyText(c),
        headers: Object.fromEntries(c.headers.map(([k, v]) => [k.toLowerCase(), v])),
      };
      const callbackURL = c.url;
      // verbatim from the archived documentation
      // Double-HMAC to blind any timing channel attacks
      var base64Digest = function (s) {
        return createHmac('sha1', secret).update(s).digest('base64');
      };
      var content = request.body + callbackURL;
      var doubleHash = base64Digest(base64Digest(content));
      var headerHash = base64Digest(request.headers['x-trello-webhook']);
      return doubleHash == headerHash;
    }),

  grammy: (c) =>
    anyOf(c.secrets, async (secretToken) => {
      // botInfo given, so bot.init() makes no network call; no middleware, so the update is dropped
      const bot = new Bot('1:fake', {
        botInfo: { id: 1, is_bot: true, first_name: 'hookverify', username: 'hookverify_bot',
          can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false },
      });
      const handle = webhookCallback(bot, 'callback', { secretToken });
      let unauthorized = false;
      await handle(
        JSON.parse(bodyText(c)),
        () => {},
        header(c.headers, 'X-Telegram-Bot-Api-Secret-Token'),
        () => {
          unauthorized = true;
        },
      );
      return !unauthorized;
    }),
};

const input = JSON.parse(await new Promise((resolve) => {
  let data = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (d) => (data += d));
  process.stdin.on('end', () => resolve(data));
}));

const out = {};
for (const check of input) {
  const judge = judges[check.judge];
  if (!judge) throw new Error(`unknown judge ${check.judge}`);
  let verdict;
  try {
    verdict = Boolean(await judge(check));
  } catch {
    verdict = false;
  }
  out[check.id] = verdict;
}
// Which versions judged: read from the installed packages.
const version = (p) => require(join(modules, p, 'package.json')).version;
out._versions = {
  node: process.versions.node,
  'coinbase-commerce-node': version('coinbase-commerce-node'),
  '@line/bot-sdk': version('@line/bot-sdk'),
  telnyx: version('telnyx'),
  whatsapp: version('whatsapp'),
  'x-hub-signature': version('x-hub-signature'),
  grammy: version('grammy'),
};
process.stdout.write(JSON.stringify(out));

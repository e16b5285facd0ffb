// Vectors signed with Node's crypto and *judged* by the providers' own npm libraries:
// Linear (@linear/sdk, its fetch handler), Shopify (@shopify/shopify-api,
// webhooks.validate), Twilio (twilio, validateRequest / validateRequestWithBody),
// Paddle (@paddle/paddle-node-sdk, webhooks.isSignatureValid), Square (square,
// WebhooksHelper.verifySignature), Discord (discord-interactions, verifyKey) and
// SendGrid (@sendgrid/eventwebhook, EventWebhook.verifySignature).
//
//     cd tests/data/gen/node && npm install
//     node sign_sdks.mjs > ../../vectors/sdk_node.json
//
// Each case records the library's verdict (`sdk`) and hookverify's expected answer
// (`expect`). They agree, except in cases marked `differs`, which say why hookverify
// answers otherwise; tests/vectors.rs checks both, and that a marked difference is real.
import crypto from 'node:crypto';
import querystring from 'node:querystring';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
await import('@shopify/shopify-api/adapters/web-api');
const { shopifyApi, ApiVersion, LogSeverity } = await import('@shopify/shopify-api');
const { LinearWebhookClient } = await import('@linear/sdk/webhooks');
const twilio = require('twilio');
const { WebhooksHelper } = require('square');
const { Paddle } = require('@paddle/paddle-node-sdk');
const { verifyKey } = require('discord-interactions');
const { EventWebhook } = require('@sendgrid/eventwebhook');

const T = 1700000000;

// The libraries read the clock with Date.now() or new Date(): both follow `fakeNow`.
const RealDate = Date;
let fakeNow = T * 1000;
globalThis.Date = class extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(fakeNow);
    else super(...args);
  }
  static now() {
    return fakeNow;
  }
};
async function at(seconds, f) {
  fakeNow = Math.round(seconds * 1000);
  try {
    return await f();
  } finally {
    fakeNow = T * 1000;
  }
}

const cases = [];
function kase(name, provider, body, headers, sdk, extra = {}) {
  const { differs, now = T, key_index = 0, ...rest } = extra;
  const agrees = sdk !== Boolean(differs);
  const { expect = agrees ? 'ok' : 'mismatch' } = extra;
  delete rest.expect;
  if (((expect === 'ok') === sdk) === Boolean(differs)) {
    throw new Error(`${name}: expect ${expect}, sdk ${sdk}, differs ${differs}`);
  }
  const c = { name, provider, headers, now, expect, sdk, body, ...rest };
  if (differs) c.differs = differs;
  if (expect === 'ok') c.key_index = key_index;
  cases.push(c);
}
const hmac = (algo, key, msg, enc) => crypto.createHmac(algo, key).update(msg).digest(enc);
const sha256 = (body) => crypto.createHash('sha256').update(body).digest('hex');

// ---- Linear ---------------------------------------------------------------------------
const LINEAR = 'lin_wh_3b1f0cbb1d6e4f6a9c2a';
const LINEAR_OLD = 'lin_wh_0ld5ecret';
async function linearSays(body, headers, secrets, now = T) {
  for (const secret of secrets) {
    const handler = new LinearWebhookClient(secret).createHandler();
    const request = new Request('https://example.com/webhooks/linear', {
      method: 'POST',
      headers: new Headers(headers),
      body,
    });
    const response = await at(now, () => handler(request));
    if (response.status === 200) return true;
  }
  return false;
}
const issue = (ms) =>
  `{"action":"create","actor":{"id":"2e6eea91-1111-0000-9486-acea0603064d","name":"Linear"},` +
  `"createdAt":"2023-11-14T22:13:20.000Z","data":{"id":"2174add1-f7c8-44e3-bbf3-2d60b5ea8bc9",` +
  `"title":"Café ☕ on the roadmap","identifier":"ENG-7"},"url":"https://linear.app/x/issue/ENG-7",` +
  `"type":"Issue","organizationId":"3c1d2e1f","webhookTimestamp":${ms},` +
  `"webhookId":"000042e3-d123-4980-b49f-8e140eef9329"}`;
{
  const body = issue(T * 1000);
  const sig = hmac('sha256', LINEAR, body, 'hex');
  const hs = (s = sig) => [
    ['Linear-Signature', s],
    ['Linear-Delivery', '234d1a4e-b617-4388-90fe-adc3633d6b72'],
    ['Linear-Event', 'Issue'],
  ];
  const run = async (name, b, h, secrets, extra = {}) =>
    kase(`linear ${name}`, 'linear', b, h, await linearSays(b, h, secrets, extra.now), {
      secrets,
      ...extra,
    });
  await run('issue created', body, hs(), [LINEAR]);
  await run('rotation: the second secret', body, hs(), [LINEAR_OLD, LINEAR], { key_index: 1 });
  await run('other secret', body, hs(), [LINEAR_OLD]);
  await run('60 s later', body, hs(), [LINEAR], { now: T + 60 });
  await run('61 s later', body, hs(), [LINEAR], { now: T + 61, expect: 'too_old' });
  await run('61 s early', body, hs(), [LINEAR], { now: T - 61, expect: 'in_future' });
  await run('body changed', body.replace('ENG-7', 'ENG-8'), hs(), [LINEAR]);
  await run('uppercase hex', body, hs(sig.toUpperCase()), [LINEAR], { expect: 'malformed' });
  await run('truncated signature', body, hs(sig.slice(0, 63)), [LINEAR], { expect: 'malformed' });
  await run('sha256= prefix', body, hs(`sha256=${sig}`), [LINEAR], { expect: 'malformed' });
  await run('no signature', body, hs().slice(1), [LINEAR], { expect: 'missing_header' });
  const lower = hs().map(([n, v]) => [n.toLowerCase(), v]);
  await run('lowercase header names', body, lower, [LINEAR]);
  const twice = [...hs(), ['Linear-Signature', sig]];
  await run('signature header twice, same value', body, twice, [LINEAR], {
    differs:
      'Fetch joins a repeated header with ", ", so the SDK sees a signature that cannot match; ' +
      'hookverify reads repeats of one identical value as that value (proxies duplicate headers)',
  });
  const conflicting = [...hs(), ['Linear-Signature', sig.replace(/^./, sig[0] === 'a' ? 'b' : 'a')]];
  await run('signature header twice, different values', body, conflicting, [LINEAR], { expect: 'conflicting' });

  const noStamp = '{"action":"create","type":"Issue","data":{"id":"x"}}';
  const withHeader = [['Linear-Signature', hmac('sha256', LINEAR, noStamp, 'hex')], ['Linear-Timestamp', `${T * 1000}`]];
  await run('no webhookTimestamp, a Linear-Timestamp header', noStamp, withHeader, [LINEAR], {
    expect: 'missing_body_field',
  });
  for (const [label, value, expect] of [
    ['a string', `"${T * 1000}"`, 'malformed_body_field'],
    ['null', 'null', 'missing_body_field'],
    ['a fraction', `${T * 1000}.5`, undefined],
    ['seconds, not milliseconds', `${T}`, 'too_old'],
  ]) {
    const b = issue(value);
    const h = [['Linear-Signature', hmac('sha256', LINEAR, b, 'hex')]];
    await run(`webhookTimestamp ${label}`, b, h, [LINEAR], expect ? { expect } : {});
  }
  const notJson = 'action=create';
  const h = [['Linear-Signature', hmac('sha256', LINEAR, notJson, 'hex')]];
  await run('signed body that is not JSON', notJson, h, [LINEAR], { expect: 'missing_body_field' });
}

// ---- Shopify --------------------------------------------------------------------------
const SHOPIFY = 'shpss_8d4e1c7a2f0b';
const shopify = shopifyApi({
  apiKey: 'key',
  apiSecretKey: SHOPIFY,
  hostName: 'example.com',
  apiVersion: ApiVersion.October24,
  isEmbeddedApp: false,
  logger: { level: LogSeverity.Error, log: () => {} },
});
async function shopifySays(body, headers) {
  const rawRequest = new Request('https://example.com/webhooks/shopify', {
    method: 'POST',
    headers: new Headers(headers),
    body,
  });
  return (await shopify.webhooks.validate({ rawBody: body, rawRequest })).valid;
}
{
  // The order from Shopify's orders/create sample, trimmed.
  const order =
    '{"id":820982911946154508,"admin_graphql_api_id":"gid://shopify/Order/820982911946154508",' +
    '"email":"jon@example.com","currency":"USD","total_price":"403.00","note":"Grüße 🎁",' +
    '"line_items":[{"id":866550311766439020,"title":"IPod Nano - 8GB","quantity":1}]}';
  const mac = (b, key = SHOPIFY) => hmac('sha256', key, b, 'base64');
  const routing = [
    ['X-Shopify-Topic', 'orders/create'],
    ['X-Shopify-Shop-Domain', 'example.myshopify.com'],
    ['X-Shopify-API-Version', '2024-10'],
    ['X-Shopify-Webhook-Id', 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043'],
  ];
  const events = [
    ['shopify-topic', 'orders/create'],
    ['shopify-shop-domain', 'example.myshopify.com'],
    ['shopify-api-version', '2024-10'],
    ['shopify-webhook-id', 'e1f2a3b4-0000-4000-8000-000000000001'],
    ['shopify-event-id', '98880550-7158-44d4-b7cd-2c97c8a091b5'],
  ];
  const run = async (name, b, h, extra = {}) =>
    kase(`shopify ${name}`, 'shopify', b, h, await shopifySays(b, h), { secrets: [SHOPIFY], ...extra });
  const sig = mac(order);
  await run('order created', order, [['X-Shopify-Hmac-Sha256', sig], ...routing]);
  await run('events headers', order, [['shopify-hmac-sha256', sig], ...events]);
  await run('events header wrong, webhooks header right', order, [
    ['shopify-hmac-sha256', mac(order, 'other')],
    ['X-Shopify-Hmac-Sha256', sig],
    ...events,
    ...routing,
  ]);
  await run('events header empty, webhooks header right', order, [
    ['shopify-hmac-sha256', ''],
    ['X-Shopify-Hmac-Sha256', sig],
    ...routing,
  ]);
  await run('other secret', order, [['X-Shopify-Hmac-Sha256', mac(order, 'other')], ...routing]);
  await run('body changed', order.replace('403.00', '4.03'), [['X-Shopify-Hmac-Sha256', sig], ...routing]);
  await run('empty body', '', [['X-Shopify-Hmac-Sha256', mac('')], ...routing]);
  await run('unpadded base64', order, [['X-Shopify-Hmac-Sha256', sig.replace(/=+$/, '')], ...routing], {
    expect: 'malformed',
  });
  await run('hex, not base64', order, [['X-Shopify-Hmac-Sha256', hmac('sha256', SHOPIFY, order, 'hex')], ...routing], {
    expect: 'malformed',
  });
  await run('no signature', order, routing, { expect: 'missing_header' });
  const tiny = '{}';
  await run('empty object', tiny, [['x-shopify-hmac-sha256', mac(tiny)], ...routing]);
}

// ---- Twilio ---------------------------------------------------------------------------
const TOKEN = '12345';
const SHARED = 'shared-key-secret-0123456789';
function twilioSays(url, body, headers, token) {
  const get = (name) => headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
  const signature = get('X-Twilio-Signature') || '';
  const algorithm = twilio.getSignatureAlgorithm(get('X-Twilio-Webhooks-Signature-Settings'));
  if (url.indexOf('bodySHA256') > 0) {
    return twilio.validateRequestWithBody(token, signature, url, body, algorithm);
  }
  // Express's urlencoded parser (extended: false) is Node's querystring.
  return twilio.validateRequest(token, signature, url, { ...querystring.parse(body) }, algorithm);
}
{
  const sign = (algo, token, url, body) => {
    const params = querystring.parse(body);
    const data = Object.keys(params)
      .sort()
      .reduce((acc, k) => {
        const v = params[k];
        return acc + (Array.isArray(v) ? [...new Set(v)].sort().map((x) => k + x).join('') : k + v);
      }, url);
    return hmac(algo, token, Buffer.from(data, 'utf-8'), 'base64');
  };
  const run = (name, provider, url, body, headers, token, extra = {}) =>
    kase(`twilio ${name}`, provider, body, headers, twilioSays(url, body, headers, token), {
      secrets: [token],
      url,
      method: 'POST',
      ...extra,
    });
  const docUrl = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const docBody = 'CallSid=CA1234567890ABCDE&Caller=%2B12349013030&Digits=1234&From=%2B12349013030&To=%2B18005551212';
  run("documentation's example", 'twilio', docUrl, docBody, [['X-Twilio-Signature', sign('sha1', TOKEN, docUrl, docBody)]], TOKEN);
  const sms =
    'ToCountry=US&ToState=CA&SmsMessageSid=SM1f0e8ae6ade43cb3c0ce4525424e404f&NumMedia=0&' +
    'Body=H%C3%A9llo+%F0%9F%91%8B+%26+bye&From=%2B14155551212&To=%2B14155550000&' +
    'MessageSid=SM1f0e8ae6ade43cb3c0ce4525424e404f&AccountSid=AC00000000000000000000000000000000&ApiVersion=2010-04-01';
  const smsUrl = 'https://example.com/twilio/sms';
  const smsSig = sign('sha1', TOKEN, smsUrl, sms);
  run('incoming SMS', 'twilio', smsUrl, sms, [['X-Twilio-Signature', smsSig]], TOKEN);
  run('incoming SMS, other token', 'twilio', smsUrl, sms, [['X-Twilio-Signature', smsSig]], '54321');
  run('incoming SMS, body changed', 'twilio', smsUrl, sms.replace('NumMedia=0', 'NumMedia=1'), [['X-Twilio-Signature', smsSig]], TOKEN);
  run('incoming SMS, other path', 'twilio', 'https://example.com/twilio/sms2', sms, [['X-Twilio-Signature', smsSig]], TOKEN);
  const portSig = sign('sha1', TOKEN, 'https://example.com:443/twilio/sms', sms);
  run('signed with :443, received without', 'twilio', smsUrl, sms, [['X-Twilio-Signature', portSig]], TOKEN);
  run('signed without a port, received with :443', 'twilio', 'https://example.com:443/twilio/sms', sms, [['X-Twilio-Signature', smsSig]], TOKEN);
  const repeated = 'b=2&a=2&a=1&a=2&c=';
  const repUrl = 'https://example.com/hook?x=1';
  run('repeated and empty parameters', 'twilio', repUrl, repeated, [['X-Twilio-Signature', sign('sha1', TOKEN, repUrl, repeated)]], TOKEN);

  const json = '{"CallSid":"CA1234567890ABCDE","Caller":"+12349013030"}';
  const jsonUrl = `https://example.com/hook?bodySHA256=${sha256(json)}`;
  const jsonSig = hmac('sha1', TOKEN, jsonUrl, 'base64');
  run('JSON body with bodySHA256', 'twilio', jsonUrl, json, [['X-Twilio-Signature', jsonSig]], TOKEN);
  run('JSON body changed', 'twilio', jsonUrl, json.replace('+1', '+2'), [['X-Twilio-Signature', jsonSig]], TOKEN);

  const sharedSig = sign('sha256', SHARED, smsUrl, sms);
  const settings = ['X-Twilio-Webhooks-Signature-Settings', 'key=webhooks_sharedkey_01,algorithm=HMAC_SHA256'];
  run('SharedKey, HMAC-SHA256', 'twilio_shared_key', smsUrl, sms, [['X-Twilio-Signature', sharedSig], settings], SHARED);
  run('SharedKey, lowercase algorithm', 'twilio_shared_key', smsUrl, sms, [
    ['X-Twilio-Signature', sharedSig],
    ['X-Twilio-Webhooks-Signature-Settings', 'algorithm=hmac_sha256'],
  ], SHARED);
  run('SharedKey signature without the settings header', 'twilio_shared_key', smsUrl, sms, [['X-Twilio-Signature', sharedSig]], SHARED, {
    expect: 'malformed',
  });
  run('no signature', 'twilio', smsUrl, sms, [], TOKEN, { expect: 'missing_header' });

  // Twilio's Node library also tries the URL as WHATWG URL parsing re-encodes it.
  const quoteUrl = "https://example.com/hook?name=O'Brien";
  const quoteSig = sign('sha1', TOKEN, 'https://example.com/hook?name=O%27Brien', sms);
  run("signed with %27, received with '", 'twilio', quoteUrl, sms, [['X-Twilio-Signature', quoteSig]], TOKEN, {
    expect: 'mismatch',
    differs:
      "Twilio's Node library also accepts the URL re-encoded by WHATWG URL parsing; hookverify " +
      'checks the URL it is given (and its default-port form), as Twilio\'s Python library does',
  });
}

// ---- Paddle ---------------------------------------------------------------------------
const PADDLE = 'pdl_ntfset_01gkpjp8bkh3ptmy3j4xsanyb9_6g3l1AlBY0ES0HnIzXsNvPbHiVQjWBBv';
const PADDLE_OLD = 'pdl_ntfset_01gkpjp8bkh3ptmy3j4xsanyb9_0ldKey';
const paddle = new Paddle('pdl_sdbx_apikey_01gtgztp8fake');
async function paddleSays(body, headers, secrets, now = T) {
  const sig = headers.find(([n]) => n === 'Paddle-Signature')?.[1] ?? '';
  for (const secret of secrets) {
    try {
      if (await at(now, () => paddle.webhooks.isSignatureValid(body, secret, sig))) return true;
    } catch {
      // A header it cannot parse.
    }
  }
  return false;
}
{
  const body =
    '{"event_id":"evt_01hv8wt8nffez4p2t6typn4a5j","event_type":"transaction.paid",' +
    '"occurred_at":"2024-04-12T10:18:49.621022Z","notification_id":"ntf_01hv8wt8q5gp0zzbqk4gxvnqe4",' +
    '"data":{"id":"txn_01hv8wptq8987qeep44cyrewp9","status":"paid","currency_code":"EUR"}}';
  const h1 = (ts, key = PADDLE) => hmac('sha256', key, `${ts}:${body}`, 'hex');
  const run = async (name, h, secrets, extra = {}) =>
    kase(`paddle ${name}`, 'paddle', body, h, await paddleSays(body, h, secrets, extra.now), { secrets, ...extra });
  const header = (v) => [['Paddle-Signature', v]];
  await run('transaction paid', header(`ts=${T};h1=${h1(T)}`), [PADDLE]);
  await run('5 s later', header(`ts=${T};h1=${h1(T)}`), [PADDLE], { now: T + 5 });
  await run('6 s later', header(`ts=${T};h1=${h1(T)}`), [PADDLE], { now: T + 6, expect: 'too_old' });
  await run('other secret', header(`ts=${T};h1=${h1(T)}`), [PADDLE_OLD]);
  await run('rotation: the second secret', header(`ts=${T};h1=${h1(T)}`), [PADDLE_OLD, PADDLE], { key_index: 1 });
  await run('timestamp changed', header(`ts=${T + 1};h1=${h1(T)}`), [PADDLE], { now: T + 1 });
  await run('two h1, the last one matches', header(`ts=${T};h1=${h1(T, PADDLE_OLD)};h1=${h1(T)}`), [PADDLE]);
  await run('no ts', header(`h1=${h1(T)}`), [PADDLE], { expect: 'malformed' });
  await run('an hour ahead', header(`ts=${T + 3600};h1=${h1(T + 3600)}`), [PADDLE], {
    expect: 'in_future',
    differs:
      "Paddle's Node SDK checks only that a timestamp is not too old; its Python SDK, and " +
      'hookverify, also refuse one more than 5 s ahead',
  });
  await run('two h1, the first one matches', header(`ts=${T};h1=${h1(T)};h1=${h1(T, PADDLE_OLD)}`), [PADDLE], {
    differs:
      "Paddle's Node SDK keeps only the last h1; Paddle sends one per live secret during a " +
      'rotation, and hookverify (like the Python SDK) accepts any of them',
  });
}

// ---- Square ---------------------------------------------------------------------------
const SQUARE = 'asdf1234';
const SQUARE_URL = 'https://example.com/webhooks/square';
async function squareSays(body, headers, secret, url = SQUARE_URL) {
  const signatureHeader = headers.find(([n]) => n === 'x-square-hmacsha256-signature')?.[1];
  return WebhooksHelper.verifySignature({ requestBody: body, signatureHeader, signatureKey: secret, notificationUrl: url });
}
{
  const body =
    '{"merchant_id":"6SSW7HV8K2ST5","type":"payment.created","event_id":"13b867cf-db3d-4b1c-90b6-2f32a9d78124",' +
    '"created_at":"2020-02-06T21:27:30.792Z","data":{"type":"payment","id":"KkAkhdMs","object":{"payment":{"amount_money":{"amount":100,"currency":"USD"}}}}}';
  const sig = (b, url = SQUARE_URL, key = SQUARE) => hmac('sha256', key, url + b, 'base64');
  const run = async (name, b, h, extra = {}) =>
    kase(`square ${name}`, 'square', b, h, await squareSays(b, h, SQUARE), {
      secrets: [SQUARE],
      notification_url: SQUARE_URL,
      ...extra,
    });
  const header = (v) => [['x-square-hmacsha256-signature', v]];
  await run('payment created', body, header(sig(body)));
  await run('other notification URL', body, header(sig(body, 'https://example.com/webhooks/other')));
  await run('other key', body, header(sig(body, SQUARE_URL, 'other')));
  await run('body changed', body.replace('100', '1000'), header(sig(body)));
  await run('empty body', '', header(sig('')), {
    expect: 'mismatch',
    differs: "Square's Node SDK accepts a signed empty body; its Python SDK and hookverify refuse it",
  });
}

// ---- Discord --------------------------------------------------------------------------
const ed25519 = (seed) =>
  crypto.createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(seed)]),
    format: 'der',
    type: 'pkcs8',
  });
const rawPublic = (key) =>
  crypto.createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
{
  const key = ed25519(Array.from({ length: 32 }, (_, i) => i * 7));
  const other = ed25519(Array.from({ length: 32 }, (_, i) => 255 - i));
  const PK = rawPublic(key);
  const OTHER = rawPublic(other);
  const body = '{"type":1,"id":"787053080478613555","application_id":"775799577604522054","token":"aW50ZXJh","version":1}';
  const sign = (ts, b, k = key) => crypto.sign(null, Buffer.from(ts + b), k).toString('hex');
  const run = async (name, b, h, pks, extra = {}) => {
    const sig = h.find(([n]) => n === 'X-Signature-Ed25519')?.[1] ?? '';
    const ts = h.find(([n]) => n === 'X-Signature-Timestamp')?.[1] ?? '';
    let ok = false;
    for (const pk of pks) ok ||= await verifyKey(b, sig, ts, pk);
    kase(`discord ${name}`, 'discord', b, h, ok, { public_keys: pks, ...extra });
  };
  const hs = (sig, ts = `${T}`) => [['X-Signature-Ed25519', sig], ['X-Signature-Timestamp', ts]];
  await run('ping', body, hs(sign(`${T}`, body)), [PK]);
  await run('rotation: the second key', body, hs(sign(`${T}`, body)), [OTHER, PK], { key_index: 1 });
  await run('other key', body, hs(sign(`${T}`, body)), [OTHER]);
  await run('body changed', `${body} `, hs(sign(`${T}`, body)), [PK]);
  await run('timestamp changed', body, hs(sign(`${T}`, body), `${T + 1}`), [PK]);
  await run('signature by the other key', body, hs(sign(`${T}`, body, other)), [PK]);
}

// ---- SendGrid -------------------------------------------------------------------------
{
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const other = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
  const b64 = (k) => k.export({ format: 'der', type: 'spki' }).toString('base64');
  const pem = (k) => k.export({ format: 'pem', type: 'spki' });
  const PK = b64(publicKey);
  const OTHER = b64(other);
  const body =
    '[{"email":"example@test.com","timestamp":1700000000,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>",' +
    '"event":"processed","category":["cat facts"],"sg_event_id":"rbtnWrG1DVDGGGFHFyun0A==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0"}]\r\n';
  const webhook = new EventWebhook();
  const says = (pems, b, sig, ts) => pems.some((p) => {
    try {
      return webhook.verifySignature(webhook.convertPublicKeyToECDSA(p), b, sig, ts);
    } catch {
      return false;
    }
  });
  const sign = (ts, b) => crypto.sign('sha256', Buffer.from(ts + b), privateKey).toString('base64');
  const hs = (sig, ts = `${T}`) => [
    ['X-Twilio-Email-Event-Webhook-Signature', sig],
    ['X-Twilio-Email-Event-Webhook-Timestamp', ts],
  ];
  const run = (name, b, h, keys, extra = {}) =>
    kase(`sendgrid ${name}`, 'sendgrid', b, h, says(keys.map(([, p]) => p), b, h[0][1], h[1][1]), {
      public_keys: keys.map(([k]) => k),
      ...extra,
    });
  const sig = sign(`${T}`, body);
  run('processed', body, hs(sig), [[PK, pem(publicKey)]]);
  run('rotation: the second key', body, hs(sig), [[OTHER, pem(other)], [PK, pem(publicKey)]], { key_index: 1 });
  run('other key', body, hs(sig), [[OTHER, pem(other)]]);
  run('body changed', body.trimEnd(), hs(sig), [[PK, pem(publicKey)]]);
  run('timestamp changed', body, hs(sig, `${T + 1}`), [[PK, pem(publicKey)]]);
}

const versions = Object.fromEntries(
  ['@linear/sdk', '@shopify/shopify-api', 'twilio', '@paddle/paddle-node-sdk', 'square', 'discord-interactions', '@sendgrid/eventwebhook'].map(
    (name) => [name, JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, import.meta.url))).version],
  ),
);
process.stdout.write(
  JSON.stringify(
    {
      source:
        `providers' own libraries from npm (${Object.entries(versions).map(([n, v]) => `${n} ${v}`).join(', ')}) ` +
        `on Node ${process.versions.node} (tests/data/gen/node/sign_sdks.mjs)`,
      cases,
    },
    null,
    1,
  ) + '\n',
);

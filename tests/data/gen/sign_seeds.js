// Signs the seed providers' sample payloads with the providers' OWN sample code, copied
// from their webhook documentation (../shared/seeds/), so that our tests check our
// verifier against the senders' construction rather than against itself.
//
//   node tests/data/gen/sign_seeds.js > tests/data/vectors/seed_sample_code.json
//
// Only the timestamp source differs from the docs: Pocketbook's generateTestSignature
// reads Date.now(); here it takes the timestamp as an argument so the output is stable.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const dir = path.join(__dirname, '..', 'payloads');
const read = (p, e) => fs.readFileSync(path.join(dir, p, e + '.json'), 'utf8');
const events = (p) => fs.readdirSync(path.join(dir, p)).filter(f => f.endsWith('.json')).map(f => f.slice(0, -5)).sort();

// --- Memento, "Verifying webhook signatures" (computedSignature) ---
function mementoSign(body, secret) {
  return crypto.createHmac("sha256", secret).update(body, "utf8").digest("hex");
}
// --- Livingdocs, "Securing your webhooks" (payloadSignature) ---
function livingdocsSign(payload, secret) {
  const hmac = crypto.createHmac('sha256', secret);
  return `sha256=${hmac.update(payload).digest('hex')}`;
}
// --- Pocketbook, "Testing Webhooks" (generateTestSignature), timestamp passed in ---
function pocketbookSign(payload, secret, timestamp) {
  const signedPayload = `${timestamp}.${JSON.stringify(payload)}`;
  const hash = crypto.createHmac('sha256', secret).update(signedPayload).digest('hex');
  return `t=${timestamp},v1=${hash}`;
}

const cases = [];
const T = 1640995200;
const mementoSecret = "whsec_Ge3tGXAEEeEGLDJqtMDGfmn9VoqJXtQz";
for (const e of events('memento')) {
  const body = read('memento', e);
  cases.push({ name: `memento ${e}`, provider: 'memento', secrets: [mementoSecret], body,
    headers: [['Signature', mementoSign(body, mementoSecret)]], now: T, expect: 'ok', secret_index: 0 });
  cases.push({ name: `memento ${e} re-serialized body`, provider: 'memento', secrets: [mementoSecret],
    body: JSON.stringify(JSON.parse(body)), headers: [['Signature', mementoSign(body, mementoSecret)]], now: T,
    expect: 'mismatch' });
}
const ldSecret = 'a-secret-token-to-sign-the-request';
for (const e of events('livingdocs')) {
  const body = read('livingdocs', e);
  cases.push({ name: `livingdocs ${e}`, provider: 'livingdocs', secrets: [ldSecret], body,
    headers: [['x-livingdocs-signature', livingdocsSign(body, ldSecret)]], now: T, expect: 'ok', secret_index: 0 });
  cases.push({ name: `livingdocs ${e} other secret`, provider: 'livingdocs', secrets: ['another-secret'], body,
    headers: [['x-livingdocs-signature', livingdocsSign(body, ldSecret)]], now: T, expect: 'mismatch' });
}
const pbSecret = 'whsec_1234567890abcdef';
const pbOld = 'whsec_previous_secret';
for (const e of events('pocketbook')) {
  const payload = JSON.parse(read('pocketbook', e));
  const body = JSON.stringify(payload);
  const t = payload.created;
  cases.push({ name: `pocketbook ${e}`, provider: 'pocketbook', secrets: [pbSecret], body,
    headers: [['X-Webhook-Signature', pocketbookSign(payload, pbSecret, t)]], now: t + 5, expect: 'ok', secret_index: 0 });
  cases.push({ name: `pocketbook ${e} signed with previous secret`, provider: 'pocketbook', secrets: [pbSecret, pbOld], body,
    headers: [['X-Webhook-Signature', pocketbookSign(payload, pbOld, t)]], now: t, expect: 'ok', secret_index: 1 });
  cases.push({ name: `pocketbook ${e} at +300 s`, provider: 'pocketbook', secrets: [pbSecret], body,
    headers: [['X-Webhook-Signature', pocketbookSign(payload, pbSecret, t)]], now: t + 300, expect: 'ok', secret_index: 0 });
  cases.push({ name: `pocketbook ${e} at +301 s`, provider: 'pocketbook', secrets: [pbSecret], body,
    headers: [['X-Webhook-Signature', pocketbookSign(payload, pbSecret, t)]], now: t + 301, expect: 'too_old' });
  cases.push({ name: `pocketbook ${e} at -300 s`, provider: 'pocketbook', secrets: [pbSecret], body,
    headers: [['X-Webhook-Signature', pocketbookSign(payload, pbSecret, t)]], now: t - 300, expect: 'ok', secret_index: 0 });
  cases.push({ name: `pocketbook ${e} at -301 s`, provider: 'pocketbook', secrets: [pbSecret], body,
    headers: [['X-Webhook-Signature', pocketbookSign(payload, pbSecret, t)]], now: t - 301, expect: 'in_future' });
  cases.push({ name: `pocketbook ${e} pretty-printed body`, provider: 'pocketbook', secrets: [pbSecret],
    body: JSON.stringify(payload, null, 2), headers: [['X-Webhook-Signature', pocketbookSign(payload, pbSecret, t)]],
    now: t, expect: 'mismatch' });
}
const mbToken = 'mb_whk_8f1c2e7a9b3d4c5e';
for (const e of events('memo_bank')) {
  const body = read('memo_bank', e);
  cases.push({ name: `memo_bank ${e}`, provider: 'memo_bank', secrets: [mbToken], body,
    headers: [['Authorization', `Bearer ${mbToken}`]], now: T, expect: 'ok', secret_index: 0 });
  cases.push({ name: `memo_bank ${e} wrong token`, provider: 'memo_bank', secrets: [mbToken], body,
    headers: [['Authorization', `Bearer ${mbToken}x`]], now: T, expect: 'mismatch' });
}
const im4Key = 'im4_live_3b1f0c9e';
for (const e of events('inmemory4')) {
  const body = read('inmemory4', e);
  cases.push({ name: `inmemory4 ${e}`, provider: 'inmemory4', secrets: [im4Key], body,
    headers: [['Signature', im4Key]], now: T, expect: 'ok', secret_index: 0 });
  cases.push({ name: `inmemory4 ${e} wrong key`, provider: 'inmemory4', secrets: [im4Key], body,
    headers: [['Signature', im4Key.slice(0, -1)]], now: T, expect: 'mismatch' });
}
process.stdout.write(JSON.stringify({
  source: "the seed documents' own sample code (Node.js crypto), tests/data/gen/sign_seeds.js",
  cases }, null, 1) + '\n');

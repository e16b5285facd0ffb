// GitHub vectors signed by GitHub's own library, @octokit/webhooks-methods (npm).
//
//   npm install --prefix /tmp/npmlibs @octokit/webhooks-methods@6.0.0
//   NODE_PATH=/tmp/npmlibs/node_modules node tests/data/gen/sign_octokit.mjs > tests/data/vectors/octokit.json
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
const dir = process.env.NODE_PATH + '/@octokit/webhooks-methods';
const pkg = JSON.parse(readFileSync(dir + '/package.json', 'utf8'));
const entry = pkg.exports['.'].node?.import ?? pkg.exports['.'].import ?? pkg.exports['.'].default;
const { sign } = await import(pathToFileURL(dir + '/' + (typeof entry === 'string' ? entry : entry.default)).href);

const secret = "It's a Secret to Everybody";
const bodies = [
  'Hello, World!',
  '{"action":"opened","issue":{"number":1347,"title":"Found a bug \u{1F41B}"},"repository":{"full_name":"octocat/Hello-World"}}',
  '{}',
];
const cases = [];
for (const [i, body] of bodies.entries()) {
  const signature = await sign(secret, body);
  cases.push({ name: `github body ${i}`, provider: 'github', secrets: [secret], body,
    headers: [['X-Hub-Signature-256', signature], ['X-GitHub-Event', 'issues']], now: 1700000000,
    expect: 'ok', secret_index: 0 });
  cases.push({ name: `github body ${i}, rotated secret`, provider: 'github', secrets: ['new secret', secret], body,
    headers: [['x-hub-signature-256', signature]], now: 1700000000, expect: 'ok', secret_index: 1 });
  cases.push({ name: `github body ${i}, tampered`, provider: 'github', secrets: [secret], body: body + ' ',
    headers: [['X-Hub-Signature-256', signature]], now: 1700000000, expect: 'mismatch' });
  cases.push({ name: `github body ${i}, only the SHA-1 header`, provider: 'github', secrets: [secret], body,
    headers: [['X-Hub-Signature', 'sha1=' + signature.slice(7, 47)]], now: 1700000000, expect: 'deprecated' });
}
process.stdout.write(JSON.stringify({ source: 'GitHub\'s @octokit/webhooks-methods 6.0.0 (tests/data/gen/sign_octokit.mjs)', cases }, null, 1) + '\n');

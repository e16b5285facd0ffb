// The npm judges of tests/data/vectors/fetched_keys.json; sign_fetched_keys.py runs this file
// and never writes a verdict of its own for these rows. Install them first:
//
//     (cd tests/data/gen/node_fetched && npm install)
//
// stdin: {"documents": {url: text}, "fallback_cert": pem, "tasks": [task, ...]}
// stdout: {"<task id>": {"says": true|false, "detail": "..."}}
//
// - kind "sns": sns-validator (aws/aws-js-sns-message-validator, AWS's own Node validator)
//   MessageValidator.validate(rawBody). Its certificate download goes through https.get, which
//   is stubbed here: a URL listed in `documents` gets that text, any other URL gets
//   `fallback_cert` (the genuine certificate), so a refusal of an odd URL comes from the
//   validator's URL rule and never from a failed download. Nothing leaves this machine.
//   When the task has `topic_arns`, the message's TopicArn must be one of them, the check AWS's
//   docs ask of every subscriber ("Reject any message with an unexpected TopicArn").
// - kind "vonage": @vonage/jwt verifySignature(token, secret) for each signature secret, the
//   token taken as Vonage's Node snippets do (`authorization.split(' ')[1]`), then the docs'
//   payload check: the `payload_hash` claim equals the SHA-256 of the raw body (lowercase hex).
//   jsonwebtoken's clock (Date.now) is set to the task's `now` while it runs.
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import { EventEmitter } from "node:events";

const require = createRequire(new URL("./node_fetched/package.json", import.meta.url));

const input = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
const documents = input.documents;

// Stub https.get before sns-validator takes its reference to the module's object.
const https = require("node:https");
const fetched = [];
https.get = (url, callback) => {
  const request = new EventEmitter();
  process.nextTick(() => {
    fetched.push(String(url));
    const text = Object.hasOwn(documents, url) ? documents[url] : input.fallback_cert;
    const response = new EventEmitter();
    response.statusCode = 200;
    callback(response);
    response.emit("data", Buffer.from(text, "utf8"));
    response.emit("end");
  });
  return request;
};

const MessageValidator = require("sns-validator");
const { verifySignature } = require("@vonage/jwt");
const jsonwebtoken = require("jsonwebtoken");

function sns(task) {
  return new Promise((resolve) => {
    new MessageValidator().validate(task.body, (error, message) => {
      if (error) {
        resolve({ says: false, detail: `sns-validator: ${error.message}` });
        return;
      }
      if (task.topic_arns && !task.topic_arns.includes(message.TopicArn)) {
        resolve({ says: false, detail: `signature valid; TopicArn ${message.TopicArn} not in the allow-list` });
        return;
      }
      resolve({ says: true, detail: "sns-validator: valid" });
    });
  });
}

const realNow = Date.now;
function vonage(task) {
  // jsonwebtoken reads the clock as Math.floor(Date.now() / 1000): the row's `now` stands in.
  Date.now = () => task.now * 1000;
  try {
    return vonageAt(task);
  } finally {
    Date.now = realNow;
  }
}

function vonageAt(task) {
  const authorization = task.authorization;
  if (typeof authorization !== "string") {
    return { says: false, detail: "no Authorization header" };
  }
  const token = authorization.split(" ")[1];
  if (!token) {
    return { says: false, detail: "no token after the scheme" };
  }
  const index = task.secrets.findIndex((secret) => verifySignature(token, secret));
  if (index < 0) {
    return { says: false, detail: "@vonage/jwt verifySignature: false for every secret" };
  }
  const claims = jsonwebtoken.decode(token) || {};
  const hash = createHash("sha256").update(Buffer.from(task.body, "utf8")).digest("hex");
  if (claims.payload_hash !== hash) {
    return { says: false, detail: `verifySignature true (secret ${index}); payload_hash differs from SHA-256 of the body` };
  }
  return { says: true, detail: `verifySignature true with secret ${index}; payload_hash matches`, index };
}

const out = {};
for (const task of input.tasks) {
  try {
    out[task.id] = task.kind === "sns" ? await sns(task) : vonage(task);
  } catch (error) {
    out[task.id] = { says: false, detail: `threw: ${error.message}` };
  }
}
process.stdout.write(JSON.stringify(out));

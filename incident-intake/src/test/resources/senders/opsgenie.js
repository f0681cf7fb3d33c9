// One call of Opsgenie's own Node.js client, opsgenie-sdk (version pinned by NodeSenders.java).
// usage: OPSGENIE_HOST=http://127.0.0.1:<port> OPSGENIE_API_KEY=<key> node opsgenie.js <call> '<arguments>'
//   create            '{"data": {...}}'                               alertV2.create(data)      POST /v2/alerts/
//   close|acknowledge '{"identifier": {...}, "data": {...}}'          alertV2.close(...)        POST /v2/alerts/<id>/close/?identifierType=...
//   heartbeat-create  '{"data": {...}}'                               heartbeat.create(data)    POST /v2/heartbeats/
//   heartbeat-ping    '{"identifier": {"identifier": "<name>"}}'      heartbeat.ping(...)       GET  /v2/heartbeats/<name>/ping
//   heartbeat-get     '{"identifier": {"identifier": "<name>"}}'      heartbeat.get(...)        GET  /v2/heartbeats/<name>
// `host` is the client's documented setting for another region (lib/configure.js, default https://api.opsgenie.com);
// the key goes out as "Authorization: GenieKey <key>" (lib/restApi.js).
// Prints {"error": <what the client reported, with httpStatusCode>, "response": <the parsed answer>}; exits 1 on an error.
'use strict';
const opsgenie = require('opsgenie-sdk');

opsgenie.configure({ host: process.env.OPSGENIE_HOST, api_key: process.env.OPSGENIE_API_KEY });

const [call, json] = process.argv.slice(2);
const args = JSON.parse(json || '{}');
const done = (error, response) => {
  console.log(JSON.stringify({ error, response }));
  process.exit(error ? 1 : 0);
};
const calls = {
  create: () => opsgenie.alertV2.create(args.data, done),
  close: () => opsgenie.alertV2.close(args.identifier, args.data, done),
  acknowledge: () => opsgenie.alertV2.acknowledge(args.identifier, args.data, done),
  'heartbeat-create': () => opsgenie.heartbeat.create(args.data, done),
  'heartbeat-get': () => opsgenie.heartbeat.get(args.identifier, done),
  // heartbeat.ping(identifier, data, config, cb) hands `data` to restApi.get as its http options and `config` as the
  // callback: the SDK's own argument order, so the callback goes third
  'heartbeat-ping': () => opsgenie.heartbeat.ping(args.identifier, {}, done),
};
if (!calls[call]) {
  console.error(`unknown call ${call}`);
  process.exit(2);
}
calls[call]();

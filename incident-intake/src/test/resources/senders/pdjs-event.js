// One PagerDuty event sent by PagerDuty's own client, @pagerduty/pdjs (version pinned by NodeSenders.java).
// usage: PD_SERVER=localhost:<https port> PD_ROUTING_KEY=<key> node pdjs-event.js trigger|acknowledge|resolve|change '<data>'
// <data> is the event's JSON without routing_key. pdjs always calls https://<server>/v2/enqueue (/v2/change/enqueue
// for change): the `server` option of its events.js is how the README says to reach another region.
// Prints {"status": <HTTP status>, "data": <the parsed answer>}; exits 1 unless pdjs resolved with a 2xx.
'use strict';
const pdjs = require('@pagerduty/pdjs');

const [action, json] = process.argv.slice(2);
const send = { trigger: pdjs.trigger, acknowledge: pdjs.acknowledge, resolve: pdjs.resolve, change: pdjs.change }[action];
if (!send) {
  console.error(`unknown action ${action}`);
  process.exit(2);
}
const data = { ...JSON.parse(json || '{}'), routing_key: process.env.PD_ROUTING_KEY };

send({ server: process.env.PD_SERVER, data })
  .then((response) => {
    console.log(JSON.stringify({ status: response.status, data: response.data }));
    process.exit(response.ok ? 0 : 1);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });

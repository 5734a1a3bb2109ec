// Preloaded into the learner's server by the check (node --require): samples the event loop every 5 ms
// and appends each stall longer than 30 ms to LOOP_PROBE_FILE as "<end time in ms since epoch> <stall in ms>".
const { appendFileSync } = require("node:fs");

const file = process.env.LOOP_PROBE_FILE;
const every = 5;
let last = Date.now();
setInterval(() => {
  const now = Date.now();
  const stall = now - last - every;
  if (file && stall > 30) appendFileSync(file, `${now} ${stall}\n`);
  last = now;
}, every).unref();

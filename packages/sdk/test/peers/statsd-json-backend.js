// statsd-json-backend.js: a flush backend for the Etsy statsd daemon (npm `statsd` 0.9.0) that
// appends every flush as one JSON line to `config.jsonBackend.file`, so tests can read exactly
// what the daemon aggregated. Loaded by the daemon (plain CommonJS, not compiled by the tests).
'use strict';
const fs = require('fs');

exports.init = function init(_startupTime, config, events) {
  const file = config.jsonBackend.file;
  events.on('flush', (ts, metrics) => {
    const sets = {};
    for (const key of Object.keys(metrics.sets)) sets[key] = metrics.sets[key].values();
    const flush = {
      ts,
      counters: metrics.counters,
      gauges: metrics.gauges,
      timers: metrics.timers,
      timer_counters: metrics.timer_counters,
      timer_data: metrics.timer_data,
      sets,
    };
    fs.appendFileSync(file, JSON.stringify(flush) + '\n');
  });
  return true;
};

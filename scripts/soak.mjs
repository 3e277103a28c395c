#!/usr/bin/env node
// `npm run soak -- --minutes N [--rate calls/s] [--scrapers N]`: a long run of the demo under load
// and faults, for what no unit test can show: that memory plateaus and the event loop stays free.
//
// In one process (the built packages, as a user runs them): the demo MCP server over Streamable
// HTTP, instrumented, with its client calling tools at --rate; --scrapers parallel scrapes of
// /metrics every second; an OTLP exporter whose receiver cycles through faults every 30 s (answers,
// 503, hangs, resets, is down). Every minute one line: heap after GC, RSS, event-loop delay p99 and
// max, calls and scrapes by outcome, OTLP exports by answer. At the end the heap of the last minute
// is compared with minute 2 (after warm-up); more than +15% fails the run (exit 1). Not part of
// `npm test`: it takes minutes by design.
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { instrumentMcpClient, instrumentMcpServer } from '@mcp-otel/instrumentation';
import { startMetrics } from '@mcp-otel/sdk';
import { startDemoClient } from '../examples/demo/dist/demo-client.js';
import { startDemoHttpServer } from '../examples/demo/dist/demo-http-server.js';
import { createDemoServer } from '../examples/demo/dist/demo-tools.js';

const { values } = parseArgs({
  options: { minutes: { type: 'string', default: '10' }, rate: { type: 'string', default: '50' }, scrapers: { type: 'string', default: '4' } },
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const scrapers = Number(values.scrapers);
if (!(minutes >= 2) || !(rate > 0) || !(scrapers >= 0)) {
  process.stderr.write('usage: npm run soak -- --minutes <n >= 2> [--rate <calls/s>] [--scrapers <n>]\n');
  process.exit(2);
}
const gc = globalThis.gc ?? (() => undefined);
const log = (line) => process.stderr.write(line + '\n');

// The OTLP receiver: it only counts; its mood changes every 30 s.
const MOODS = ['answers', '503', 'hangs', 'resets', 'down'];
let mood = 'answers';
const exportsByMood = {};
const receiver = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    exportsByMood[mood] = (exportsByMood[mood] ?? 0) + 1;
    if (mood === 'answers') response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    else if (mood === '503') response.writeHead(503, { 'retry-after': '1' }).end();
    else if (mood === 'resets') request.socket.destroy();
    // hangs: never answers
  });
});
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverPort = receiver.address().port;
let moodIndex = 0;
const moodTimer = setInterval(() => {
  moodIndex = (moodIndex + 1) % MOODS.length;
  mood = MOODS[moodIndex];
  if (mood === 'down') receiver.closeAllConnections();
}, 30_000);

const telemetry = await startMetrics(
  {
    serviceName: 'mcp-otel-soak',
    collectionInterval: '5s',
    exporters: [
      { type: 'prometheus', port: 0 },
      { type: 'otlp', endpoint: `http://127.0.0.1:${receiverPort}/v1/metrics`, timeout: '2s' },
    ],
  },
  { env: { OTEL_LOG_LEVEL: 'warn' } },
);
const server = await startDemoHttpServer({ host: '127.0.0.1', port: 0, createServer: createDemoServer, onServer: instrumentMcpServer });
const client = await startDemoClient(server.url, rate, instrumentMcpClient);

const scrapes = { ok: 0, failed: 0, busy: 0 };
const scrapeOnce = () =>
  fetch(telemetry.endpoints.prometheus, { headers: { 'accept-encoding': 'gzip' } }).then(
    async (response) => {
      await response.arrayBuffer();
      if (response.status === 200) scrapes.ok++;
      else if (response.status === 503) scrapes.busy++;
      else scrapes.failed++;
    },
    () => scrapes.failed++,
  );
const scrapeTimer = setInterval(() => {
  for (let i = 0; i < scrapers; i++) void scrapeOnce();
}, 1000);

async function callCounts() {
  const text = await (await fetch(telemetry.endpoints.prometheus)).text();
  const counts = {};
  for (const match of text.matchAll(/^demo_client_calls_total\{[^}]*demo_outcome="(\w+)"[^}]*\} (\d+)/gm)) counts[match[1]] = (counts[match[1]] ?? 0) + Number(match[2]);
  return counts;
}

log(`soak: ${minutes} min, ${rate} calls/s, ${scrapers} scrapes/s; metrics ${telemetry.endpoints.prometheus}`);
log('minute  heap MB  rss MB  loop p99 ms  loop max ms  calls (by outcome)                       scrapes ok/503/failed  OTLP requests by receiver mood');
const heaps = [];
for (let minute = 1; minute <= minutes; minute++) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  await new Promise((resolve) => setTimeout(resolve, 60_000));
  delay.disable();
  gc();
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  heaps.push(heapUsed);
  const calls = JSON.stringify(await callCounts());
  log(
    `${String(minute).padStart(6)}  ${(heapUsed / 2 ** 20).toFixed(1).padStart(7)}  ${(rss / 2 ** 20).toFixed(0).padStart(6)}  ` +
      `${(delay.percentile(99) / 1e6).toFixed(1).padStart(11)}  ${(delay.max / 1e6).toFixed(1).padStart(11)}  ${calls.padEnd(40)} ` +
      `${`${scrapes.ok}/${scrapes.busy}/${scrapes.failed}`.padStart(21)}  ${JSON.stringify(exportsByMood)}`,
  );
}

clearInterval(scrapeTimer);
clearInterval(moodTimer);
await client.stop();
await server.close();
await telemetry.shutdown();
receiver.closeAllConnections();
receiver.close();

const growth = heaps.at(-1) / heaps[1] - 1;
const verdict = growth <= 0.15 ? 'plateau' : 'GROWING';
log(`soak: heap minute 2 -> ${minutes}: ${(heaps[1] / 2 ** 20).toFixed(1)} -> ${(heaps.at(-1) / 2 ** 20).toFixed(1)} MB (${(growth * 100).toFixed(1)}%): ${verdict}`);
process.exitCode = verdict === 'plateau' ? 0 : 1;

import type { MetricsHandle } from '@mcp-otel/sdk';
import { startMetrics } from '@mcp-otel/sdk';
import { describeWithPeer } from '../peers/describe-with-peer.js';
import { startFaultPeer } from '../peers/fault-peer.js';
import type { FaultBehaviour, FaultPeer } from '../peers/fault-peer.js';
import { freePort } from '../peers/free-port.js';
import { assertOtlpExportCanRun } from '../peers/otlp-export-guard.js';
import { pollUntil } from '../peers/poll.js';
import { startVictoriaMetrics } from '../peers/victoria-metrics.js';
import type { VictoriaMetricsPeer } from '../peers/victoria-metrics.js';

// Issue 10 item 9: an OTLP receiver that is down, dies, refuses (500, 429, 503 with Retry-After),
// hangs or resets connections. The host keeps running and recording; stderr gets one warning for the
// failure streak and one line when it recovers, never a stack trace; and once the receiver is back
// (the real VictoriaMetrics behind a fault peer) the cumulative data is complete.
const TIMEOUT = 60_000;
const INTERVAL_MS = 300;

interface Fault {
  name: string;
  /** How the peer misbehaves first; `down` means nothing listens on its port yet. */
  fault: FaultBehaviour | 'down' | 'dies';
  /** The `error.type` the failures are counted under. */
  errorType: string;
}

const FAULTS: Fault[] = [
  { name: 'down at start (connection refused)', fault: 'down', errorType: 'ECONNREFUSED' },
  { name: 'dying mid-run', fault: 'dies', errorType: 'ECONNREFUSED' },
  { name: 'answering 500', fault: { kind: 'status', status: 500 }, errorType: '500' },
  { name: 'answering 429 with Retry-After', fault: { kind: 'status', status: 429, retryAfter: '30' }, errorType: 'retryable_status' },
  { name: 'answering 503 with Retry-After', fault: { kind: 'status', status: 503, retryAfter: '1' }, errorType: 'retryable_status' },
  { name: 'hanging', fault: { kind: 'hang' }, errorType: 'timeout' },
  { name: 'resetting connections', fault: { kind: 'reset' }, errorType: 'ECONNRESET' },
];

describeWithPeer('victoria-metrics', 'startMetrics against a faulty OTLP receiver', () => {
  let vm: VictoriaMetricsPeer | undefined;
  let peer: FaultPeer | undefined;
  let handle: MetricsHandle | undefined;
  let stderr: string[] = [];

  beforeAll(async () => {
    await assertOtlpExportCanRun();
    vm = await startVictoriaMetrics();
  }, TIMEOUT);
  afterAll(() => vm?.stop());
  beforeEach(() => {
    stderr = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
  });
  afterEach(async () => {
    await handle?.shutdown();
    await peer?.close();
    handle = peer = undefined;
    jest.restoreAllMocks();
  });

  it.each(FAULTS)('survives a receiver $name and delivers complete cumulative data once it is back', async ({ name, fault, errorType }) => {
    const forward: FaultBehaviour = { kind: 'forward', target: vm!.otlpUrl };
    const port = await freePort();
    if (fault !== 'down') peer = await startFaultPeer(fault === 'dies' ? forward : fault, port);
    const service = `fault-${name.replace(/\W+/g, '-')}`;
    handle = await startMetrics(
      {
        serviceName: service,
        registerGlobal: false,
        collectionInterval: INTERVAL_MS,
        exporters: [{ type: 'otlp', endpoint: `http://127.0.0.1:${port}/v1/metrics`, timeout: INTERVAL_MS - 50 }],
      },
      { env: {} },
    );
    const calls = handle.counter('fault.calls');
    calls.increment(10);
    if (fault === 'dies') {
      await pollUntil(async () => ((await vm!.query(`sum(last_over_time({__name__="fault.calls",service.name="${service}"}[1m]))`))[0]?.value === 10 ? true : undefined), {
        what: 'the first exports to arrive',
        timeoutMs: 10_000,
        intervalMs: 100,
      });
      await peer!.close();
    }
    // A few failed intervals, while the host keeps recording.
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 4));
    calls.increment(5);
    if (peer === undefined || fault === 'dies') peer = await startFaultPeer(forward, port);
    else peer.behave(forward);

    const series = await pollUntil(
      async () => {
        const [sample] = await vm!.query(`last_over_time({__name__="fault.calls",service.name="${service}"}[1m])`);
        return sample?.value === 15 ? sample : undefined;
      },
      { what: `fault.calls = 15 in VictoriaMetrics after "${name}"`, timeoutMs: 15_000, intervalMs: 100 },
    );
    expect(series.value).toBe(15);
    await pollUntil(async () => (stderr.join('').includes(' again, after ') ? true : undefined), { what: 'the recovery line', timeoutMs: 5_000, intervalMs: 50 });

    const lines = stderr.join('').split('\n').filter((line) => line !== '');
    expect(lines.filter((line) => line.includes('] warn '))).toEqual([expect.stringContaining(`otlp exporter: cannot export metrics to http://127.0.0.1:${port}/v1/metrics`)]);
    expect(lines.filter((line) => line.includes('] info '))).toEqual([expect.stringMatching(/otlp exporter: exporting to .* again, after \d+ failed export\(s\)\./)]);
    expect(stderr.join('')).not.toMatch(/\n\s+at /);

    // The failures were counted, with their cause, and reached the receiver too.
    const failed = await pollUntil(
      async () => {
        const samples = await vm!.query(`{__name__="otel.sdk.exporter.metric_data_point.exported",service.name="${service}",error.type="${errorType}"}`);
        return samples.length > 0 ? samples : undefined;
      },
      { what: `otel.sdk.exporter.metric_data_point.exported{error.type="${errorType}"}`, timeoutMs: 10_000, intervalMs: 100 },
    );
    expect(failed[0]!.value).toBeGreaterThan(0);
  }, TIMEOUT);
});

import type { MetricsHandle } from '@mcp-otel/sdk';
import { startMetrics } from '@mcp-otel/sdk';
import { describeWithPeer } from '../peers/describe-with-peer.js';
import { assertOtlpExportCanRun } from '../peers/otlp-export-guard.js';
import type { OtlpReceiver } from '../peers/otlp-receiver.js';
import { startOtlpReceiver } from '../peers/otlp-receiver.js';

// Issue 10, finding 5: OTel's OTLP exporter re-read OTEL_EXPORTER_OTLP_HEADERS (and the other
// OTEL_EXPORTER_OTLP_* variables) from process.env itself, so `startMetrics(config, { env: {} })`
// still sent them and `handle.config` did not show them. The resolved config is now the only source.
const PROCESS_ENV = {
  OTEL_EXPORTER_OTLP_HEADERS: 'x-from-process-env=generic',
  OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'x-from-process-env-metrics=specific',
  // OTel read this file at construction (and warned when it was missing).
  OTEL_EXPORTER_OTLP_CERTIFICATE: '/nonexistent/ca.pem',
};

describeWithPeer('otlp-proto', 'OTLP exporter reads no process.env (issue 10, finding 5)', () => {
  let receiver: OtlpReceiver | undefined;
  let handle: MetricsHandle | undefined;
  const saved: Record<string, string | undefined> = {};

  beforeAll(assertOtlpExportCanRun);
  beforeEach(() => {
    for (const [name, value] of Object.entries(PROCESS_ENV)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
  });
  afterEach(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await handle?.shutdown();
    await receiver?.close();
    handle = undefined;
    receiver = undefined;
  });

  async function exportOnce(env: Record<string, string>, headers?: Record<string, string>): Promise<Record<string, unknown>> {
    receiver = await startOtlpReceiver();
    handle = await startMetrics({ exporters: [{ type: 'otlp', endpoint: receiver.url, ...(headers && { headers }) }], registerGlobal: false }, { env });
    handle.counter('regression.calls').increment();
    await handle.forceFlush();
    const [received] = await receiver.waitForExports(1);
    return received!.headers;
  }

  it('sends no header from process.env when sources.env is empty', async () => {
    const sent = await exportOnce({}, { 'x-from-config': 'code' });
    expect(sent['x-from-config']).toBe('code');
    expect(sent).not.toHaveProperty('x-from-process-env');
    expect(sent).not.toHaveProperty('x-from-process-env-metrics');
    expect(handle!.config.exporters[0]).toMatchObject({ type: 'otlp', headers: { 'x-from-config': 'code' } });
  });

  it('sends the headers of sources.env, and handle.config shows them', async () => {
    const sent = await exportOnce({ OTEL_EXPORTER_OTLP_HEADERS: 'x-tenant=acme,x-api-key=k3y%20value', OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'x-tenant=metrics' });
    expect(sent).toMatchObject({ 'x-tenant': 'metrics', 'x-api-key': 'k3y value' });
    expect(sent).not.toHaveProperty('x-from-process-env');
    expect(handle!.config.exporters[0]).toMatchObject({ headers: { 'x-tenant': 'metrics', 'x-api-key': 'k3y value' } });
  });
});

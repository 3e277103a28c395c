import { ExportResultCode } from '@opentelemetry/core';
import { MeterProvider, MetricReader, type PushMetricExporter, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { BeaconFallbackExporter } from '../../../src/platform/browser/beacon-fallback-exporter.js';
import type { ResolvedOtlpExporter } from '../../../src/config/resolved-config.js';

function resolvedOtlp(overrides: Partial<ResolvedOtlpExporter>): ResolvedOtlpExporter {
  return { type: 'otlp', endpoint: 'http://127.0.0.1:1/v1/metrics', protocol: 'http/protobuf', headers: {}, timeoutMs: 1000, compression: 'none', temporality: 'cumulative', ...overrides };
}

class ManualReader extends MetricReader {
  protected onForceFlush = (): Promise<void> => Promise.resolve();
  protected onShutdown = (): Promise<void> => Promise.resolve();
}

async function oneCollection(): Promise<ResourceMetrics> {
  const reader = new ManualReader();
  const provider = new MeterProvider({ readers: [reader] });
  provider.getMeter('page').createCounter('clicks').add(2, { button: 'send' });
  const { resourceMetrics } = await reader.collect();
  return resourceMetrics;
}

function innerExporter(): PushMetricExporter & { exported: number } {
  const inner = {
    exported: 0,
    export: (_: ResourceMetrics, done: (result: { code: ExportResultCode }) => void) => ((inner.exported += 1), done({ code: ExportResultCode.SUCCESS })),
    selectAggregationTemporality: () => 1,
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
  return inner;
}

describe('BeaconFallbackExporter', () => {
  const fetchBefore = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = fetchBefore;
  });

  it('sends the last batch of a hiding page by sendBeacon when fetch cannot carry it, as OTLP JSON', async () => {
    const beacons: { url: string; body: Blob }[] = [];
    const inner = innerExporter();
    const config = resolvedOtlp({ protocol: 'http/json', endpoint: 'http://127.0.0.1:1/v1/metrics' });
    const exporter = new BeaconFallbackExporter(inner, config, { hiding: true }, (url, body) => (beacons.push({ url, body }), true));
    (globalThis as { fetch?: unknown }).fetch = undefined;
    const result = await new Promise<{ code: ExportResultCode }>((resolve) => exporter.export(awaitedMetrics, resolve));
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expect(inner.exported).toBe(0);
    expect(beacons[0]!.url).toBe('http://127.0.0.1:1/v1/metrics');
    expect(beacons[0]!.body.type).toBe('application/json');
    expect(await beacons[0]!.body.text()).toContain('"name":"clicks"');
  });

  it('leaves everything else to OTel: a visible page, a fetch that can finish, custom headers, a refused beacon', async () => {
    const inner = innerExporter();
    const beacon = jest.fn(() => false);
    const config = resolvedOtlp({ protocol: 'http/protobuf', endpoint: 'http://127.0.0.1:1/v1/metrics' });
    const run = (exporter: BeaconFallbackExporter) => new Promise((resolve) => exporter.export(awaitedMetrics, resolve));
    await run(new BeaconFallbackExporter(inner, config, { hiding: false }, beacon));
    await run(new BeaconFallbackExporter(inner, config, { hiding: true }, beacon)); // fetch with keepalive exists in Node 20
    await run(new BeaconFallbackExporter(inner, { ...config, headers: { authorization: 'x' } }, { hiding: true }, beacon));
    (globalThis as { fetch?: unknown }).fetch = undefined;
    await run(new BeaconFallbackExporter(inner, config, { hiding: true }, beacon));
    expect(inner.exported).toBe(4);
    expect(beacon).toHaveBeenCalledTimes(1);
  });

  let awaitedMetrics: ResourceMetrics;
  beforeAll(async () => {
    awaitedMetrics = await oneCollection();
  });
});

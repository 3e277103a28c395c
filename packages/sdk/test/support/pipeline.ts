import type { Attributes, Meter, MeterProvider as ApiMeterProvider } from '@opentelemetry/api';
import { AggregationTemporality, DataPointType, type DataPoint, type MetricData, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { SeriesInstrument } from '../../src/aggregate/series-instrument';
import type { Series, Storage } from '../../src/aggregate/storage';
import type { ResolvedComponent, ResolvedExporter } from '../../src/config/resolved-config';
import { buildPipeline, type MetricsPipeline } from '../../src/create/create-pipeline';
import type { CollectionResult } from '@opentelemetry/sdk-metrics';
import { NODE_PLATFORM } from '../../src/platform/node/node-pipeline';
import { resolvedConfig, resolvedPrometheus } from './resolved-config';

/** A component with every field at its resolved default. */
export function component(overrides: Partial<ResolvedComponent> = {}): ResolvedComponent {
  return { enabled: true, samplingRate: 1, histogramBuckets: undefined, attributes: undefined, ...overrides };
}

/** What a pipeline is built from: the same for our series and for the plain-OTel baseline. */
export interface PipelineSpec {
  components?: Record<string, ResolvedComponent>;
  cardinalityLimit?: number;
  /** One reader per entry: a pull reader with that temporality, or a Prometheus exporter's endpoint. */
  readers: readonly (AggregationTemporality | 'prometheus')[];
  /** Global histogram sampling rate, with a fixed seed. @default 1 (no sampling) */
  samplingRate?: number;
  seed?: number;
}

/** A built pipeline: the provider the host sees and one collect per reader. */
export interface TestPipeline {
  provider: ApiMeterProvider;
  pipeline: MetricsPipeline;
  /** The storages of every instrument our series took (none when own aggregation is off). */
  storages: Storage<Series>[];
  /** Collects every reader, in order, and returns what each collected. */
  collect(): Promise<ResourceMetrics[]>;
  shutdown(): Promise<void>;
}

/**
 * The product's own wiring (`buildPipeline`, as `createMetricsPipeline` and `startMetrics` build
 * it) with the readers of `spec`: `own: false` is the plain-OTel baseline (`ownAggregation: false`).
 */
export function buildTestPipeline(own: boolean, spec: PipelineSpec): TestPipeline {
  const exporters: ResolvedExporter[] = spec.readers.includes('prometheus') ? [resolvedPrometheus()] : [];
  const config = resolvedConfig({
    components: spec.components ?? {},
    cardinalityLimit: spec.cardinalityLimit ?? 2000,
    samplingRate: spec.samplingRate ?? 1,
    exporters,
    // The same Resource on both pipelines (the instance id is random otherwise).
    resourceAttributes: { 'service.instance.id': 'test-instance' },
  });
  const pullTemporalities = spec.readers.filter((r): r is AggregationTemporality => r !== 'prometheus');
  const pipeline = buildPipeline(config, {
    platform: NODE_PLATFORM,
    ownAggregation: own,
    seed: spec.seed ?? 7,
    pullReaders: pullTemporalities.map((temporality) => ({ temporality: () => temporality })),
  });
  const storages: Storage<Series>[] = [];
  const provider = watchingProvider(pipeline.meterProvider, storages);
  const outputs: { collect(): Promise<CollectionResult> }[] = [];
  let pull = 0;
  for (const reader of spec.readers) outputs.push(reader === 'prometheus' ? pipeline.readers.prometheus[0]! : pipeline.readers.pull[pull++]!);
  return {
    provider,
    pipeline,
    storages,
    collect: async () => {
      const results: ResourceMetrics[] = [];
      for (const output of outputs) {
        const { resourceMetrics, errors } = await output.collect();
        if (errors.length > 0) throw new AggregateError(errors, 'collection errors');
        results.push(resourceMetrics);
      }
      return results;
    },
    shutdown: pipeline.shutdown,
  };
}

/** `provider`, noting the storage of every instrument our series take (to prove a test is not OTel against itself). */
function watchingProvider(provider: ApiMeterProvider, storages: Storage<Series>[]): ApiMeterProvider {
  const note = <I>(instrument: I): I => {
    if (instrument instanceof SeriesInstrument && !storages.includes(instrument.storage)) storages.push(instrument.storage);
    return instrument;
  };
  return {
    getMeter: (name, version, options) => {
      const meter = provider.getMeter(name, version, options);
      return new Proxy(meter, {
        get: (target, property: keyof Meter) => {
          const value = target[property];
          if (typeof property !== 'string' || !property.startsWith('create') || property.startsWith('createObservable')) return typeof value === 'function' ? value.bind(target) : value;
          return (instrumentName: string, options?: object) => note((value as (n: string, o?: object) => unknown).call(target, instrumentName, options));
        },
      });
    },
  };
}

/** Names of the storages (of the given kinds) holding at least one series. */
export function storageNames(storages: readonly Storage<Series>[], kinds: readonly Storage<Series>['kind'][] = ['counter', 'upDownCounter', 'gauge', 'histogram']): string[] {
  return storages
    .filter((s) => kinds.includes(s.kind) && s.index.values.length > 0)
    .map((s) => s.descriptor.name)
    .sort();
}

/** A controllable wall clock behind `Date.now` (read by OTel and by our series alike). */
export function fakeClock(start = 1_750_000_000_000): { set(ms: number): void; advance(ms: number): void; restore(): void } {
  let now = start;
  const spy = jest.spyOn(Date, 'now').mockImplementation(() => now);
  return { set: (ms) => (now = ms), advance: (ms) => (now += ms), restore: () => spy.mockRestore() };
}

/** A stable string for an attribute set (sorted keys), to order points and compare sets. */
export function attributesId(attributes: Attributes): string {
  return JSON.stringify(Object.keys(attributes).sort().map((key) => [key, attributes[key]]));
}

/**
 * A ResourceMetrics reduced to what must be equal between the two paths, in a canonical order:
 * scopes by name, metrics by name, points by attribute set. Timestamps are kept unless
 * `withTimes` is false. The resource is left out.
 */
export function canonical(resourceMetrics: ResourceMetrics, withTimes = true): unknown {
  return resourceMetrics.scopeMetrics
    .map((scopeMetrics) => ({
      scope: { ...scopeMetrics.scope },
      metrics: scopeMetrics.metrics
        .map((metric: MetricData) => ({
          descriptor: { ...metric.descriptor },
          aggregationTemporality: metric.aggregationTemporality,
          dataPointType: metric.dataPointType,
          ...(metric.dataPointType === DataPointType.SUM && { isMonotonic: metric.isMonotonic }),
          dataPoints: (metric.dataPoints as DataPoint<unknown>[])
            .map((point) => ({
              attributes: point.attributes,
              ...(withTimes && { startTime: point.startTime, endTime: point.endTime }),
              value: point.value,
            }))
            .sort((a, b) => compare(attributesId(a.attributes), attributesId(b.attributes))),
        }))
        .sort((a, b) => compare(a.descriptor.name, b.descriptor.name)),
    }))
    .sort((a, b) => compare(`${a.scope.name}@${a.scope.version ?? ''}`, `${b.scope.name}@${b.scope.version ?? ''}`));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The points of metric `name`, in export order. */
export function pointsOf(resourceMetrics: ResourceMetrics, name: string): DataPoint<unknown>[] {
  for (const scopeMetrics of resourceMetrics.scopeMetrics) {
    const metric = scopeMetrics.metrics.find((m) => m.descriptor.name === name);
    if (metric !== undefined) return metric.dataPoints;
  }
  throw new Error(`metric ${name} not exported`);
}

export { AggregationTemporality };

import type { Attributes, MeterProvider as ApiMeterProvider } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import {
  AggregationTemporality,
  AggregationType,
  DataPointType,
  InstrumentType,
  MeterProvider,
  type AggregationOption,
  type DataPoint,
  type MetricData,
  type MetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import type { ResolvedComponent } from '../../src/config/resolved-config';
import { createViews } from '../../src/create/create-views';
import { setCardinalityLimit } from '../../src/exporters/prometheus/create-prometheus-reader';
import { FastLane } from '../../src/fast-lane/fast-lane';
import { mergeScopeMetrics } from '../../src/fast-lane/merge-scope-metrics';
import { SamplingMeterProvider } from '../../src/sampling/sampling-meter-provider';
import { samplingRateLookup } from '../../src/sampling/sampling-rate-lookup';
import { applyCollectTransforms } from '../../src/transform/apply-collect-transforms';
import type { CollectTransform } from '../../src/transform/collect-transform';
import { TestReader } from '../facade/support/metrics-test-kit';
import { resolvedConfig } from '../support/resolved-config';

/** A component with every field at its resolved default. */
export function component(overrides: Partial<ResolvedComponent> = {}): ResolvedComponent {
  return { enabled: true, samplingRate: 1, histogramBuckets: undefined, attributes: undefined, ...overrides };
}

/** What a pipeline is built from: the same for the plain OTel path and the fast lane. */
export interface PipelineSpec {
  components?: Record<string, ResolvedComponent>;
  cardinalityLimit?: number;
  /** One reader per entry: a pull reader with that temporality, or a real `PrometheusExporter`. */
  readers: readonly (AggregationTemporality | 'prometheus')[];
  /** Histogram aggregation every reader selects. @default DEFAULT */
  readerAggregation?: AggregationOption;
  /** Global histogram sampling rate, with a fixed PRNG seed. @default 1 (no sampling) */
  samplingRate?: number;
  seed?: number;
}

/** A built pipeline: the provider the host sees and one collect per reader. */
export interface Pipeline {
  provider: ApiMeterProvider;
  sdk: MeterProvider;
  fastLane: FastLane | undefined;
  readers: MetricReader[];
  /** Collects every reader, in order, and returns what each collected. */
  collect(): Promise<ResourceMetrics[]>;
}

/**
 * The production wiring (as start.ts builds it): views from `createViews(config)`, one producer per
 * reader, `FastLane` innermost, `SamplingMeterProvider` outside it, the sampling scale-back and the
 * scope merge as collect transforms. `lane: 'otel'` builds the same without the fast lane.
 */
export function buildPipeline(lane: 'otel' | 'fast', spec: PipelineSpec): Pipeline {
  const config = resolvedConfig({
    components: spec.components ?? {},
    cardinalityLimit: spec.cardinalityLimit ?? 2000,
    samplingRate: spec.samplingRate ?? 1,
  });
  const fastLane = lane === 'fast' ? new FastLane({ config }) : undefined;
  const readers = spec.readers.map((temporality): MetricReader => {
    if (temporality === 'prometheus') {
      const metricProducers = fastLane === undefined ? [] : [fastLane.createProducer()];
      const prometheus = new PrometheusExporter({ preventServerStart: true, metricProducers });
      setCardinalityLimit(prometheus, config.cardinalityLimit);
      return prometheus;
    }
    const histogramAggregation = spec.readerAggregation;
    const selectors = {
      selectAggregationTemporality: () => temporality,
      ...(histogramAggregation && {
        selectAggregation: (type: InstrumentType): AggregationOption =>
          type === InstrumentType.HISTOGRAM ? histogramAggregation : { type: AggregationType.DEFAULT },
      }),
    };
    return new TestReader({
      aggregationTemporalitySelector: selectors.selectAggregationTemporality,
      ...(spec.readerAggregation && { aggregationSelector: selectors.selectAggregation }),
      cardinalitySelector: () => config.cardinalityLimit,
      metricProducers: fastLane === undefined ? [] : [fastLane.createProducer(selectors)],
    });
  });
  const sdk = new MeterProvider({ views: createViews(config), readers });
  let provider: ApiMeterProvider = fastLane === undefined ? sdk : fastLane.wrap(sdk);
  const transforms: CollectTransform[] = [];
  if ((spec.samplingRate ?? 1) < 1) {
    const sampling = new SamplingMeterProvider(provider, samplingRateLookup(config), { seed: spec.seed ?? 7 });
    provider = sampling;
    transforms.push(sampling.collectTransform());
  }
  if (fastLane !== undefined) transforms.push(mergeScopeMetrics);
  for (const reader of readers) applyCollectTransforms(reader, transforms);
  return {
    provider,
    sdk,
    fastLane,
    readers,
    collect: async () => {
      const results: ResourceMetrics[] = [];
      for (const reader of readers) {
        const { resourceMetrics, errors } = await reader.collect();
        if (errors.length > 0) throw new AggregateError(errors, 'collection errors');
        results.push(resourceMetrics);
      }
      return results;
    },
  };
}

/** A controllable wall clock behind `Date.now` (read by OTel and by the fast lane alike). */
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
 * `withTimes` is false. The resource is left out (the fast lane has none of its own).
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

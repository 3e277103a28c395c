/**
 * # export/: from our series and OTel's storages to the exporters
 *
 * Each reader gets one {@link SeriesProducer} (series-producer.ts) in its `metricProducers`: at
 * every collection it reports our storages at that reader's temporality, next to what OTel reports
 * of its own instruments. Between a collection and its exporter runs one step, the collect
 * transform below: the pull readers (Prometheus, history) apply it in `collectTransformed`, the
 * push readers through a {@link TransformingExporter} around their exporter. Readers are never
 * patched: only OTel's public reader, producer and exporter interfaces are used.
 */
import { diag } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { AggregationOption, AggregationTemporality, CollectionResult, InstrumentType, PushMetricExporter, ResourceMetrics, ScopeMetrics } from '@opentelemetry/sdk-metrics';
import { exponentialToExplicitHistograms } from './exponential-to-explicit.js';
import { scaleSampledHistograms } from './scale-sampled-histograms.js';

/** What the collect transform needs to know of the pipeline and of the output. */
export interface CollectTransformOptions {
  /** The histogram sampling rate of a meter (1: not sampled), from the plan. */
  readonly samplingRateOf: (meterName: string) => number;
  /** The output is Prometheus text, which has no exponential histograms (summaries). */
  readonly prometheusText: boolean;
}

/**
 * The one step between a collection and an exporter, a pure function of what was collected:
 * 1. one `ScopeMetrics` per scope (producers append theirs after OTel's);
 * 2. sampled histograms scaled back by 1 / rate (ours and OTel's alike);
 * 3. for Prometheus text only, exponential histograms (summaries) as classic `le` histograms.
 * A failure leaves the collection untransformed and is reported once per `report` through `diag`.
 */
export function transformCollection(resourceMetrics: ResourceMetrics, options: CollectTransformOptions, report = reportOnce()): ResourceMetrics {
  try {
    const merged = mergeScopeMetrics(resourceMetrics);
    const scaled = scaleSampledHistograms(merged, (scope) => options.samplingRateOf(scope.name));
    return options.prometheusText ? exponentialToExplicitHistograms(scaled) : scaled;
  } catch (error) {
    report(error);
    return resourceMetrics;
  }
}

/** What a pull output reads: a reader's `collect()` (with OTel's timeout for observable callbacks). */
export interface Collecting {
  collect(options?: { timeoutMillis?: number }): Promise<CollectionResult>;
}

/** A pull reader's `collect`, through the collect transform. */
export function collectTransformed(reader: Collecting, options: CollectTransformOptions): (collectOptions?: { timeoutMillis?: number }) => Promise<CollectionResult> {
  const report = reportOnce();
  return async (collectOptions) => {
    const { resourceMetrics, errors } = await reader.collect(collectOptions);
    return { resourceMetrics: transformCollection(resourceMetrics, options, report), errors };
  };
}

/** Reports the first failure of a transform through `diag.error`, then stays quiet. */
export function reportOnce(): (error: unknown) => void {
  let reported = false;
  return (error) => {
    if (!reported) diag.error('mcp-otel: the collect transform failed; the metrics are exported untransformed', error);
    reported = true;
  };
}

/**
 * A push exporter that hands its inner exporter every collection through the collect transform.
 * A `PeriodicExportingMetricReader` built around it reads the inner exporter's temporality and
 * aggregation selectors through it, so it behaves exactly as with the inner exporter alone.
 */
export class TransformingExporter implements PushMetricExporter {
  private readonly report = reportOnce();
  readonly selectAggregationTemporality?: (instrumentType: InstrumentType) => AggregationTemporality;
  readonly selectAggregation?: (instrumentType: InstrumentType) => AggregationOption;

  constructor(
    readonly inner: PushMetricExporter,
    private readonly options: CollectTransformOptions,
  ) {
    if (inner.selectAggregationTemporality) this.selectAggregationTemporality = inner.selectAggregationTemporality.bind(inner);
    if (inner.selectAggregation) this.selectAggregation = inner.selectAggregation.bind(inner);
  }

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    this.inner.export(transformCollection(metrics, this.options, this.report), resultCallback);
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

function scopeId(scopeMetrics: ScopeMetrics): string {
  const { name, version, schemaUrl } = scopeMetrics.scope;
  return `${name}\u0000${version ?? ''}\u0000${schemaUrl ?? ''}`;
}

/**
 * Merges `ScopeMetrics` of the same scope into the first of them. A reader appends each
 * `MetricProducer`'s scopes after the SDK's own, so a meter with our series and OTel instruments
 * (observables) comes out as two entries of one scope; merged, the export has the shape OTel alone
 * produces (one entry per scope). Returns its input when there is nothing to merge; never mutates it.
 */
export function mergeScopeMetrics(resourceMetrics: ResourceMetrics): ResourceMetrics {
  const byScope = new Map<string, ScopeMetrics>();
  let merged = false;
  for (const scopeMetrics of resourceMetrics.scopeMetrics) {
    const id = scopeId(scopeMetrics);
    const first = byScope.get(id);
    if (first === undefined) {
      byScope.set(id, scopeMetrics);
      continue;
    }
    byScope.set(id, { scope: first.scope, metrics: [...first.metrics, ...scopeMetrics.metrics] });
    merged = true;
  }
  return merged ? { resource: resourceMetrics.resource, scopeMetrics: [...byScope.values()] } : resourceMetrics;
}

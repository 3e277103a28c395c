import type { ExportResult } from '@opentelemetry/core';
import type { AggregationOption, AggregationTemporality, InstrumentType, PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { reportOnce, transformCollection, type CollectTransformOptions } from './collect-transform.js';

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

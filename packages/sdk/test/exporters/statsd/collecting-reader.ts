import type { Meter } from '@opentelemetry/api';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import type { AggregationTemporalitySelector, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { statsdTemporality } from '../../../src/exporters/statsd/statsd-temporality.js';

/** A real MetricReader that collects on demand, with the StatsD exporter's temporality. */
class CollectingReader extends MetricReader {
  constructor(temporality: AggregationTemporalitySelector) {
    super({ aggregationTemporalitySelector: temporality });
  }
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** A real MeterProvider and a `collect()` that returns what a StatsD exporter would be given. */
export interface CollectingPipeline {
  meter: Meter;
  collect(): Promise<ResourceMetrics>;
  shutdown(): Promise<void>;
}

export function collectingPipeline(
  temporality: AggregationTemporalitySelector = statsdTemporality,
  views: ConstructorParameters<typeof MeterProvider>[0] = {},
): CollectingPipeline {
  const reader = new CollectingReader(temporality);
  const provider = new MeterProvider({ ...views, readers: [reader] });
  return {
    meter: provider.getMeter('@mcp-otel/sdk/test'),
    collect: async () => {
      const { resourceMetrics, errors } = await reader.collect();
      if (errors.length > 0) throw new Error(`collection errors: ${errors.map(String).join(', ')}`);
      return resourceMetrics;
    },
    shutdown: () => provider.shutdown(),
  };
}

import { MetricReader } from '@opentelemetry/sdk-metrics';
import type { MetricProducer } from '@opentelemetry/sdk-metrics';

/**
 * The metric reader that feeds the history: an ordinary OTel `MetricReader` (cumulative, default
 * aggregation, as a Prometheus scrape sees the data), registered with the MeterProvider beside the
 * exporters' readers and given the same `MetricProducer`s (the fast lane), so the history holds
 * exactly what `/metrics` serves. It pushes nothing: `HistoryRecorder` calls `collect()`.
 *
 * @example
 * ```ts
 * const reader = new HistoryReader({ cardinalityLimit: 2000 });
 * const provider = new MeterProvider({ readers: [reader] });
 * const { resourceMetrics } = await reader.collect();
 * ```
 */
export class HistoryReader extends MetricReader {
  constructor(options: { cardinalityLimit: number; metricProducers?: MetricProducer[] }) {
    super({ cardinalitySelector: () => options.cardinalityLimit, metricProducers: options.metricProducers ?? [] });
  }

  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }

  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

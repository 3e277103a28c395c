import { MetricReader } from '@opentelemetry/sdk-metrics';
import type { MetricReaderOptions } from '@opentelemetry/sdk-metrics';

/**
 * A reader collected on demand (a Prometheus scrape, the history ring, a test): OTel's public
 * `MetricReader` with nothing to flush, configured through its options (temporality, cardinality
 * limit, producers). Cumulative with the default aggregation unless told otherwise.
 */
export class PullReader extends MetricReader {
  constructor(options: MetricReaderOptions) {
    super(options);
  }

  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }

  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

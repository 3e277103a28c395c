import { ExportResultCode } from '@opentelemetry/core';
import type { ExportResult } from '@opentelemetry/core';
import type { AggregationTemporality, InstrumentType, PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { formatStatsd } from './format-statsd.js';
import { packStatsd } from './pack-statsd.js';
import type { StatsdDeliveryLog } from './statsd-delivery-log.js';
import type { StatsdExporterOptions } from './statsd-options.js';
import { statsdTemporality } from './statsd-temporality.js';
import type { StatsdExporterStats, StatsdTransport } from './statsd-transport.js';

/**
 * An OTel push exporter that sends each collection to a StatsD daemon, for a
 * `PeriodicExportingMetricReader`. Formatting is pure (`formatStatsd`, `packStatsd`); the
 * transport (UDP or TCP, see `createStatsdExporter`) does the I/O.
 *
 * An unreachable daemon never fails the export: lines are dropped, counted in `stats()` and
 * reported once through `diag` by the delivery log. Reporting FAILED instead would make the
 * reader log the same outage again at every interval. The result callback is always called.
 */
export class StatsdMetricExporter implements PushMetricExporter {
  private shutdownCalled = false;

  constructor(
    private readonly options: StatsdExporterOptions,
    private readonly transport: StatsdTransport,
    private readonly log: StatsdDeliveryLog,
  ) {}

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    if (this.shutdownCalled) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error('StatsD exporter is shut down') });
      return;
    }
    let payloads: string[];
    try {
      const packed = packStatsd(formatStatsd(metrics, this.options), this.options.maxPacketBytes);
      this.log.oversized(packed.oversized, this.options.maxPacketBytes);
      payloads = packed.payloads;
    } catch (error) {
      resultCallback({ code: ExportResultCode.FAILED, error: toError(error) });
      return;
    }
    this.transport.send(payloads).then(
      () => resultCallback({ code: ExportResultCode.SUCCESS }),
      (error: unknown) => resultCallback({ code: ExportResultCode.FAILED, error: toError(error) }),
    );
  }

  /** Counters and histograms: DELTA; up-down counters and gauges: CUMULATIVE (see `statsdTemporality`). */
  selectAggregationTemporality(instrumentType: InstrumentType): AggregationTemporality {
    return statsdTemporality(instrumentType);
  }

  forceFlush(): Promise<void> {
    return this.transport.flush();
  }

  shutdown(): Promise<void> {
    if (this.shutdownCalled) return Promise.resolve();
    this.shutdownCalled = true;
    return this.transport.close();
  }

  /** Payloads sent and lines dropped so far. */
  stats(): StatsdExporterStats {
    return this.log.stats();
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

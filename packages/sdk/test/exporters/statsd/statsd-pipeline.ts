import type { Meter } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPointType,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import type { StatsdMetricExporter } from '../../../src/exporters/statsd/statsd-exporter.js';
import type { StatsdExporterOptions } from '../../../src/exporters/statsd/statsd-options.js';
import { STATSD_DEFAULTS } from '../../../src/config/exporters/statsd.js';
import { createStatsdExporter } from '../../../src/platform/node/statsd-create-exporter.js';
import type { StatsdExporterDependencies } from '../../../src/platform/node/statsd-create-exporter.js';

/**
 * A real MeterProvider with two readers, as the SDK builds it: the StatsD exporter on a periodic
 * reader (driven by `flush()`, the interval is an hour) and a cumulative in-memory reader that
 * shows what Prometheus would.
 */
export interface StatsdPipeline {
  meter: Meter;
  exporter: StatsdMetricExporter;
  /** Collects and exports now (what the periodic reader does every interval). */
  flush(): Promise<void>;
  /** The cumulative total of a counter series, from the in-memory reader. */
  cumulative(name: string): Promise<number>;
  shutdown(): Promise<void>;
}

export function statsdPipeline(options: Partial<StatsdExporterOptions>, dependencies?: StatsdExporterDependencies): StatsdPipeline {
  const exporter = createStatsdExporter({ ...STATSD_DEFAULTS, ...options }, dependencies);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const memory = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const memoryReader = new PeriodicExportingMetricReader({ exporter: memory, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader, memoryReader] });
  return {
    meter: provider.getMeter('@mcp-otel/sdk/test'),
    exporter,
    flush: () => reader.forceFlush(),
    cumulative: async (name) => {
      memory.reset();
      await memoryReader.forceFlush();
      const metric = memory
        .getMetrics()
        .flatMap((resource) => resource.scopeMetrics.flatMap((scope) => scope.metrics))
        .find((candidate) => candidate.descriptor.name === name);
      if (metric?.dataPointType !== DataPointType.SUM) throw new Error(`no sum named ${name}`);
      return metric.dataPoints.reduce((sum, point) => sum + point.value, 0);
    },
    shutdown: () => provider.shutdown(),
  };
}

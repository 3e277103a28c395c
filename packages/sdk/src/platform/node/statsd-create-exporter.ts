import type { Reporter } from '../../report/reporter.js';
import { StatsdDeliveryLog } from '../../exporters/statsd/statsd-delivery-log.js';
import { StatsdMetricExporter } from '../../exporters/statsd/statsd-exporter.js';
import type { StatsdExporterOptions } from '../../exporters/statsd/statsd-options.js';
import { StatsdAddressResolver } from './statsd-address.js';
import type { StatsdLookup } from './statsd-address.js';
import { StatsdTcpTransport } from './statsd-tcp-transport.js';
import type { StatsdTcpLimits } from './statsd-tcp-transport.js';
import { StatsdUdpTransport } from './statsd-udp-transport.js';

/** Seams for tests; production code passes none. */
export interface StatsdExporterDependencies {
  /** Host lookup (default `dns.promises.lookup`). */
  lookup?: StatsdLookup;
  /** TCP queue, timeout and backoff limits. */
  tcpLimits?: Partial<StatsdTcpLimits>;
  /** Where delivery problems are reported. @default OTel's `diag` */
  logger?: Reporter;
}

/**
 * The StatsD push exporter for a resolved `{ type: 'statsd' }` config, over UDP or TCP. Use it
 * with a `PeriodicExportingMetricReader`; it picks its own temporality (counters DELTA, gauges
 * CUMULATIVE). Nothing is opened until the first export.
 *
 * @example
 * ```ts
 * const exporter = createStatsdExporter({
 *   host: '127.0.0.1', port: 8125, protocol: 'udp', prefix: 'weather',
 *   tags: 'dogstatsd', maxPacketBytes: 1432,
 * });
 * const provider = new MeterProvider({
 *   readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 10_000 })],
 * });
 * ```
 */
export function createStatsdExporter(config: StatsdExporterOptions, dependencies: StatsdExporterDependencies = {}): StatsdMetricExporter {
  const log = new StatsdDeliveryLog(statsdTarget(config), dependencies.logger);
  const resolver = new StatsdAddressResolver(config.host, dependencies.lookup);
  const transport =
    config.protocol === 'tcp'
      ? new StatsdTcpTransport(config.port, resolver, log, dependencies.tcpLimits)
      : new StatsdUdpTransport(config.port, resolver, log);
  return new StatsdMetricExporter(config, transport, log);
}

/** `udp://127.0.0.1:8125`: where a StatsD exporter sends, as its messages name it. */
export function statsdTarget(config: Pick<StatsdExporterOptions, 'protocol' | 'host' | 'port'>): string {
  return `${config.protocol}://${config.host}:${config.port}`;
}

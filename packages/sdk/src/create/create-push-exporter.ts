import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { formatMs } from '../config/duration.js';
import type { ResolvedExporter } from '../config/resolved-config.js';
import { ConsoleExporter } from '../exporters/console/console-exporter.js';
import { createOtlpExporter } from '../exporters/otlp/create-otlp-exporter.js';
import { otlpFix } from '../exporters/otlp/otlp-failure-fix.js';
import { createFileExporter } from '../platform/node/file-create-exporter.js';
import { createStatsdExporter, statsdTarget } from '../platform/node/statsd-create-exporter.js';
import { ReleasableAgents } from '../platform/node/releasable-agents.js';
import { ObservedExporter } from '../report/observed-exporter.js';
import type { ObservedExporterIdentity } from '../report/observed-exporter.js';
import type { Reporter } from '../report/reporter.js';

/** Every exporter type that pushes on the collection interval (all but Prometheus, which is pulled). */
export type ResolvedPushExporter = Exclude<ResolvedExporter, { type: 'prometheus' }>;

/** OTel's default export timeout, for exporters without one of their own. */
const DEFAULT_EXPORT_DEADLINE_MS = 30_000;

/** Per `otel.component.type`, how many exist in this process: names stay unique across handles, as in OTel. */
const componentCounts = new Map<string, number>();

/**
 * The push exporter for one resolved exporter config, wrapped in an `ObservedExporter` that reports
 * its failures (one stderr line per streak) and records the `otel.sdk.exporter.*` metrics. StatsD
 * and file exporters report their own problems (per kind, with the fix) through the same reporter.
 */
export function createPushExporter(config: ResolvedPushExporter, reporter: Reporter, intervalMs: number): ObservedExporter {
  const { exporter, identity, timeoutMs, abandon } = describe(config, reporter);
  return new ObservedExporter(exporter, {
    identity,
    reporter,
    abandon,
    deadlineMs: Math.min(intervalMs, timeoutMs ?? DEFAULT_EXPORT_DEADLINE_MS),
    retryNote: `at the next collection (every ${formatMs(intervalMs)})`,
  });
}

function describe(
  config: ResolvedPushExporter,
  reporter: Reporter,
): { exporter: PushMetricExporter; identity: ObservedExporterIdentity; timeoutMs?: number; abandon?: () => void } {
  switch (config.type) {
    case 'otlp': {
      const type = config.protocol === 'http/json' ? 'otlp_http_json_metric_exporter' : 'otlp_http_metric_exporter';
      const identity = { ...component(type), label: 'otlp exporter', target: displayUrl(config.endpoint), fix: otlpFix };
      const agents = new ReleasableAgents();
      const exporter = createOtlpExporter(config, { agentFactory: agents.factory });
      return { exporter, identity, timeoutMs: config.timeoutMs, abandon: () => agents.release() };
    }
    case 'console':
      return { exporter: new ConsoleExporter(config), identity: { ...component('console_metric_exporter'), label: 'console exporter', target: 'stderr', fix: () => 'check that stderr is writable.' } };
    case 'statsd':
      return { exporter: createStatsdExporter(config, { logger: reporter }), identity: { ...component('statsd_metric_exporter'), label: 'statsd exporter', target: statsdTarget(config) } };
    case 'file':
      return { exporter: createFileExporter(config, { logger: reporter }), identity: { ...component('file_metric_exporter'), label: 'file exporter', target: config.path } };
  }
}

function component(componentType: string): { componentType: string; componentName: string } {
  const count = componentCounts.get(componentType) ?? 0;
  componentCounts.set(componentType, count + 1);
  return { componentType, componentName: `${componentType}/${count}` };
}

/** Scheme, host, port and path only: user info and query strings may carry credentials. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '(an invalid URL)';
  }
}

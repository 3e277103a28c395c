import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { formatMs } from '../config/duration.js';
import type { ResolvedExporter } from '../config/resolved-config.js';
import { ConsoleExporter } from '../exporters/console/console-exporter.js';
import { createOtlpExporter } from '../exporters/otlp/create-otlp-exporter.js';
import { otlpFix } from '../exporters/otlp/otlp-failure-fix.js';
import { ObservedExporter } from '../report/observed-exporter.js';
import type { ObservedExporterIdentity } from '../report/observed-exporter.js';
import type { Reporter } from '../report/reporter.js';

/** Every exporter type that pushes on the collection interval (all but Prometheus, which is pulled). */
export type ResolvedPushExporter = Exclude<ResolvedExporter, { type: 'prometheus' }>;

/** A push exporter as a platform makes it, with what its failure reports name. */
export interface DescribedExporter {
  exporter: PushMetricExporter;
  identity: ObservedExporterIdentity;
  timeoutMs?: number;
  /** Lets go of what a stuck export holds (the shutdown deadline passed). */
  abandon?: () => void;
}

/**
 * What a pipeline needs from its host platform: its push exporters. Node's
 * (platform/node/node-pipeline.ts) adds the ones that need Node (StatsD sockets, files, OTLP with
 * releasable agents); the portable one has those that run anywhere. Shared code never imports
 * Node: it is handed a platform.
 */
export interface Platform {
  /** The platform's name, for the error that says an exporter needs another one. */
  readonly name: string;
  /** The exporter of `config`; `undefined` when this platform has no such exporter. */
  describePushExporter(config: ResolvedPushExporter, reporter: Reporter): DescribedExporter | undefined;
}

/** OTel's default export timeout, for exporters without one of their own. */
const DEFAULT_EXPORT_DEADLINE_MS = 30_000;

/** Per `otel.component.type`, how many exist in this process: names stay unique across handles, as in OTel. */
const componentCounts = new Map<string, number>();

/**
 * The push exporter for one resolved exporter config, wrapped in an `ObservedExporter` that reports
 * its failures (one stderr line per streak) and records the `otel.sdk.exporter.*` metrics. StatsD
 * and file exporters report their own problems (per kind, with the fix) through the same reporter.
 */
export function createPushExporter(described: DescribedExporter, reporter: Reporter, intervalMs: number): ObservedExporter {
  const { exporter, identity, timeoutMs, abandon } = described;
  return new ObservedExporter(exporter, {
    identity,
    reporter,
    abandon,
    deadlineMs: Math.min(intervalMs, timeoutMs ?? DEFAULT_EXPORT_DEADLINE_MS),
    retryNote: `at the next collection (every ${formatMs(intervalMs)})`,
  });
}

/**
 * The OTLP exporter, made the platform's way (Node: one that reads no `process.env`, over
 * releasable agents, which `abandon` lets go of).
 */
export function describeOtlp(
  config: Extract<ResolvedPushExporter, { type: 'otlp' }>,
  create: typeof createOtlpExporter = createOtlpExporter,
  abandon?: () => void,
): DescribedExporter {
  const type = config.protocol === 'http/json' ? 'otlp_http_json_metric_exporter' : 'otlp_http_metric_exporter';
  const identity = { ...component(type), label: 'otlp exporter', target: displayUrl(config.endpoint), fix: otlpFix };
  return { exporter: create(config), identity, timeoutMs: config.timeoutMs, ...(abandon && { abandon }) };
}

/** The exporters that run on any JavaScript platform: OTLP over HTTP and the console. */
export function describePortableExporter(config: ResolvedPushExporter): DescribedExporter | undefined {
  switch (config.type) {
    case 'otlp':
      return describeOtlp(config);
    case 'console':
      return { exporter: new ConsoleExporter(config), identity: { ...component('console_metric_exporter'), label: 'console exporter', target: 'stderr', fix: () => 'check that stderr is writable.' } };
    default:
      return undefined;
  }
}

/** A platform without Node: OTLP, console and Prometheus (served by the host's own HTTP layer). */
export const PORTABLE_PLATFORM: Platform = { name: 'this build (no Node)', describePushExporter: describePortableExporter };

/** A unique `otel.component.name` for an exporter of `componentType`. */
export function component(componentType: string): { componentType: string; componentName: string } {
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

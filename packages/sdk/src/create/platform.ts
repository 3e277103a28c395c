import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { ResolvedExporter } from '../config/resolved-config.js';
import { ConsoleExporter } from '../exporters/console/console-exporter.js';
import { createOtlpExporter } from '../exporters/otlp/create-otlp-exporter.js';

/** Every exporter type that pushes on the collection interval (all but Prometheus, which is pulled). */
export type ResolvedPushExporter = Exclude<ResolvedExporter, { type: 'prometheus' }>;

/**
 * What a pipeline needs from its host platform. Node's (platform/node/node-pipeline.ts) adds the
 * exporters that need Node (StatsD over sockets, files); the portable one has those that run
 * anywhere. The shared code never imports Node: it is handed a platform.
 */
export interface Platform {
  /** The platform's name, for the error that says an exporter needs another one. */
  readonly name: string;
  /** The push exporter of `config`; `undefined` when this platform has no such exporter. */
  createPushExporter(config: ResolvedPushExporter): PushMetricExporter | undefined;
}

/** The exporters that run on any JavaScript platform: OTLP over HTTP and the console. */
export function portablePushExporter(config: ResolvedPushExporter): PushMetricExporter | undefined {
  switch (config.type) {
    case 'otlp':
      return createOtlpExporter(config);
    case 'console':
      return new ConsoleExporter(config);
    default:
      return undefined;
  }
}

/** A platform without Node: OTLP, console and Prometheus (served by the host's own HTTP layer). */
export const PORTABLE_PLATFORM: Platform = { name: 'this build (no Node)', createPushExporter: portablePushExporter };

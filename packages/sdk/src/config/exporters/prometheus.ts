import { z } from 'zod';
import { envInteger } from '../env/env-parsers.js';
import type { ResolvedPrometheusExporter } from '../resolved-config.js';
import { integer, matching, nonEmptyString } from '../schema-fields.js';
import type { PrometheusExporterConfig } from '../types.js';
import type { ExporterDefinition } from './exporter-definition.js';

/** Defaults of a Prometheus exporter, as documented on `PrometheusExporterConfig`. */
export const PROMETHEUS_DEFAULTS = { host: '127.0.0.1', port: 9464, path: '/metrics' } as const;

export const prometheusExporterSchema = z
  .strictObject({
    type: z.literal('prometheus'),
    host: nonEmptyString()
      .optional()
      .meta({ description: 'Interface to bind (env OTEL_EXPORTER_PROMETHEUS_HOST).', default: PROMETHEUS_DEFAULTS.host }),
    port: integer(0, 65535)
      .optional()
      .meta({ description: 'TCP port; 0 picks a free port (env OTEL_EXPORTER_PROMETHEUS_PORT).', default: PROMETHEUS_DEFAULTS.port }),
    path: matching(/^\//, 'a path starting with "/"')
      .optional()
      .meta({ description: 'Path of the metrics endpoint.', default: PROMETHEUS_DEFAULTS.path }),
  })
  .meta({ title: 'Prometheus exporter', description: 'Serves the Prometheus/OpenMetrics text format over HTTP (pull).' });

export const prometheusExporter: ExporterDefinition<PrometheusExporterConfig, ResolvedPrometheusExporter> = {
  type: 'prometheus',
  envFields: {
    host: (env) => env.text('OTEL_EXPORTER_PROMETHEUS_HOST'),
    port: (env) => env.read('OTEL_EXPORTER_PROMETHEUS_PORT', envInteger(0, 65535)),
  },
  normalize: (config) => ({
    type: 'prometheus',
    host: config.host ?? PROMETHEUS_DEFAULTS.host,
    port: config.port ?? PROMETHEUS_DEFAULTS.port,
    path: config.path ?? PROMETHEUS_DEFAULTS.path,
  }),
};

import { z } from 'zod';
import { alertsConfigSchema } from './alerts-config.js';
import { exporterConfigSchema } from './exporters/exporter-registry.js';
import { healthConfigSchema } from './health-config.js';
import { retentionConfigSchema } from './retention-config.js';
import { duration, encodeExpected, expecting, flag, integer, nonEmptyString, rate, record } from './schema-fields.js';

/**
 * The zod schemas of `MetricsConfig`: the single source of validation and of the JSON Schema.
 * Zod was chosen because strict object schemas report every problem of an input at once (not
 * just the first), `z.toJSONSchema` derives the editor schema from the same definitions, and it is
 * already a dependency. The public type stays the hand-written, TSDoc'd `MetricsConfig`; a
 * compile-time test keeps `z.input<typeof metricsConfigSchema>` identical to it.
 */

const BUCKETS_EXPECTED = 'a non-empty array of strictly increasing finite numbers';

const histogramBuckets = z
  .array(z.number(expecting(BUCKETS_EXPECTED)), expecting(BUCKETS_EXPECTED))
  .min(1, expecting(BUCKETS_EXPECTED))
  .superRefine((buckets, context) => {
    for (let index = 1; index < buckets.length; index++) {
      const previous = buckets[index - 1]!;
      if (buckets[index]! > previous) continue;
      const expected = `a number greater than the previous bucket (${previous}); buckets must be strictly increasing`;
      context.addIssue({ code: 'custom', path: [index], input: buckets[index], message: encodeExpected({ expected }) });
    }
  });

export const componentConfigSchema = z
  .strictObject(
    {
      enabled: flag()
        .optional()
        .meta({ description: 'false drops every instrument of this component.', default: true }),
      samplingRate: rate()
        .optional()
        .meta({ description: 'Histogram sampling rate for this component, 0..1; overrides the global samplingRate.' }),
      histogramBuckets: histogramBuckets
        .optional()
        .meta({ description: "Explicit bucket boundaries for this component's histograms (strictly increasing, finite)." }),
      attributes: z
        .array(nonEmptyString('a non-empty attribute key'), expecting('an array of non-empty attribute keys'))
        .optional()
        .meta({ description: "Attribute keys to keep on this component's metrics; others are removed. Default: all keys." }),
    },
    expecting('an object of component settings'),
  )
  .meta({ title: 'Component settings', description: 'Settings for one instrumentation scope (meter); "mcp" matches "@mcp-otel/instrumentation/mcp".' });

const ATTRIBUTE_VALUE_EXPECTED = 'a string, a finite number or a boolean';
const attributeValue = z.union(
  [z.string(expecting(ATTRIBUTE_VALUE_EXPECTED)), z.number(expecting(ATTRIBUTE_VALUE_EXPECTED)), z.boolean(expecting(ATTRIBUTE_VALUE_EXPECTED))],
  expecting(ATTRIBUTE_VALUE_EXPECTED),
);

export const metricsConfigSchema = z
  .strictObject(
    {
      enabled: flag()
        .optional()
        .meta({ description: 'false gives a no-op handle (as OTEL_SDK_DISABLED=true).', default: true }),
      serviceName: nonEmptyString()
        .optional()
        .meta({ description: 'service.name resource attribute (env OTEL_SERVICE_NAME).', default: 'unknown_service:node' }),
      serviceVersion: nonEmptyString()
        .optional()
        .meta({ description: 'service.version resource attribute.' }),
      resourceAttributes: record('an object of resource attribute names to values', 'a non-empty attribute name', undefined, attributeValue)
        .optional()
        .meta({ description: 'Extra resource attributes, merged with env OTEL_RESOURCE_ATTRIBUTES.', default: {} }),
      collectionInterval: duration(1)
        .optional()
        .meta({ description: 'How often push exporters collect and export: ms, or "500ms", "15s", "1.5m", "1h" (env OTEL_METRIC_EXPORT_INTERVAL, ms).', default: '60s' }),
      exporters: z
        .array(exporterConfigSchema, expecting('an array of exporters, e.g. [{ "type": "prometheus" }]'))
        .optional()
        .meta({ description: 'Where metrics go (env OTEL_METRICS_EXPORTER: comma-separated otlp, prometheus, console, statsd, file, none).', default: [{ type: 'prometheus' }] }),
      samplingRate: rate()
        .optional()
        .meta({ description: 'Global histogram sampling rate, 0..1 (counters are never sampled).', default: 1 }),
      components: record('an object of component settings keyed by component name', 'a non-empty component name', undefined, componentConfigSchema)
        .optional()
        .meta({ description: 'Per-component settings, keyed by component (instrumentation scope).', default: {} }),
      cardinalityLimit: integer(1)
        .optional()
        .meta({ description: 'Maximum distinct attribute sets (series) per metric; further sets go to one overflow series.', default: 2000 }),
      registerGlobal: flag()
        .optional()
        .meta({ description: 'Register the MeterProvider as the global one.', default: true }),
      shutdownOnSignals: flag()
        .optional()
        .meta({ description: 'On SIGTERM/SIGINT, shut down (final export of every exporter) before the process exits.', default: false }),
      shutdownTimeout: duration(1)
        .optional()
        .meta({ description: 'Deadline of shutdown() and of the final export at exit, in all (env MCP_OTEL_SHUTDOWN_TIMEOUT, ms).', default: '5s' }),
      strict: flag()
        .optional()
        .meta({
          description: 'true: startMetrics rejects on any config problem or unbindable port; false: each is one stderr warning and the rest runs (env MCP_OTEL_STRICT).',
          default: false,
        }),
      runtime: flag()
        .optional()
        .meta({ description: 'Emit the Node.js runtime metrics (nodejs.eventloop.*, v8js.*, process.*) under the meter @mcp-otel/sdk/runtime.', default: true }),
      health: healthConfigSchema.optional(),
      retention: retentionConfigSchema.optional(),
      alerts: alertsConfigSchema.optional(),
    },
    expecting('an object (a MetricsConfig)'),
  )
  .meta({ title: 'mcp-otel configuration', description: 'Configuration of @mcp-otel/sdk startMetrics (MetricsConfig).' });

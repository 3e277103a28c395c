import * as z from 'zod/mini';
import { alertsConfigSchema } from './alerts-config.js';
import { exporterConfigSchema } from './exporters/exporter-registry.js';
import { healthConfigSchema } from './health-config.js';
import { retentionConfigSchema } from './retention-config.js';
import { described, duration, encodeExpected, expecting, flag, integer, nonEmptyString, optional, rate, record } from './schema-fields.js';

/**
 * The zod schemas of `MetricsConfig`: the single source of validation and of the JSON Schema.
 * Zod was chosen because strict object schemas report every problem of an input at once (not
 * just the first), `z.toJSONSchema` derives the editor schema from the same definitions, and it is
 * already a dependency. The public type stays the hand-written, TSDoc'd `MetricsConfig`; a
 * compile-time test keeps `z.input<typeof metricsConfigSchema>` identical to it.
 */

const BUCKETS_EXPECTED = 'a non-empty array of strictly increasing finite numbers';

const histogramBuckets = z.array(z.number(expecting(BUCKETS_EXPECTED)), expecting(BUCKETS_EXPECTED)).check(
  z.minLength(1, expecting(BUCKETS_EXPECTED)),
  z.superRefine((buckets: number[], context) => {
    for (let index = 1; index < buckets.length; index++) {
      const previous = buckets[index - 1]!;
      if (buckets[index]! > previous) continue;
      const expected = `a number greater than the previous bucket (${previous}); buckets must be strictly increasing`;
      context.addIssue({ code: 'custom', path: [index], input: buckets[index], message: encodeExpected({ expected }) });
    }
  }),
);

export const componentConfigSchema = described(
  z.strictObject(
    {
      enabled: optional(flag(), { description: 'false drops every instrument of this component.', default: true }),
      samplingRate: optional(rate(), { description: 'Histogram sampling rate for this component, 0..1; overrides the global samplingRate.' }),
      histogramBuckets: optional(histogramBuckets, { description: "Explicit bucket boundaries for this component's histograms (strictly increasing, finite)." }),
      attributes: optional(z.array(nonEmptyString('a non-empty attribute key'), expecting('an array of non-empty attribute keys')), {
        description: "Attribute keys to keep on this component's metrics; others are removed. Default: all keys.",
      }),
    },
    expecting('an object of component settings'),
  ),
  { title: 'Component settings', description: 'Settings for one instrumentation scope (meter); "mcp" matches "@mcp-otel/instrumentation/mcp".' },
);

const ATTRIBUTE_VALUE_EXPECTED = 'a string, a finite number or a boolean';
const attributeValue = z.union(
  [z.string(expecting(ATTRIBUTE_VALUE_EXPECTED)), z.number(expecting(ATTRIBUTE_VALUE_EXPECTED)), z.boolean(expecting(ATTRIBUTE_VALUE_EXPECTED))],
  expecting(ATTRIBUTE_VALUE_EXPECTED),
);

export const metricsConfigSchema = described(
  z.strictObject(
    {
      enabled: optional(flag(), { description: 'false gives a no-op handle (as OTEL_SDK_DISABLED=true).', default: true }),
      serviceName: optional(nonEmptyString(), { description: 'service.name resource attribute (env OTEL_SERVICE_NAME).', default: 'unknown_service:node' }),
      serviceVersion: optional(nonEmptyString(), { description: 'service.version resource attribute.' }),
      resourceAttributes: optional(record('an object of resource attribute names to values', 'a non-empty attribute name', undefined, attributeValue), {
        description: 'Extra resource attributes, merged with env OTEL_RESOURCE_ATTRIBUTES.',
        default: {},
      }),
      collectionInterval: optional(duration(1), {
        description: 'How often push exporters collect and export: ms, or "500ms", "15s", "1.5m", "1h" (env OTEL_METRIC_EXPORT_INTERVAL, ms).',
        default: '60s',
      }),
      exporters: optional(z.array(exporterConfigSchema, expecting('an array of exporters, e.g. [{ "type": "prometheus" }]')), {
        description: 'Where metrics go (env OTEL_METRICS_EXPORTER: comma-separated otlp, prometheus, console, statsd, file, none).',
        default: [{ type: 'prometheus' }],
      }),
      samplingRate: optional(rate(), { description: 'Global histogram sampling rate, 0..1 (counters are never sampled).', default: 1 }),
      components: optional(record('an object of component settings keyed by component name', 'a non-empty component name', undefined, componentConfigSchema), {
        description: 'Per-component settings, keyed by component (instrumentation scope).',
        default: {},
      }),
      cardinalityLimit: optional(integer(1), { description: 'Maximum distinct attribute sets (series) per metric; further sets go to one overflow series.', default: 2000 }),
      registerGlobal: optional(flag(), { description: 'Register the MeterProvider as the global one.', default: true }),
      shutdownOnSignals: optional(flag(), { description: 'On SIGTERM/SIGINT, shut down (final export of every exporter) before the process exits.', default: false }),
      shutdownTimeout: optional(duration(1), { description: 'Deadline of shutdown() and of the final export at exit, in all (env MCP_OTEL_SHUTDOWN_TIMEOUT, ms).', default: '5s' }),
      strict: optional(flag(), {
        description: 'true: startMetrics rejects on any config problem or unbindable port; false: each is one stderr warning and the rest runs (env MCP_OTEL_STRICT).',
        default: false,
      }),
      runtime: optional(flag(), { description: 'Emit the Node.js runtime metrics (nodejs.eventloop.*, v8js.*, process.*) under the meter @mcp-otel/sdk/runtime.', default: true }),
      health: optional(healthConfigSchema),
      retention: optional(retentionConfigSchema),
      alerts: optional(alertsConfigSchema),
    },
    expecting('an object (a MetricsConfig)'),
  ),
  { title: 'mcp-otel configuration', description: 'Configuration of @mcp-otel/sdk startMetrics (MetricsConfig).' },
);

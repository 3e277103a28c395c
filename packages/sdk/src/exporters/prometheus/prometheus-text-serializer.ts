import { diag } from '@opentelemetry/api';
import { DataPointType } from '@opentelemetry/sdk-metrics';
import type { MetricData, ResourceMetrics, ScopeMetrics } from '@opentelemetry/sdk-metrics';
import { BucketLabelCache, histogramSamples } from './prometheus-histogram-samples.js';
import { prometheusNameWithSuffixes } from './prometheus-metric-name.js';
import type { PrometheusMetricKind } from './prometheus-metric-name.js';
import { escapeHelpText, formatLabels, formatSampleValue, joinLabels, LabelNameCache, prometheusMetricName } from './prometheus-text-format.js';

/**
 * Options of {@link PrometheusTextSerializer}. With `withoutUnits: true` it prints what OTel's
 * `PrometheusExporter` (0.301) serves; by default it names metrics as the OTel specification and
 * Prometheus' OTLP translation do.
 */
export interface PrometheusTextSerializerOptions {
  /** Leave out the `target_info` series (the resource's attributes). @default false */
  withoutTargetInfo?: boolean;
  /** Leave out the `otel_scope_name` / `otel_scope_version` / `otel_scope_schema_url` labels. @default false */
  withoutScopeInfo?: boolean;
  /**
   * Name metrics without unit suffixes, as mcp-otel did before and OTel's JS exporter still does:
   * `mcp_server_operation_duration` instead of `mcp_server_operation_duration_seconds` (`_total` on
   * counters stays). By default names get the unit suffix and the type suffix Prometheus' OTLP
   * translation gives the same metric (`UnderscoreEscapingWithSuffixes`).
   * @default false
   */
  withoutUnits?: boolean;
}

/**
 * Samples (lines) per chunk of {@link PrometheusTextSerializer.chunks}: about 100 KB and well under
 * 1 ms of work (docs/performance.md, "Prometheus scrape"). Smaller chunks measured no faster;
 * larger ones lengthen the longest block.
 */
export const DEFAULT_CHUNK_LINES = 1_000;

/**
 * OTel writes this without the final line feed, which the format requires ("the last line must end
 * with a line feed") and `promtool check metrics` rejects; ours has it: the one byte we differ by.
 */
const NO_REGISTERED_METRICS = '# no registered metrics\n';

/**
 * Turns one collection (`ResourceMetrics`) into the Prometheus text exposition format: `# HELP`
 * (with "description missing"), `# UNIT`, `# TYPE`, `target_info`, scope labels, histogram
 * `_count`, `_sum`, cumulative `_bucket{le}`. Metric names carry unit and type suffixes as
 * Prometheus' OTLP translation writes them (`prometheus-metric-name.ts`); with `withoutUnits: true`
 * the text is line for line what `PrometheusSerializer` of `@opentelemetry/exporter-prometheus`
 * 0.301 prints with the same options (0.223 too, but for same-named metrics, which 0.223 prints as
 * two families and 0.301 and we as one), but for the line feed that OTel omits after
 * `# no registered metrics`. It is about ten times faster, and works in chunks, so that a server can
 * yield to the event loop in between.
 * No I/O (but for one `diag` warning about metrics it cannot serve), no clock; one instance can
 * serve concurrent scrapes, each call keeps its own state.
 *
 * @example
 * ```ts
 * const serializer = new PrometheusTextSerializer({ withoutScopeInfo: true });
 * const { resourceMetrics } = await reader.collect();
 * for (const chunk of serializer.chunks(resourceMetrics)) response.write(chunk);
 * ```
 */
export class PrometheusTextSerializer {
  private readonly withoutTargetInfo: boolean;
  private readonly withoutScopeInfo: boolean;
  private readonly withoutUnits: boolean;
  /** Family names by OTel name, unit and kind: a handful of metrics, named again on every scrape. */
  private readonly names = new Map<string, string | undefined>();
  private warned = false;
  private readonly conflicts = new Set<string>();

  constructor(options: PrometheusTextSerializerOptions = {}) {
    this.withoutTargetInfo = options.withoutTargetInfo ?? false;
    this.withoutScopeInfo = options.withoutScopeInfo ?? false;
    this.withoutUnits = options.withoutUnits ?? false;
  }

  /** The whole exposition as one string. */
  serialize(resourceMetrics: ResourceMetrics): string {
    let text = '';
    for (const chunk of this.chunks(resourceMetrics, Infinity)) text += chunk;
    return text;
  }

  /**
   * The exposition in pieces of about `chunkLines` samples each (a histogram data point is never
   * split); their concatenation equals {@link serialize}. Lazily computed: the work for a chunk is
   * done when it is pulled.
   */
  *chunks(resourceMetrics: ResourceMetrics, chunkLines: number = DEFAULT_CHUNK_LINES): Generator<string, void, undefined> {
    const names = new LabelNameCache();
    const leLabels = new BucketLabelCache();
    const families = this.families(resourceMetrics, names);
    let text = '';
    let lines = 0;
    let anyMetric = false;
    for (const [name, family] of families) {
      if (family.dropped) continue;
      if (name === TARGET_INFO && !this.withoutTargetInfo) {
        text += targetInfo(resourceMetrics, family, names);
        if (family.members.length === 0) continue;
      } else {
        text += familyHeader(name, family);
      }
      anyMetric = true;
      for (const { metric, scopeLabels } of family.members) {
        if (metric.dataPointType === DataPointType.SUM || metric.dataPointType === DataPointType.GAUGE) {
          for (const point of metric.dataPoints) {
            const all = joinLabels(formatLabels(point.attributes, names), scopeLabels);
            text += `${all === '' ? name : `${name}{${all}}`} ${formatSampleValue(point.value)}\n`;
            if (++lines >= chunkLines) {
              yield text;
              text = '';
              lines = 0;
            }
          }
        } else if (metric.dataPointType === DataPointType.HISTOGRAM) {
          for (const point of metric.dataPoints) {
            text += histogramSamples(name, formatLabels(point.attributes, names), scopeLabels, point.value, leLabels);
            lines += point.value.buckets.counts.length + 2;
            if (lines >= chunkLines) {
              yield text;
              text = '';
              lines = 0;
            }
          }
        } else {
          this.warnOnce(`mcp-otel: metric "${name}" is an exponential histogram, which the Prometheus text format cannot carry; it is served without samples`);
        }
      }
    }
    if (!anyMetric) text += NO_REGISTERED_METRICS;
    if (text !== '') yield text;
  }

  /**
   * Metrics grouped by family name, in order of first appearance, as OTel's serializer (0.301+)
   * groups them: a name in two scopes (or twice in one) must be one family in the exposition, or
   * Prometheus' parsers reject the second `# TYPE`. HELP and UNIT are the first non-empty ones; a
   * family whose members disagree on TYPE is dropped whole, with one warning.
   */
  private families(resourceMetrics: ResourceMetrics, names: LabelNameCache): Map<string, Family> {
    const families = new Map<string, Family>();
    if (!this.withoutTargetInfo) families.set(TARGET_INFO, { help: 'Target metadata', unit: '', type: 'gauge', dropped: false, members: [] });
    for (const scopeMetrics of resourceMetrics.scopeMetrics) {
      let scopeLabels: string | undefined;
      for (const metric of scopeMetrics.metrics) {
        const name = this.familyName(metric);
        if (name === undefined) {
          this.warnOnce(`mcp-otel: metric "${metric.descriptor.name}" has no valid Prometheus name; it is not served`);
          continue;
        }
        scopeLabels ??= this.withoutScopeInfo ? '' : formatScopeLabels(scopeMetrics, names);
        const { description, unit } = metric.descriptor;
        const type = prometheusType(metric);
        const family = families.get(name);
        if (family === undefined) {
          families.set(name, { help: description, unit, type, dropped: false, members: [{ metric, scopeLabels }] });
        } else if (!family.dropped) {
          if (family.type !== type) {
            this.warnConflict(`mcp-otel: metrics named "${name}" have different Prometheus types (${family.type}, ${type}); none of them is served. Fix: give them different names or the same instrument kind`);
            family.dropped = true;
            family.members = [];
            continue;
          }
          if (family.help === '') family.help = description;
          if (family.unit === '') family.unit = unit;
          family.members.push({ metric, scopeLabels });
        }
      }
    }
    return families;
  }

  /** The metric family name, or undefined when nothing valid is left of the OTel name. */
  private familyName(metric: MetricData): string | undefined {
    const { name, unit } = metric.descriptor;
    const kind = kindOf(metric);
    if (this.withoutUnits) return prometheusMetricName(name, kind === 'counter');
    const key = `${name}\u0000${unit}\u0000${kind}`;
    if (this.names.has(key)) return this.names.get(key);
    const family = prometheusNameWithSuffixes(name, unit, kind);
    // Metric names are code-defined and few; the bound only guards against a pathological host.
    if (this.names.size < 10_000) this.names.set(key, family);
    return family;
  }

  /** Each type conflict is reported once: it would come back on every scrape. */
  private warnConflict(message: string): void {
    if (this.conflicts.has(message) || this.conflicts.size >= 100) return;
    this.conflicts.add(message);
    diag.warn(message);
  }

  /** The first problem is reported; the same ones would come back on every scrape. */
  private warnOnce(message: string): void {
    if (this.warned) return;
    this.warned = true;
    diag.warn(message);
  }
}

/** One metric family: the metadata its members agree on, and the members with their scope labels. */
interface Family {
  help: string;
  unit: string;
  type: string;
  /** Members disagreed on TYPE: nothing of the family is served. */
  dropped: boolean;
  members: { metric: MetricData; scopeLabels: string }[];
}

const TARGET_INFO = 'target_info';

/** `# HELP`, `# UNIT` (when there is a unit) and `# TYPE` lines. */
function familyHeader(name: string, family: Family): string {
  const help = `# HELP ${name} ${escapeHelpText(family.help === '' ? 'description missing' : family.help)}\n`;
  const unitLine = family.unit === '' ? '' : `# UNIT ${name} ${escapeHelpText(family.unit)}\n`;
  return `${help}${unitLine}# TYPE ${name} ${family.type}\n`;
}

function kindOf(metric: MetricData): PrometheusMetricKind {
  switch (metric.dataPointType) {
    case DataPointType.SUM:
      return metric.isMonotonic ? 'counter' : 'updowncounter';
    case DataPointType.GAUGE:
      return 'gauge';
    default:
      return 'histogram';
  }
}

function prometheusType(metric: MetricData): string {
  switch (metric.dataPointType) {
    case DataPointType.SUM:
      return metric.isMonotonic ? 'counter' : 'gauge';
    case DataPointType.GAUGE:
      return 'gauge';
    case DataPointType.HISTOGRAM:
      return 'histogram';
    default:
      return 'untyped';
  }
}

/** The scope's labels in OTel's order: name, schema URL, version (the last two when set). */
function formatScopeLabels({ scope }: ScopeMetrics, names: LabelNameCache): string {
  const labels: Record<string, string> = { 'otel.scope.name': scope.name };
  if (scope.schemaUrl) labels['otel.scope.schema_url'] = scope.schemaUrl;
  if (scope.version) labels['otel.scope.version'] = scope.version;
  return formatLabels(labels, names);
}

/** The resource as `target_info`, under the family's metadata (a metric of that name may add to it). */
function targetInfo(resourceMetrics: ResourceMetrics, family: Family, names: LabelNameCache): string {
  const labels = formatLabels(resourceMetrics.resource.attributes, names);
  const unitLine = family.unit === '' ? '' : `# UNIT ${TARGET_INFO} ${escapeHelpText(family.unit)}\n`;
  return `# HELP ${TARGET_INFO} ${escapeHelpText(family.help)}\n${unitLine}# TYPE ${TARGET_INFO} ${family.type}\n${labels === '' ? TARGET_INFO : `${TARGET_INFO}{${labels}}`} 1\n`;
}

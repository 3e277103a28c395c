import type { ResolvedConfig } from '../../config/resolved-config.js';
import { prometheusNameWithSuffixes } from '../../exporters/prometheus/prometheus-metric-name.js';
import { prometheusMetricName, sanitizeName } from '../../exporters/prometheus/prometheus-text-format.js';
import type { SeriesKind } from '../../history/history-types.js';

/**
 * The names Prometheus sees for our metrics: the one place rules (and anything else that writes
 * PromQL) translate OTel names, so that a rule selects exactly the series `/metrics` serves.
 * It follows the serializer's naming: with units (the default) the serializer's own
 * `prometheusNameWithSuffixes`, the OTel-to-Prometheus translation of Prometheus' OTLP receiver
 * (unit suffixes such as `_seconds` and `_bytes`, `_total` on counters, `_ratio` on gauges of unit
 * `1`); plain (`withoutUnits`) the serializer's function for names without unit suffixes.
 */

/** How metric names are turned into Prometheus names; read from the Prometheus exporter's options. */
export interface PrometheusNaming {
  /** Leave the unit out of names (`mcp_server_operation_duration`, not `..._seconds`). */
  withoutUnits: boolean;
}

/**
 * The naming of the first Prometheus exporter of `config` (its `withoutUnits`); names with units
 * when there is none, as Prometheus' OTLP receiver writes them for metrics pushed over OTLP.
 */
export function prometheusNamingOf(config: Pick<ResolvedConfig, 'exporters'>): PrometheusNaming {
  for (const exporter of config.exporters) {
    if (exporter.type === 'prometheus') return { withoutUnits: exporter.withoutUnits };
  }
  return { withoutUnits: false };
}

/** An OTel metric as the naming needs it. */
export interface NamedMetric {
  name: string;
  kind: SeriesKind;
  /** The OTel unit (`s`, `By`, `{call}`, `1`), `''` when none. */
  unit: string;
}

/** The Prometheus metric (family) name, or `undefined` when nothing valid is left of the name. */
export function prometheusMetricFamily(metric: NamedMetric, naming: PrometheusNaming): string | undefined {
  if (naming.withoutUnits) return prometheusMetricName(metric.name, metric.kind === 'counter');
  return withUnits(metric);
}

/** The label name of an attribute key (as the serializer writes it). */
export function prometheusLabelName(key: string): string {
  return sanitizeName(key);
}

/** OTel to Prometheus with unit and type suffixes (the OTLP translation, "UnderscoreEscapingWithSuffixes"). */
function withUnits(metric: NamedMetric): string | undefined {
  return prometheusNameWithSuffixes(metric.name, metric.unit, metric.kind);
}

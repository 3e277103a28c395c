/**
 * The pieces of the Prometheus text exposition format (0.0.4), each written to print exactly what
 * `@opentelemetry/exporter-prometheus` 0.223's `PrometheusSerializer` prints, but cheap on the
 * common case: a value without `\`, newline or `"` is returned as is, without a regex replace.
 */
import type { AttributeValue } from '@opentelemetry/api';

const NEEDS_ESCAPE = /[\\\n"]/;
const INVALID_NAME_CHARACTERS = /[^a-z0-9_]/gi;
const REPEATED_UNDERSCORES = /_{2,}/g;

/** `\` and newline escaped, as in `# HELP` / `# UNIT` text (quotes stay). */
export function escapeHelpText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/**
 * A label value: strings as they are, anything else (numbers, booleans, arrays) as JSON, `undefined`
 * as the empty string; then `\`, newline and `"` escaped.
 */
export function escapeLabelValue(value: AttributeValue | undefined): string {
  const text = typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  if (!NEEDS_ESCAPE.test(text)) return text;
  return escapeHelpText(text).replace(/"/g, '\\"');
}

/** Every character outside `[a-zA-Z0-9_]` as `_`, then runs of `_` as one (label and metric names). */
export function sanitizeName(name: string): string {
  return name.replace(INVALID_NAME_CHARACTERS, '_').replace(REPEATED_UNDERSCORES, '_');
}

/** A sample value: `+Inf`, `-Inf`, `NaN`, or JavaScript's own number formatting (`1e+21`, `0.1`). */
export function formatSampleValue(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return `${value}`;
}

/**
 * The metric name Prometheus sees, or `undefined` when nothing valid is left (OTel skips those):
 * sanitized, `_`-prefixed when it starts with a digit, and `_total`-suffixed for monotonic sums.
 */
export function prometheusMetricName(otelName: string, monotonicSum: boolean): string | undefined {
  let name = sanitizeName(escapeHelpText(otelName));
  if (name === '' || name === '_') return undefined;
  const first = name.charCodeAt(0);
  if (first >= 48 && first <= 57) name = `_${name}`;
  if (monotonicSum && !name.endsWith('_total')) name += '_total';
  return name;
}

/**
 * Label names to their sanitized form, remembered: attribute keys repeat on every data point, so
 * each distinct key is sanitized once per serialization instead of once per sample.
 */
export class LabelNameCache {
  private readonly names = new Map<string, string>();

  get(key: string): string {
    let name = this.names.get(key);
    if (name === undefined) {
      name = sanitizeName(key);
      this.names.set(key, name);
    }
    return name;
  }
}

/**
 * `k1="v1",k2="v2"` for an attribute set, in its own key order (what `Object.entries` gives), or
 * `''` when it has no keys.
 */
export function formatLabels(attributes: Readonly<Record<string, AttributeValue | undefined>>, names: LabelNameCache): string {
  let labels = '';
  for (const key of Object.keys(attributes)) {
    const pair = `${names.get(key)}="${escapeLabelValue(attributes[key])}"`;
    labels = labels === '' ? pair : `${labels},${pair}`;
  }
  return labels;
}

/** Two label lists joined by a comma, either possibly empty. */
export function joinLabels(first: string, second: string): string {
  if (first === '') return second;
  return second === '' ? first : `${first},${second}`;
}

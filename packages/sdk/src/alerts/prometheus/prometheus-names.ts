import type { ResolvedConfig } from '../../config/resolved-config.js';
import { prometheusMetricName, sanitizeName } from '../../exporters/prometheus/prometheus-text-format.js';
import type { SeriesKind } from '../../history/history-types.js';

/**
 * The names Prometheus sees for our metrics: the one place rules (and anything else that writes
 * PromQL) translate OTel names, so that a rule selects exactly the series `/metrics` serves.
 * It follows the serializer's naming: plain (`withoutUnits`, what `/metrics` serves today) uses
 * the serializer's own function; with units, the OTel-to-Prometheus translation of Prometheus'
 * OTLP receiver (unit suffixes such as `_seconds` and `_bytes`, `_total` on counters, `_ratio` on
 * gauges of unit `1`).
 */

/** How metric names are turned into Prometheus names; read from the Prometheus exporter's options. */
export interface PrometheusNaming {
  /** Leave the unit out of names (`mcp_server_operation_duration`, not `..._seconds`). */
  withoutUnits: boolean;
}

/**
 * The naming of the first Prometheus exporter of `config`. Every exporter serves names without unit
 * suffixes today (OTel JS' own naming), so this is `withoutUnits: true` until the exporter grows
 * its `withoutUnits` option (OTel-spec names by default); then it reads it from there, and
 * `withUnits` below becomes a call to the serializer's own naming function (one implementation).
 */
export function prometheusNamingOf(_config: Pick<ResolvedConfig, 'exporters'>): PrometheusNaming {
  return { withoutUnits: true };
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
  const tokens = metric.name.split(/[^a-zA-Z0-9:]+/).filter((token) => token !== '');
  const [main, per] = unitSuffixes(metric.unit);
  if (main !== '' && !tokens.includes(main)) tokens.push(main);
  if (per !== '' && !tokens.includes(per)) tokens.push(per);
  if (metric.kind === 'counter') pushLast(tokens, 'total');
  // Prometheus' translation adds `_ratio` to gauges only (an up-down counter is a non-monotonic sum there).
  if (metric.unit === '1' && metric.kind === 'gauge') pushLast(tokens, 'ratio');
  let name = tokens.join('_');
  if (name === '') return undefined;
  if (/^[0-9]/.test(name)) name = `_${name}`;
  return name;
}

function pushLast(tokens: string[], token: string): void {
  const kept = tokens.filter((existing) => existing !== token);
  tokens.length = 0;
  tokens.push(...kept, token);
}

const UNITS: Readonly<Record<string, string>> = {
  d: 'days', h: 'hours', min: 'minutes', s: 'seconds', ms: 'milliseconds', us: 'microseconds', ns: 'nanoseconds',
  By: 'bytes', KiBy: 'kibibytes', MiBy: 'mebibytes', GiBy: 'gibibytes', TiBy: 'tibibytes',
  KBy: 'kilobytes', MBy: 'megabytes', GBy: 'gigabytes', TBy: 'terabytes',
  m: 'meters', V: 'volts', A: 'amperes', J: 'joules', W: 'watts', g: 'grams',
  Cel: 'celsius', Hz: 'hertz', '1': '', '%': 'percent',
};
const PER_UNITS: Readonly<Record<string, string>> = { s: 'second', m: 'minute', h: 'hour', d: 'day', w: 'week', mo: 'month', y: 'year' };

/** `[main, per]` suffix tokens of a UCUM unit; annotations (`{call}`) name no unit. */
function unitSuffixes(unit: string): [string, string] {
  const [mainUnit = '', perUnit] = unit.split(/\/(.*)/s);
  const mainText = mainUnit.trim();
  const main = mainText !== '' && !/[{}]/.test(mainText) ? cleanUnit(UNITS[mainText] ?? mainText) : '';
  const perText = (perUnit ?? '').trim();
  const per = perText !== '' && !/[{}]/.test(perText) ? cleanUnit(`per_${PER_UNITS[perText] ?? perText}`) : '';
  return [main, per === 'per' ? '' : per];
}

function cleanUnit(unit: string): string {
  return unit.replace(/[^a-zA-Z0-9:]/g, '_').replace(/_{2,}/g, '_').replace(/^_+|_+$/g, '');
}

/**
 * Metric family names as Prometheus' own OTLP translation writes them
 * (`otlptranslator`, translation strategy `UnderscoreEscapingWithSuffixes`, Prometheus' default),
 * which is also what the OpenTelemetry specification asks of Prometheus exporters by default: unit
 * suffixes (`_seconds`, `_bytes` ...), `_total` on counters, `_ratio` on gauges of unit `1`. A
 * dashboard then works the same on our `/metrics` endpoint and on the same metrics pushed over OTLP
 * into Prometheus (or a receiver with Prometheus naming). Written by hand because the OTel JS
 * exporter (0.223, and still on its main branch) adds no unit suffix.
 */

/** How a metric is exposed, as the translation distinguishes it. */
export type PrometheusMetricKind = 'counter' | 'updowncounter' | 'gauge' | 'histogram';

// UCUM units (as OTel writes them) to their Prometheus base-unit words.
const UNIT_WORDS = new Map<string, string>([
  ['d', 'days'],
  ['h', 'hours'],
  ['min', 'minutes'],
  ['s', 'seconds'],
  ['ms', 'milliseconds'],
  ['us', 'microseconds'],
  ['ns', 'nanoseconds'],
  ['By', 'bytes'],
  ['KiBy', 'kibibytes'],
  ['MiBy', 'mebibytes'],
  ['GiBy', 'gibibytes'],
  ['TiBy', 'tibibytes'],
  ['KBy', 'kilobytes'],
  ['MBy', 'megabytes'],
  ['GBy', 'gigabytes'],
  ['TBy', 'terabytes'],
  ['m', 'meters'],
  ['V', 'volts'],
  ['A', 'amperes'],
  ['J', 'joules'],
  ['W', 'watts'],
  ['g', 'grams'],
  ['Cel', 'celsius'],
  ['Hz', 'hertz'],
  ['1', ''],
  ['%', 'percent'],
]);

// The denominator of a rate unit (`By/s`): singular words.
const PER_UNIT_WORDS = new Map<string, string>([
  ['s', 'second'],
  ['m', 'minute'],
  ['h', 'hour'],
  ['d', 'day'],
  ['w', 'week'],
  ['mo', 'month'],
  ['y', 'year'],
]);

/** Runs of characters that cannot be in a name token: everything but ASCII letters, digits and `:`. */
const SEPARATORS = /[^a-zA-Z0-9:]+/;

/** A unit word with characters a name cannot hold turned to `_`, runs of `_` merged, no leading `_`. */
function cleanUnit(word: string): string {
  return word
    .replace(/[^a-zA-Z0-9:]/g, '_')
    .replace(/__+/g, '_')
    .replace(/^_/, '');
}

/** The main and the `per_` unit suffixes of a UCUM unit; annotations (`{request}`) give none. */
function unitSuffixes(unit: string): [string, string] {
  const slash = unit.indexOf('/');
  const main = (slash < 0 ? unit : unit.slice(0, slash)).trim();
  const per = slash < 0 ? '' : unit.slice(slash + 1).trim();
  const mainSuffix = main !== '' && !/[{}]/.test(main) ? (UNIT_WORDS.get(main) ?? main) : '';
  const perWord = per !== '' && !/[{}]/.test(per) ? (PER_UNIT_WORDS.get(per) ?? per) : '';
  return [mainSuffix, perWord === '' ? '' : `per_${perWord}`];
}

/**
 * The Prometheus metric family name of an OTel metric, with unit and type suffixes, or `undefined`
 * when nothing valid is left of it. Histogram samples add `_bucket`, `_sum`, `_count` to it.
 *
 * @example
 * ```ts
 * prometheusNameWithSuffixes('mcp.server.operation.duration', 's', 'histogram'); // 'mcp_server_operation_duration_seconds'
 * prometheusNameWithSuffixes('mcp_otel.transport.messages', '{message}', 'counter'); // 'mcp_otel_transport_messages_total'
 * ```
 */
export function prometheusNameWithSuffixes(otelName: string, unit: string, kind: PrometheusMetricKind): string | undefined {
  let tokens = otelName.split(SEPARATORS).filter((token) => token !== '');
  const [rawMain, rawPer] = unitSuffixes(unit);
  let main = cleanUnit(rawMain);
  let per = cleanUnit(rawPer);
  if (tokens.includes(main)) main = '';
  if (per === 'per_') per = '';
  else {
    per = per.replace(/_$/, '');
    if (tokens.includes(per)) per = '';
  }
  if (per !== '') main = main.replace(/_$/, '');
  if (main !== '') tokens.push(main);
  if (per !== '') tokens.push(per);
  if (kind === 'counter') tokens = [...tokens.filter((token) => token !== 'total'), 'total'];
  if (unit === '1' && kind === 'gauge') tokens = [...tokens.filter((token) => token !== 'ratio'), 'ratio'];
  let name = tokens.join('_');
  const first = name.charCodeAt(0);
  if (first >= 48 && first <= 57) name = `_${name}`;
  return name === '' || /^_+$/.test(name) ? undefined : name;
}

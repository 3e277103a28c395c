/**
 * The part of Prometheus' alert templating that rules here support, filled in as Prometheus fills
 * it: `{{ $value }}` / `{{ .Value }}`, `{{ $labels.name }}` / `{{ .Labels.name }}`, each optionally
 * piped through `humanize`, `humanizePercentage` or `printf "%.Nf"`. Any other template is left as
 * written (Prometheus would expand it; see docs/health-and-alerts.md).
 */
const TEMPLATE = /\{\{-?\s*(\$value|\.Value|\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)|\.Labels\.([a-zA-Z_][a-zA-Z0-9_]*))\s*(?:\|\s*(humanize|humanizePercentage|printf\s+"%\.(\d+)f")\s*)?-?\}\}/g;

export function expandTemplate(text: string, labels: Record<string, string>, value: number): string {
  if (!text.includes('{{')) return text;
  return text.replace(TEMPLATE, (whole, subject: string, labelA?: string, labelB?: string, fn?: string, decimals?: string) => {
    const label = labelA ?? labelB;
    if (label !== undefined) return fn === undefined ? (labels[label] ?? '') : whole;
    if (fn === undefined) return goFloat(value);
    if (fn === 'humanize') return humanize(value);
    if (fn === 'humanizePercentage') return `${goFloat(value * 100, 4)}%`;
    return value.toFixed(Number(decimals));
  });
}

/** Go's `%v` (shortest) or `%.Ng` formatting of a float64. */
export function goFloat(value: number, precision?: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const exponential = precision === undefined ? value.toExponential() : roundHalfEven(value, Math.max(1, precision));
  const [mantissa, exponentText] = exponential.split('e') as [string, string];
  const exponent = Number(exponentText);
  // Go switches to the exponent form below 1e-4 and from 1e6 on when printing the shortest form (strconv ftoa.go).
  const limit = precision ?? 6;
  if (exponent < -4 || exponent >= limit) {
    const digits = stripZeros(mantissa);
    return `${digits}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return stripZeros(Number(exponential).toFixed(Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - exponent)));
}

/**
 * `value.toExponential(digits - 1)`, except that an exact tie rounds to the even digit, as Go's
 * decimal rounding does (JavaScript rounds ties up): 12345 to 4 digits is 1.234e+4, not 1.235e+4.
 */
function roundHalfEven(value: number, digits: number): string {
  const rounded = value.toExponential(digits - 1);
  // Enough digits to see a tie: the digits past the kept ones are exactly 5, then zeros.
  const [mantissa = '', exponent = ''] = value.toExponential(Math.min(100, digits + 24)).split('e');
  const all = mantissa.replace('-', '').replace('.', '');
  const kept = all.slice(0, digits);
  if (!/^50*$/.test(all.slice(digits)) || Number(kept.at(-1)) % 2 === 1) return rounded;
  return `${value < 0 ? '-' : ''}${kept[0]}${kept.length > 1 ? `.${kept.slice(1)}` : ''}e${exponent}`;
}

function stripZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Prometheus' `humanize`: SI prefixes, 4 significant digits. */
function humanize(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return goFloat(value, 4);
  const prefixes = Math.abs(value) >= 1 ? ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'] : ['', 'm', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];
  const step = Math.abs(value) >= 1 ? 1000 : 1 / 1000;
  let scaled = value;
  let index = 0;
  while (index < prefixes.length - 1 && (Math.abs(value) >= 1 ? Math.abs(scaled) >= 1000 : Math.abs(scaled) < 1)) {
    scaled /= step;
    index++;
  }
  return `${goFloat(scaled, 4)}${prefixes[index]}`;
}

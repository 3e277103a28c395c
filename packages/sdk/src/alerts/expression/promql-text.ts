/** Small pieces of PromQL text: durations, numbers, strings, as Prometheus prints and parses them. */

/** A duration as Prometheus writes one (`model.Duration.String`): `90s` is `1m30s`, `0` is `0s`. */
export function promDuration(ms: number): string {
  let rest = Math.round(ms);
  if (rest <= 0) return '0s';
  let text = '';
  const part = (unit: string, size: number, exact: boolean) => {
    if (exact && rest % size !== 0) return;
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  };
  part('y', 365 * 86_400_000, true);
  part('w', 7 * 86_400_000, true);
  part('d', 86_400_000, false);
  part('h', 3_600_000, false);
  part('m', 60_000, false);
  part('s', 1000, false);
  part('ms', 1, false);
  return text;
}

/** A number literal PromQL parses back to the same float. */
export function promNumber(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (Number.isNaN(value)) return 'NaN';
  return String(value);
}

/** A double-quoted PromQL string (Go escapes; JSON's are a subset PromQL reads). */
export function promString(value: string): string {
  return JSON.stringify(value);
}

/**
 * Why a JavaScript regular expression cannot be handed to Prometheus (RE2) as it is, or
 * `undefined` when it can: RE2 has no lookaround and no backreferences.
 */
export function re2Problem(pattern: string): string | undefined {
  if (/\(\?<?[=!]/.test(pattern)) return 'uses lookaround ((?=, (?!, (?<=, (?<!), which Prometheus (RE2) does not support';
  if (/\\[1-9]|\\k</.test(pattern)) return 'uses a backreference, which Prometheus (RE2) does not support';
  return undefined;
}

import type { MeterProvider } from '@opentelemetry/api';

/**
 * Checks for the options of the component wrappers (cache, storage, WebAssembly, component). Each
 * failure is a TypeError naming the function, the option, the value and the fix.
 */

/** Throws the TypeError for an invalid option. */
export function invalidOption(fn: string, field: string, value: unknown, fix: string): never {
  let shown: string;
  try {
    shown = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'function' ? 'a function' : String(value);
  } catch {
    shown = typeof value;
  }
  throw new TypeError(`@mcp-otel/instrumentation: ${fn}: invalid option ${field} = ${shown}: ${fix}`);
}

/** Rejects keys the function does not know (a typo must not be ignored silently). */
export function checkKnownKeys(fn: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) invalidOption(fn, key, (options as Record<string, unknown>)[key], `remove it; known options: ${known.join(', ')}`);
  }
}

/** The options object itself: an object, or nothing when `required` is false. */
export function checkOptionsObject(fn: string, options: unknown, required: boolean): Record<string, unknown> {
  if (options === undefined && !required) return {};
  if (typeof options !== 'object' || options === null) invalidOption(fn, 'options', options, required ? 'pass an object such as { name: "weather" }' : 'pass an object or nothing');
  return options as Record<string, unknown>;
}

const NAME = /^[\w.:/@-]{1,128}$/;

/** A name recorded as an attribute value: 1-128 letters, digits, `_ . : / @ -`. */
export function checkName(fn: string, field: string, value: unknown, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || !NAME.test(value)) {
    invalidOption(fn, field, value, 'pass 1-128 letters, digits or _ . : / @ - (it becomes an attribute value, e.g. "forecasts")');
  }
  return value;
}

export function checkMeterProvider(fn: string, value: unknown): MeterProvider | undefined {
  if (value === undefined) return undefined;
  const candidate: { getMeter?: unknown } | null = value;
  if (typeof candidate?.getMeter !== 'function') {
    invalidOption(fn, 'meterProvider', value, 'pass an OpenTelemetry MeterProvider (an object with getMeter) or leave it unset');
  }
  return value as MeterProvider;
}

export function checkFunction<F>(fn: string, field: string, value: unknown): F | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') invalidOption(fn, field, value, 'pass a function or leave it unset');
  return value as F;
}

export function checkCount(fn: string, field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= 0)) invalidOption(fn, field, value, 'pass an integer >= 0');
  return value;
}

/** Meter (instrumentation scope) of the facade's instruments, summaries excepted. */
export const APP_METER_NAME = '@mcp-otel/sdk/app';

/** Meter of the facade's `summary()` instruments: OTel aggregates them as exponential histograms. */
export const SUMMARY_METER_NAME = '@mcp-otel/sdk/summary';

/**
 * The scope prefixes of our packages. OTel views select a meter by its exact name, so the views of a
 * component key `mcp` are made for `mcp` and for each prefix + `mcp`.
 */
export const COMPONENT_SCOPE_PREFIXES = ['@mcp-otel/instrumentation/', '@mcp-otel/sdk/'] as const;

/** The exact meter names the views of component `key` are made for. */
export function componentMeterNames(key: string): string[] {
  return [key, ...COMPONENT_SCOPE_PREFIXES.map((prefix) => prefix + key)];
}

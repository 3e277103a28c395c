/**
 * The meter names a `components` key selects. OTel views match a meter name exactly, so a short key
 * such as `mcp` expands to the scopes our packages use; a key with a `/` or a foreign scope name
 * (e.g. `my-app`) matches that meter name as written.
 */
export const COMPONENT_SCOPE_PREFIXES = ['@mcp-otel/instrumentation/', '@mcp-otel/sdk/'] as const;

/** Every meter name a component key applies to. */
export function componentMeterNames(key: string): string[] {
  return [key, ...COMPONENT_SCOPE_PREFIXES.map((prefix) => prefix + key)];
}

/** The component key that governs a meter, or `undefined` when no configured key matches. */
export function componentKeyOf(meterName: string, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    if (meterName === key || meterName.endsWith('/' + key)) return key;
  }
  return undefined;
}

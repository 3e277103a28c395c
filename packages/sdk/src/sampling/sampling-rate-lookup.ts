import type { ResolvedConfig } from '../config/resolved-config.js';

/** The histogram sampling rate of a meter (instrumentation scope), by its name. */
export type ScopeRateLookup = (meterName: string) => number;

/** A rate as a probability: NaN and out-of-range values fall back to the safe ends. */
function clampRate(rate: number): number {
  return Number.isNaN(rate) ? 1 : Math.min(1, Math.max(0, rate));
}

/**
 * The rate lookup of a resolved config: the `samplingRate` of the component whose key equals the
 * meter name or ends it after a `/` (`mcp` matches `@mcp-otel/instrumentation/mcp`; the longest
 * matching key wins), else the global `samplingRate`. Results are memoized per meter name.
 *
 * @example
 * ```ts
 * const rateOf = samplingRateLookup(config);
 * rateOf('@mcp-otel/instrumentation/mcp'); // components.mcp.samplingRate ?? config.samplingRate
 * ```
 */
export function samplingRateLookup(config: Pick<ResolvedConfig, 'samplingRate' | 'components'>): ScopeRateLookup {
  const components = Object.entries(config.components).sort(([a], [b]) => b.length - a.length);
  const memo = new Map<string, number>();
  return (meterName) => {
    const known = memo.get(meterName);
    if (known !== undefined) return known;
    const match = components.find(([key]) => meterName === key || meterName.endsWith(`/${key}`));
    const rate = clampRate(match?.[1].samplingRate ?? config.samplingRate);
    // Meter names are few and code-defined; the bound only guards against a pathological caller.
    if (memo.size < 10_000) memo.set(meterName, rate);
    return rate;
  };
}

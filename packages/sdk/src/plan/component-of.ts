import type { ResolvedComponent } from '../config/resolved-config.js';

/** The settings of the component that governs a meter, with its key. */
export interface MatchedComponent {
  readonly key: string;
  readonly component: ResolvedComponent;
}

/**
 * The component of a meter (docs/configuration.md): a key matches a meter whose name equals it or
 * ends with `/<key>` (`mcp` matches `@mcp-otel/instrumentation/mcp`); the longest matching key wins,
 * so one meter has at most one component.
 */
export function componentOf(meterName: string, components: Readonly<Record<string, ResolvedComponent>>): MatchedComponent | undefined {
  let match: MatchedComponent | undefined;
  for (const [key, component] of Object.entries(components)) {
    if (meterName !== key && !meterName.endsWith('/' + key)) continue;
    if (match === undefined || key.length > match.key.length) match = { key, component };
  }
  return match;
}

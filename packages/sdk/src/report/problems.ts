import type { ConfigIssue } from '../config/config-error.js';
import { formatIssue } from '../config/config-error.js';

/**
 * Something `startMetrics` could not do as configured, outside strict mode. The rest runs; each
 * problem is reported once on stderr, listed in `handle.problems`, and counted in the
 * `mcp_otel.sdk.problems` gauge.
 */
export interface MetricsProblem {
  /**
   * `config`: an invalid value was ignored (its lower-precedence source or default applies).
   * `listen`: an endpoint could not be served (e.g. the Prometheus port is taken).
   * `global`: another MeterProvider is the global one, so this one was not registered.
   */
  readonly kind: 'config' | 'listen' | 'global';
  /** Where: a config path (`env OTEL_EXPORTER_PROMETHEUS_PORT`) or an address (`127.0.0.1:9464`). */
  readonly where: string;
  /** One sentence: what happened, what applies instead, and the fix. */
  readonly message: string;
}

const STRICT_HINT = 'set strict: true (MCP_OTEL_STRICT=true) to make this an error';

/** The problem for a config issue that was ignored. */
export function configProblem(issue: ConfigIssue): MetricsProblem {
  return { kind: 'config', where: issue.path, message: `ignoring ${formatIssue(issue)} (${STRICT_HINT}).` };
}

/** The problem for an endpoint that could not listen; `reason` names the address and the fix. */
export function listenProblem(address: string, reason: string): MetricsProblem {
  return { kind: 'listen', where: address, message: `${reason} Metrics are still recorded and sent to the other exporters (${STRICT_HINT}).` };
}

/** The problem when another MeterProvider is already the global one. */
export function globalProblem(): MetricsProblem {
  return {
    kind: 'global',
    where: 'registerGlobal',
    message:
      'a global MeterProvider is already registered, so this one was not made global (the module-level metrics facade and ' +
      'instrumentation without a meterProvider option keep using the other one). Shut down the earlier handle first, or pass ' +
      'registerGlobal: false and use handle.meterProvider.',
  };
}

/** How many problems of each kind, every kind present (the `mcp_otel.sdk.problems` gauge). */
export function countByKind(problems: readonly MetricsProblem[]): Map<string, number> {
  const counts = new Map<string, number>([
    ['config', 0],
    ['listen', 0],
    ['global', 0],
  ]);
  for (const problem of problems) counts.set(problem.kind, (counts.get(problem.kind) ?? 0) + 1);
  return counts;
}

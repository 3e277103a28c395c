import type { ConfigIssue } from '../../config/config-error.js';
import type { MetricsConfig } from '../../config/types.js';

/** Exporter types a browser or worker can run: the rest need Node sockets, files or a server. */
const BROWSER_EXPORTERS = ['otlp', 'console'] as const;

const USE_NODE = 'or run it in Node.js with the Node entry of @mcp-otel/sdk';

/**
 * Every setting of `config` (and of the sources beside it) that only the Node build can honour:
 * Prometheus (an HTTP server), StatsD (sockets), file exporters, the health endpoints, the Node
 * runtime metrics, signal handling, the history and alerts, config files and the process
 * environment. A browser build that is asked for one says so instead of silently doing less.
 */
export function nodeOnlyAsks(config: MetricsConfig | undefined, sources: { configFile?: unknown; env?: unknown } = {}): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const ask = (path: string, value: unknown, what: string, fix: string): void => {
    const expected = `no ${what} in a browser or worker`;
    issues.push({ path, value, expected, message: `${what} needs Node.js and is not in the browser build of @mcp-otel/sdk; ${fix} (${USE_NODE})` });
  };
  if (sources.configFile !== undefined) ask('configFile', sources.configFile, 'a config file', 'pass the settings as the `config` object');
  if (sources.env !== undefined) ask('env', '(an environment)', 'an environment of OTEL_* variables', 'pass the settings as the `config` object');
  if (config === undefined || config === null || typeof config !== 'object') return issues;
  const exporters: unknown = config.exporters;
  if (Array.isArray(exporters)) {
    exporters.forEach((exporter: unknown, index) => {
      const type = (exporter as { type?: unknown } | null)?.type;
      if (typeof type === 'string' && !(BROWSER_EXPORTERS as readonly string[]).includes(type)) {
        ask(`exporters[${index}].type`, type, `the ${type} exporter`, `use ${BROWSER_EXPORTERS.join(' or ')} (OTLP reaches a Collector, which can serve Prometheus)`);
      }
    });
  }
  if (config.health !== undefined && (config.health as { enabled?: unknown }).enabled !== false) ask('health', config.health, 'the health endpoints', 'remove `health`');
  if (config.runtime === true) ask('runtime', true, 'the Node.js runtime metrics', 'remove `runtime`');
  if (config.shutdownOnSignals === true) ask('shutdownOnSignals', true, 'shutdown on SIGTERM/SIGINT', 'remove it: the page-hide flush exports the last values');
  if (config.retention !== undefined) ask('retention', config.retention, 'the metric history', 'remove `retention`');
  if (config.alerts !== undefined) ask('alerts', config.alerts, 'alert rules', 'remove `alerts` and alert on the Collector side');
  return issues;
}

import type { ConfigIssue } from './config-error.js';
import { formatMs } from './duration.js';
import type { MergedExporter } from './merge-layers.js';
import type { ResolvedConfig } from './resolved-config.js';

/**
 * An OTLP export must end before the next collection starts: OTel's periodic reader cuts a longer
 * timeout to the interval while the request keeps running, so the timeout the user set would be a
 * lie. A chosen timeout is reported here (an issue: a warning, or a `ConfigError` when strict); any
 * longer timeout is cut in `resolved`, so the config in force says what really happens.
 */
export function clampExportTimeouts(merged: readonly MergedExporter[], resolved: ResolvedConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const interval = resolved.collectionIntervalMs;
  for (const [index, exporter] of resolved.exporters.entries()) {
    if (exporter.type !== 'otlp' || exporter.timeoutMs <= interval) continue;
    // A default timeout longer than a short interval was nobody's choice: cut it without a word.
    const chosen = merged[index]?.config.type === 'otlp' && merged[index]?.config.timeout !== undefined;
    if (!chosen) {
      exporter.timeoutMs = interval;
      continue;
    }
    const path = `${merged[index]?.path ?? `exporters[${index}]`}.timeout`;
    issues.push({
      path,
      value: exporter.timeoutMs,
      expected: `a timeout no longer than collectionInterval (${formatMs(interval)})`,
      message:
        `the OTLP timeout (${formatMs(exporter.timeoutMs)}, from "timeout" or OTEL_EXPORTER_OTLP_TIMEOUT) is longer than collectionInterval ` +
        `(${formatMs(interval)}), and an export must end before the next one starts; it is cut to ${formatMs(interval)}. ` +
        'Lower the timeout or raise collectionInterval (OTEL_METRIC_EXPORT_INTERVAL)',
    });
    exporter.timeoutMs = interval;
  }
  return issues;
}

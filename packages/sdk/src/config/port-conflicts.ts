import type { ConfigIssue } from './config-error.js';
import type { MergedExporter } from './merge-layers.js';
import type { ResolvedExporter } from './resolved-config.js';

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

/** What `findPortConflicts` found: the issues, and the indexes of the exporters that cannot listen. */
export interface PortConflicts {
  issues: ConfigIssue[];
  /** Indexes into `resolved` of the later entries of each clash. */
  clashing: number[];
}

/**
 * Two Prometheus exporters cannot listen on the same host:port (a wildcard host overlaps every
 * host). Port 0 picks a free port and never conflicts. Reported at the later entry.
 */
export function findPortConflicts(merged: readonly MergedExporter[], resolved: readonly ResolvedExporter[]): PortConflicts {
  const issues: ConfigIssue[] = [];
  const clashing: number[] = [];
  const seen: { host: string; port: number; path: string }[] = [];
  for (const [index, exporter] of resolved.entries()) {
    if (exporter.type !== 'prometheus' || exporter.port === 0) continue;
    const path = merged[index]?.path ?? `exporters[${index}]`;
    const clash = seen.find((other) => other.port === exporter.port && hostsOverlap(other.host, exporter.host));
    if (clash !== undefined) {
      const address = `${exporter.host}:${exporter.port}`;
      issues.push({
        path,
        value: address,
        expected: 'a host:port not used by another prometheus exporter',
        message: `prometheus exporter on ${address} clashes with ${clash.path} on ${clash.host}:${clash.port}; give each its own port (or port 0 for a free one)`,
      });
      clashing.push(index);
      continue;
    }
    seen.push({ host: exporter.host, port: exporter.port, path });
  }
  return { issues, clashing };
}

function hostsOverlap(a: string, b: string): boolean {
  return a === b || WILDCARD_HOSTS.has(a) || WILDCARD_HOSTS.has(b);
}

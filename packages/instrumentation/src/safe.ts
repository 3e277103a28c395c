import { diag } from '@opentelemetry/api';

/**
 * The one guard every wrapper body and hook runs through. Instrumentation failures are reported once
 * per site through the OTel diag logger and then swallowed: the host's MCP exchange must behave exactly
 * as it would without instrumentation. Nothing here writes to stdout (stdio is the MCP wire).
 */
const reportedSites = new Set<string>();

/** Reports an instrumentation failure once per `site`; later failures at the same site stay quiet. */
export function reportFailure(site: string, error: unknown): void {
  if (reportedSites.has(site)) return;
  reportedSites.add(site);
  try {
    diag.warn(`@mcp-otel/instrumentation: ${site} failed; this measurement is dropped and the MCP exchange is unaffected`, error);
  } catch {
    // A throwing diag logger must not reach the host either.
  }
}

/** Warns once per `key` through diag, for misuse that is not a failure (e.g. instrumenting twice). */
export function warnOnce(key: string, message: string): void {
  if (reportedSites.has(key)) return;
  reportedSites.add(key);
  try {
    diag.warn(`@mcp-otel/instrumentation: ${message}`);
  } catch {
    // See reportFailure.
  }
}

/**
 * Runs `fn(a, b, c)`; on a throw, reports once and returns `undefined`. Arguments are passed
 * explicitly (no closure per call) because this sits on the per-message path.
 */
export function safeCall<A, B, C, R>(site: string, fn: (a: A, b: B, c: C) => R, a: A, b: B, c: C): R | undefined {
  try {
    return fn(a, b, c);
  } catch (error) {
    reportFailure(site, error);
    return undefined;
  }
}

/** Test hook: forget which sites already warned. */
export function resetWarnings(): void {
  reportedSites.clear();
}

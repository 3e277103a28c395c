import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigIssue } from '../../src/config/config-error.js';
import { ConfigError, listValues } from '../../src/config/config-error.js';
import { EXPORTER_TYPES } from '../../src/config/exporters/exporter-registry.js';
import { resolveConfig } from '../../src/platform/node/node-config.js';
import type { ResolveConfigInput } from '../../src/config/resolve-config.js';

/** `resolveConfig` with an empty env unless one is given, so the machine's env never leaks in. */
export function resolve(input: ResolveConfigInput = {}) {
  return resolveConfig({ env: {}, ...input });
}

/** The issues `resolveConfig` throws; fails the test when it does not throw a ConfigError. */
export function issuesOf(input: ResolveConfigInput): readonly ConfigIssue[] {
  try {
    resolve(input);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError, but the config resolved');
}

/** The issues as the `path: message` lines of `ConfigError.message`. */
export function linesOf(input: ResolveConfigInput): string[] {
  return issuesOf(input).map((issue) => `${issue.path}: ${issue.message}`);
}

/** Tells a config object of the wrong shape apart from one TypeScript would reject, for tests. */
export function untyped(value: unknown): ResolveConfigInput['config'] {
  return value as ResolveConfigInput['config'];
}

/** A temp directory holding `files`; removed by the returned cleanup. */
export function tempFiles(files: Record<string, string>): { dir: string; path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-otel-config-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `"prometheus", "otlp" or …`: every registered exporter type, as messages list them (the list grows with new types). */
export const EXPORTER_TYPE_LIST = listValues(EXPORTER_TYPES);

/** The `expected` text of `OTEL_METRICS_EXPORTER`. */
export const EXPORTER_ENV_LIST = `a comma-separated list of ${listValues([...EXPORTER_TYPES, 'none'])}`;

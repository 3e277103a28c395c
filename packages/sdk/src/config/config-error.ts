import { redactText } from '../redact/redact-text.js';
import { shownIssueValue } from './issue-value.js';

/**
 * One problem found in the configuration. Every problem of every source (object, env, file) is
 * collected before anything is thrown, so a user fixes them all in one round.
 */
export interface ConfigIssue {
  /**
   * Where the problem is, with its source: `"exporters[1].port"` (the config object),
   * `"env OTEL_EXPORTER_OTLP_TIMEOUT"`, `"file /etc/mcp-otel.yaml: collectionInterval"`.
   */
  path: string;
  /**
   * The offending value as given, redacted by the SDK's one rule (header values, values under
   * secret names, URL userinfo and token query parameters show as `[REDACTED]`).
   */
  value: unknown;
  /** What would have been accepted, e.g. `an integer 0..65535`. */
  expected: string;
  /** The problem in words, without the path, e.g. `got "abc", expected an integer 0..65535`. */
  message: string;
  /** The likely intended key or value (a did-you-mean), when there is one; `message` already says it. */
  suggestion?: string;
}

/**
 * Thrown by `resolveConfig` (and so by `startMetrics`) when the configuration is invalid. `message`
 * lists the issues, one per line, as `<path>: <message>` (the first 20, then `… and N more`);
 * `issues` holds all of them as data. No secret is ever in either (see `ConfigIssue.value`).
 *
 * @example
 * ```ts
 * import { ConfigError, resolveConfig } from '@mcp-otel/sdk';
 *
 * try {
 *   resolveConfig({ config: { exporters: [{ type: 'prometheus', port: 70000 }] } });
 * } catch (error) {
 *   if (error instanceof ConfigError) {
 *     for (const issue of error.issues) console.error(issue.path, issue.expected);
 *   }
 * }
 * ```
 */
export class ConfigError extends Error {
  /** Every problem found, in source order: the config object, then env, then the file. */
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const shown = issues.map(shownIssue);
    super(formatIssues(shown));
    this.name = 'ConfigError';
    this.issues = Object.freeze(shown);
  }
}

/**
 * An issue as it may be shown. Producers redact as they build messages; this makes `value` (and a
 * path holding a pasted URL as a key) safe whoever built the issue. Idempotent.
 */
export function shownIssue(issue: ConfigIssue): ConfigIssue {
  return { ...issue, path: redactText(issue.path), value: shownIssueValue(issue.path, issue.value) };
}

/** How many issues `ConfigError.message` (and `check-config`) list before `… and N more`. */
export const MAX_LISTED_ISSUES = 20;

/** `<path>: <message>`, the one-line form of an issue used in `ConfigError.message`. */
export function formatIssue(issue: ConfigIssue): string {
  return `${issue.path}: ${issue.message}`;
}

/**
 * The first `MAX_LISTED_ISSUES` (20) issues as `<path>: <message>` lines, then `… and N more` when
 * there are more: 100k unknown keys must not make a 25 MB message. `ConfigError.message` and
 * `mcp-otel check-config` list issues this way.
 *
 * @example
 * ```ts
 * import { ConfigError, listIssues, resolveConfig } from '@mcp-otel/sdk';
 *
 * try {
 *   resolveConfig({ configFile: 'mcp-otel.yaml' });
 * } catch (error) {
 *   if (error instanceof ConfigError) console.error(listIssues(error.issues).join('\n'));
 * }
 * ```
 */
export function listIssues(issues: readonly ConfigIssue[]): string[] {
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map(formatIssue);
  const more = issues.length - listed.length;
  if (more > 0) listed.push(`… and ${more} more (error.issues holds all of them)`);
  return listed;
}

function formatIssues(issues: readonly ConfigIssue[]): string {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return [`invalid mcp-otel configuration (${count}):`, ...listIssues(issues).map((line) => `- ${line}`)].join('\n');
}

const MAX_VALUE_LENGTH = 80;

/** A short, unambiguous rendering of a value for messages: strings quoted, long values cut. */
export function formatValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (typeof value === 'function') text = 'a function';
  else if (typeof value === 'symbol' || typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (value === undefined || value === null) text = String(value);
  else text = stringifyObject(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

function stringifyObject(value: object): string {
  try {
    return JSON.stringify(value) ?? Object.prototype.toString.call(value);
  } catch {
    // Cycles or throwing getters: the type is still worth saying.
    return Array.isArray(value) ? 'an array' : 'an object';
  }
}

/** The message of a thrown value; checked by shape, since errors may come from another realm. */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}

/** Builds the usual `got <value>, expected <expected>` issue. */
export function mismatchIssue(path: string, value: unknown, expected: string, extra?: { hint?: string; suggestion?: string }): ConfigIssue {
  const shown = shownIssueValue(path, value);
  const got = shown === undefined ? 'missing' : `got ${formatValue(shown)}`;
  const hint = extra?.hint === undefined ? '' : `; ${extra.hint}`;
  const issue: ConfigIssue = { path, value: shown, expected, message: `${got}, expected ${expected}${hint}` };
  if (extra?.suggestion !== undefined) issue.suggestion = extra.suggestion;
  return issue;
}

/** `"a", "b" or "c"`. */
export function listValues(values: readonly string[]): string {
  const quoted = values.map((value) => JSON.stringify(value));
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

/** `did you mean "x"?`, the hint text of every suggestion. */
export function didYouMeanHint(suggestion: string): string {
  return `did you mean ${JSON.stringify(suggestion)}?`;
}

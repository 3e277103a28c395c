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
  /** The offending value as given (header values are redacted: they often hold credentials). */
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
 * lists every issue, one per line, as `<path>: <message>`; `issues` holds them as data.
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
    super(formatIssues(issues));
    this.name = 'ConfigError';
    this.issues = Object.freeze([...issues]);
  }
}

/** `<path>: <message>`, the one-line form of an issue used in `ConfigError.message`. */
export function formatIssue(issue: ConfigIssue): string {
  return `${issue.path}: ${issue.message}`;
}

function formatIssues(issues: readonly ConfigIssue[]): string {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return [`invalid mcp-otel configuration (${count}):`, ...issues.map((issue) => `- ${formatIssue(issue)}`)].join('\n');
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
  const got = value === undefined ? 'missing' : `got ${formatValue(value)}`;
  const hint = extra?.hint === undefined ? '' : `; ${extra.hint}`;
  const issue: ConfigIssue = { path, value, expected, message: `${got}, expected ${expected}${hint}` };
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

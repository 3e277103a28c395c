import { redactHeaderList, redactValue } from '../redact/redact-value.js';
import { isHeadersName, isSecretName, REDACTED } from '../redact/secret-name.js';

/**
 * The value of a `ConfigIssue` as it may be shown (in `issues[].value` and in the message), by the
 * one redaction rule: the key it sits under decides. The key comes from the issue's path, the form
 * every issue has (`exporters[0].headers.authorization`, `file /x.yaml: exporters[0].headers`,
 * `env OTEL_EXPORTER_OTLP_HEADERS`), so issues added anywhere in the pipeline are covered.
 */
export function shownIssueValue(path: string, value: unknown): unknown {
  if (path.startsWith('env ')) {
    const name = path.slice('env '.length);
    if (/HEADERS/i.test(name)) return typeof value === 'string' ? redactHeaderList(value) : redactValue(value, 'headers');
    return redactValue(value, name);
  }
  const segments = configPathSegments(path);
  if (segments === undefined || segments.length === 0) return redactValue(value);
  const parents = segments.slice(0, -1);
  if (parents.some((segment) => isSecretName(segment) || isHeadersName(segment))) return value === undefined ? undefined : REDACTED;
  return redactValue(value, segments.at(-1));
}

const DEFAULT_SUFFIX = ' (default)';
const SEGMENT = /(?:^|\.)([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;

/**
 * The segments of an issue path, `undefined` when it names no config location (a file's syntax
 * error, a file that cannot be read). For `file <path>: <config path>` the file path may itself
 * contain `: `, so the first split whose rest parses as a config path wins.
 */
export function configPathSegments(path: string): string[] | undefined {
  if (!path.startsWith('file ')) return parseConfigPath(path);
  for (let at = path.indexOf(': '); at >= 0; at = path.indexOf(': ', at + 1)) {
    const segments = parseConfigPath(path.slice(at + 2));
    if (segments !== undefined) return segments;
  }
  return undefined;
}

function parseConfigPath(text: string): string[] | undefined {
  const path = text.endsWith(DEFAULT_SUFFIX) ? text.slice(0, -DEFAULT_SUFFIX.length) : text;
  if (path === 'config') return [];
  const segments: string[] = [];
  SEGMENT.lastIndex = 0;
  while (SEGMENT.lastIndex < path.length) {
    const match = SEGMENT.exec(path);
    const segment = match === null ? undefined : (match[1] ?? match[2] ?? quoted(match[3]!));
    if (segment === undefined) return undefined;
    segments.push(segment);
  }
  return segments.length === 0 ? undefined : segments;
}

/** A `["…"]` segment: `formatPath` wrote it with `JSON.stringify`. */
function quoted(literal: string): string | undefined {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}

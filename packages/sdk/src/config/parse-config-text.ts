import { CORE_SCHEMA, EVENT_ID, loadAll, parseEvents, YAMLException } from 'js-yaml';
import type { ConfigIssue } from './config-error.js';
import { aliasProblem } from './alias-expansion.js';
import { findJsonProblem } from './json-problem.js';

/** The result of parsing a config file's text: the data, or the syntax problems. */
export type ParsedConfigText = { ok: true; data: unknown } | { ok: false; issues: ConfigIssue[] };

/** The file formats, by extension (lower-cased). */
export const CONFIG_FILE_FORMATS: Readonly<Record<string, 'json' | 'yaml'>> = { '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml' };

/** Deeper YAML nesting is refused (js-yaml's own default, said here so JSON uses the same). */
const MAX_YAML_DEPTH = 100;

/**
 * Parses the text of a config file as JSON or YAML (1.2 core schema, so `yes` stays a string).
 * Duplicate keys are errors in both. A problem is an issue at `file <path>:<line>:<column>`
 * (editors open that form) whose message never quotes the text around it: that text may hold a
 * credential. An empty YAML file is an empty config. Linear in the size of the text.
 */
export function parseConfigText(text: string, file: string, format: 'json' | 'yaml'): ParsedConfigText {
  return format === 'json' ? parseJson(text, file) : parseYaml(text, file);
}

function parseJson(text: string, file: string): ParsedConfigText {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const problem = findJsonProblem(body);
  if (problem !== undefined) return failed(`file ${file}${location(body, problem.offset)}`, 'JSON', problem.reason);
  try {
    return { ok: true, data: JSON.parse(body) as unknown };
  } catch {
    // The scanner accepts exactly JSON; should V8 still disagree, its message is not repeated (it
    // may quote the text).
    return failed(`file ${file}`, 'JSON', 'the file is not valid JSON');
  }
}

// js-yaml rather than `yaml`: 4-5x faster on large files (a 4.5 MB file in 0.3-0.6 s against
// 1.0-2.2 s here) and linear where `yaml`'s `uniqueKeys` check is quadratic (100k keys: 157 s).
function parseYaml(text: string, file: string): ParsedConfigText {
  let documents: unknown[];
  try {
    documents = loadAll(text, { schema: CORE_SCHEMA, maxDepth: MAX_YAML_DEPTH });
  } catch (error) {
    // Only `reason` and `mark` are used: `message` carries a snippet of the text.
    if (error instanceof YAMLException) {
      const where = error.mark === undefined ? '' : `:${error.mark.line + 1}:${error.mark.column + 1}`;
      return failed(`file ${file}${where}`, 'YAML', error.reason);
    }
    return failed(`file ${file}`, 'YAML', `the parser failed (${error instanceof Error ? error.name : typeof error})`);
  }
  if (documents.length === 0) return { ok: true, data: undefined };
  if (documents.length > 1) {
    return failed(`file ${file}${location(text, secondDocumentOffset(text))}`, 'YAML', `a config file holds one YAML document, this one holds ${documents.length}`);
  }
  // Without a `*` the text has no alias, and the data is a tree.
  const aliases = text.includes('*') ? aliasProblem(documents[0], text.length) : undefined;
  if (aliases !== undefined) return failed(`file ${file}`, 'YAML', aliases);
  return { ok: true, data: documents[0] };
}

/** Where the second document starts (its first node), for the message. */
function secondDocumentOffset(text: string): number {
  let documents = 0;
  let seenSecond = false;
  for (const event of parseEvents(text, { maxDepth: MAX_YAML_DEPTH })) {
    if (event.type === EVENT_ID.DOCUMENT) seenSecond = ++documents === 2;
    else if (seenSecond && (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE)) return event.start;
    else if (seenSecond && event.type === EVENT_ID.SCALAR) return event.valueStart;
  }
  return text.length;
}

/** `:line:column`, both 1-based, of a character offset. */
function location(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return `:${line}:${offset - lineStart + 1}`;
}

function failed(path: string, format: string, reason: string): ParsedConfigText {
  return { ok: false, issues: [{ path, value: undefined, expected: `valid ${format}`, message: `invalid ${format}: ${reason}` }] };
}

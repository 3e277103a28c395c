import { parseDocument } from 'yaml';
import type { ConfigIssue } from './config-error.js';
import { errorMessage } from './config-error.js';

/** The result of parsing a config file's text: the data, or the syntax problems. */
export type ParsedConfigText = { ok: true; data: unknown } | { ok: false; issues: ConfigIssue[] };

/** The file formats, by extension (lower-cased). */
export const CONFIG_FILE_FORMATS: Readonly<Record<string, 'json' | 'yaml'>> = { '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml' };

/**
 * Parses the text of a config file as JSON or YAML (1.2, so `yes` stays a string). A syntax error is
 * an issue at `file <path>:<line>:<column>` (editors open that form). An empty YAML file is an
 * empty config.
 */
export function parseConfigText(text: string, file: string, format: 'json' | 'yaml'): ParsedConfigText {
  return format === 'json' ? parseJson(text, file) : parseYaml(text, file);
}

function parseJson(text: string, file: string): ParsedConfigText {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, data: JSON.parse(body) as unknown };
  } catch (error) {
    const message = errorMessage(error);
    // V8 reports an offset ("at position 16"), sometimes also "(line 2 column 5)".
    const position = /at position (\d+)/.exec(message)?.[1];
    const offset = position === undefined ? (/end of JSON/i.test(message) ? body.length : undefined) : Number(position);
    const where = offset === undefined ? '' : location(body, offset);
    const reason = message.replace(/\s*in JSON at position \d+.*$/, '').replace(/\s*at position \d+.*$/, '');
    return { ok: false, issues: [syntaxIssue(`file ${file}${where}`, 'JSON', reason)] };
  }
}

function parseYaml(text: string, file: string): ParsedConfigText {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    const issues = document.errors.map((error) => syntaxIssue(`file ${file}${location(text, error.pos[0])}`, 'YAML', error.message.split('\n')[0] ?? error.code));
    return { ok: false, issues };
  }
  try {
    return { ok: true, data: document.toJS() as unknown };
  } catch (error) {
    // e.g. too many alias expansions.
    return { ok: false, issues: [syntaxIssue(`file ${file}`, 'YAML', errorMessage(error))] };
  }
}

/** `:line:column`, both 1-based, of a character offset. */
function location(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return `:${line}:${column}`;
}

function syntaxIssue(path: string, format: string, reason: string): ConfigIssue {
  return { path, value: undefined, expected: `valid ${format}`, message: `invalid ${format}: ${reason}` };
}
